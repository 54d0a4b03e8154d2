"""Demo: Kalundborg's "Ledelse sammen" in the demo municipality. Idempotent (a second run adds nothing).

The municipal director's secretariat ("Direktionssekretariatet" in a new administration "Borgmesterens Afdeling")
owns the programme, with forvaltningschef@slf.example as named lead. About 24 leaders take part: the office chiefs
and section leaders of the demo offices (kontorchef and sektionsleder among them), the head of Økonomi og
Administration, and the fictional leaders of a new administration "Sundhed og Omsorg" (two offices). Four themes,
three bootcamp days (two held, one coming), four groups made by the group builder, evaluations of the held days,
and a few visits and a meeting since the programme started, so "new working relations" has something to count.
"""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from psycopg.types.range import TimestamptzRange

from meetings.models import Attendance, AttendanceStatus, Frequency, Meeting, MeetingSeries, MeetingStatus
from offices.demo import _person, email_for
from offices.models import Administration, AdministrationLeader, Membership, Office, Role, Section
from programmes.models import Group, GroupMember, Level, Participant, Programme, ProgrammeKind, Theme
from visits.models import Visit, VisitParticipant

from . import builder
from .models import BootcampDay, Evaluation

TZ = ZoneInfo("Europe/Copenhagen")
SLUG = "ledelse-sammen"

THEMES = [
    ("Sammenhængende borgerforløb", "Borgeren oplever én kommune, også når sagen går på tværs af forvaltninger."),
    ("Rekruttering og fastholdelse", "Hvordan tiltrækker og fastholder vi medarbejdere og ledere i alle områder?"),
    ("Digitalisering i hverdagen", "Digitale løsninger, der letter hverdagen for borgere og medarbejdere."),
    ("Tillid frem for kontrol", "Færre interne regler og mere tillid – hvor holder kontrollen os tilbage?"),
]

#: The new administration's offices and their fictional leaders: (name, level, role).
HEALTH = {
    ("hjemmepleje-og-rehabilitering", "Hjemmepleje og Rehabilitering"): [
        ("Gitte Skovbo Lund", Role.OFFICE_CHIEF),
        ("Kim Aagaard", Role.SECTION_LEADER),
        ("Hanne Brix Møller", Role.SECTION_LEADER),
        ("Tobias Rahbek", Role.SECTION_LEADER),
    ],
    ("sundhed-og-forebyggelse", "Sundhed og Forebyggelse"): [
        ("Lene Kastrup Hviid", Role.OFFICE_CHIEF),
        ("Jonas Ravnkilde", Role.SECTION_LEADER),
        ("Merete Gravgaard", Role.SECTION_LEADER),
    ],
}
HEALTH_HEAD = "Birgitte Lykke Overby"
SECRETARIAT_CHIEF = "Jan Lysholt Thomsen"

AGENDAS = [
    "9.00 Velkomst ved kommunaldirektøren\n9.30 De fire temaer: hvorfor netop dem?\n10.30 Grupperne mødes første "
    "gang: hvad er den komplekse udfordring?\n13.00 Barrierer: regler og lov eller kultur og tankesæt?\n"
    "15.00 Opsamling",
    "9.00 Siden sidst\n9.30 Borgerrejsen: vi går borgerens vej\n12.30 Hvor brister forløbet?\n"
    "14.00 Fra indsigt til initiativer\n15.00 Opsamling og aftaler",
    "9.00 Grupperne fremlægger deres initiativer\n11.00 Hvad har vi lært på tværs?\n13.00 Næste skridt og "
    "opfølgning\n14.30 Afslutning ved direktionen",
]
TAKEAWAYS = [
    "At kultur kan vi selv ændre – det gør barriererne mindre.",
    "Et telefonnummer til en kollega i Sundhed og Omsorg, som jeg kommer til at bruge.",
    "Borgerrejsen som metode til vores eget team.",
    "At vi har de samme udfordringer med rekruttering på tværs af områderne.",
    "",
    "Mod på at invitere andre ledere ind i vores ledelsesrum.",
    "",
]


def _leader(full_name, office, role, section=None):
    person = _person(email_for(full_name), full_name)
    Membership.objects.get_or_create(person=person, office=office, defaults={"role": role, "section": section})
    return person


