"""The series' rhythm as a sentence people say, in Danish and English (MeetingSeries.rhythm_text)."""

from datetime import time

import pytest
from django.utils import translation

from meetings.models import Frequency, MeetingSeries


def series(frequency, interval=1, weekday=1, week_of_month=1, day_of_month=1, start=time(9)):
    # Not saved: the sentence needs nothing from the database.
    return MeetingSeries(
        frequency=frequency,
        interval=interval,
        weekday=weekday,
        week_of_month=week_of_month,
        day_of_month=day_of_month,
        start_time=start,
    )


CASES = [
    # (series, Danish, English)
    (
        series(Frequency.MONTHLY_WEEKDAY, week_of_month=2, weekday=1),
        "anden tirsdag i hver måned kl. 9.00",
        "the second Tuesday of every month at 9:00",
    ),
    (
        series(Frequency.MONTHLY_WEEKDAY, week_of_month=-1, weekday=3, interval=3, start=time(13, 30)),
        "sidste torsdag hver 3. måned kl. 13.30",
        "the last Thursday of every 3 months at 13:30",
    ),
    (
        series(Frequency.MONTHLY_WEEKDAY, week_of_month=1, weekday=0, interval=2),
        "første mandag hver anden måned kl. 9.00",
        "the first Monday of every other month at 9:00",
    ),
    (
        series(Frequency.WEEKLY, interval=4, weekday=3),
        "hver 4. uge om torsdagen kl. 9.00",
        "every 4 weeks on Thursdays at 9:00",
    ),
    (series(Frequency.WEEKLY, interval=1, weekday=4), "hver fredag kl. 9.00", "every Friday at 9:00"),
    (series(Frequency.WEEKLY, interval=2, weekday=2), "hver anden onsdag kl. 9.00", "every other Wednesday at 9:00"),
    (
        series(Frequency.MONTHLY_DATE, day_of_month=15),
        "den 15. i hver måned kl. 9.00",
        "on day 15 of every month at 9:00",
    ),
    (
        series(Frequency.MONTHLY_DATE, day_of_month=31, interval=6, start=time(8, 5)),
        "den 31. hver 6. måned (den sidste dag i kortere måneder) kl. 8.05",
        "on day 31 of every 6 months (the last day in shorter months) at 8:05",
    ),
]


@pytest.mark.parametrize(("the_series", "danish", "english"), CASES)
def test_the_rhythm_reads_as_a_sentence_in_both_languages(the_series, danish, english):
    with translation.override("da"):
        assert the_series.rhythm_text() == danish
    with translation.override("en"):
        assert the_series.rhythm_text() == english


def test_the_series_page_says_the_rhythm_in_words(login, world):
    the_series = MeetingSeries.objects.create(
        office=world.a.office,
        title="SLF-møde",
        frequency=Frequency.MONTHLY_WEEKDAY,
        week_of_month=2,
        weekday=1,
        start_time=time(9),
        duration_minutes=90,
    )
    page = login(world.a.staff).get(the_series.get_absolute_url()).content.decode()
    assert "Anden tirsdag i hver måned kl. 9.00" in page and "90 minutter" in page
    assert "n-te" not in page and "hver N" not in page
