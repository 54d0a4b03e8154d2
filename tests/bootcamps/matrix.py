"""Bootcamp objects for the shared tests (the authorization matrix, the form fuzzer): a bootcamp programme owned by
``here.office`` (its leading people and the head lead it), its staff member a participant in a group, a held day."""

from datetime import time, timedelta

from bootcamps.models import BootcampDay
from programmes.models import Group, GroupMember, Level, Participant, Programme, ProgrammeKind, Theme


def bootcamp(here, mark, today):
    programme = Programme.objects.create(
        kind=ProgrammeKind.BOOTCAMP,
        name=f"{mark} ledelse sammen",
        slug=f"{mark.lower()}-ledelse-sammen",
        owner_office=here.office,
        starts_on=today - timedelta(days=30),
    )
    theme = Theme.objects.create(programme=programme, name=f"{mark} tema")
    group = Group.objects.create(programme=programme, theme=theme, name=f"{mark} gruppe")
    participant = Participant.objects.create(
        programme=programme, person=here.staff, office=here.office, level=Level.FIRST_LINE
    )
    GroupMember.objects.create(group=group, participant=participant)
    day = BootcampDay.objects.create(
        programme=programme,
        date=today - timedelta(days=1),
        starts_at=time(9),
        ends_at=time(15),
        place=f"{mark} sted",
        agenda=f"{mark} dagsorden",
    )
    return {"programme": programme, "theme": theme, "group": group, "participant": participant, "day": day}


def matrix_objects(here, mark, today):
    """URL name → kwargs for the bootcamp days' pages (bootcamp-days' part of the bootcamps app)."""
    made = bootcamp(here, mark, today)
    slug = made["programme"].slug
    day = {"slug": slug, "pk": made["day"].pk}
    return {
        "bootcamps:programme": {"slug": slug},
        "bootcamps:day-create": {"slug": slug},
        "bootcamps:day": day,
        "bootcamps:day-update": day,
        "bootcamps:day-evaluate": day,
        "bootcamps:group-builder": {"slug": slug},
        "bootcamps:group": {"slug": slug, "pk": made["group"].pk},
    }
