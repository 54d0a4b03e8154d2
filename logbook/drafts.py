"""The logbook's long texts that keep a draft while they are written (drafts/registry.py): an entry's text
and the notes of a learning circle's current card. Each loader asks what the edit view asks."""

from django.http import Http404

from drafts.registry import register_draftable
from offices.access import LEADING_ROLES, get_for_office, get_office_access
from offices.models import Office

from .models import Entry, LearningCircle


def _office_object(model, user, pk):
    slug = model.objects.filter(pk=pk).values_list("office__slug", flat=True).first()
    if slug is None:
        raise Http404
    access = get_office_access(user, slug, roles=LEADING_ROLES)
    return get_for_office(model.objects.all(), access.office, pk=pk)


def entry_text(user, pk):
    return _office_object(Entry, user, pk)


def circle_card(user, pk):
    return _office_object(LearningCircle, user, pk)


def new_entry(user, pk):
    """The text of an entry not yet created, kept per office (the form of a new entry)."""
    slug = Office.objects.filter(pk=pk).values_list("slug", flat=True).first()
    if slug is None:
        raise Http404
    return get_office_access(user, slug, roles=LEADING_ROLES).office


def register():
    register_draftable(Entry, "text", entry_text, max_length=Entry._meta.get_field("text").max_length)
    register_draftable(
        Office, "new_entry", new_entry, max_length=Entry._meta.get_field("text").max_length, saved_text=lambda o: ""
    )
    # The notes of the circle's current phase card (logbook.forms.CardForm).
    register_draftable(LearningCircle, "card", circle_card, max_length=10000, saved_text=lambda circle: None)
