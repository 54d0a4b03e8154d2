"""Practice visits (besøg): 30 minutes in which a colleague listens and asks about another's tasks."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import pghistory
from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from offices.models import Membership, Office
from slf.forms import date_bounds
from slf.workdays import add_working_time


class VisitSettings(models.Model):
    """An office's rules for visits."""

    office = models.OneToOneField(
        Office, on_delete=models.CASCADE, related_name="visit_settings", verbose_name=_("office")
    )
    length_minutes = models.PositiveSmallIntegerField(_("visit length (minutes)"), default=30)
    min_notice_minutes = models.PositiveIntegerField(_("minimum notice (minutes)"), default=120)
    horizon_days = models.PositiveSmallIntegerField(_("how far ahead one can book (working days)"), default=30)
    monthly_cap = models.PositiveSmallIntegerField(
        _("visits hosted per person per month"), null=True, blank=True, help_text=_("Empty: no limit.")
    )

    class Meta:
        verbose_name = _("visit settings")
        verbose_name_plural = _("visit settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(length_minutes__gte=10, length_minutes__lte=240), name="visit_length_sensible"
            ),
        ]

    def __str__(self):
        return str(self.office)

    @classmethod
    def for_office(cls, office) -> "VisitSettings":
        found = cls.objects.filter(office=office).first()
        return found or cls(office=office)

    # Notice and horizon count Danish working days (slf.workdays): weekends and public holidays left out.

    def earliest_start(self, now: datetime) -> datetime:
        """The first moment a visit may start: the minimum notice, counted in working time."""
        return add_working_time(now, timedelta(minutes=self.min_notice_minutes))

    def latest_start(self, now: datetime) -> datetime:
        """The last moment a visit may start: ``horizon_days`` working days from now."""
        return add_working_time(now, timedelta(days=self.horizon_days))


