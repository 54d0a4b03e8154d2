"""Access helpers: every view fetches office-owned objects through these.

The rule of the product, written here once for every app: a person is inside
the offices they are a member of, and a head of administration is inside every
office of their administration. A person is inside an administration when they
are a member of any of its offices or head it (cross-office meeting series, the
glossary, the directory and the template library live at that level). Outside,
objects do not exist (404). Inside, an action that needs a role the person lacks
is forbidden (403). A person with several memberships counts with all of them:
``has_role`` asks whether any membership holds the role, and ``role`` is the
strongest one by ``Role.rank`` (never by the order of the role names). A head
without a membership has no office (``office`` is None), never an arbitrary one.

Typical use in a view::

    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    agreement = get_for_office(Agreement.objects.all(), access.office, pk=pk)
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Q, QuerySet
from django.http import Http404

from .models import LEADING_ROLES, MANAGER_ROLES, Administration, AdministrationLeader, Membership, Office, Role

#: Pseudo-role for a head of administration in role checks.
HEAD_OF_ADMINISTRATION = "head_of_administration"


class _RoleChecks:
    """The role questions, the same for an office and an administration; needs ``roles``, ``role``, ``is_head``."""

    @property
    def is_member(self) -> bool:
        return bool(self.roles)

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
        """Whether any of the person's memberships here holds one of ``roles`` (or they head it, if asked)."""
        roles = set(roles)
        return bool(self.roles & roles) or (self.is_head and HEAD_OF_ADMINISTRATION in roles)

    def require(self, roles: Iterable[str]):
        """Raise 403 unless the person holds one of ``roles`` here."""
        if not self.has_role(roles):
            raise PermissionDenied
        return self


@dataclass(frozen=True)
class OfficeAccess(_RoleChecks):
    """What one person may do in one office."""

    office: Office
    membership: Membership | None
    is_head: bool

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def roles(self) -> frozenset[str]:
        return frozenset({self.membership.role}) if self.membership else frozenset()


@dataclass(frozen=True)
class AdministrationAccess(_RoleChecks):
    """What one person may do in one administration, counting all their memberships in its offices."""

    administration: Administration
    #: The person's memberships in the administration's offices, strongest role first.
    memberships: tuple[Membership, ...]
    is_head: bool

    @property
    def membership(self) -> Membership | None:
        """The membership with the strongest role (ties: office name), or None for a head without one."""
        return self.memberships[0] if self.memberships else None

    @property
    def office(self) -> Office | None:
        """The office of the strongest membership; None for a head without a membership (never a random office)."""
        return self.membership.office if self.membership else None

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(m.role for m in self.memberships)

    def offices_with(self, roles: Iterable[str]) -> list[Office]:
        """The person's offices here where they hold one of ``roles``, strongest first."""
        roles = set(roles)
        return [m.office for m in self.memberships if m.role in roles]


def visible_offices(user) -> QuerySet[Office]:
    """The offices ``user`` may see at all."""
    return Office.objects.visible_to(user)


def visible_administrations(user) -> QuerySet[Administration]:
    """The administrations ``user`` is inside: a member of one of their offices, or their head."""
    if not user.is_authenticated:
        return Administration.objects.none()
    return Administration.objects.filter(Q(offices__memberships__person=user) | Q(leaders__person=user)).distinct()


def headed_administrations(user) -> QuerySet[Administration]:
    """The administrations ``user`` heads."""
    if not user.is_authenticated:
        return Administration.objects.none()
    return Administration.objects.filter(leaders__person=user)


def offices_with_role(user, roles: Iterable[str]) -> QuerySet[Office]:
    """The offices where ``user`` holds one of ``roles`` as a member (heads count only through memberships)."""
    if not user.is_authenticated:
        return Office.objects.none()
    return Office.objects.filter(memberships__person=user, memberships__role__in=set(roles)).distinct()


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


def _by_strength(memberships) -> tuple[Membership, ...]:
    return tuple(sorted(memberships, key=lambda m: (-m.rank, m.office.name, m.pk)))


def administration_access(user, administration: Administration) -> AdministrationAccess | None:
    """Return the person's access to ``administration`` (all their memberships there), or None when outside."""
    if not user.is_authenticated or administration is None:
        return None
    heads = AdministrationLeader.objects.filter(person=user, administration_id=administration.pk)
    memberships = list(
        Membership.objects.filter(person=user, office__administration_id=administration.pk)
        .select_related("office__administration", "section")
        .annotate(is_head=Exists(heads))
    )
    # One query for members; a second only for people without a membership here.
    is_head = memberships[0].is_head if memberships else heads.exists()
    if not memberships and not is_head:
        return None
    return AdministrationAccess(administration=administration, memberships=_by_strength(memberships), is_head=is_head)


def get_administration_access(user, slug: str, roles: Iterable[str] | None = None) -> AdministrationAccess:
    """Fetch an administration by slug for ``user``: 404 if they are outside it, 403 without ``roles``."""
    administration = Administration.objects.filter(slug=slug).first()
    access = administration_access(user, administration) if administration else None
    if access is None:
        raise Http404("No such administration.")
    if roles is not None:
        access.require(roles)
    return access


def home_access(user) -> AdministrationAccess:
    """The person's own administration: that of their strongest membership, else the one they head; 404 if none."""
    if not user.is_authenticated:
        raise Http404("No administration.")
    memberships = _by_strength(Membership.objects.filter(person=user).select_related("office__administration"))
    if memberships:
        administration = memberships[0].office.administration
    else:
        administration = headed_administrations(user).order_by("name").first()
        if administration is None:
            raise Http404("No administration.")
    return administration_access(user, administration)


def get_office_access(user, slug: str, roles: Iterable[str] | None = None) -> OfficeAccess:
    """Fetch an office by slug for ``user``: 404 if they can't see it, 403 without ``roles``."""
    office = Office.objects.select_related("administration").filter(slug=slug).first()
    access = office_access(user, office) if office else None
    if access is None:
        raise Http404("No such office.")
    if roles is not None:
        access.require(roles)
    return access


#: The Django permission the administrator grants the data protection officer (databeskyttelsesrådgiver) in the
#: admin (on the person, or through a group). It reaches every person of the installation, whatever office.
DATA_PROTECTION_PERMISSION = "privacy.serve_data_requests"


def is_data_protection_officer(user) -> bool:
    """Whether ``user`` serves requests for a person's data (exports, the access log)."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(DATA_PROTECTION_PERMISSION))


def require_data_protection_officer(user) -> None:
    """403 unless ``user`` is the data protection officer: other people never see another person's export."""
    if not is_data_protection_officer(user):
        raise PermissionDenied


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
    "DATA_PROTECTION_PERMISSION",
    "HEAD_OF_ADMINISTRATION",
    "LEADING_ROLES",
    "MANAGER_ROLES",
    "AdministrationAccess",
    "OfficeAccess",
    "Role",
    "administration_access",
    "get_administration_access",
    "get_for_office",
    "get_for_user",
    "get_office_access",
    "headed_administrations",
    "home_access",
    "is_data_protection_officer",
    "office_access",
    "offices_with_role",
    "require_data_protection_officer",
    "scope_to_user",
    "visible_administrations",
    "visible_offices",
]
