"""The programme pages' objects for the shared tests (the authorization matrix, the form fuzzer): a programme owned
by the office (its staff member takes part; its section leader is also a named lead), a theme and an initiative
owned by the staff member. Every name carries ``mark``."""

from programmes.models import Initiative, Participant, Programme, ProgrammeKind, Theme


def matrix_objects(here, mark, today):
    programme = Programme.objects.create(
        kind=ProgrammeKind.BOOTCAMP,
        name=f"{mark} udviklingsprogram",
        slug=f"{mark.lower()}-programme",
        owner_office=here.office,
        starts_on=today,
    )
    programme.leads.add(here.section_leader)
    participant = Participant.objects.create(programme=programme, person=here.staff, office=here.office)
    theme = Theme.objects.create(programme=programme, name=f"{mark} tema", position=1)
    initiative = Initiative.objects.create(
        programme=programme,
        office=here.office,
        theme=theme,
        title=f"{mark} initiativ",
        goal=f"{mark} mål",
        owner=here.staff,
        created_by=here.resource_person,
    )
    slug = programme.slug
    return {
        "programmes:index": {},
        "programmes:programme-detail": {"slug": slug},
        "programmes:participants": {"slug": slug},
        "programmes:participant-remove": {"slug": slug, "pk": participant.pk},
        "programmes:leads": {"slug": slug},
        "programmes:lead-remove": {"slug": slug, "pk": here.section_leader.pk},
        "programmes:themes": {"slug": slug},
        "programmes:theme-edit": {"slug": slug, "pk": theme.pk},
        "programmes:theme-move": {"slug": slug, "pk": theme.pk},
        "programmes:initiative-list": {"slug": slug},
        "programmes:initiative-create": {"slug": slug},
        "programmes:initiative-detail": {"slug": slug, "pk": initiative.pk},
        "programmes:initiative-edit": {"slug": slug, "pk": initiative.pk},
        "programmes:initiative-status": {"slug": slug, "pk": initiative.pk},
        "programmes:initiative-step-add": {"slug": slug, "pk": initiative.pk},
        "programmes:initiative-measure": {"slug": slug, "pk": initiative.pk},
    }