class VisitProfile(models.Model):
    """A person's own visit preferences."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visit_profile", verbose_name=_("person")
    )
    allow_cross_office = models.BooleanField(
        _("colleagues from other offices of the administration may book me"), default=False
    )
    about = models.CharField(_("ask me about"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("visit profile")
        verbose_name_plural = _("visit profiles")

    def __str__(self):
        return str(self.person)

    @classmethod
    def of(cls, person) -> "VisitProfile | None":
        """The person's profile or None; no query when it came with the person (``select_related("visit_profile")``)."""
        try:
            return person.visit_profile
        except cls.DoesNotExist:
            return None


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class AvailabilityWindow(models.Model):
    """A weekly recurring time when the person can host visits, e.g. Tuesday 10:00–12:00."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability", verbose_name=_("person")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("to"))

    class Meta:
        verbose_name = _("weekly availability")
        verbose_name_plural = _("weekly availability")
        ordering = ["person", "weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="availability_end_after_start"),
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=6), name="availability_weekday_valid"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class ExceptionKind(models.TextChoices):
    AVAILABLE = "available", _("extra window")
    BLOCKED = "blocked", _("blocked day")


class AvailabilityException(models.Model):
    """A one-off window on a date, or a day on which the person takes no visits."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="availability_exceptions",
        verbose_name=_("person"),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=ExceptionKind.choices)
    start = models.TimeField(_("from"), null=True, blank=True)
    end = models.TimeField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-off availability")
        verbose_name_plural = _("one-off availability")
        ordering = ["person", "date", "start"]
        constraints = [
            date_bounds("date", "availability_exception_date_in_bounds"),
            models.CheckConstraint(
                condition=Q(kind="blocked", start__isnull=True, end__isnull=True)
                | Q(kind="available", start__isnull=False, end__isnull=False, end__gt=F("start")),
                name="availability_exception_shape",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class VisitStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    DECLINED = "declined", _("declined by host")
    CANCELLED = "cancelled", _("cancelled")
    NOT_HELD = "not_held", _("not held")


class VisitError(Exception):
    """A state change the visit's rules refuse; ``str(error)`` is the message for the person."""


#: A visit with one of these statuses took place once its start has passed (not cancelled, declined or not held).
TOOK_PLACE_STATUSES = (VisitStatus.CONFIRMED,)


class CountPairs(models.Aggregate):
    """``count(DISTINCT (a, b))``: how many different ordered pairs."""

    function = "count"
    name = "CountPairs"
    template = "%(function)s(DISTINCT (%(expressions)s))"
    output_field = models.IntegerField()


def possible_pairs(members):
    """Ordered pairs (visitor → host) of different people among ``members``; works on numbers and expressions."""
    return members * (members - 1)


def coverage_percent(pairs: int, members: int) -> int | None:
    """Coverage in whole per cent: pairs of members that have met of all possible pairs (None under two members)."""
    possible = possible_pairs(members)
    return round(100 * pairs / possible) if possible else None


@dataclass(frozen=True)
class Coverage:
    """Coverage of visits in an office for a period: THE definition, used by the visits and the progress pages.

    - A visit counts when it took place: its status is one of ``TOOK_PLACE_STATUSES`` and it started in the period
      and before now (a confirmed visit still to come has not taken place).
    - Visitors and pairs count only the office's members (a guest from another office is not a pair of the office).
    - Coverage is the share of ordered pairs (visitor → host) of different members that have had at least one visit.
    """

    visits: int
    visitors: int
    pairs: int
    members: int

    @property
    def possible(self) -> int:
        return possible_pairs(self.members)

    @property
    def pct(self) -> int | None:
        return coverage_percent(self.pairs, self.members)


class VisitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=VisitStatus.CONFIRMED)

    def involving(self, user):
        return self.filter(Q(host=user) | Q(visitor=user))

    def took_place(self, start_at, end_at, now):
        return self.filter(took_place_q(start_at, end_at, now))


def took_place_q(start_at, end_at, now) -> Q:
    """The visits that took place from ``start_at`` to before ``end_at``, as of ``now`` (see Coverage)."""
    return Q(
        status__in=TOOK_PLACE_STATUSES,
        during__startswith__gte=start_at,
        during__startswith__lt=min(end_at, now),
    )


def between_members_q(members) -> Q:
    """Visits whose visitor and host are both in ``members`` (a ``values("person")`` queryset of memberships)."""
    return Q(visitor__in=members, host__in=members)


def coverage_annotations(start_at, end_at, now, office=None) -> dict:
    """Correlated subqueries for an ``Office`` queryset: visits, visitors, pairs, members (see Coverage).

    ``office`` defaults to the outer query's office (``OuterRef("pk")``).
    """
    # The members' subquery sits inside the per-office subquery: its outer office is two levels up.
    members = Membership.objects.filter(office=OuterRef(OuterRef("pk")) if office is None else office).values("person")
    office = OuterRef("pk") if office is None else office
    held = took_place_q(start_at, end_at, now)

    def per_office(queryset, **annotation):
        ((name, expression),) = annotation.items()
        return Coalesce(
            Subquery(
                queryset.filter(office=office)
                .order_by()
                .values("office")
                .annotate(**{name: expression})
                .values(name)[:1]
            ),
            0,
        )

    visits = Visit.objects.filter(held)  # only the period's rows (every count below is of them), not all history
    return {
        "visits_held": per_office(visits, v=Count("pk", filter=held)),
        "members": per_office(Membership.objects.all(), v=Count("pk")),
        "visitors": per_office(visits.filter(visitor__in=members), v=Count("visitor", filter=held, distinct=True)),
        "pairs": per_office(
            visits.filter(between_members_q(members)), v=CountPairs("visitor_id", "host_id", filter=held)
        ),
    }


def office_coverage(office, start_at, end_at, now) -> Coverage:
    """The office's coverage of visits for a period (one query)."""
    row = Office.objects.filter(pk=office.pk).values(**coverage_annotations(start_at, end_at, now)).get()
    return Coverage(visits=row["visits_held"], visitors=row["visitors"], pairs=row["pairs"], members=row["members"])


@pghistory.track()
class Visit(models.Model):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="visits", verbose_name=_("office"))
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hosted_visits", verbose_name=_("host")
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="made_visits", verbose_name=_("visitor")
    )
    during = DateTimeRangeField(_("time"))
    topic = models.TextField(_("what I would like to hear about"), max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.CONFIRMED)
    message = models.CharField(_("message"), max_length=500, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice visit")
        verbose_name_plural = _("practice visits")
        ordering = ["during"]
        indexes = [models.Index(fields=["office", "status"])]
        constraints = [
            models.CheckConstraint(condition=~Q(host=F("visitor")), name="visit_host_is_not_visitor"),
            models.CheckConstraint(condition=~Q(during__isempty=True), name="visit_time_not_empty"),
        ]

    def __str__(self):
        return f"{self.visitor} → {self.host}"

    def get_absolute_url(self):
        return reverse("visits:visit-detail", args=[self.pk])

    @property
    def starts_at(self):
        return self.during.lower

    @property
    def ends_at(self):
        return self.during.upper

    def other_person(self, user):
        return self.host if user.pk == self.visitor_id else self.visitor

    # What the visit is, as people read it: a confirmed visit that has ended was held ("Afholdt"), unless one of
    # the two says it was not (mark_not_held, undone by mark_held); the history keeps who did it and when.

    def has_ended(self, now: datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())

    def is_held(self, now: datetime | None = None) -> bool:
        return self.status == VisitStatus.CONFIRMED and self.has_ended(now)

    def status_label(self, now: datetime | None = None) -> str:
        return gettext("held") if self.is_held(now) else self.get_status_display()

    def can_mark_not_held(self, user, now: datetime | None = None) -> bool:
        return self._refusal(user, VisitStatus.CONFIRMED, now) is None

    def can_mark_held(self, user, now: datetime | None = None) -> bool:
        return self._refusal(user, VisitStatus.NOT_HELD, now) is None

    def mark_not_held(self, by, now: datetime | None = None) -> None:
        """One of the two says the visit did not take place; it no longer counts as held."""
        self._move(by, VisitStatus.CONFIRMED, VisitStatus.NOT_HELD, now)

    def mark_held(self, by, now: datetime | None = None) -> None:
        """Undo ``mark_not_held``: the visit took place after all."""
        self._move(by, VisitStatus.NOT_HELD, VisitStatus.CONFIRMED, now)

    def _refusal(self, user, source, now) -> str | None:
        if user.pk not in (self.host_id, self.visitor_id):
            return gettext("Only the host and the visitor can say whether the visit was held.")
        if not self.has_ended(now):
            return gettext("You can say whether the visit was held once it is over.")
        if self.status != source:
            return (
                gettext("The visit was cancelled or declined.")
                if self.status
                not in (
                    VisitStatus.CONFIRMED,
                    VisitStatus.NOT_HELD,
                )
                else gettext("That is already recorded.")
            )
        return None

    def _move(self, by, source, target, now) -> None:
        reason = self._refusal(by, source, now)
        if reason is not None:
            raise VisitError(reason)
        self.status = target
        self.save(update_fields=["status", "updated_at"])


class VisitParticipant(models.Model):
    """One row per person per visit: the database refuses any person in two overlapping visits.

    It covers both roles at once: hosting 10:00 and visiting someone else at
    10:00 collide here, which two constraints on Visit (host, visitor) could not see.
    """

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    during = DateTimeRangeField()
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "person"], name="visit_participant_unique"),
            ExclusionConstraint(
                name="no_person_in_two_overlapping_visits",
                expressions=[("person", RangeOperators.EQUAL), ("during", RangeOperators.OVERLAPS)],
                condition=Q(active=True),
            ),
        ]

    def __str__(self):
        return f"{self.person_id} · {self.visit_id}"


