"""Build a municipal-scale data set for the benchmark, fast and reproducible.

    SLF_DATABASE=slf_scale uv run manage.py seed_scale            # 40 offices, 10,000 people, 500,000 entries ...
    SLF_DATABASE=slf_scale uv run manage.py seed_scale --factor 0.1  # a tenth of everything, for a quick look
    SLF_DATABASE=slf_scale2 uv run manage.py seed_scale --history 2  # twice the history (20 years), same people

Run it against its own database (``SLF_DATABASE`` names a database on the embedded server; or point
``DATABASE_URL`` elsewhere). The small tables go through the ORM; the large ones (agenda items,
logbook entries, visits) through PostgreSQL ``COPY``. Triggers (history, foreign keys) are switched off
for the loading session only (``session_replication_role = replica``), so the data must be, and is,
consistent by construction; constraints such as the visits' exclusion constraint still hold. The same
``--seed`` gives the same data.
"""

import random
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from psycopg.types.range import Range

from accounts.models import User
from logbook.models import CirclePhase, DataPoint, LearningCircle, Measure
from meetings import rhythm
from meetings.models import Frequency, Meeting, MeetingSeries
from offices.models import Administration, AdministrationLeader, Heading, Membership, Office, Section
from scale.text import sentence as _sentence

TZ = ZoneInfo("Europe/Copenhagen")
PASSWORD = "slf-scale-2026"  # noqa: S105 - a benchmark data set, never production

FIRST = [
    "Anne",
    "Bo",
    "Carla",
    "Dan",
    "Eva",
    "Finn",
    "Gitte",
    "Hans",
    "Ida",
    "Jens",
    "Karen",
    "Lars",
    "Mette",
    "Niels",
    "Ole",
    "Pia",
    "Rasmus",
    "Sara",
    "Tom",
    "Ulla",
]
LAST = [
    "Andersen",
    "Bech",
    "Dahl",
    "Esbensen",
    "Friis",
    "Gram",
    "Holm",
    "Juhl",
    "Krogh",
    "Lund",
    "Møller",
    "Nørgaard",
    "Olsen",
    "Post",
    "Rask",
    "Storm",
]
HEADINGS = ["Åben praksis", "Reflekterende dialoger og feedback", "Systematik i opgaveløsningen"]


