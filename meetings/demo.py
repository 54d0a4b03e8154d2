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


# The meeting in progress today --------------------------------------------------------------------------------
#
# A new user signs in and finds the SLF meeting of Budget og Regnskab in progress today: five items with clock
# times, minutes on the first two, agreements from earlier meetings and the logbook to follow up (one overdue from
# the office meeting, another series), a topic carried on from last time with its open agreement, and nobody's
# attendance recorded yet ("Everyone present" is the first thing to try). It is an ad hoc meeting of the series
# with a fixed title. "Today" stays true: every start of `manage.py demo` runs `manage.py demo_today`
# (keep_today below), which moves it to the current day and hour while it is still in progress, or, once someone
# ended it or published its minutes, leaves that record alone and sets up a fresh one for today.

TODAY_SERIES = "SLF-møde i Budget og Regnskab"
TODAY_TITLE = "SLF-møde (i gang i dag)"
TODAY_AGENDA = [
    ("Velkomst og dagsorden", "information", 10, "Velkommen til de nye kolleger. Vi holder tiden."),
    ("Opfølgning på aftaler", "follow_up", 20, "De åbne og forfaldne aftaler: holdt, justeret eller droppet?"),
    ("Fælles mappe til budgetmodeller", "dialogue", 25, "Fra sidste møde: hvordan samler vi modellerne ét sted?"),
    ("Øvelse: hvem ved hvad om lønrefusion?", "exercise", 20, "Vi tegner et kort over, hvem der ved hvad."),
    ("Næste møde og evaluering", "dialogue", 15, "Hvad tager vi med til næste gang?"),
]
TODAY_MINUTES = [
    "Alle er velkomne. Dagsordenen blev godkendt uden ændringer.",
    "Vi gennemgik aftalerne fra sidste møde. Skabelonen til referater er i brug i to sektioner.",
]


def _today_start(now):
    """A quarter of an hour before the current quarter: the countdown runs in the second item."""
    local = timezone.localtime(now)
    floored = local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return max(floored - timedelta(minutes=15), midnight)


def keep_today(stdout=None, now=None):
    """Make sure the demo's meeting in progress is today (see the note above). Returns the meeting or None."""
    from logbook.models import Entry

    series = MeetingSeries.objects.filter(title=TODAY_SERIES).first()
    if series is None:
        return None
    now = now or timezone.now()
    meeting = Meeting.objects.filter(series=series, title=TODAY_TITLE).order_by("-starts_at").first()
    if meeting is not None and meeting.status == MeetingStatus.IN_PROGRESS:
        starts = _today_start(now)
        if timezone.localtime(meeting.starts_at).date() != timezone.localtime(now).date():
            with transaction.atomic():
                length = meeting.ends_at - meeting.starts_at
                Meeting.objects.filter(pk=meeting.pk).update(
                    starts_at=starts, ends_at=starts + length, started_at=starts, sequence=meeting.sequence + 1
                )
                # Agreements made at it keep their due dates but are dated the day of the meeting again.
                for entry in Entry.objects.filter(meeting=meeting):
                    if entry.due_date is None or entry.due_date >= starts.date():
                        Entry.objects.filter(pk=entry.pk).update(date=starts.date())
            meeting.refresh_from_db()
        if stdout:
            stdout.write(f"The demo meeting in progress is today at {timezone.localtime(meeting.starts_at):%H:%M}.")
        return meeting
    meeting = _seed_today(series, now)
    if stdout and meeting:
        stdout.write(f"A demo meeting in progress today at {timezone.localtime(meeting.starts_at):%H:%M}.")
    return meeting


@transaction.atomic
def _seed_today(series, now):
    from logbook.models import AgreementStatus, Entry, EntryKind

    from .services import participants

    people = list(participants(series))
    leader = next((p for p in people if p.email.startswith("ressourceperson")), people[0] if people else None)
    if leader is None:
        return None
    starts = _today_start(now)
    meeting = Meeting.objects.create(
        series=series,
        title=TODAY_TITLE,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=sum(m for _t, _k, m, _d in TODAY_AGENDA)),
        location=series.location,
        status=MeetingStatus.IN_PROGRESS,
        agenda_circulated_at=starts - timedelta(days=6),
        agenda_circulated_by=leader,
        started_at=starts,
        started_by=leader,
    )
    earlier = (
        Meeting.objects.filter(series=series, starts_at__lt=starts, status=MeetingStatus.MINUTES_PUBLISHED)
        .order_by("-starts_at")
        .first()
    )
    earlier_item = earlier.agenda_items.order_by("position").last() if earlier else None
    if earlier_item is not None:
        AgendaItem.objects.filter(pk=earlier_item.pk).update(title=TODAY_AGENDA[2][0], moved_on=True)
    items = []
    for position, (title, kind, minutes, description) in enumerate(TODAY_AGENDA, start=1):
        items.append(
            AgendaItem.objects.create(
                meeting=meeting,
                position=position,
                title=title,
                kind=kind,
                duration_minutes=minutes,
                description=description,
                presenter=leader if position in (1, 2) else None,
                minutes=TODAY_MINUTES[position - 1] if position <= len(TODAY_MINUTES) else "",
                minutes_version=1 if position <= len(TODAY_MINUTES) else 0,
                carried_from=earlier_item if position == 3 else None,
            )
        )
    office = series.office
    today = timezone.localtime(starts).date()
    colleagues = [p for p in people if p.pk != leader.pk] or [leader]

    def agreement(title, made, due, meeting=None, item=None, who=None):
        entry = Entry.objects.create(
            office=office,
            kind=EntryKind.AGREEMENT,
            title=title,
            text="",
            author=leader,
            date=made,
            due_date=due,
            status=AgreementStatus.OPEN,
            meeting=meeting,
            agenda_item=item,
        )
        entry.responsible.set(who or colleagues[:1])
        return entry

    if earlier is not None:
        made = timezone.localtime(earlier.starts_at).date()
        agreement("Modellerne flyttes til den fælles mappe", made, today + timedelta(days=7), earlier, earlier_item)
        agreement("Skabelonen til referater afprøves i alle sektioner", made, today, earlier, None, colleagues[1:3])
    office_meeting = (
        Meeting.objects.filter(series__office=office, starts_at__lt=starts)
        .exclude(series=series)
        .order_by("-starts_at")
        .first()
    )
    if office_meeting is not None:  # overdue, from another series: Follow-up brings it back here
        made = timezone.localtime(office_meeting.starts_at).date()
        due = max(made, today - timedelta(days=5))
        agreement("Tjekliste til årsafslutning sendes rundt", made, due, office_meeting)
    agreement("Oversigt over hvem ved hvad i Regnskab", today - timedelta(days=30), today - timedelta(days=2))
    # What was already agreed today, at the follow-up item.
    Entry.objects.create(
        office=office,
        kind=EntryKind.DECISION,
        title="Opfølgning på aftaler er første punkt på hvert SLF-møde",
        author=leader,
        date=today,
        meeting=meeting,
        agenda_item=items[1],
    )
    agreement("Dagsordenen sendes ud en uge før", today, today + timedelta(days=21), meeting, items[1], [leader])
    return meeting


def seed_today(stdout=None) -> None:
    """The demo seeder (after the logbook's, so its entries are seeded first): the meeting in progress today."""
    if not Meeting.objects.filter(title=TODAY_TITLE).exists():
        keep_today(stdout)
