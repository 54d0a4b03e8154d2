"""The café meetings of the demo (Billund's open café meetings, told in Aarhus Kommune's demo offices).

Personale holds "Cafémøder på tværs", open to everybody: one café meeting held about two months ago (budget
procedure, "Bedre styring", the new intranet and the economic dictionary; material, attendance and minutes) and one
coming in three weeks with three presentations, 50 places taken and a waiting list. ``medarbejder`` is registered,
``sektionsleder`` waits. Idempotent: a second run adds nothing.
"""

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from meetings.models import AgendaItemKind, Attendance, AttendanceStatus, MeetingStatus, TopicProposal
from offices.demo import email_for
from offices.models import Membership, Office
from programmes.models import Programme, ProgrammeKind

from . import services
from .models import CafeMeeting, Material, Registration, RegistrationStatus

SLUG = "cafemoder"
HELD_TITLE = "Cafémøde: budgetproceduren og nye veje til information"
COMING_TITLE = "Cafémøde: Sammen finder vi ud af det"

#: A one-page PDF (the slides of the held meeting), small and valid enough for the type check.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _meeting(programme, title, starts_at, location, capacity):
    found = CafeMeeting.objects.filter(programme=programme, meeting__title=title).select_related("meeting").first()
    if found:
        return found, False
    cafe_meeting = services.create_cafe_meeting(
        programme, title=title, starts_at=starts_at, duration_minutes=120, location=location, capacity=capacity
    )
    cafe_meeting.published_at = starts_at - timedelta(days=30)
    cafe_meeting.save(update_fields=["published_at"])
    return cafe_meeting, True


def _programme_items(meeting, items):
    for position, (title, presenter, minutes, description, text) in enumerate(items, start=1):
        meeting.agenda_items.create(
            position=position,
            title=title,
            presenter=presenter,
            duration_minutes=minutes,
            description=description,
            kind=AgendaItemKind.TALK,
            minutes=text,
        )


def _register(cafe_meeting, people, waiting, start):
    offices = dict(
        Membership.objects.filter(person__in=people + waiting).order_by("-pk").values_list("person_id", "office_id")
    )
    rows = []
    for i, person in enumerate(people + waiting):
        rows.append(
            Registration(
                cafe_meeting=cafe_meeting,
                person=person,
                office_id=offices.get(person.pk),
                status=RegistrationStatus.REGISTERED if i < len(people) else RegistrationStatus.WAITING,
                queued_at=start + timedelta(minutes=37 * i),
            )
        )
    Registration.objects.bulk_create(rows)


