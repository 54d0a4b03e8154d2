"""The privacy duties across the programmes (#20): a leaver's handover and anonymisation, the data protection
officer's export, and the retention of café registrations and competence clarifications."""

import io
import json
import zipfile
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bootcamps.models import Barrier, BootcampDay, Evaluation
from cafe import services as cafe_services
from cafe.models import Registration, RegistrationStatus
from changeagents.models import Project, SparringNote
from development.models import (
    Clarification,
    ClarificationStatus,
    Cohort,
    CompetenceArea,
    Enrolment,
    Offer,
    Recommendation,
    SelfAssessment,
)
from drafts.models import Draft
from notifications.models import Delivery
from offices.models import Unit, UnitContact
from privacy import leaving, retention
from privacy.models import RetentionRule
from programmes.models import Group, GroupMember, Initiative, Participant, Programme, ProgrammeKind
from tests import factories

TZ = ZoneInfo("Europe/Copenhagen")
PROGRAMME_TABLES = ("programmes_", "bootcamps_", "taskforce_", "development_", "cafe_", "changeagents_")
MARK = "QX9KAMBU"


def _programme(world, kind, slug, **extra):
    return Programme.objects.create(kind=kind, name=slug, slug=slug, owner_office=world.a.office, **extra)


@pytest.fixture
def places(world):
    """The staff member of office A in each kind of programme, with their texts naming them, and a colleague of
    office B beside them with texts of their own."""
    staff, other, name = world.a.staff, world.b.staff, world.a.staff.full_name
    bootcamp = _programme(world, ProgrammeKind.BOOTCAMP, "bootcamp")
    mine = Participant.objects.create(programme=bootcamp, person=staff, office=world.a.office)
    theirs = Participant.objects.create(programme=bootcamp, person=other, office=world.b.office)
    group = Group.objects.create(programme=bootcamp, name="GRUPPE-1")
    GroupMember.objects.create(group=group, participant=mine)
    initiative = Initiative.objects.create(
        programme=bootcamp,
        office=world.a.office,
        title="ÅBENT-INITIATIV",
        goal=f"{name} samler trådene",
        owner=staff,
        created_by=world.a.chief,
    )
    done = Initiative.objects.create(
        programme=bootcamp,
        office=world.a.office,
        title="FÆRDIGT-INITIATIV",
        goal="Klaret",
        owner=staff,
        status="done",
        created_by=world.a.chief,
    )
    day = BootcampDay.objects.create(programme=bootcamp, date=date(2026, 3, 2), place="Rådhuset")
    Evaluation.objects.create(
        day=day, participant=mine, new_knowledge=4, new_colleagues=5, takeaway=f"EGEN-TAKEAWAY fra {name}"
    )
    Evaluation.objects.create(
        day=day, participant=theirs, new_knowledge=2, new_colleagues=3, takeaway="ANDENS-TAKEAWAY"
    )
    Barrier.objects.create(group=group, text=f"{name} mangler adgang", raised_by=staff)

    kambu = _programme(world, ProgrammeKind.COMPETENCE, "kambu", ends_on=date(2026, 6, 30))
    kambu.leads.add(world.a.section_leader)
    area = CompetenceArea.objects.create(programme=kambu, name="Økonomi")
    clarification = Clarification.objects.create(
        participant=Participant.objects.create(programme=kambu, person=staff, office=world.a.office),
        status=ClarificationStatus.DIALOGUE_HELD,
        leader=world.a.section_leader,
        dialogue_note=f"DIALOGNOTAT: {name} vil lære budget",
    )
    SelfAssessment.objects.create(clarification=clarification, area=area, score=2, note="EGEN-VURDERING")
    other_clarification = Clarification.objects.create(
        participant=Participant.objects.create(programme=kambu, person=other, office=world.b.office),
        leader=world.a.section_leader,
    )
    SelfAssessment.objects.create(clarification=other_clarification, area=area, score=5, note="ANDENS-VURDERING")
    offer = Offer.objects.create(programme=kambu, title="DIPLOMMODUL")
    Recommendation.objects.create(clarification=clarification, offer=offer, reason="ANBEFALET-FORDI")
    cohort = Cohort.objects.create(
        offer=offer, name="HOLD-1", starts_on=date(2026, 4, 1), ends_on=date(2026, 5, 1), capacity=10
    )
    Enrolment.objects.create(cohort=cohort, participant=clarification.participant, status="enrolled")

    agents = _programme(world, ProgrammeKind.CHANGE_AGENTS, "agenter")
    project = Project.objects.create(
        programme=agents,
        agent=Participant.objects.create(programme=agents, person=staff, office=world.a.office),
        title="AGENT-PROJEKT",
        created_by=world.a.chief,
    )
    SparringNote.objects.create(
        project=project,
        held_on=date(2026, 3, 10),
        discussed=f"SPARRING med {name}",
        reflection="EGEN-REFLEKSION",
        written_by=world.a.chief,
    )

    cafe = _programme(world, ProgrammeKind.CAFE, "cafe", is_open=True)
    coming = cafe_services.create_cafe_meeting(
        cafe,
        title="KOMMENDE-CAFÉ",
        starts_at=timezone.now() + timedelta(days=10),
        duration_minutes=60,
        location="Kantinen",
        capacity=1,
    )
    coming.publish(by=world.a.chief)
    cafe_services.register(coming, staff)
    cafe_services.register(coming, other)

    unit = Unit.objects.create(office=world.a.office, name="Skolen")
    contact = UnitContact.objects.create(unit=unit, name=name, email=staff.email, phone="12345678", person=staff)
    return {
        "initiative": initiative,
        "done": done,
        "kambu": kambu,
        "clarification": clarification,
        "project": project,
        "coming": coming,
        "contact": contact,
    }


