from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from visits.models import AvailabilityWindow, Weekday

TZ = ZoneInfo("Europe/Copenhagen")
#: Monday 2 March 2026, 08:00 in Copenhagen.
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def host_available(world):
    """a.resource_person hosts on Tuesdays 10–12 and Thursdays 13–14."""
    host = world.a.resource_person
    AvailabilityWindow.objects.create(person=host, weekday=Weekday.TUESDAY, start=time(10), end=time(12))
    AvailabilityWindow.objects.create(person=host, weekday=Weekday.THURSDAY, start=time(13), end=time(14))
    return host


def at(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=TZ)
