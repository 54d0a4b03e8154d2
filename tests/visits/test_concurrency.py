"""Twenty people race for one slot; the database lets exactly one win."""

import threading
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from offices.models import Role
from tests.factories import make_member
from visits import services
from visits.models import AvailabilityWindow, Visit, VisitParticipant, VisitSettings, Weekday

TZ = ZoneInfo("Europe/Copenhagen")


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_bookings_of_one_slot_give_exactly_one_visit(world):
    host = world.a.chief
    AvailabilityWindow.objects.create(person=host, weekday=Weekday.TUESDAY, start=time(10), end=time(11))
    visitors = [make_member(world.a.office, Role.STAFF) for _ in range(20)]
    slot = datetime(2026, 3, 3, 10, tzinfo=TZ)
    barrier = threading.Barrier(len(visitors))
    results = []

    def book(visitor):
        try:
            barrier.wait()
            services.book_visit(host, visitor, slot, "samme tid", now=datetime(2026, 3, 2, 8, tzinfo=TZ))
            results.append("booked")
        except services.SlotTaken:
            results.append("taken")
        except services.BookingError as error:  # the slot vanished from the free list first
            results.append(f"refused: {error}")
        finally:
            connection.close()

    with time_machine.travel(datetime(2026, 3, 2, 8, tzinfo=TZ), tick=False):
        threads = [threading.Thread(target=book, args=(v,)) for v in visitors]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    assert results.count("booked") == 1
    assert len(results) == 20
    assert all(r == "taken" for r in results if r != "booked"), results
    assert Visit.objects.count() == 1
    assert VisitParticipant.objects.count() == 2  # no orphans


def _race(host, visitors, starts, now):
    """Each visitor books their own start at the same moment, on their own connection; returns the outcomes."""
    barrier = threading.Barrier(len(visitors))
    results = []

    def book(visitor, start):
        try:
            barrier.wait()
            services.book_visit(host, visitor, start, "hver sin tid", now=now)
            results.append("booked")
        except services.SlotTaken:
            results.append("taken")
        except services.BookingError:
            results.append("refused")
        except Exception as error:  # anything else would be a 500 in the view
            results.append(f"error: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=pair) for pair in zip(visitors, starts, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_monthly_cap_holds_when_twenty_people_book_different_slots_at_once(world):
    """Twenty visitors, twenty different free slots of one month, a host who hosts at most two a month:
    the host's row is locked while the month is counted, so exactly two visits are stored, every round."""
    host = world.a.chief
    VisitSettings.objects.create(office=world.a.office, monthly_cap=2)
    AvailabilityWindow.objects.create(person=host, weekday=Weekday.TUESDAY, start=time(9), end=time(14))
    now = datetime(2026, 3, 2, 8, tzinfo=TZ)
    # Ten half-hour slots on each of two Tuesdays in March.
    starts = [datetime(2026, 3, day, 9, tzinfo=TZ) + timedelta(minutes=30 * i) for day in (3, 10) for i in range(10)]
    rounds = []
    with time_machine.travel(now, tick=False):
        for _round in range(5):
            visitors = [make_member(world.a.office, Role.STAFF) for _ in starts]
            results = _race(host, visitors, starts, now)
            rounds.append(results)
            assert results.count("booked") == 2, results
            assert results.count("refused") == 18, results  # the cap's message, never a 500-style error
            assert Visit.objects.active().filter(host=host).count() == 2
            Visit.objects.all().delete()
    assert all(len(r) == 20 for r in rounds)