def _organisation():
    """The two new administrations, their offices and their leaders (idempotent)."""
    mayor, _ = Administration.objects.get_or_create(
        slug="borgmesterens-afdeling", defaults={"name": "Borgmesterens Afdeling", "municipality": "Aarhus Kommune"}
    )
    secretariat, _ = Office.objects.get_or_create(
        slug="direktionssekretariatet",
        defaults={
            "administration": mayor,
            "name": "Direktionssekretariatet",
            "address": "Rådhuspladsen 2, 8000 Aarhus C",
        },
    )
    _leader(SECRETARIAT_CHIEF, secretariat, Role.OFFICE_CHIEF)
    health, _ = Administration.objects.get_or_create(
        slug="sundhed-og-omsorg", defaults={"name": "Sundhed og Omsorg", "municipality": "Aarhus Kommune"}
    )
    head = _person(email_for(HEALTH_HEAD), HEALTH_HEAD)
    AdministrationLeader.objects.get_or_create(person=head, administration=health)
    offices = []
    for (slug, name), leaders in HEALTH.items():
        office, _ = Office.objects.get_or_create(
            slug=slug, defaults={"administration": health, "name": name, "address": "Værkmestergade 2, 8000 Aarhus C"}
        )
        people = []
        for n, (full_name, role) in enumerate(leaders):
            section = None
            if role == Role.SECTION_LEADER:
                section, _ = Section.objects.get_or_create(office=office, name=f"Team {n}")
            people.append((_leader(full_name, office, role, section), role))
        offices.append((office, people))
    return secretariat, head, offices


LEVEL_OF_ROLE = {Role.OFFICE_CHIEF: Level.SENIOR, Role.SECTION_LEADER: Level.FIRST_LINE}


def _participants(programme, secretariat, head, health_offices):
    """The office chief and up to three section leaders of each demo office (Budget og Regnskab: kontorchef,
    sektionsleder and one more, with the head of its administration), the secretariat's chief, and the leaders of
    Sundhed og Omsorg: no office has more participants than there are groups, so the builder can keep them apart."""
    demo_offices = ["budget-og-regnskab", "personale", "digitalisering-og-data", "skoleudvikling"]
    leaders = (
        Membership.objects.filter(office__slug__in=demo_offices, role__in=[Role.OFFICE_CHIEF, Role.SECTION_LEADER])
        .select_related("person", "office")
        .order_by("office__slug", "role", "person__full_name")
    )
    sektionsleder = email_for("sektionsleder")
    wanted, taken = [], {}
    for m in sorted(leaders, key=lambda m: (m.office.slug, m.role, m.person.email != sektionsleder)):
        limit = 3 if m.office.slug == "budget-og-regnskab" else 4
        if taken.get(m.office_id, 0) < limit:
            taken[m.office_id] = taken.get(m.office_id, 0) + 1
            wanted.append((m.person, m.office, LEVEL_OF_ROLE[m.role]))
    forvaltningschef = _person(email_for("forvaltningschef"), "Henrik Bech Søgaard")
    budget = Office.objects.filter(slug="budget-og-regnskab").first()
    wanted.append((forvaltningschef, budget, Level.EXECUTIVE))
    wanted.append((_person(email_for(SECRETARIAT_CHIEF), SECRETARIAT_CHIEF), secretariat, Level.EXECUTIVE))
    wanted.append((head, health_offices[-1][0], Level.EXECUTIVE))
    for office, people in health_offices:
        wanted += [(person, office, LEVEL_OF_ROLE[role]) for person, role in people]
    joined_on = programme.starts_on
    for person, office, level in wanted:
        Participant.objects.get_or_create(
            programme=programme, person=person, defaults={"office": office, "level": level, "joined_on": joined_on}
        )


def _groups(programme, themes):
    """Four groups made by the group builder, the themes in turn."""
    if Group.objects.filter(programme=programme).exists():
        return
    facts = builder.facts(programme)
    for number, people in enumerate(builder.propose(facts.people, facts.known, 4), start=1):
        group = Group.objects.create(programme=programme, name=f"Gruppe {number}", theme=themes[(number - 1) % 4])
        GroupMember.objects.bulk_create([GroupMember(group=group, participant_id=p.id) for p in people])


def _evaluations(days, participants, rng):
    for day in days:
        if Evaluation.objects.filter(day=day).exists():
            continue
        for participant in participants:
            if rng.random() < 0.2:
                continue  # not everybody answers
            Evaluation.objects.create(
                day=day,
                participant=participant,
                new_knowledge=rng.choice([3, 4, 4, 5, 5]),
                new_colleagues=rng.choice([4, 5, 5, 5, 3]),
                takeaway=rng.choice(TAKEAWAYS),
            )


