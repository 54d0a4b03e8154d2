"""Demo: Budget og Regnskab's task force (seed 000, "Perspektiver på næste skridt").

Six decentral units with their administrative leaders (fictional), the task force with five members (the demo's
``medarbejder`` among them) and four initiatives with next steps, and the monthly meeting with the administrative
leaders: two meetings held with the guests' attendance, tasks brought home routed to the colleagues who know.
Idempotent: a second run adds nothing.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from knowledge import routing
from knowledge.models import Question, QuestionStep
from logbook.models import Entry
from meetings import rhythm
from meetings.models import AgendaItem, Frequency, Meeting, MeetingGuest, MeetingKind, MeetingSeries, MeetingStatus
from offices.demo import email_for
from offices.models import Membership, Office, Role, Unit, UnitContact, UnitKind
from programmes.models import Initiative, InitiativeStatus, InitiativeStep, Level, Participant, Programme, ProgrammeKind

from .models import InitiativeUnits, TaskForce

SLUG = "taskforce-budget-og-regnskab"
SERIES_TITLE = "Månedligt møde med de administrative ledere"

UNITS = [
    ("Skovvangskolen", UnitKind.SCHOOL, "Skovvangsvej 10, 8200 Aarhus N", "Birthe Lindholm"),
    ("Vestergårdsskolen", UnitKind.SCHOOL, "Vestergårdsvej 3, 8260 Viby J", "Kasper Nørgaard"),
    ("Børnehuset Solsikken", UnitKind.DAY_CARE, "Solsikkevej 4, 8210 Aarhus V", "Helle Kragh"),
    ("Dagtilbud Lystrup", UnitKind.DAY_CARE, "Lystrup Centervej 2, 8520 Lystrup", "Jonas Bak Svendsen"),
    ("Klub Nord", UnitKind.CLUB, "Nordre Ringgade 21, 8200 Aarhus N", "Maja Thorsen"),
    ("Ungdomsskolen Øst", UnitKind.CLUB, "Østervej 7, 8240 Risskov", "Peter Vinther Dahl"),
]

#: title, goal, status, owner (index into the members), units (indexes into UNITS), next steps (title, days, done?)
INITIATIVES = [
    (
        "Fælles skabelon til budgetopfølgning",
        "Alle enheder bruger den samme enkle skabelon til den månedlige budgetopfølgning, så tallene kan "
        "sammenlignes og samtalen med konsulenten handler om det, der skal besluttes.",
        InitiativeStatus.ACTIVE,
        0,
        [0, 1, 2, 3, 4, 5],
        [
            ("Skabelonen afprøves på Skovvangskolen og i Dagtilbud Lystrup", -10, True),
            ("Skabelonen sendes til alle enheder", 14, False),
        ],
    ),
    (
        "Fast kontaktperson for hver enhed",
        "Hver administrativ leder har én fast kontaktperson i Budget og Regnskab, der koordinerer med kollegerne, "
        "så lederen får færre samarbejdspartnere at forholde sig til.",
        InitiativeStatus.ACTIVE,
        1,
        [0, 1, 2, 3, 4, 5],
        [("Kontaktpersoner fordeles på konsulenterne", -20, True), ("Kontaktlisten lægges på intranettet", 7, False)],
    ),
    (
        "Kortere svartid på regnskabsspørgsmål",
        "Spørgsmål fra enhederne besvares inden for fem arbejdsdage, fordi de hurtigt når den kollega, der har "
        "kompetencen.",
        InitiativeStatus.IDEA,
        2,
        [1, 3, 4],
        [("Måling af svartider de sidste tre måneder", 21, False)],
    ),
    (
        "Introforløb for nye administrative ledere",
        "Nye administrative ledere får et introforløb med de vigtigste opgaver, frister og kontakter i deres første "
        "måned.",
        InitiativeStatus.IDEA,
        3,
        [2, 5],
        [("Tjekliste til første måned", 30, False)],
    ),
]

#: unit index, title, description, urgency, days to answer, answered?
TASKS = [
    (
        [
            (
                0,
                "Hvordan periodiserer vi udgiften til nye tavler?",
                "Tavlerne leveres i december, men betales i januar.",
                "normal",
                10,
                True,
            ),
            (
                2,
                "Kan vi få hjælp til budgetopfølgning for efteråret?",
                "Ny leder i køkkenet; lønnen ser for høj ud.",
                "high",
                5,
                True,
            ),
            (
                4,
                "Hvem godkender fakturaer, når lederen er på ferie?",
                "Klubben står med tre ubetalte fakturaer.",
                "normal",
                7,
                False,
            ),
        ]
    ),
    (
        [
            (
                1,
                "Refusion for langtidssyge medarbejdere",
                "To medarbejdere har været syge i mere end 30 dage.",
                "high",
                4,
                False,
            ),
            (
                3,
                "Prognose for resten af året",
                "Vi vil gerne se prognosen inden forældrebestyrelsens møde.",
                "normal",
                12,
                False,
            ),
            (5, "Moms på udflugter", "Hvordan konterer vi entré og bus på ungdomsskolens ture?", "low", 20, False),
        ]
    ),
]


def _members(office):
    memberships = Membership.objects.filter(office=office).select_related("person")
    by_email = {membership.person.email: membership for membership in memberships}
    chosen = [by_email.get(email_for(local)) for local in ("medarbejder", "ressourceperson")]
    staff = [m for m in memberships.filter(role=Role.STAFF).order_by("pk") if m not in chosen]
    return [m for m in chosen if m is not None] + staff[: 5 - len([m for m in chosen if m])]


@transaction.atomic
def seed(stdout=None):
    office = Office.objects.filter(slug="budget-og-regnskab").select_related("administration").first()
    if office is None or Programme.objects.filter(slug=SLUG).exists():
        return
    members = _members(office)
    if len(members) < 4:
        return
    lead = Membership.objects.filter(office=office, role=Role.RESOURCE_PERSON).select_related("person").first()
    by = lead.person if lead else members[0].person
    units, contacts = [], []
    for name, kind, address, leader in UNITS:
        unit, _ = Unit.objects.get_or_create(office=office, name=name, defaults={"kind": kind, "address": address})
        contact, _ = UnitContact.objects.get_or_create(
            unit=unit,
            name=leader,
            defaults={"title": "Administrativ leder", "email": email_for(leader), "phone": "87 13 00 00"},
        )
        units.append(unit)
        contacts.append(contact)

    today = timezone.localdate()
    programme = Programme.objects.create(
        kind=ProgrammeKind.TASK_FORCE,
        name="Task Force – samarbejdet med de decentrale enheder",
        slug=SLUG,
        owner_office=office,
        description=(
            "Medarbejdere i Budget og Regnskab arbejder målrettet med fire konkrete indsatser, som skal gøre "
            "hverdagen nemmere for vores decentrale kolleger. Hver måned mødes vi med de administrative ledere og "
            "tager opgaver med hjem til de kolleger, der har kompetencerne til at løse dem."
        ),
        starts_on=today - timedelta(days=90),
    )
    for membership in members:
        Participant.objects.create(
            programme=programme,
            person=membership.person,
            office=office,
            level=Level.STAFF,
            joined_on=today - timedelta(days=90),
        )

    for title, goal, status, owner, unit_indexes, steps in INITIATIVES:
        owner_person = members[owner % len(members)].person
        initiative = Initiative.objects.create(
            programme=programme, office=office, title=title, goal=goal, owner=owner_person, status=status, created_by=by
        )
        InitiativeUnits.objects.create(initiative=initiative).units.set([units[i] for i in unit_indexes])
        for step_title, days, done in steps:
            entry = Entry.objects.create(
                office=office,
                author=by,
                kind="agreement",
                title=step_title,
                text=f"Næste skridt i indsatsen “{title}”.",
                date=today - timedelta(days=30),
                due_date=today + timedelta(days=days),
                status="kept" if done else "open",
                closed_at=timezone.now() if done else None,
            )
            entry.responsible.set([owner_person])
            InitiativeStep.objects.create(initiative=initiative, agreement=entry)

    start = today - timedelta(days=70)
    series = MeetingSeries.objects.create(
        office=office,
        kind=MeetingKind.UNITS,
        title=SERIES_TITLE,
        description="De administrative ledere fra skoler, dagtilbud og klubber mødes med økonomikonsulenterne.",
        location="Grøndalsvej 2, mødelokale 3",
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=1,
        week_of_month=2,
        start_date=start,
        start_time=datetime.strptime("14:00", "%H:%M").time(),
        duration_minutes=90,
        participant_roles=[Role.OFFICE_CHIEF],
    )
    series.participant_people.set([membership.person for membership in members])
    task_force = TaskForce.objects.create(programme=programme, series=series)
    task_force.guests.set(contacts)
    rhythm.generate(series, today=start, months=4)
    now = timezone.now()
    past = list(Meeting.objects.filter(series=series, starts_at__lt=now).order_by("starts_at"))
    for meeting in past[:-2]:
        meeting.delete()
    held = past[-2:]
    for number, meeting in enumerate(held):
        meeting.status = MeetingStatus.MINUTES_PUBLISHED
        meeting.held_at = meeting.ends_at
        meeting.minutes_published_at = meeting.ends_at + timedelta(days=1)
        meeting.notes = "Godt møde. Vi tog opgaverne med hjem og fordelte dem samme dag."
        meeting.save()
        AgendaItem.objects.create(
            meeting=meeting, position=1, title="Runden: hvad fylder hos jer?", kind="dialogue", duration_minutes=30
        )
        AgendaItem.objects.create(
            meeting=meeting,
            position=2,
            title="Status på Task Forcens indsatser",
            kind="information",
            duration_minutes=20,
        )
        for index, contact in enumerate(contacts):
            status = "excused" if (index + number) % 5 == 4 else "present"
            MeetingGuest.objects.create(meeting=meeting, contact=contact, status=status)
        held_on = timezone.localtime(meeting.starts_at).date()
        for unit_index, title, description, urgency, days, answered in TASKS[number % len(TASKS)]:
            contact = contacts[unit_index]
            question = Question.objects.create(
                office=office,
                unit=units[unit_index].name,
                asked_by=contact.name,
                from_unit=units[unit_index],
                contact=contact,
                meeting=meeting,
                title=title,
                description=description,
                urgency=urgency,
                due_date=held_on + timedelta(days=days),
                created_by=members[0].person,
            )
            QuestionStep.objects.create(question=question, kind="registered", person=members[0].person)
            suggested = routing.suggestions(question, limit=1)
            person = suggested[0] if suggested else by
            routing.assign(question, members[0].person, person, note="Taget med hjem fra mødet.")
            if answered:
                routing.answer(
                    question, person, "Svar sendt til den administrative leder; se vejledningen på intranettet."
                )
            # As it happened: registered and given on the meeting's day, answered three days later.
            Question.objects.filter(pk=question.pk).update(created_at=meeting.ends_at)
            question.steps.exclude(kind="answered").update(at=meeting.ends_at)
            question.steps.filter(kind="answered").update(at=meeting.ends_at + timedelta(days=3))
    for meeting in Meeting.objects.filter(series=series, starts_at__gte=now).order_by("starts_at")[:1]:
        AgendaItem.objects.create(
            meeting=meeting, position=1, title="Runden: hvad fylder hos jer?", kind="dialogue", duration_minutes=30
        )
        MeetingGuest.objects.bulk_create([MeetingGuest(meeting=meeting, contact=contact) for contact in contacts])
    if stdout:
        stdout.write(f"Task force: {len(units)} units, {len(INITIATIVES)} initiatives, {len(held)} meetings held.")
