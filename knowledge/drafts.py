"""The knowledge texts that keep a draft while they are written (drafts/registry.py): a case procedure's
steps and a glossary term's explanation. Each loader asks what the edit view asks."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from drafts.registry import register_draftable
from offices.access import LEADING_ROLES, get_for_office, get_office_access

from .access import require_term_editor
from .models import Procedure, Term


def procedure_body(user, pk):
    slug = Procedure.objects.filter(pk=pk).values_list("office__slug", flat=True).first()
    if slug is None:
        raise Http404
    access = get_office_access(user, slug)
    procedure = get_for_office(Procedure.objects.all(), access.office, pk=pk)
    if not (access.has_role(LEADING_ROLES) or procedure.owner_id == user.pk):  # as procedure_views._may_edit
        raise PermissionDenied
    return procedure


def term_explanation(user, pk):
    term = Term.objects.select_related("administration").filter(pk=pk).first()
    if term is None:
        raise Http404
    require_term_editor(user, term)
    return term


def register():
    register_draftable(Procedure, "body", procedure_body, max_length=Procedure._meta.get_field("body").max_length)
    register_draftable(Term, "explanation", term_explanation, max_length=Term._meta.get_field("explanation").max_length)
