"""Access helpers: every view fetches office-owned objects through these.

The rule of the product: a person sees the offices they are a member of, and a
head of administration sees every office of their administration. Outside
those, objects do not exist (404). Inside, an action that needs a role the
person lacks is forbidden (403).

Typical use in a view::

    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    agreement = get_for_office(Agreement.objects.all(), access.office, pk=pk)
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Q, QuerySet
from django.http import Http404

from .models import LEADING_ROLES, MANAGER_ROLES, AdministrationLeader, Membership, Office, Role

#: Pseudo-role for a head of administration in role checks.
HEAD_OF_ADMINISTRATION = "head_of_administration"


@dataclass(frozen=True)
class OfficeAccess:
    """What one person may do in one office."""

    office: Office
    membership: Membership | None
    is_head: bool

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def is_leading(self) -> bool:
        """Resource person, section leader or office chief of this office."""
        return self.role in LEADING_ROLES

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGER_ROLES

    @property
    def can_edit(self) -> bool:
        """May write the office's meetings, logbook and learning circles."""
        return self.is_leading

    @property
    def can_review(self) -> bool:
        """May see the office's progress pages."""
        return self.is_leading or self.is_head

    def has_role(self, roles: Iterable[str]) -> bool:
        roles = set(roles)
        return (self.role in roles) or (self.is_head and HEAD_OF_ADMINISTRATION in roles)

    def require(self, roles: Iterable[str]) -> "OfficeAccess":
        """Raise 403 unless the person holds one of ``roles`` here."""
        if not self.has_role(roles):
            raise PermissionDenied
        return self


def visible_offices(user) -> QuerySet[Office]:
    """The offices ``user`` may see at all."""
    return Office.objects.visible_to(user)


def office_access(user, office: Office) -> OfficeAccess | None:
    """Return the person's access to ``office``, or None when they have none."""
    if not user.is_authenticated:
        return None
    heads = AdministrationLeader.objects.filter(person=user, administration_id=office.administration_id)
    membership = (
        Membership.objects.filter(person=user, office=office)
        .select_related("section")
        .annotate(is_head=Exists(heads))
        .first()
    )
    # One query for members (the common case); a second only for people without a membership here.
    is_head = membership.is_head if membership is not None else heads.exists()
    if membership is None and not is_head:
        return None
    return OfficeAccess(office=office, membership=membership, is_head=is_head)


def get_office_access(user, slug: str, roles: Iterable[str] | None = None) -> OfficeAccess:
    """Fetch an office by slug for ``user``: 404 if they can't see it, 403 without ``roles``."""
    office = Office.objects.select_related("administration").filter(slug=slug).first()
    access = office_access(user, office) if office else None
    if access is None:
        raise Http404("No such office.")
    if roles is not None:
        access.require(roles)
    return access


def scope_to_user(queryset: QuerySet, user, office_field: str = "office") -> QuerySet:
    """Restrict ``queryset`` to rows whose ``office_field`` is an office ``user`` may see."""
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(
        Q(**{f"{office_field}__memberships__person": user})
        | Q(**{f"{office_field}__administration__leaders__person": user})
    ).distinct()


def get_for_office(queryset: QuerySet, office: Office, office_field: str = "office", **lookup):
    """Fetch one object that must belong to ``office``; 404 otherwise."""
    obj = queryset.filter(**{office_field: office}, **lookup).first()
    if obj is None:
        raise Http404("No such object in this office.")
    return obj


def get_for_user(
    queryset: QuerySet, user, *, office_field: str = "office", roles: Iterable[str] | None = None, **lookup
):
    """Fetch one office-owned object for ``user``.

    Returns ``(obj, access)``. 404 when the object does not exist or belongs to
    an office the user cannot see; 403 when ``roles`` is given and the user
    holds none of them in the object's office.
    """
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404("No such object.")
    office = obj
    for part in office_field.split("__"):
        office = getattr(office, part)
    access = office_access(user, office)
    if access is None:
        raise Http404("No such object.")
    if roles is not None:
        access.require(roles)
    return obj, access


__all__ = [
    "HEAD_OF_ADMINISTRATION",
    "LEADING_ROLES",
    "MANAGER_ROLES",
    "OfficeAccess",
    "Role",
    "get_for_office",
    "get_for_user",
    "get_office_access",
    "office_access",
    "scope_to_user",
    "visible_offices",
]