class Command(BaseCommand):
    help = "Build a municipal-scale data set (run against its own database, e.g. SLF_DATABASE=slf_scale)."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=1.0, help="scale every count (default 1.0)")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument(
            "--history",
            type=float,
            default=1.0,
            help="times as much history: --years and the dated rows (entries, visits) multiplied, people and offices"
            " as they are (--history 2: 20 years, 1,000,000 entries, 400,000 visits; for the growth benchmark)",
        )
        parser.add_argument("--force", action="store_true", help="add to a database that already has offices")

    def handle(self, *args, factor, seed, years, history, force, **options):
        call_command("migrate", verbosity=0)
        if Office.objects.exists() and not force:
            raise CommandError("The database already has offices. Use an empty database (SLF_DATABASE=...) or --force.")
        self.rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
        self.factor = factor
        self.history = history
        self.today = date.today()
        self.first_day = self.today - timedelta(days=round(365 * years * history))
        started = time.monotonic()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            self._step("offices and people", self._people)
            self._step("meetings", self._meetings)
            self._step("agenda items", self._agenda)
            self._step("logbook entries", self._entries)
            self._step("visits", self._visits)
            self._step("learning circles", self._circles)
        self._step("analyze", self._analyze)
        self._step("progress summaries", self._summaries)
        self.stdout.write(
            self.style.SUCCESS(f"Done in {time.monotonic() - started:.0f} s. Password for all: {PASSWORD}")
        )

    def _summaries(self):
        # The loading session had the triggers off: the progress summaries are built from the rows at once.
        from progress import summaries

        summaries.rebuild()

    def _analyze(self):
        with connection.cursor() as cursor:
            # As autovacuum would: visibility maps for index-only scans (not possible inside a transaction,
            # as in the test of this command).
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")

    def n(self, count):
        return max(1, int(count * self.factor))

    def _step(self, label, function):
        started = time.monotonic()
        result = function()
        self.stdout.write(f"{label:<20} {result or '':>12} rows  {time.monotonic() - started:6.1f} s")

    def _copy(self, table, columns, rows):
        with (
            connection.cursor() as cursor,
            cursor.connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            count = 0
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    # --- people ---------------------------------------------------------------------------------
    def _people(self):
        administrations = Administration.objects.bulk_create(
            [
                Administration(name=f"Forvaltning {i + 1}", slug=f"forvaltning-{i + 1}", municipality="Skalaby Kommune")
                for i in range(4)
            ]
        )
        offices = Office.objects.bulk_create(
            [
                Office(
                    administration=administrations[i % 4],
                    name=f"Kontor {i + 1}",
                    slug=f"kontor-{i + 1}",
                    address="Rådhuset",
                    description="",
                )
                for i in range(self.n(40) if self.factor < 1 else 40)
            ]
        )
        self.offices = offices
        Heading.objects.bulk_create(
            [
                Heading(office=o, name=name, description="", position=p)
                for o in offices
                for p, name in enumerate(HEADINGS, 1)
            ]
        )
        sections = Section.objects.bulk_create(
            [Section(office=o, name=f"Team {s + 1}") for o in offices for s in range(5)]
        )
        password = make_password(PASSWORD)
        people = self.n(10000)
        users = User.objects.bulk_create(
            [
                User(
                    email=f"person{i}@scale.example",
                    full_name=f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}",
                    initials=f"P{i}",
                    password=password,
                )
                for i in range(people)
            ],
            batch_size=2000,
        )
        per_office = len(users) // len(offices)
        memberships, self.members = [], {}
        for index, office in enumerate(offices):
            staff = users[index * per_office : (index + 1) * per_office]
            self.members[office.pk] = staff
            office_sections = sections[index * 5 : index * 5 + 5]
            for j, person in enumerate(staff):
                role = (
                    "office_chief" if j == 0 else "resource_person" if j < 3 else "section_leader" if j < 8 else "staff"
                )
                section = None if j == 0 else office_sections[j % 5]
                memberships.append(Membership(person=person, office=office, section=section, role=role, title=""))
        Membership.objects.bulk_create(memberships, batch_size=5000)
        heads = User.objects.bulk_create(
            [
                User(
                    email=f"head{i + 1}@scale.example",
                    full_name=f"Direktør {i + 1}",
                    initials=f"D{i + 1}",
                    password=password,
                )
                for i in range(4)
            ]
        )
        AdministrationLeader.objects.bulk_create(
            [AdministrationLeader(person=h, administration=a) for h, a in zip(heads, administrations, strict=True)]
        )
        self.headings = {}
        for heading in Heading.objects.filter(office__in=offices):
            self.headings.setdefault(heading.office_id, []).append(heading.pk)
        return len(users) + len(memberships)

    # --- meetings -------------------------------------------------------------------------------
    def _meetings(self):
        series = []
        for office in self.offices:
            series.append(
                MeetingSeries(
                    office=office,
                    title="SLF-møde",
                    frequency=Frequency.MONTHLY_WEEKDAY,
                    interval=1,
                    weekday=3,
                    week_of_month=2,
                    start_date=self.first_day,
                    start_time=dtime(9),
                    duration_minutes=90,
                    participant_roles=["resource_person", "section_leader", "office_chief"],
                )
            )
            series.append(
                MeetingSeries(
                    office=office,
                    title="Kontormøde",
                    kind="office",
                    frequency=Frequency.WEEKLY,
                    interval=4,
                    weekday=0,
                    start_date=self.first_day,
                    start_time=dtime(13),
                    duration_minutes=60,
                )
            )
        MeetingSeries.objects.bulk_create(series)
        horizon = self.today + timedelta(days=90)
        meetings = [
            Meeting(
                series=s,
                starts_at=start,
                ends_at=start + timedelta(minutes=s.duration_minutes),
                location="",
                scheduled_for=start.date(),
                status="minutes_published" if start.date() < self.today else "planned",
                agenda_circulated_at=start - timedelta(days=5) if start.date() < self.today else None,
                minutes_published_at=start + timedelta(days=1) if start.date() < self.today else None,
            )
            for s in series
            for start in rhythm.dates_between(s, self.first_day, horizon)
        ]
        Meeting.objects.bulk_create(meetings, batch_size=5000)
        self.meetings = list(
            Meeting.objects.filter(series__in=series).values_list("pk", "series__office_id", "starts_at")
        )
        return len(self.meetings)

    def _agenda(self):
        rng = self.rng
        kinds = ["talk", "exercise", "dialogue", "decision", "information", "sparring", "follow_up"]

        def rows():
            for pk, _office, starts in self.meetings:
                held = starts.date() < self.today
                for position in range(1, 5):
                    yield (
                        pk,
                        position,
                        _sentence(rng, 4)[:150],
                        _sentence(rng, 12),
                        rng.choice(kinds),
                        15,
                        _sentence(rng, 25) if held else "",
                        1 if held else 0,
                        0,
                        False,
                    )

        return self._copy(
            "meetings_agendaitem",
            [
                "meeting_id",
                "position",
                "title",
                "description",
                "kind",
                "duration_minutes",
                "minutes",
                "minutes_version",
                "version",
                "moved_on",
            ],
            rows(),
        )

    # --- logbook --------------------------------------------------------------------------------
    def _entries(self):
        rng = self.rng
        total = self.n(500_000 * self.history)
        offices = [o.pk for o in self.offices]
        meetings_by_office = {}
        for pk, office, starts in self.meetings:
            if starts.date() < self.today:
                meetings_by_office.setdefault(office, []).append((pk, starts.date()))
        span = (self.today - self.first_day).days
        statuses = ["open", "in_progress", "kept", "kept", "kept", "adjusted", "dropped"]

        def rows():
            for i in range(total):
                office = offices[i % len(offices)]
                author = rng.choice(self.members[office][:8]).pk
                day = self.first_day + timedelta(days=rng.randrange(span))
                kind = rng.choice(["activity", "agreement", "agreement", "decision", "note"])
                due = status = None
                closed = None
                if kind == "agreement":
                    due = day + timedelta(days=rng.randint(7, 90))
                    status = rng.choice(statuses) if due < self.today else rng.choice(["open", "in_progress"])
                    if status in ("kept", "adjusted", "dropped"):
                        closed = datetime.combine(min(due, self.today), dtime(12), TZ)
                meeting = None
                if rng.random() < 0.3 and meetings_by_office.get(office):
                    meeting = rng.choice(meetings_by_office[office])[0]
                created = datetime.combine(day, dtime(10), TZ)
                yield (
                    office,
                    kind,
                    _sentence(rng, 6)[:200],
                    _sentence(rng, 40),
                    rng.choice(self.headings[office]),
                    author,
                    day,
                    meeting,
                    due,
                    status or "",
                    "",
                    closed,
                    created,
                    closed or created,
                    0,
                )

        count = self._copy(
            "logbook_entry",
            [
                "office_id",
                "kind",
                "title",
                "text",
                "heading_id",
                "author_id",
                "date",
                "meeting_id",
                "due_date",
                "status",
                "closing_note",
                "closed_at",
                "created_at",
                "updated_at",
                "version",
            ],
            rows(),
        )
        with connection.cursor() as cursor:
            cursor.execute(
                """INSERT INTO logbook_entry_responsible (entry_id, user_id)
                   SELECT e.id, e.author_id FROM logbook_entry e WHERE e.kind = 'agreement'"""
            )
        return count

    # --- visits ---------------------------------------------------------------------------------
    def _visits(self):
        rng = self.rng
        total = self.n(200_000 * self.history)
        offices = list(self.members)
        days = [
            self.first_day + timedelta(days=d) for d in range((self.today + timedelta(days=60) - self.first_day).days)
        ]
        days = [d for d in days if d.weekday() < 5]
        taken = set()
        visits, participants = [], []
        now = datetime.now(TZ)
        for i in range(total):
            office = offices[i % len(offices)]
            while True:
                host, visitor = rng.sample(self.members[office], 2)
                slot = (rng.randrange(len(days)), rng.randrange(12))
                if (host.pk, slot) not in taken and (visitor.pk, slot) not in taken:
                    taken.update({(host.pk, slot), (visitor.pk, slot)})
                    break
            start = datetime.combine(days[slot[0]], dtime(9), TZ) + timedelta(minutes=30 * slot[1])
            during = Range(start, start + timedelta(minutes=30), "[)")
            status = "confirmed" if rng.random() < 0.92 else "cancelled"
            visits.append(
                (
                    office,
                    host.pk,
                    visitor.pk,
                    during,
                    _sentence(rng, 8),
                    status,
                    "",
                    uuid.UUID(int=rng.getrandbits(128)),
                    0,
                    now,
                    now,
                )
            )
            participants.append((host.pk, visitor.pk, during, status == "confirmed"))
        self._copy(
            "visits_visit",
            [
                "office_id",
                "host_id",
                "visitor_id",
                "during",
                "topic",
                "status",
                "message",
                "uid",
                "sequence",
                "created_at",
                "updated_at",
            ],
            iter(visits),
        )
        with connection.cursor() as cursor:
            cursor.execute(
                """INSERT INTO visits_visitparticipant (visit_id, person_id, during, active)
                   SELECT id, host_id, during, status = 'confirmed' FROM visits_visit
                   UNION ALL SELECT id, visitor_id, during, status = 'confirmed' FROM visits_visit"""
            )
        return len(visits)

    # --- learning circles -----------------------------------------------------------------------
    def _circles(self):
        rng = self.rng
        count = 0
        for office in self.offices:
            phases = CirclePhase.for_office(office)
            for c in range(5):
                circle = LearningCircle.objects.create(
                    office=office,
                    title=f"Cirkel {c + 1}: {_sentence(rng, 3)}",
                    challenge=_sentence(rng, 15),
                    phase=phases[rng.randrange(len(phases))],
                    loop=rng.randint(1, 3),
                )
                measure = Measure.objects.create(circle=circle, name="Dage til svar", unit="dage")
                author = self.members[office.pk][1]
                DataPoint.objects.bulk_create(
                    [
                        DataPoint(
                            measure=measure,
                            date=self.today - timedelta(weeks=52 - w),
                            value=rng.randint(5, 25),
                            author=author,
                        )
                        for w in range(52)
                    ]
                )
                count += 1
        return count
