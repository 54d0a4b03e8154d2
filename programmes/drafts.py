"""An initiative's goal keeps a draft while it is written (drafts/registry.py); the loader asks what the edit view
asks: someone who may edit the initiative (a lead, its owner, a member of its group)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from drafts.registry import register_draftable

from .access import get_programme_access
from .models import Initiative


def initiative_goal(user, pk):
    slug = Initiative.objects.filter(pk=pk).values_list("programme__slug", flat=True).first()
    if slug is None:
        raise Http404
    access = get_programme_access(user, slug)
    initiative = Initiative.objects.filter(pk=pk, programme=access.programme).first()
    if not initiative.may_edit(access):
        raise PermissionDenied
    return initiative


def register():
    register_draftable(Initiative, "goal", initiative_goal, max_length=Initiative._meta.get_field("goal").max_length)
