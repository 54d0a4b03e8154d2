import pghistory
from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The three headings of the year's work in the seeds (shared/seeds/000).
DEFAULT_HEADINGS = [
    "Åben praksis",
    "Reflekterende dialoger og feedback",
    "Systematik i opgaveløsningen",
]


class Role(models.TextChoices):
    STAFF = "staff", _("staff member")
    RESOURCE_PERSON = "resource_person", _("resource person")
    SECTION_LEADER = "section_leader", _("section leader")
    OFFICE_CHIEF = "office_chief", _("office chief")

    @property
    def rank(self) -> int:
        """How strong the role is: the strongest of a person's roles counts (never the order of the names)."""
        return ROLE_RANK[self]

    @classmethod
    def strongest(cls, roles) -> "Role | None":
        roles = [cls(role) for role in roles]
        return max(roles, key=lambda role: role.rank) if roles else None


#: Explicit ranking of the roles, weakest first.
ROLE_RANK = {Role.STAFF: 0, Role.RESOURCE_PERSON: 1, Role.SECTION_LEADER: 2, Role.OFFICE_CHIEF: 3}


#: Roles that run the office's learning community: they edit meetings, the
#: logbook and learning circles, and see the progress pages.
LEADING_ROLES = frozenset({Role.RESOURCE_PERSON, Role.SECTION_LEADER, Role.OFFICE_CHIEF})
#: Roles that lead people (review progress).
MANAGER_ROLES = frozenset({Role.SECTION_LEADER, Role.OFFICE_CHIEF})


class Administration(models.Model):
    """A forvaltning: the offices under one head of administration."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("administration")
        verbose_name_plural = _("administrations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OfficeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Offices the user is a member of, or heads the administration of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(memberships__person=user) | models.Q(administration__leaders__person=user)
        ).distinct()


class Office(models.Model):
    """A kontor. Its learning community is the unit of almost everything in the app."""

    administration = models.ForeignKey(
        Administration, on_delete=models.PROTECT, related_name="offices", verbose_name=_("administration")
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    # Progress settings (the progress pages read them).
    minutes_within_days = models.PositiveSmallIntegerField(
        _("minutes published within (working days)"),
        default=2,
        help_text=_("Minutes count as on time when published at most this many working days after the meeting."),
    )
    circle_stuck_days = models.PositiveSmallIntegerField(
        _("a learning circle is stuck after (days)"),
        default=60,
        help_text=_("Circles longer than this in one phase are highlighted on the progress page."),
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["administration", "name"], name="office_name_unique_in_administration"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding and not self.headings.exists():
            self.headings.bulk_create(
                [Heading(office=self, name=name, position=i) for i, name in enumerate(DEFAULT_HEADINGS, start=1)]
            )

    def get_absolute_url(self):
        return reverse("offices:office-detail", args=[self.slug])


class Section(models.Model):
    """A sektion or team inside an office."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="sections", verbose_name=_("office"))
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["office", "name"]
        constraints = [
            models.UniqueConstraint("office", Lower("name"), name="section_name_unique_in_office"),
        ]

    def __str__(self):
        return self.name


class Heading(models.Model):
    """One of the office's SLF headings, used to tag activities (e.g. "Åben praksis")."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="headings", verbose_name=_("office"))
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Headings no longer in use stay on older entries.")
    )

    class Meta:
        verbose_name = _("SLF heading")
        verbose_name_plural = _("SLF headings")
        ordering = ["office", "position", "name"]
        constraints = [
            models.UniqueConstraint("office", Lower("name"), name="heading_name_unique_in_office"),
        ]

    def __str__(self):
        return self.name


class Source(models.TextChoices):
    """Where a membership or headship comes from: made by hand here, or from the identity provider's mapping (sso/),
    which adds and removes those at every sign-in and leaves the hand-made ones alone."""

    MANUAL = "manual", _("made by hand")
    IDENTITY_PROVIDER = "idp", _("from the identity provider")


class MembershipQuerySet(models.QuerySet):
    def leading(self):
        return self.filter(role__in=LEADING_ROLES)


class Membership(models.Model):
    """A person's place in an office: their section and role there."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("office"))
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("section"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    title = models.CharField(_("job title"), max_length=120, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["office", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "office"], name="membership_unique_person_office"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.person} · {self.office} · {self.get_role_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.section_id and self.office_id and self.section.office_id != self.office_id:
            raise ValidationError({"section": _("The section must belong to the same office.")})

    @property
    def is_leading(self) -> bool:
        return self.role in LEADING_ROLES

    @property
    def rank(self) -> int:
        return Role(self.role).rank


class AdministrationLeader(models.Model):
    """A forvaltningschef: reviews all offices of the administration."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="administration_roles",
        verbose_name=_("person"),
    )
    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="leaders", verbose_name=_("administration")
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        verbose_name = _("head of administration")
        verbose_name_plural = _("heads of administration")
        constraints = [
            models.UniqueConstraint(fields=["person", "administration"], name="administration_leader_unique"),
        ]

    def __str__(self):
        return f"{self.person} · {self.administration}"


class UnitKind(models.TextChoices):
    SCHOOL = "school", _("school")
    DAY_CARE = "day_care", _("day care")
    CLUB = "club", _("youth club")
    OTHER = "other", _("other unit")


@pghistory.track()
class Unit(models.Model):
    """A decentral unit (decentral enhed) an office serves: a school, a day-care centre, a club.

    Its people are contacts (``UnitContact``) and need no account. Programmes (task force, competence development)
    refer to units: the decentral colleagues whose day an initiative eases, the unit a course participant comes from.
    """

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="units", verbose_name=_("office"))
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=UnitKind.choices, default=UnitKind.OTHER)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("decentral unit")
        verbose_name_plural = _("decentral units")
        ordering = ["office", "name"]
        constraints = [
            models.UniqueConstraint("office", Lower("name"), name="unit_name_unique_in_office"),
            models.CheckConstraint(condition=models.Q(kind__in=UnitKind.values), name="unit_kind_valid"),
        ]

    def __str__(self):
        return self.name


@pghistory.track()
class UnitContact(models.Model):
    """A person at a decentral unit the office talks to (e.g. the administrative leader); no account needed."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("unit"))
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("job title"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    #: Set when the contact also has an account here.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="unit_contacts",
        verbose_name=_("account"),
    )

    class Meta:
        verbose_name = _("unit contact")
        verbose_name_plural = _("unit contacts")
        ordering = ["unit", "name"]

    def __str__(self):
        return f"{self.name} · {self.unit}"