def text_in_programmes(text: str) -> list[str]:
    """The programme apps' table.columns (history tables and unit contacts included) that still hold ``text``."""
    hits = []
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT table_name, column_name FROM information_schema.columns
               WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')"""
        )
        for table, column in cursor.fetchall():
            if not (table.startswith(PROGRAMME_TABLES) or table.startswith("offices_unitcontact")):
                continue
            cursor.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}"::text LIKE %s', [f"%{text}%"])
            if cursor.fetchone()[0]:
                hits.append(f"{table}.{column}")
    return hits


# --- Leaving ------------------------------------------------------------------------------------------------


def test_a_leaver_hands_over_open_initiatives_leads_and_dialogues_and_keeps_their_own_places(world, places):
    staff, leader, chief = world.a.staff, world.a.section_leader, world.a.chief

    departure = leaving.hand_over(person=staff, office=world.a.office, successor=chief, by=chief)

    places["initiative"].refresh_from_db()
    places["done"].refresh_from_db()
    places["project"].refresh_from_db()
    assert (places["initiative"].owner, places["done"].owner) == (chief, staff)
    assert departure.handed_over["initiatives"] == 1
    # Their own self-assessment, project and café place are not work to hand over.
    assert Clarification.objects.get(pk=places["clarification"].pk).participant.person == staff
    assert places["project"].agent.person == staff
    assert Registration.objects.filter(person=staff).exists()

    departure = leaving.hand_over(person=leader, office=world.a.office, successor=chief, by=chief)

    assert (departure.handed_over["programmes"], departure.handed_over["dialogues"]) == (1, 2)
    assert list(places["kambu"].leads.all()) == [chief]
    assert set(Clarification.objects.values_list("leader", flat=True)) == {chief.pk}


def test_after_the_grace_period_the_leavers_name_is_gone_from_the_programmes_and_their_history(world, places):
    staff, other = world.a.staff, world.b.staff
    name, email = staff.full_name, staff.email
    initiative = places["initiative"]
    initiative.goal = f"{name} og {world.a.chief.full_name} samler trådene"
    initiative.save()  # a second history row naming them
    assert text_in_programmes(name)  # the scan finds the name while they are here
    departure = leaving.hand_over(person=staff, office=world.a.office, successor=world.a.chief, by=world.a.chief)

    assert leaving.anonymise_leavers(departure.anonymise_after + timedelta(days=1)) == 1

    assert text_in_programmes(name) == []
    assert text_in_programmes(email) == []
    places["contact"].refresh_from_db()
    assert (places["contact"].name, places["contact"].email, places["contact"].phone) == (leaving.FORMER_NAME, "", "")
    clarification = Clarification.objects.get(pk=places["clarification"].pk)
    assert clarification.dialogue_note == f"DIALOGNOTAT: {leaving.FORMER_NAME} vil lære budget"
    # Their coming café place is freed and the first on the waiting list moves up.
    assert not Registration.objects.filter(person=staff).exists()
    assert Registration.objects.get(person=other).status == RegistrationStatus.REGISTERED
    # The records the programmes need stay, naming a former colleague.
    assert Participant.objects.filter(person=staff).count() == 3
    assert Evaluation.objects.get(participant__person=staff).takeaway == f"EGEN-TAKEAWAY fra {leaving.FORMER_NAME}"


# --- The data protection officer's export --------------------------------------------------------------------


