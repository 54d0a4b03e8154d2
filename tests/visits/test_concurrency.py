"""Twenty people race for one slot; the database lets exactly one win."""

import threading
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from offices.models import Role
from tests.factories import make_member
from visits import services
from visits.models import AvailabilityWindow, Visit, VisitParticipant, Weekday

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
