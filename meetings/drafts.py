"""The meetings' long texts that keep a draft while they are written (drafts/registry.py): an item's minutes,
the meeting's general note and an agenda item's description. Each loader asks what the edit view asks."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from drafts.registry import register_draftable

from . import services
from .access import get_meeting
from .models import AgendaItem, Meeting

MINUTES_LENGTH = 20000


def _item(user, pk):
    meeting_id = AgendaItem.objects.filter(pk=pk).values_list("meeting_id", flat=True).first()
    if meeting_id is None:
        raise Http404
    return meeting_id


def item_minutes(user, pk):
    meeting, access = get_meeting(user, _item(user, pk))
    if not services.can_write_minutes(meeting, access):
        raise PermissionDenied
    return meeting.agenda_items.get(pk=pk)


def meeting_notes(user, pk):
    meeting, access = get_meeting(user, pk)
    if not services.can_write_minutes(meeting, access):
        raise PermissionDenied
    return meeting


def item_description(user, pk):
    meeting, _access = get_meeting(user, _item(user, pk), edit=True)
    if not meeting.can_edit_agenda():
        raise PermissionDenied
    return meeting.agenda_items.get(pk=pk)


def register():
    register_draftable(AgendaItem, "minutes", item_minutes, max_length=MINUTES_LENGTH, version_field="minutes_version")
    register_draftable(Meeting, "notes", meeting_notes, max_length=MINUTES_LENGTH, version_field="notes_version")
    length = AgendaItem._meta.get_field("description").max_length or 4000
    register_draftable(AgendaItem, "description", item_description, max_length=length)
