"""The dialogue note keeps a draft while the lead writes it (drafts/registry.py); the loader asks what the
dialogue view asks: a lead of the clarification's programme."""

from django.http import Http404

from drafts.registry import register_draftable
from programmes.access import get_programme_access
from programmes.models import ProgrammeKind

from .models import Clarification


def dialogue_note(user, pk):
    slug = Clarification.objects.filter(pk=pk).values_list("participant__programme__slug", flat=True).first()
    if slug is None:
        raise Http404
    access = get_programme_access(user, slug, lead=True, kind=ProgrammeKind.COMPETENCE)
    return Clarification.objects.visible_to(access).filter(pk=pk).first()


def register():
    register_draftable(
        Clarification,
        "dialogue_note",
        dialogue_note,
        max_length=Clarification._meta.get_field("dialogue_note").max_length,
    )
