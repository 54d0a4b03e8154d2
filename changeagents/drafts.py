"""The change agents' long texts that keep a draft while they are written (drafts/registry.py): the text of a new
sparring note (kept per project), of a note being edited, and a project's description. Each loader asks what the
edit view asks: the programme's leads only."""

from django.http import Http404

from drafts.registry import register_draftable
from programmes.access import programme_access

from .models import Project, SparringNote


def _lead_project(user, project):
    if project is None:
        raise Http404
    access = programme_access(user, project.programme)
    if access is None:
        raise Http404
    access.require_lead()
    return project


def new_note(user, pk):
    return _lead_project(user, Project.objects.select_related("programme").filter(pk=pk).first())


def project_description(user, pk):
    return new_note(user, pk)


def note_text(user, pk):
    note = SparringNote.objects.select_related("project__programme").filter(pk=pk).first()
    if note is None:
        raise Http404
    _lead_project(user, note.project)
    return note


def register():
    length = SparringNote._meta.get_field("discussed").max_length
    register_draftable(Project, "new_note", new_note, max_length=length, saved_text=lambda project: "")
    register_draftable(
        Project, "description", project_description, max_length=Project._meta.get_field("description").max_length
    )
    register_draftable(SparringNote, "discussed", note_text, max_length=length)