def _export(login, world, person):
    dpo = factories.make_user(full_name="Data Beskytter", email="dpo@test.example")
    dpo.user_permissions.add(Permission.objects.get(codename="serve_data_requests"))
    response = login(dpo).get(reverse("privacy:person-export", args=[person.pk]))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return archive.read("oversigt.html").decode(), json.loads(archive.read("data.json"))["sections"]


def test_the_export_holds_their_programme_data_and_not_the_other_participants_texts(login, world, places):
    html, sections = _export(login, world, world.a.staff)

    def column(key, index):
        return sorted(str(row[index]) for row in sections[key]["rows"])

    assert column("programme_places", 0) == ["agenter", "bootcamp", "kambu"]
    assert "GRUPPE-1" in column("programme_places", 5)
    assert column("evaluations", 4) == [f"EGEN-TAKEAWAY fra {world.a.staff.full_name}"]
    assert column("barriers", 2) == [f"{world.a.staff.full_name} mangler adgang"]
    assert column("clarifications", 4) == [places["clarification"].dialogue_note]
    assert column("self_assessments", 3) == ["EGEN-VURDERING"]
    assert column("recommendations", 1) == ["ANBEFALET-FORDI"]
    assert column("enrolments", 1) == ["HOLD-1"]
    assert column("cafe_registrations", 1) == ["KOMMENDE-CAFÉ"]
    assert column("change_projects", 1) == ["AGENT-PROJEKT"]
    assert column("sparring_notes", 5) == ["EGEN-REFLEKSION"]
    assert column("initiatives", 1) == ["FÆRDIGT-INITIATIV", "ÅBENT-INITIATIV"]
    assert column("contacts", 2) == [world.a.staff.email]
    for text in ("EGEN-TAKEAWAY", "DIALOGNOTAT", "EGEN-VURDERING", "AGENT-PROJEKT", "KOMMENDE-CAFÉ"):
        assert text in html
    everything = html + json.dumps(sections, ensure_ascii=False)
    assert "ANDENS-TAKEAWAY" not in everything
    assert "ANDENS-VURDERING" not in everything


# --- Retention ----------------------------------------------------------------------------------------------

TODAY = date(2030, 6, 1)


def _rules(settings, **rules):
    settings.RETENTION = {**settings.RETENTION, "history": ("keep", 365), **rules}


def test_registrations_of_past_cafe_meetings_go_with_their_history_and_coming_ones_stay(world, places, settings):
    _rules(settings, cafe_registrations=("delete", 30))
    today = timezone.localdate()
    past = cafe_services.create_cafe_meeting(
        places["coming"].programme,
        title="GAMMEL-CAFÉ",
        starts_at=datetime.combine(date(2026, 1, 8), time(14), tzinfo=TZ),
        duration_minutes=60,
        location="Kantinen",
        capacity=30,
    )
    old = Registration.objects.create(
        cafe_meeting=past, person=world.a.staff, office=world.a.office, status="registered"
    )
    old.attended = True
    old.save()
    coming = list(Registration.objects.filter(cafe_meeting=places["coming"]).values_list("pk", flat=True))
    planned = [(b.kind, b.count, b.office) for b in retention.plan(today) if b.kind == "cafe_registrations"]

    done = [(b.kind, b.count, b.office) for b in retention.apply(today) if b.kind == "cafe_registrations"]

    assert done == planned == [("cafe_registrations", 1, world.a.office.name)]
    assert not Registration.objects.filter(pk=old.pk).exists()
    assert not Registration.pgh_event_model.objects.filter(pgh_obj_id=old.pk).exists()
    assert sorted(Registration.objects.values_list("pk", flat=True)) == sorted(coming)
    assert past.__class__.objects.filter(pk=past.pk).exists()  # the meeting itself stays


def test_a_clarification_goes_years_after_its_programme_ended_leaving_no_text_anywhere(world, places, settings):
    from tests.privacy.test_retention import text_left

    _rules(settings, clarifications=("delete", 365))
    clarification = places["clarification"]
    clarification.dialogue_note = f"{MARK} notat"
    clarification.save()
    SelfAssessment.objects.filter(clarification=clarification).update(note=f"{MARK} vurdering")
    Recommendation.objects.filter(clarification=clarification).update(reason=f"{MARK} anbefaling")
    Draft.objects.create(
        person=world.a.section_leader,
        key=f"development.clarification:{clarification.pk}:dialogue_note",
        text=f"{MARK} kladde",
    )
    Delivery.objects.create(
        kind="reminder",
        recipient=world.a.staff,
        to=world.a.staff.email,
        subject=f"Samtale: {MARK}",
        body=MARK,
        content_type=ContentType.objects.get_for_model(Clarification),
        object_id=clarification.pk,
    )
    open_ended = _programme(world, ProgrammeKind.COMPETENCE, "uden-slut")
    kept = Clarification.objects.create(
        participant=Participant.objects.create(programme=open_ended, person=world.a.chief, office=world.a.office)
    )
    assert text_left(MARK)

    done = [(b.kind, b.count) for b in retention.apply(TODAY) if b.kind == "clarifications"]

    assert done == [("clarifications", 2)]  # both clarifications of the ended programme
    assert text_left(MARK) == []
    assert list(Clarification.objects.values_list("pk", flat=True)) == [kept.pk]
    assert Participant.objects.filter(programme=places["kambu"]).count() == 2  # the places stay