def _afterwards(programme, secretariat, participants, now):
    """Visits and a leaders' network meeting since the programme started (idempotent by the series' title)."""
    title = "Ledernetværk på tværs"
    if MeetingSeries.objects.filter(office=secretariat, title=title).exists():
        return
    series = MeetingSeries.objects.create(
        office=secretariat,
        title=title,
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=2,
        start_date=programme.starts_on + timedelta(days=30),
        start_time=time(14),
        duration_minutes=90,
        description="Lederne fra bootcampforløbet mødes og bruger hinanden på tværs.",
    )
    start = datetime.combine(timezone.localdate(now) - timedelta(days=10), time(14), TZ)
    meeting = Meeting.objects.create(
        series=series,
        title="Ledernetværk: erfaringer efter bootcamp 2",
        starts_at=start,
        ends_at=start + timedelta(minutes=90),
        status=MeetingStatus.HELD,
        location="Rådhuset, mødelokale 3",
    )
    present = [p.person for p in participants[::3]]
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, person=person, status=AttendanceStatus.PRESENT) for person in present]
    )
    # Leaders of different offices visit each other.
    pairs = list(zip(participants[1::4], participants[2::4], strict=False))[:5]
    for n, (host, visitor) in enumerate(pairs):
        if host.office_id == visitor.office_id or host.office is None:
            continue
        begin = datetime.combine(timezone.localdate(now) - timedelta(days=5 + 2 * n), time(15, 30), TZ)
        during = TimestamptzRange(begin, begin + timedelta(minutes=30))
        visit = Visit.objects.create(
            office=host.office,
            host=host.person,
            visitor=visitor.person,
            during=during,
            topic="Hvordan I arbejder med det, vi talte om på bootcampen",
        )
        VisitParticipant.objects.bulk_create(
            [
                VisitParticipant(visit=visit, person=host.person, during=during),
                VisitParticipant(visit=visit, person=visitor.person, during=during),
            ]
        )


@transaction.atomic
def seed(stdout=None) -> None:
    rng = random.Random(2020)
    now = timezone.now()
    today = timezone.localdate(now)
    secretariat, head, health_offices = _organisation()
    programme, _ = Programme.objects.get_or_create(
        slug=SLUG,
        defaults={
            "kind": ProgrammeKind.BOOTCAMP,
            "name": "Ledelse sammen",
            "owner_office": secretariat,
            "description": (
                "Lederudviklingsprogram for hele ledelseskæden – på tværs af niveauer og områder. Bootcampdage med "
                "fire strategiske temaer valgt af direktionen, hvor grupperne arbejder med komplekse udfordringer, "
                "der ikke kan løses i den daglige drift."
            ),
            "starts_on": today - timedelta(days=75),
            "ends_on": today + timedelta(days=120),
        },
    )
    forvaltningschef = _person(email_for("forvaltningschef"), "Henrik Bech Søgaard")
    programme.leads.add(forvaltningschef)
    themes = []
    for position, (name, description) in enumerate(THEMES, start=1):
        theme, _ = Theme.objects.get_or_create(
            programme=programme, name=name, defaults={"description": description, "position": position}
        )
        themes.append(theme)
    _participants(programme, secretariat, head, health_offices)
    if not BootcampDay.objects.filter(programme=programme).exists():
        for offset, place, agenda in zip(
            (-60, -20, 25), ("Musikhuset, Store Sal", "Rådhuset, Byrådssalen", "Godsbanen, Hal 1"), AGENDAS, strict=True
        ):
            BootcampDay.objects.create(
                programme=programme,
                date=today + timedelta(days=offset),
                starts_at=time(9),
                ends_at=time(15, 30),
                place=place,
                agenda=agenda,
            )
    _groups(programme, themes)
    participants = list(
        Participant.objects.filter(programme=programme).select_related("person", "office").order_by("person__full_name")
    )
    held = [d for d in BootcampDay.objects.filter(programme=programme) if d.date < today]
    _evaluations(held, participants, rng)
    _afterwards(programme, secretariat, participants, now)
    try:  # bootcamp-work's part: the groups' problems, barriers, journey maps and initiatives
        from .demo_work import seed_work
    except ImportError:  # pragma: no cover - until that part is there
        seed_work = None
    if seed_work is not None:
        seed_work(stdout)
    if stdout:
        stdout.write(
            f"Bootcamp: {programme.name}, {len(participants)} participants, "
            f"{Group.objects.filter(programme=programme).count()} groups."
        )