@transaction.atomic
def seed(stdout=None) -> None:
    personale = Office.objects.filter(slug="personale").first()
    if personale is None:
        return
    programme, _ = Programme.objects.get_or_create(
        slug=SLUG,
        defaults={
            "kind": ProgrammeKind.CAFE,
            "name": "Cafémøder på tværs",
            "owner_office": personale,
            "is_open": True,
            "description": (
                "Fire gange om året fortæller stabsfunktionerne, hvad der sker her og nu: nye tiltag og metoder, "
                "og et dialogforum, hvor medarbejdere og ledere fra hele kommunen kan spørge og dele erfaringer."
            ),
        },
    )
    series = services.cafe_series(programme)
    by_email = {u.email: u for u in User.objects.filter(memberships__isnull=False).distinct().order_by("pk")}
    staff = by_email.get(email_for("medarbejder"))
    section_leader = by_email.get(email_for("sektionsleder"))
    nanna = by_email.get(email_for("personale"))
    chief = by_email.get(email_for("kontorchef"))
    others = [u for u in by_email.values() if u not in (staff, section_leader)]
    today = timezone.localdate()

    held, created = _meeting(programme, HELD_TITLE, _at(today - timedelta(days=61), 14), "Kantinen, Rådhuset", 60)
    if created:
        _programme_items(
            held.meeting,
            [
                (
                    "Budgetproceduren for næste år",
                    nanna,
                    30,
                    "Tidsplan, rammer og hvornår I bliver inddraget.",
                    "Tidsplanen blev gennemgået. Spørgsmål om budgetopfølgning i institutionerne "
                    "tages med til næste møde.",
                ),
                (
                    "Projektet »Bedre styring«",
                    chief,
                    30,
                    "Hvad projektet betyder for ledernes beslutningsgrundlag.",
                    "Deltagerne ønskede eksempler fra en skole og et dagtilbud.",
                ),
                (
                    "Nye veje til information: intranettet og videomøder",
                    others[0],
                    25,
                    "",
                    "Intranettet går i luften næste måned; vejledning til videomøder ligger under materialet.",
                ),
                (
                    "Økonomisk ordbog",
                    nanna,
                    20,
                    "Fagord forklaret, så alle kan forstå dem.",
                    "Ordbogen blev godt modtaget. Forslag til nye ord sendes til Personale.",
                ),
            ],
        )
        meeting = held.meeting
        meeting.notes = (
            "Ca. 45 deltagere fra hele kommunen. God stemning og mange spørgsmål. "
            "Deltagerne fandt det givende at få informationen ansigt til ansigt."
        )
        meeting.status = MeetingStatus.MINUTES_PUBLISHED
        meeting.held_at = meeting.ends_at
        meeting.minutes_published_at = meeting.ends_at + timedelta(days=1)
        meeting.minutes_published_by = nanna
        meeting.save(update_fields=["notes", "status", "held_at", "minutes_published_at", "minutes_published_by"])
        came = others[:45]
        _register(held, came, [], meeting.starts_at - timedelta(days=25))
        rows = list(Registration.objects.filter(cafe_meeting=held).order_by("queued_at"))
        for i, registration in enumerate(rows):
            registration.attended = i % 9 != 4  # five did not come
        Registration.objects.bulk_update(rows, ["attended"])
        Attendance.objects.bulk_create(
            Attendance(
                meeting=meeting,
                person_id=r.person_id,
                status=AttendanceStatus.PRESENT if r.attended else AttendanceStatus.ABSENT,
            )
            for r in rows
        )
        items = list(meeting.agenda_items.order_by("position"))
        slides = Material(
            cafe_meeting=held,
            agenda_item=items[0],
            title="Slides: budgetproceduren",
            name="budgetproceduren.pdf",
            content_type="application/pdf",
            size=len(DEMO_PDF),
            uploaded_by=nanna,
        )
        slides.file.save("budgetproceduren.pdf", ContentFile(DEMO_PDF), save=False)
        slides.save()
        Material.objects.create(
            cafe_meeting=held,
            agenda_item=items[2],
            title="Vejledning til videomøder",
            url="https://intranet.example/videomoeder",
            uploaded_by=nanna,
        )
        Material.objects.create(
            cafe_meeting=held,
            agenda_item=items[3],
            title="Økonomisk ordbog",
            url="https://intranet.example/ordbog",
            uploaded_by=nanna,
        )

    coming, created = _meeting(
        programme, COMING_TITLE, _at(today + timedelta(days=21), 14), "Store mødesal, Rådhuset", 50
    )
    if created:
        _programme_items(
            coming.meeting,
            [
                (
                    "Budgettet som pixibog: sådan læser du det",
                    nanna,
                    30,
                    "Budgettet skrevet, så borgere, skoleledere og teamledere kan læse det.",
                    "",
                ),
                (
                    "Færre mails, flere svar: spørgsmål fra institutionerne",
                    chief,
                    30,
                    "Hvad vi har lært af de mange spørgsmål, og hvor svarene nu ligger.",
                    "",
                ),
                ("Ny lønproces for timelønnede", others[1], 25, "Hvad ændrer sig for lederne fra næste måned.", ""),
            ],
        )
        registered = [staff, *[u for u in others if u not in (nanna, chief)][:49]]
        waiting = [u for u in others if u not in registered and u not in (nanna, chief)][:2]
        waiting += [section_leader, *[u for u in others if u not in registered and u not in waiting][:3]]
        _register(coming, [p for p in registered if p], [p for p in waiting if p], timezone.now() - timedelta(days=12))
        supporters = registered[:30]
        for title, description, by, n in [
            ("Indkøbsaftaler: hvor finder jeg dem?", "Mange af os ringer om det samme.", registered[5], 14),
            ("Sygefravær: nye regler og værktøjer", "", registered[9], 9),
            ("Hvordan læser jeg min budgetopfølgning?", "Gerne med et eksempel fra en skole.", registered[12], 6),
            ("Ferieafholdning og overførsel af ferie", "", registered[20], 3),
        ]:
            proposal = TopicProposal.objects.create(series=series, proposed_by=by, title=title, description=description)
            proposal.supporters.set([p for p in supporters[:n] if p != by])
    if stdout:
        count = Registration.objects.filter(cafe_meeting=coming).count()
        stdout.write(f"Café meetings: {CafeMeeting.objects.filter(programme=programme).count()}, {count} signed up.")
