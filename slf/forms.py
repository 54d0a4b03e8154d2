"""Shared form pieces: sane dates and ids chosen from a scoped queryset.

**Dates.** A date typed as 0001-01-01 or 9999-12-31 parses, is stored, and then breaks every page that adds a
day or a week to it (``OverflowError``). Every date and date-time field of every form is therefore checked by
``SaneDateValidator``: within so many years of today, by field, the rest refused with a message next to the
field. ``SaneDatesMixin`` puts the validator on each date field of a form (``date_ranges`` says the range by
field name; the default is ten years back and five ahead). The database holds the absolute bounds
``ABSOLUTE_MIN``–``ABSOLUTE_MAX`` with a check constraint on each date column (``date_bounds``), so no path
around the forms stores the year 1 or 9999 either. Dates read from a query string go through ``sane_date``,
which answers ``None`` for anything unparsable or outside the absolute bounds.

The ranges in use:

========================================  ===========  ==========
field                                     years back   years ahead
========================================  ===========  ==========
entries, meetings, series (default)       10           5
due and review dates                      10           5
data points of a measure                  10           1
availability exceptions                   1            5
========================================  ===========  ==========

**Unique rows.** ``save_unique(form, save)`` runs the save in a savepoint; when a unique constraint refuses it
(two equal names, or two people submitting the same form at the same moment) the form gets a field error
instead of an ``IntegrityError`` page. The forms check for duplicates first; this is for the race.

**Ids.** ``choose(data, name, queryset)`` is a ``ModelChoiceField`` for one posted or queried id: the object of
the (office-scoped) queryset, or ``None`` for a missing, non-numeric, huge or foreign id. Never
``filter(pk=request.POST[...])``.
"""

from datetime import UTC, date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

#: No date column holds anything outside these, whatever the path (database check constraints).
ABSOLUTE_MIN = date(2000, 1, 1)
ABSOLUTE_MAX = date(2100, 12, 31)

DEFAULT_RANGE = (10, 5)


def _as_date(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) and value.year > 1 else value.date()
    return value


@deconstructible
class SaneDateValidator:
    """Refuses a date (or date-time) more than ``years_back`` before or ``years_ahead`` after today."""

    def __init__(self, years_back=DEFAULT_RANGE[0], years_ahead=DEFAULT_RANGE[1]):
        self.years_back, self.years_ahead = years_back, years_ahead

    def bounds(self, today=None):
        today = today or timezone.localdate()
        return (
            max(today - relativedelta(years=self.years_back), ABSOLUTE_MIN),
            min(today + relativedelta(years=self.years_ahead), ABSOLUTE_MAX),
        )

    def __call__(self, value):
        if value is None:
            return
        day = _as_date(value)
        low, high = self.bounds()
        if day < low:
            raise ValidationError(
                _("Choose a date after %(date)s."), code="date_too_early", params={"date": date_format(low)}
            )
        if day > high:
            raise ValidationError(
                _("Choose a date before %(date)s."), code="date_too_late", params={"date": date_format(high)}
            )

    def __eq__(self, other):
        return isinstance(other, SaneDateValidator) and (self.years_back, self.years_ahead) == (
            other.years_back,
            other.years_ahead,
        )


def sane_date_validator(years_back=DEFAULT_RANGE[0], years_ahead=DEFAULT_RANGE[1]):
    return SaneDateValidator(years_back, years_ahead)


class SaneDatesMixin:
    """Every date and date-time field of the form is checked by ``SaneDateValidator``.

    ``date_ranges = {"field": (years back, years ahead)}`` overrides the default of ten back and five ahead.
    """

    date_ranges: dict[str, tuple[int, int]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, (forms.DateField, forms.DateTimeField)):
                field.validators.append(SaneDateValidator(*self.date_ranges.get(name, DEFAULT_RANGE)))


class SaneDateField(forms.DateField):
    """A date field with ``SaneDateValidator`` built in, for forms that don't use the mixin."""

    def __init__(self, *, years_back=DEFAULT_RANGE[0], years_ahead=DEFAULT_RANGE[1], **kwargs):
        super().__init__(**kwargs)
        self.validators.append(SaneDateValidator(years_back, years_ahead))


def sane_date(value, default=None):
    """A date from a query string: the parsed date, or ``default`` if unparsable or outside the absolute bounds."""
    try:
        day = date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return default
    if day is None or not ABSOLUTE_MIN <= day <= ABSOLUTE_MAX:
        return default
    return day


def date_bounds(field: str, name: str, moment: bool = False) -> models.CheckConstraint:
    """The database's absolute bounds for one date (or, with ``moment``, date-time) column; ``NULL`` passes."""
    if moment:
        low = datetime.combine(ABSOLUTE_MIN, time.min, tzinfo=UTC)
        high = datetime.combine(ABSOLUTE_MAX + timedelta(days=1), time.min, tzinfo=UTC)
        inside = models.Q(**{f"{field}__gte": low, f"{field}__lt": high})
    else:
        inside = models.Q(**{f"{field}__gte": ABSOLUTE_MIN, f"{field}__lte": ABSOLUTE_MAX})
    return models.CheckConstraint(condition=models.Q(**{f"{field}__isnull": True}) | inside, name=name)


def bring_into_bounds(model, field: str, *, nullable: bool, moment: bool = False) -> int:
    """For a data migration before ``date_bounds``: rows outside the bounds get ``NULL`` or the nearest bound.

    Returns how many rows were changed. A date-time keeps its time of day.
    """
    low, high = (
        (datetime.combine(ABSOLUTE_MIN, time.min, tzinfo=UTC), datetime.combine(ABSOLUTE_MAX, time(12), tzinfo=UTC))
        if moment
        else (ABSOLUTE_MIN, ABSOLUTE_MAX)
    )
    rows = model.objects.filter(models.Q(**{f"{field}__lt": low}) | models.Q(**{f"{field}__gt": high}))
    if nullable:
        return rows.update(**{field: None})
    return rows.filter(**{f"{field}__lt": low}).update(**{field: low}) + rows.filter(**{f"{field}__gt": high}).update(
        **{field: high}
    )


def choose(data, name, queryset):
    """The object of ``queryset`` whose id is ``data[name]``, through a ``ModelChoiceField``; else ``None``."""
    try:
        return forms.ModelChoiceField(queryset=queryset).clean(data.get(name))
    except ValidationError:
        return None


def is_unique_violation(error: IntegrityError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == "23505"


def save_unique(form, save=None, field=None, message=None):
    """``save()`` (default ``form.save()``) in a savepoint; a unique violation becomes an error on ``field``.

    Returns what ``save`` returned, or ``None`` when the row already exists (the form then is invalid).
    """
    try:
        with transaction.atomic():
            return (save or form.save)()
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        form.add_error(field, message or _("This already exists. Someone may just have saved the same."))
        return None
