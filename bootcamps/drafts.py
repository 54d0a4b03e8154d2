"""A bootcamp day's agenda keeps a draft while a lead writes it (drafts/registry.py); the loader asks what the edit
view asks: 404 outside the programme, 403 for a participant who does not lead it."""

from django.http import Http404

from drafts.registry import register_draftable
from programmes.access import get_for_programme, get_programme_access
from programmes.models import ProgrammeKind

from .models import BootcampDay


def day_agenda(user, pk):
    slug = BootcampDay.objects.filter(pk=pk).values_list("programme__slug", flat=True).first()
    if slug is None:
        raise Http404
    access = get_programme_access(user, slug, lead=True, kind=ProgrammeKind.BOOTCAMP)
    return get_for_programme(BootcampDay.objects.all(), access.programme, pk=pk)


def register():
    register_draftable(BootcampDay, "agenda", day_agenda, max_length=BootcampDay._meta.get_field("agenda").max_length)
