"""Who reads and who edits the administration's glossary: knowledge-named doors onto offices.access.

A term is edited (and removed) only by the editors of its owner office: the leading roles of that office.
Heads of administration edit every term of their administration, as they always have. A term whose owner
office is gone may be adopted by any editor of the administration. Handing a term to another office is a
separate action (``term_handover``) for the owner's editors only, recorded in the term's history.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from offices.access import administration_access, offices_with_role
from offices.models import LEADING_ROLES, Administration, Office


def is_inside(user, administration) -> bool:
    """A member of one of the administration's offices, or one of its heads."""
    return administration_access(user, administration) is not None


def editor_offices(user, administration):
    """The offices of the administration whose glossary terms ``user`` may edit.

    Leading roles edit the terms their office owns; a head of administration those of every office.
    """
    access = administration_access(user, administration)
    if access is None:
        return Office.objects.none()
    if access.is_head:
        return administration.offices.all()
    return offices_with_role(user, LEADING_ROLES).filter(administration=administration)


def may_edit_term(user, term, offices=None) -> bool:
    """Whether ``user`` is an editor of the term's owner office (any editor, when the owner office is gone)."""
    offices = editor_offices(user, term.administration) if offices is None else offices
    if term.owner_id is None:
        return offices.exists()
    return offices.filter(pk=term.owner_id).exists()


def get_administration(slug) -> Administration:
    return get_object_or_404(Administration, slug=slug)


def require_editor(user, administration):
    """404 for people outside the administration, 403 for those inside without an editing role."""
    if not is_inside(user, administration):
        raise Http404("No such glossary.")
    offices = editor_offices(user, administration)
    if not offices.exists():
        raise PermissionDenied
    return offices


def require_term_editor(user, term):
    """404 outside the administration; 403 unless ``user`` edits for the term's owner office. Returns their offices."""
    offices = require_editor(user, term.administration)
    if not may_edit_term(user, term, offices):
        raise PermissionDenied
    return offices
