"""Who reads and who edits an administration's glossary."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from offices.models import LEADING_ROLES, Administration, AdministrationLeader, Membership


def is_inside(user, administration) -> bool:
    """A member of one of the administration's offices, or one of its heads."""
    if not user.is_authenticated:
        return False
    return (
        Membership.objects.filter(person=user, office__administration=administration).exists()
        or AdministrationLeader.objects.filter(person=user, administration=administration).exists()
    )


def editor_offices(user, administration):
    """The offices of the administration where ``user`` may edit the glossary (leading roles)."""
    from offices.models import Office

    if not user.is_authenticated:
        return Office.objects.none()
    if AdministrationLeader.objects.filter(person=user, administration=administration).exists():
        return administration.offices.all()
    return administration.offices.filter(memberships__person=user, memberships__role__in=LEADING_ROLES).distinct()


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


def home_administration(user):
    """The person's own administration (through their first membership, or as its head), and the membership."""
    membership = Membership.objects.filter(person=user).select_related("office__administration").first()
    if membership:
        return membership.office.administration, membership
    leader = AdministrationLeader.objects.filter(person=user).select_related("administration").first()
    if leader:
        return leader.administration, None
    raise Http404("No administration.")
