"""KAMBU in the demo: competence development for the administrative staff of Pædagogik og Læring's units, owned by
Personale (the login ``personale`` leads). Fictional people and units only. Idempotent: a second run adds nothing."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from knowledge.models import Competence, PersonCompetence
from offices.demo import _person, email_for
from offices.models import Administration, Membership, Office, Role, Section, Unit, UnitKind
from programmes.models import Level, Participant, Programme, ProgrammeKind

from .figures import monday
from .models import (
    Clarification,
    ClarificationStatus,
    Cohort,
    CompetenceArea,
    Cover,
    Enrolment,
    EnrolmentStatus,
    Offer,
    OfferKind,
    Recommendation,
    SelfAssessment,
    Substitute,
)

SLUG = "kambu"
AREAS = [
    ("Økonomi og budget", "Budgetlægning, bogføring, regningsgodkendelse og opfølgning."),
    ("Sagsbehandling og jura", "Forvaltningsloven, journalisering, aktindsigt og tavshedspligt."),
    ("Digitale værktøjer", "Fagsystemer, Office-pakken og digital post."),
    ("Kommunikation og service", "Forældre, borgere og kolleger – på skrift og i telefonen."),
]
UNITS = [
    ("Åskov Skole", UnitKind.SCHOOL),
    ("Birkely Skole", UnitKind.SCHOOL),
    ("Engdal Skole", UnitKind.SCHOOL),
    ("Lindegården Børnehus", UnitKind.DAY_CARE),
    ("Dagtilbud Solsikken", UnitKind.DAY_CARE),
    ("Ung i Kystbyen – Fællesadministration", UnitKind.OTHER),
    ("Klub Nordlys", UnitKind.CLUB),
]
#: (name, unit index, scores per area, daily-task areas, state)
S, D, C, N = (
    ClarificationStatus.SELF_ASSESSED,
    ClarificationStatus.DIALOGUE_HELD,
    ClarificationStatus.CLARIFIED,
    ClarificationStatus.NOT_STARTED,
)
PEOPLE = [
    ("Pia Bak Kjeldsen", 5, (2, 3, 4, 4), (0, 2), C),
    ("Lone Hvidberg", 0, (1, 3, 3, 4), (0, 3), C),
    ("Gitte Sørensen Ravn", 1, (2, 2, 3, 5), (0, 1), C),
    ("Anja Kristoffersen", 3, (3, 2, 2, 4), (0, 3), C),
    ("Helle Munk Poulsen", 4, (2, 4, 3, 3), (0, 2), C),
    ("Bettina Lund Aagaard", 6, (1, 2, 4, 4), (0, 3), C),
    ("Susanne Krag", 2, (3, 3, 2, 4), (2, 3), C),
    ("Jeanette Storm", 0, (4, 2, 3, 3), (1, 2), C),
    ("Marianne Fogh", 3, (2, 3, 3, 4), (0, 3), D),
    ("Karina Bødker", 1, (3, 1, 4, 3), (1, 2), D),
    ("Tanja Rosenkilde", 5, (2, 3, 2, 4), (0, 2), D),
    ("Ulla Brink Thomsen", 2, (4, 4, 2, 3), (2, 3), D),
    ("Charlotte Hein", 4, (3, 2, 3, 5), (1, 3), D),
    ("Dorte Nyvang", 6, (2, 2, 4, 3), (0, 1), S),
    ("Lene Bach Iversen", 0, (3, 4, 1, 4), (2, 3), S),
    ("Malene Ebbesen", 1, (2, 3, 3, 3), (0, 3), S),
    ("Stine Kofoed", 3, (4, 3, 2, 2), (2, 3), S),
    ("Jesper Thorup", 5, (1, 3, 3, 4), (0, 2), S),
    ("Heidi Grønbech", 2, (0, 0, 0, 0), (), N),
    ("Vivi Mølgaard", 4, (0, 0, 0, 0), (), N),
]
LEADERS = [("Jette Ulv Nygaard", 0), ("Birgitte Kastrup", 3)]  # administrative leaders of a school and a day care
SUBSTITUTES = [
    ("Camilla Vang", "", None),
    ("Mikkel Aaen", "Åskov Skole", 6),
    ("Sofie Lindahl", "", None),
    ("Nikolaj Brix", "Lindegården Børnehus", 3),
    ("Randi Holmgaard", "", None),
    ("Emil Stausholm", "", None),
]


@transaction.atomic
def seed(stdout=None) -> None:
    personale = Office.objects.filter(slug="personale").select_related("administration").first()
    pl = Administration.objects.filter(slug="paedagogik-og-laering").first()
    if personale is None or pl is None:
        return
    today = timezone.localdate()
    office, _ = Office.objects.get_or_create(
        slug="administrativt-faellesskab",
        defaults={"administration": pl, "name": "Administrativt Fællesskab", "address": "Fiskergade 7, 8000 Aarhus C"},
    )
    section, _ = Section.objects.get_or_create(office=office, name="Decentral administration")
    units = []
    for name, kind in UNITS:
        unit, _ = Unit.objects.get_or_create(office=office, name=name, defaults={"kind": kind})
        units.append(unit)
    programme, created = Programme.objects.get_or_create(
        slug=SLUG,
        defaults={
            "kind": ProgrammeKind.COMPETENCE,
            "name": "KAMBU – kompetenceudvikling af administrative medarbejdere",
            "owner_office": personale,
            "description": (
                "Et fælles, koordineret tilbud om kompetenceudvikling for de administrative medarbejdere på skoler, i "
                "dagtilbud, klubber og ungdomsskoler: kompetenceafklaring, et fire ugers kursus og kompetencegivende "
                "moduler (diplom eller kommunom) – med vikardækning via jobrotation, så der er nogen til at tage sig "
                "af opgaverne hjemme."
            ),
            "starts_on": today - timedelta(weeks=16),
            "ends_on": today + timedelta(weeks=30),
        },
    )
    if not created:
        return  # the story is told once; a second run adds nothing
    areas = []
    for position, (name, description) in enumerate(AREAS):
        competence, _ = Competence.objects.get_or_create(
            administration=personale.administration, name__iexact=name, defaults={"name": name}
        )
        area, _ = CompetenceArea.objects.get_or_create(
            programme=programme,
            name=name,
            defaults={"description": description, "position": position, "competence": competence},
        )
        areas.append(area)

    leaders = []
    for name, unit_index in LEADERS:
        leader = _person(email_for(name), name)
        Membership.objects.get_or_create(
            person=leader, office=office, defaults={"role": Role.SECTION_LEADER, "section": section}
        )
        programme.leads.add(leader)
        leaders.append((leader, unit_index))
    personale_lead = Membership.objects.filter(office=personale, role=Role.RESOURCE_PERSON).first().person

    course = Offer.objects.create(
        programme=programme,
        title="Børn og Unge-kursus for administrative medarbejdere",
        provider="COK",
        kind=OfferKind.COURSE,
        weeks=4,
        description="Fire ugers specialtilrettelagt kursus, undervist af kolleger fra fællesfunktionerne.",
    )
    course.areas.set(areas)
    module = Offer.objects.create(
        programme=programme,
        title="Kommunom: Offentlig økonomi",
        provider="VIA",
        kind=OfferKind.KOMMUNOM,
        ects=Decimal("10"),
        weeks=6,
        description="Kompetencegivende modul på fuld tid.",
    )
    module.areas.set([areas[0], areas[1]])
    diploma = Offer.objects.create(
        programme=programme,
        title="Diplom i ledelse: Kommunikation og samarbejde",
        provider="VIA",
        kind=OfferKind.DIPLOMA,
        ects=Decimal("5"),
        weeks=6,
    )
    diploma.areas.set([areas[3]])
    first_start = monday(today) - timedelta(weeks=10)
    spring = Cohort.objects.create(
        offer=course,
        name="Hold 1",
        starts_on=first_start,
        ends_on=first_start + timedelta(weeks=4, days=-3),
        sessions="Mandag–fredag kl. 9–15 på Fiskergade 7",
        capacity=8,
    )
    module_start = monday(today) + timedelta(weeks=3)
    autumn = Cohort.objects.create(
        offer=module,
        name="Hold A",
        starts_on=module_start,
        ends_on=module_start + timedelta(weeks=6, days=-3),
        sessions="Fuld tid hos VIA, Hedeager 2",
        capacity=6,
    )

    participants = []
    for index, (name, unit_index, scores, tasks, state) in enumerate(PEOPLE):
        person = _person(email_for(name), name)
        Membership.objects.get_or_create(
            person=person, office=office, defaults={"role": Role.STAFF, "section": section}
        )
        participant = Participant.objects.create(
            programme=programme, person=person, office=office, unit=units[unit_index], level=Level.STAFF
        )
        participants.append(participant)
        if tasks:
            PersonCompetence.objects.get_or_create(person=person, competence=areas[tasks[0]].competence)
        if state == N:
            continue
        leader = next((lead for lead, at in leaders if at == unit_index), personale_lead)
        clarification = Clarification.objects.create(
            participant=participant,
            status=state,
            leader=leader,
            self_assessed_at=timezone.now() - timedelta(weeks=14, days=index),
        )
        for position, area in enumerate(areas):
            SelfAssessment.objects.create(
                clarification=clarification,
                area=area,
                score=scores[position],
                is_my_task=position in tasks,
                note="Vil gerne blive skarpere her." if scores[position] <= 2 else "",
            )
        if state in (D, C):
            clarification.dialogue_on = today - timedelta(weeks=13, days=index)
            clarification.dialogue_note = (
                f"Vi talte om opgaverne på {units[unit_index].name} og om at styrke "
                f"{areas[scores.index(min(scores))].name.lower()}, så flere økonomiopgaver kan flytte fra lederens "
                "bord. Aftalt: kurset først, derefter et kompetencegivende modul."
            )
            clarification.dialogue_by = leader
            clarification.save()
        if state == C:
            clarification.clarified_on = today - timedelta(weeks=12)
            clarification.save()
            Recommendation.objects.create(
                clarification=clarification,
                offer=course,
                reason="Giver det fælles grundlag og netværk på tværs.",
                recommended_by=leader,
            )

    # Hold 1 (done): the eight clarified, seven completed. Hold A (full): six places, two on the waiting list.
    for index, participant in enumerate(participants[:8]):
        status = EnrolmentStatus.NOT_COMPLETED if index == 7 else EnrolmentStatus.COMPLETED
        Enrolment.objects.create(cohort=spring, participant=participant, status=status)
    for index, participant in enumerate(participants[:6] + participants[8:10]):
        Enrolment.objects.create(
            cohort=autumn,
            participant=participant,
            status=EnrolmentStatus.ENROLLED if index < 6 else EnrolmentStatus.WAITING,
        )
        if index < 4:
            Recommendation.objects.get_or_create(
                clarification=participant.clarification,
                offer=module,
                defaults={"reason": "Lavt selvvurderet på økonomi og budget.", "recommended_by": personale_lead},
            )

    # Job rotation: a substitute for each of Hold 1's participants, week by week; one week left uncovered.
    substitutes = []
    for name, employed_at, weeks_after in SUBSTITUTES:
        substitutes.append(
            Substitute.objects.create(
                programme=programme,
                name=name,
                employed_at=employed_at,
                employed_on=spring.ends_on + timedelta(weeks=weeks_after) if weeks_after else None,
            )
        )
    for index, participant in enumerate(participants[:8]):
        substitute = substitutes[index % len(substitutes)]
        last_week = 2 if index == 3 else 3  # Lindegården's fourth week: nobody found
        Cover.objects.create(
            substitute=substitute,
            participant=participant,
            unit=participant.unit,
            starts_on=spring.starts_on,
            ends_on=spring.starts_on + timedelta(weeks=last_week, days=4),
        )
    for index, participant in enumerate(participants[:6]):
        Cover.objects.create(
            substitute=substitutes[(index + 2) % len(substitutes)],
            participant=participant,
            unit=participant.unit,
            starts_on=autumn.starts_on,
            ends_on=autumn.ends_on,
        )
    if stdout:
        stdout.write(f"KAMBU: {len(participants)} participants, 2 cohorts, {len(substitutes)} substitutes.")
