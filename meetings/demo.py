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


MINUTES = [
    "Vi gennemgik de åbne aftaler. To er holdt, én er udskudt til næste møde.",
    "Oplægget gav anledning til en god dialog om, hvordan vi deler vores modeller i den fælles mappe.",
    "Øvelsen viste, at flere kolleger ved noget om lønrefusion. Vi laver en oversigt over hvem ved hvad.",
    "Læringscirklen er i gang med at analysere data. Vi mangler tal fra 3. kvartal.",
]
NOTES = [
    "God energi på mødet. Husk at booke praksisbesøg inden næste gang.",
    "Kort møde; vi nåede alle punkter.",
    "Vi prøvede den nye skabelon til før og efter mødet. Den virker.",
]
AFTER = [
    ("Gode spørgsmål fra alle; vi holdt tiden.", "Status på aftalerne om skabeloner."),
    ("Dialogen blev konkret, da vi brugte eksempler fra egne sager.", "Data fra budgetopfølgningen."),
    ("Vi talte for længe om ét punkt.", "Et kortere oplæg og mere sparring."),
]
PROPOSALS = [
    ("Ting vi kæmper med: årsafslutning i regnskabet", "Flere af os sidder alene med det."),
    ("Hvordan giver vi hinanden feedback på notater?", ""),
    ("Besøg hos Løn: hvordan gør de med lønrefusioner?", "Kan vi lære af deres tjekliste?"),
]


def _people_take_part(series, now) -> None:
    """Open topic proposals with support, and comments on the next meeting's agenda."""
    from .models import AgendaComment, TopicProposal
    from .services import participants

    people = list(participants(series)[:6])
    if len(people) < 2:
        return
    for i, (title, why) in enumerate(PROPOSALS[: 1 + series.pk % 3]):
        proposal = TopicProposal.objects.create(
            series=series, proposed_by=people[i % len(people)], title=title, description=why
        )
        proposal.supporters.set(people[i + 1 : i + 3])
    upcoming = Meeting.objects.filter(series=series, starts_at__gt=now).order_by("starts_at").first()
    item = upcoming.agenda_items.first() if upcoming else None
    if item:
        AgendaComment.objects.create(item=item, author=people[-1], text="Jeg tager gerne eksemplet fra i går med.")


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
        now = timezone.now()
        past = Meeting.objects.filter(series=series, starts_at__lt=now)
        for meeting in past:
            meeting.status = MeetingStatus.MINUTES_PUBLISHED
            meeting.agenda_circulated_at = meeting.starts_at - timedelta(days=5)
            meeting.minutes_published_at = meeting.ends_at + timedelta(days=1 + meeting.pk % 3)
            meeting.notes = NOTES[meeting.pk % len(NOTES)]
            meeting.after_answers = [
                {"question": q, "answer": a}
                for q, a in zip(series.after_questions, AFTER[meeting.pk % len(AFTER)], strict=False)
            ]
        Meeting.objects.bulk_update(
            past, ["status", "agenda_circulated_at", "minutes_published_at", "notes", "after_answers"]
        )
        recent = list(Meeting.objects.filter(series=series, starts_at__lt=now).order_by("-starts_at")[:8])
        coming = list(Meeting.objects.filter(series=series, starts_at__gte=now).order_by("starts_at")[:2])
        from .models import Attendance, AttendanceStatus
        from .services import participants

        people = list(participants(series))
        statuses = [AttendanceStatus.PRESENT] * 6 + [AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT]
        Attendance.objects.bulk_create(
            [
                Attendance(meeting=meeting, person=person, status=statuses[(meeting.pk + person.pk) % len(statuses)])
                for meeting in recent
                for person in people
            ]
        )
        for meeting in recent + coming:
            held = meeting.starts_at < now
            AgendaItem.objects.bulk_create(
                [
                    AgendaItem(
                        meeting=meeting,
                        position=i,
                        title=t,
                        kind=k,
                        duration_minutes=m,
                        minutes=MINUTES[(i + meeting.pk) % len(MINUTES)] if held else "",
                    )
                    for i, (t, k, m) in enumerate(AGENDA if kind == MeetingKind.SLF else AGENDA[:2], start=1)
                ]
            )
        _people_take_part(series, now)
    if stdout:
        stdout.write(f"Meetings: {Meeting.objects.count()}.")
