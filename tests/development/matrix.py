"""KAMBU's objects for tests/slf/test_authorization_matrix.py: a competence programme owned by the office ``here``
(its marker in the names), its staff member a participant with a clarification and a place in a cohort."""

from datetime import date

from development.models import Clarification, Cohort, CompetenceArea, Cover, Enrolment, Offer, Substitute
from offices.models import Unit
from programmes.models import Participant, Programme, ProgrammeKind


def development_objects(here, mark):
    programme = Programme.objects.create(
        kind=ProgrammeKind.COMPETENCE, name=f"{mark} KAMBU", slug=f"{mark.lower()}-kambu", owner_office=here.office
    )
    unit = Unit.objects.create(office=here.office, name=f"{mark} skole")
    participant = Participant.objects.create(programme=programme, person=here.staff, unit=unit)
    CompetenceArea.objects.create(programme=programme, name=f"{mark} økonomi")
    clarification = Clarification.objects.create(participant=participant, dialogue_note=f"{mark} samtale")
    offer = Offer.objects.create(programme=programme, title=f"{mark} kursus")
    cohort = Cohort.objects.create(
        offer=offer, name=f"{mark} hold", starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 27), capacity=5
    )
    enrolment = Enrolment.objects.create(cohort=cohort, participant=participant, status="enrolled")
    substitute = Substitute.objects.create(programme=programme, name=f"{mark} vikar")
    Cover.objects.create(
        substitute=substitute, participant=participant, unit=unit, starts_on=cohort.starts_on, ends_on=cohort.ends_on
    )
    slug = programme.slug
    return {
        "development:programme": {"slug": slug},
        "development:self-assessment": {"slug": slug},
        "development:clarification": {"slug": slug, "pk": clarification.pk},
        "development:dialogue": {"slug": slug, "pk": clarification.pk},
        "development:recommendation-create": {"slug": slug, "pk": clarification.pk},
        "development:clarified": {"slug": slug, "pk": clarification.pk},
        "development:cohort": {"slug": slug, "pk": cohort.pk},
        "development:enrol": {"slug": slug, "pk": cohort.pk},
        "development:withdraw": {"slug": slug, "pk": cohort.pk, "enrolment_pk": enrolment.pk},
        "development:result": {"slug": slug, "pk": cohort.pk, "enrolment_pk": enrolment.pk},
        "development:unit-weeks": {"slug": slug, "unit_pk": unit.pk},
        "development:substitutes": {"slug": slug},
        "development:cover-create": {"slug": slug},
        "development:substitute-update": {"slug": slug, "pk": substitute.pk},
        "development:networks": {"slug": slug},
        "development:offers": {"slug": slug},
        "development:area-create": {"slug": slug},
        "development:offer-create": {"slug": slug},
        "development:cohort-create": {"slug": slug},
    }
