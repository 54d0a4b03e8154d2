"""The groups' work objects for the authorization matrix: a bootcamp owned by the office, its staff member a member
of the group, the group's barrier, journey map and two steps. Every name carries ``mark``."""

from bootcamps.models import Barrier, BarrierKind, Feeling, JourneyMap, JourneyStep
from programmes.models import Group, GroupMember, Participant, Programme, ProgrammeKind, Theme


def work_objects(here, mark, today):
    programme = Programme.objects.create(
        kind=ProgrammeKind.BOOTCAMP,
        name=f"{mark} bootcamp",
        slug=f"{mark.lower()}-bootcamp-work",
        owner_office=here.office,
        starts_on=today,
    )
    theme = Theme.objects.create(programme=programme, name=f"{mark} tema")
    group = Group.objects.create(programme=programme, theme=theme, name=f"{mark} gruppe", problem=f"{mark} problem")
    participant = Participant.objects.create(programme=programme, person=here.staff, office=here.office)
    GroupMember.objects.create(group=group, participant=participant)
    barrier = Barrier.objects.create(group=group, text=f"{mark} barriere", kind=BarrierKind.RULES, raised_by=here.staff)
    journey = JourneyMap.objects.create(group=group, persona=f"{mark} borger")
    step = JourneyStep.objects.create(
        journey=journey, position=1, title=f"{mark} trin", touchpoint=f"{mark} sted", feeling=Feeling.GLAD
    )
    JourneyStep.objects.create(
        journey=journey,
        position=2,
        title=f"{mark} brud",
        touchpoint="x",
        feeling=Feeling.FRUSTRATED,
        breaks=True,
        break_note=f"{mark} brud her",
    )
    g = {"slug": programme.slug, "pk": group.pk}
    return {
        "bootcamps:barriers": {"slug": programme.slug},
        "bootcamps:group-problem": g,
        "bootcamps:barrier-create": g,
        "bootcamps:barrier-update": {**g, "barrier_pk": barrier.pk},
        "bootcamps:barrier-sort": {**g, "barrier_pk": barrier.pk},
        "bootcamps:barrier-delete": {**g, "barrier_pk": barrier.pk},
        "bootcamps:journey": g,
        "bootcamps:journey-update": g,
        "bootcamps:step-create": g,
        "bootcamps:step-update": {**g, "step_pk": step.pk},
        "bootcamps:step-move": {**g, "step_pk": step.pk},
        "bootcamps:step-delete": {**g, "step_pk": step.pk},
    }
