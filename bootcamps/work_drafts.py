"""The group's problem keeps a draft while it is written (drafts/registry.py); the loader asks what the edit view
asks: 404 outside the programme, 403 for someone who is neither lead nor member of the group."""

from django.http import Http404

from drafts.registry import register_draftable
from programmes.models import Group

from .work_views import get_group


def group_problem(user, pk):
    slug = Group.objects.filter(pk=pk).values_list("programme__slug", flat=True).first()
    if slug is None:
        raise Http404
    _access, group, _can_edit = get_group(user, slug, pk, edit=True)
    return group


def register():
    length = Group._meta.get_field("problem").max_length
    register_draftable(Group, "problem", group_problem, max_length=length, version_field="problem_version")