class Reflection(models.Model):
    """What one of the two took away from the visit."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="reflections", verbose_name=_("visit"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )
    learned = models.TextField(_("what I learned"), max_length=2000)
    interfaces = models.TextField(_("interfaces between our tasks"), max_length=2000, blank=True)
    competences = models.CharField(
        _("competences I noticed"), max_length=500, blank=True, help_text=_("Separate with commas.")
    )
    shared = models.BooleanField(_("share with the office"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [models.UniqueConstraint(fields=["visit", "author"], name="one_reflection_per_person_per_visit")]

    def __str__(self):
        return f"{self.author} · {self.visit}"


def unique_initials(people) -> dict[int, str]:
    """``{pk: initials}`` that tell ``people`` apart, for the coverage matrix's column heads.

    Each person's own initials ("MO"); where several share them, more letters of the surname follow until they
    differ ("MOl" for Olsen and "MOs" for Ostenfeld; Olsen and Olesen become "MOls" and "MOle"), and a number
    where even the names are the same ("MO1", "MO2").
    """
    people = list(people)
    found: dict[int, str] = {}
    groups: dict[str, list] = {}
    for person in people:
        base = (person.initials or "").strip() or "".join(w[0] for w in person.full_name.split()[:2]).upper() or "?"
        groups.setdefault(base, []).append(person)
    taken = {base for base, group in groups.items() if len(group) == 1}
    for base, group in groups.items():
        if len(group) == 1:
            found[group[0].pk] = base
            continue
        left = list(group)
        surname = {p.pk: (p.full_name.split() or [""])[-1].lower() for p in group}
        longest = max(len(name) for name in surname.values())
        for k in range(1, longest):
            tags = {p.pk: base + surname[p.pk][1 : k + 1] for p in left}
            counts: dict[str, int] = {}
            for tag in tags.values():
                counts[tag] = counts.get(tag, 0) + 1
            for p in list(left):
                tag = tags[p.pk]
                if counts[tag] == 1 and tag not in taken and tag != base:
                    found[p.pk] = tag
                    taken.add(tag)
                    left.remove(p)
            if not left:
                break
        number = 0
        for p in left:
            number += 1
            while f"{base}{number}" in taken:
                number += 1
            found[p.pk] = f"{base}{number}"
            taken.add(found[p.pk])
    return found
