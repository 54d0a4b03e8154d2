"""Demo meeting series in the rhythms of the seeds, with past meetings held. Idempotent."""

from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from offices.models import Administration, Office

from . import rhythm
from .models import AgendaItem, Frequency, Meeting, MeetingKind, MeetingSeries, MeetingStatus

SERIES = [
    (
        "budget-og-regnskab",
        None,
        MeetingKind.SLF,
        "SLF-møde i Budget og Regnskab",
        Frequency.MONTHLY_WEEKDAY,
        1,
        3,
        1,
        time(9),
        90,
        "Mødelokale 2, Grøndalsvej 2",
    ),
    (
        "budget-og-regnskab",
        None,
        MeetingKind.OFFICE,
        "Kontormøde i Budget og Regnskab",
        Frequency.MONTHLY_WEEKDAY,
        1,
        1,
        2,
        time(10),
        60,
        "Kantinen",
    ),
    (
        "personale",
        None,
        MeetingKind.THURSDAY,
        "Torsdagsmøde i Personale",
        Frequency.WEEKLY,
        1,
        3,
        1,
        time(14),
        45,
        "Mødelokale 4",
    ),
    (
        "personale",
        None,
        MeetingKind.OFFICE,
        "Kontormøde i Personale",
        Frequency.WEEKLY,
        4,
        1,
        1,
        time(9),
        60,
        "Kantinen",
    ),
    (
        None,
        "okonomi-og-administration",
        MeetingKind.CROSS_OFFICE,
        "Tværgående møde om læringsfællesskaber",
        Frequency.MONTHLY_WEEKDAY,
        2,
        2,
        2,
        time(13),
        120,
        "Store mødesal",
    ),
    (
        None,
        "okonomi-og-administration",
        MeetingKind.CAFE,
        "Cafémøde",
        Frequency.MONTHLY_WEEKDAY,
        3,
        1,
        3,
        time(14),
        90,
        "Kantinen",
    ),
]
AGENDA = [
    ("Opfølgning på aftaler", "follow_up", 15),
    ("Oplæg: åben praksis i Personale", "talk", 20),
    ("Øvelse: hvem ved hvad?", "exercise", 25),
    ("Læringscirklen: status", "dialogue", 20),
]


@transaction.atomic
def seed(stdout=None) -> None:
    today = timezone.localdate()
    start = date(today.year, today.month, 1) - timedelta(days=120)
    for office_slug, admin_slug, kind, title, freq, interval, wd, wom, at, minutes, where in SERIES:
        office = Office.objects.filter(slug=office_slug).first() if office_slug else None
        administration = Administration.objects.filter(slug=admin_slug).first() if admin_slug else None
        if not (office or administration):
            continue
        series, created = MeetingSeries.objects.get_or_create(
            title=title,
            defaults={
                "office": office,
                "administration": administration,
                "kind": kind,
                "frequency": freq,
                "interval": interval,
                "weekday": wd,
                "week_of_month": wom,
                "start_date": start,
                "start_time": at,
                "duration_minutes": minutes,
                "location": where,
            },
        )
        if not created:
            continue
        rhythm.generate(series, today=start, months=10)
        Meeting.objects.filter(series=series, starts_at__lt=timezone.now()).update(
            status=MeetingStatus.MINUTES_PUBLISHED
        )
        for meeting in Meeting.objects.filter(series=series).order_by("starts_at")[:12]:
            AgendaItem.objects.bulk_create(
                [
                    AgendaItem(meeting=meeting, position=i, title=t, kind=k, duration_minutes=m)
                    for i, (t, k, m) in enumerate(AGENDA if kind == MeetingKind.SLF else AGENDA[:2], start=1)
                ]
            )
    if stdout:
        stdout.write(f"Meetings: {Meeting.objects.count()}.")