def test_a_clarification_stays_until_its_deadline_after_the_programmes_end(world, places, settings):
    _rules(settings, clarifications=("delete", 1095))

    deadline = places["kambu"].ends_on + timedelta(days=1095)
    assert [b for b in retention.plan(deadline - timedelta(days=1)) if b.kind == "clarifications"] == []
    assert [b.count for b in retention.plan(deadline) if b.kind == "clarifications"] == [2]


def test_a_cafe_registration_or_clarification_rule_cannot_anonymise(world):
    for kind in ("cafe_registrations", "clarifications"):
        rule = RetentionRule(administration=world.administration, kind=kind, action="anonymise", days=30)
        with pytest.raises(ValidationError):
            rule.full_clean()


def test_an_old_evaluation_anonymised_loses_its_free_text_also_in_its_history_and_keeps_its_scores(
    world, places, settings
):
    from tests.privacy.test_retention import text_left

    _rules(settings, evaluations=("anonymise", 30))
    evaluation = Evaluation.objects.get(participant__person=world.a.staff)
    evaluation.takeaway = f"{MARK} tager med hjem"
    evaluation.save()
    assert text_left(MARK)

    done = [(b.kind, b.action, b.count) for b in retention.apply(timezone.localdate()) if b.kind == "evaluations"]

    assert done == [("evaluations", "anonymise", 2)]
    assert text_left(MARK) == []
    assert sorted(Evaluation.objects.values_list("takeaway", "new_knowledge")) == [("", 2), ("", 4)]
    # Done once: the next run finds nothing more to anonymise.
    assert [b for b in retention.plan(timezone.localdate()) if b.kind == "evaluations"] == []


def test_the_office_owning_the_programme_sees_its_coming_deadlines_and_another_office_none(world, places, settings):
    _rules(settings, clarifications=("delete", 1095))
    deadline = places["kambu"].ends_on + timedelta(days=1095)

    coming = [(d.kind, d.day, d.count) for d in retention.upcoming(world.a.office, today=deadline - timedelta(days=10))]

    assert ("clarifications", deadline, 2) in coming
    assert retention.upcoming(world.b.office, today=deadline - timedelta(days=10)) == []


def test_old_minutes_and_questions_anonymised_lose_the_unit_contacts_too(world, settings):
    from knowledge.models import Question
    from meetings.models import Frequency, MeetingGuest, MeetingSeries

    _rules(settings, minutes=("anonymise", 365), questions=("anonymise", 365))
    contact = UnitContact.objects.create(
        unit=Unit.objects.create(office=world.a.office, name="Skolen"), name="Kim Kontakt"
    )
    series = MeetingSeries.objects.create(
        office=world.a.office,
        title="Taskforce",
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=3,
        start_date=date(2020, 1, 6),
        start_time=time(9),
        duration_minutes=60,
    )
    start = datetime(2020, 1, 9, 9, tzinfo=TZ)
    meeting = series.meetings.create(starts_at=start, ends_at=start + timedelta(hours=1))
    MeetingGuest.objects.create(meeting=meeting, contact=contact, status="present")
    question = Question.objects.create(
        office=world.a.office, title="Bilag?", description="…", created_by=world.a.staff, contact=contact
    )
    Question.objects.filter(pk=question.pk).update(created_at=start)

    retention.apply(TODAY)

    question.refresh_from_db()
    assert question.contact_id is None
    assert not Question.pgh_event_model.objects.filter(pgh_obj_id=question.pk, contact__isnull=False).exists()
    assert not MeetingGuest.objects.filter(meeting=meeting).exists()
    assert not MeetingGuest.pgh_event_model.objects.filter(meeting=meeting).exists()
    assert UnitContact.objects.filter(pk=contact.pk).exists()  # the unit's contact itself stays while it is current
