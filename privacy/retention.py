"""Retention: how long each kind of record is kept, and what happens at its deadline.

A rule is an action and a number of days, counted from the record's date. The defaults are in the settings
(``RETENTION``); an administration may set its own rule for the kinds that belong to an office
(:class:`privacy.models.RetentionRule`, in the admin). At the deadline a record is

* **deleted**: the record and everything that would go with it in a database delete (its agenda items,
  comments, attachments …), their history rows (pghistory events), their drafts, the e-mails and digest
  items about them, and the attachment files on the storage;
* **anonymised**: the record stays, the people go: every link to a person is set empty or to the one
  placeholder person "Anonymiseret", in the record, in what hangs on it and in their history rows; rows that
  only say something about one person (attendance, an agenda comment, a reminder) are deleted;
* **kept** (archived): nothing happens.

``plan()`` says what would go, per administration, office and kind (``manage.py apply_retention --dry-run``);
``apply()`` does it (the daily job) and returns the same list, so the two can be compared. ``upcoming()``
gives a manager the coming deadlines of one office: "N records will be deleted on <date>".
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import islice

from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pghistory.models import Context, Event

from bootcamps.models import Evaluation
from cafe.models import Registration
from development.models import Clarification
from drafts.models import Draft
from knowledge.models import Question
from logbook.models import Attachment, DataPoint, Entry
from meetings.models import AgendaComment, AgendaItem, Attendance, Meeting, MeetingGuest
from notifications.models import Delivery, DigestItem
from offices.models import Administration, Office, UnitContact
from programmes.models import Programme, ProgrammeKind
from visits.models import Reflection

from .models import AccessLogEntry, Action, RecordKind, RetentionRule

#: The one person every anonymised record points to where a person is required.
PLACEHOLDER_EMAIL = "anonymiseret@invalid"
PLACEHOLDER_NAME = "Anonymiseret"
#: Records handled per database round (deletes collect what goes with them in memory).
BATCH = 500
#: How far ahead a manager sees the coming deadlines.
UPCOMING_DAYS = 30


def batched(items, size):
    """``items`` in tuples of at most ``size`` (itertools.batched is Python 3.12)."""
    iterator = iter(items)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def placeholder_pk(create: bool = False) -> int:
    """The placeholder person's id; -1 (no one) when it does not exist yet and ``create`` is False."""
    User = get_user_model()
    if not create:
        return User.objects.filter(email=PLACEHOLDER_EMAIL).values_list("pk", flat=True).first() or -1
    person, made = User.objects.get_or_create(
        email=PLACEHOLDER_EMAIL, defaults={"full_name": PLACEHOLDER_NAME, "initials": "—", "is_active": False}
    )
    if made:
        person.set_unusable_password()
        person.save(update_fields=["password"])
    return person.pk


@dataclass(frozen=True)
class Kind:
    """One kind of record: its model, the date its age counts from, and where its office is."""

    key: str
    model: type[models.Model]
    date_field: str
    office_field: str | None = None
    #: The records of one administration (None: the kind is not office-owned).
    of_administration: object = None
    #: The records that still name someone (placeholder id → Q); only those are anonymised.
    has_people: object = None
    #: Text fields that hold a name, emptied when anonymised.
    clear: dict = field(default_factory=dict)
    #: Actions this kind allows (a reflection belongs to its visit and its two people: deleted or kept).
    actions: tuple = (Action.DELETE, Action.ANONYMISE, Action.KEEP)
    #: The kind of programme the records belong to (an office without one has none of them).
    programme_kind: str | None = None

    @property
    def label(self):
        return RecordKind(self.key).label

    def is_datetime(self) -> bool:
        model = self.model
        names = self.date_field.split("__")
        for name in names[:-1]:
            model = model._meta.get_field(name).related_model
        return isinstance(model._meta.get_field(names[-1]), models.DateTimeField)

    def before(self, day: date) -> Q:
        """Records dated on or before ``day`` (a local date)."""
        if self.is_datetime():
            midnight = timezone.make_aware(datetime.combine(day + timedelta(days=1), time()))
            return Q(**{f"{self.date_field}__lt": midnight})
        return Q(**{f"{self.date_field}__lte": day})

    def local_date(self):
        """The record's date as a local date, for grouping in SQL."""
        if self.is_datetime():
            return TruncDate(self.date_field, tzinfo=timezone.get_current_timezone())
        return models.F(self.date_field)

    def queryset(self, administration_id=None):
        qs = self.model._base_manager.all()
        if administration_id is not None and self.of_administration:
            qs = qs.filter(self.of_administration(administration_id))
        return qs


def _not_placeholder(name: str, ph: int) -> Q:
    return Q(**{f"{name}__isnull": False}) & ~Q(**{name: ph})


def _meeting_people(ph: int) -> Q:
    by = ["agenda_circulated_by", "started_by", "held_by", "minutes_published_by", "cancelled_by"]
    q = Q()
    for name in by:
        q |= _not_placeholder(name, ph)
    return (
        q
        | Exists(Attendance.objects.filter(meeting=OuterRef("pk")))
        | Exists(AgendaComment.objects.filter(item__meeting=OuterRef("pk")))
        | Exists(AgendaItem.objects.filter(meeting=OuterRef("pk"), presenter__isnull=False))
        | Exists(MeetingGuest.objects.filter(meeting=OuterRef("pk")))
    )


KINDS = {
    kind.key: kind
    for kind in [
        Kind(
            "entries",
            Entry,
            "date",
            "office",
            lambda a: Q(office__administration_id=a),
            lambda ph: ~Q(author=ph) | Exists(Entry.responsible.through.objects.filter(entry=OuterRef("pk"))),
        ),
        Kind(
            "minutes",
            Meeting,
            "starts_at",
            "series__office",
            lambda a: Q(series__office__administration_id=a) | Q(series__administration_id=a),
            _meeting_people,
        ),
        Kind(
            "reflections",
            Reflection,
            "created_at",
            "visit__office",
            lambda a: Q(visit__office__administration_id=a),
            lambda ph: ~Q(author=ph),
            actions=(Action.DELETE, Action.KEEP),
        ),
        Kind(
            "questions",
            Question,
            "created_at",
            "office",
            lambda a: Q(office__administration_id=a),
            lambda ph: ~Q(created_by=ph) | Q(assignee__isnull=False) | ~Q(asked_by="") | Q(contact__isnull=False),
            clear={"asked_by": ""},
        ),
        Kind(
            "attachments",
            Attachment,
            "uploaded_at",
            "office",
            lambda a: Q(office__administration_id=a),
            lambda ph: ~Q(uploaded_by=ph),
        ),
        Kind(
            "measures",
            DataPoint,
            "date",
            "measure__circle__office",
            lambda a: Q(measure__circle__office__administration_id=a),
            lambda ph: ~Q(author=ph),
        ),
        # A café registration says who signed up for an open meeting: once the meeting is past, only the figures
        # need it. Its person is required and once per meeting, so it is deleted or kept.
        Kind(
            "cafe_registrations",
            Registration,
            "cafe_meeting__meeting__starts_at",
            "cafe_meeting__programme__owner_office",
            lambda a: Q(cafe_meeting__programme__owner_office__administration_id=a),
            lambda ph: ~Q(person=ph),
            actions=(Action.DELETE, Action.KEEP),
            programme_kind=ProgrammeKind.CAFE,
        ),
        # A competence clarification (the self-assessment, the dialogue note, the recommended offers) counts from
        # the end of its programme; a programme without an end date keeps its clarifications. It is about one
        # person throughout, so it is deleted (with its self-assessments and recommendations) or kept.
        Kind(
            "clarifications",
            Clarification,
            "participant__programme__ends_on",
            "participant__programme__owner_office",
            lambda a: Q(participant__programme__owner_office__administration_id=a),
            lambda ph: Q(pk__isnull=False),
            actions=(Action.DELETE, Action.KEEP),
            programme_kind=ProgrammeKind.COMPETENCE,
        ),
        # A bootcamp day's evaluation: the scores count in the programme's figures, the free text is the person's
        # own words. Anonymising removes the text (also from its history rows) and keeps the scores.
        Kind(
            "evaluations",
            Evaluation,
            "day__date",
            "day__programme__owner_office",
            lambda a: Q(day__programme__owner_office__administration_id=a),
            lambda ph: ~Q(takeaway=""),
            clear={"takeaway": ""},
            programme_kind=ProgrammeKind.BOOTCAMP,
        ),
        Kind("access_log", AccessLogEntry, "at", None, None, lambda ph: ~Q(viewer=None)),
    ]
}
HISTORY = "history"


def default_rule(key: str) -> tuple[str, int]:
    """The settings' rule for a kind: (action, days)."""
    try:
        action, days = settings.RETENTION[key]
    except (KeyError, TypeError, ValueError) as error:
        raise ImproperlyConfigured(f"RETENTION must give an (action, days) for {key!r}") from error
    if action not in Action.values or int(days) < 1:
        raise ImproperlyConfigured(f"RETENTION[{key!r}] = {settings.RETENTION[key]!r}: unknown action or days < 1")
    kind = KINDS.get(key)
    if kind and action not in kind.actions:
        raise ImproperlyConfigured(f"RETENTION[{key!r}]: {key} can only be {', '.join(kind.actions)}")
    return action, int(days)


def rules_for(administration_id: int | None) -> dict[str, tuple[str, int]]:
    """Every kind's rule for one administration: its own where it set one, else the default."""
    rules = {key: default_rule(key) for key in [*KINDS, HISTORY]}
    if administration_id is not None:
        for rule in RetentionRule.objects.filter(administration_id=administration_id):
            rules[rule.kind] = (rule.action, rule.days)
    return rules


@dataclass
class Batch:
    """What a rule does to one office's records of one kind (office None: the administration's or global)."""

    kind: str
    action: str
    days: int
    count: int
    administration: str = ""
    office: str = ""

    @property
    def label(self):
        return _("change history") if self.kind == HISTORY else KINDS[self.kind].label

    def key(self):
        return (self.administration, self.office, self.kind, self.action)


def _due(kind: Kind, action: str, days: int, today: date, ph: int, administration_id=None):
    qs = kind.queryset(administration_id).filter(kind.before(today - timedelta(days=days)))
    if action == Action.ANONYMISE:
        qs = qs.filter(kind.has_people(ph))
    return qs


def _event_models(model=None):
    """pghistory's event models (of ``model``, or all of them)."""
    found = [m for m in apps.get_models() if issubclass(m, Event) and m.pgh_tracked_model is not None]
    if model is None:
        return found
    return [m for m in found if m.pgh_tracked_model._meta.concrete_model is model._meta.concrete_model]


def _history_due(action: str, days: int, today: date):
    cutoff = timezone.make_aware(datetime.combine(today - timedelta(days=days) + timedelta(days=1), time()))
    for event_model in _event_models():
        qs = event_model.objects.filter(pgh_created_at__lt=cutoff)
        if action == Action.ANONYMISE:
            qs = qs.filter(pgh_context__isnull=False)
        yield event_model, qs


def _office_names(ids) -> dict:
    return dict(Office.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "name"))


def plan(today: date | None = None) -> list[Batch]:
    """What the rules would delete or anonymise today, per administration, office and kind (nothing written)."""
    today = today or timezone.localdate()
    ph = placeholder_pk()
    batches = []
    for administration in Administration.objects.order_by("name"):
        rules = rules_for(administration.pk)
        for key, kind in KINDS.items():
            action, days = rules[key]
            if not kind.office_field or action == Action.KEEP:
                continue
            counts = (
                _due(kind, action, days, today, ph, administration.pk)
                .values(kind.office_field)
                .annotate(n=Count("pk"))
                .order_by(kind.office_field)
            )
            counts = list(counts)
            names = _office_names(row[kind.office_field] for row in counts)
            for row in counts:
                office = names.get(row[kind.office_field], "")
                batches.append(Batch(key, action, days, row["n"], administration.name, office))
    rules = rules_for(None)
    action, days = rules["access_log"]
    if action != Action.KEEP:
        count = _due(KINDS["access_log"], action, days, today, ph).count()
        if count:
            batches.append(Batch("access_log", action, days, count))
    action, days = rules[HISTORY]
    if action != Action.KEEP:
        count = sum(qs.count() for _model, qs in _history_due(action, days, today))
        if count:
            batches.append(Batch(HISTORY, action, days, count))
    return batches


def apply(today: date | None = None) -> list[Batch]:
    """Apply every rule due today; returns what was done, in the form of :func:`plan`."""
    today = today or timezone.localdate()
    done = []
    ph = placeholder_pk()
    for administration in Administration.objects.order_by("name"):
        rules = rules_for(administration.pk)
        for key, kind in KINDS.items():
            action, days = rules[key]
            if not kind.office_field or action == Action.KEEP:
                continue
            if action == Action.ANONYMISE and ph == -1:
                ph = placeholder_pk(create=True)
            rows = _due(kind, action, days, today, ph, administration.pk).values_list("pk", kind.office_field)
            per_office = defaultdict(list)
            for pk, office_id in rows:
                per_office[office_id].append(pk)
            names = _office_names(per_office)
            for office_id, pks in sorted(per_office.items(), key=lambda item: names.get(item[0], "")):
                count = _act(kind, action, pks, ph)
                done.append(Batch(key, action, days, count, administration.name, names.get(office_id, "")))
    rules = rules_for(None)
    action, days = rules["access_log"]
    if action != Action.KEEP:
        kind = KINDS["access_log"]
        pks = list(_due(kind, action, days, today, ph).values_list("pk", flat=True))
        if pks:
            done.append(Batch("access_log", action, days, _act(kind, action, pks, ph)))
    action, days = rules[HISTORY]
    if action != Action.KEEP:
        count = 0
        for _event_model, qs in _history_due(action, days, today):
            with transaction.atomic():
                if action == Action.DELETE:
                    count += qs.delete()[0]
                else:
                    count += qs.update(pgh_context=None)
        if action == Action.DELETE:
            cutoff = timezone.make_aware(datetime.combine(today - timedelta(days=days - 1), time()))
            Context.objects.filter(created_at__lt=cutoff).delete()
        if count:
            done.append(Batch(HISTORY, action, days, count))
    return done


def _act(kind: Kind, action: str, pks: list, ph: int) -> int:
    count = 0
    for batch in batched(pks, BATCH):
        with transaction.atomic():
            if action == Action.DELETE:
                count += delete_records(kind.model, list(batch))
            else:
                count += anonymise_records(kind, list(batch), ph)
    return count


# --- Deleting ---------------------------------------------------------------------------------------


def _collect(model, pks) -> NestedObjects:
    collector = NestedObjects(using=DEFAULT_DB_ALIAS)
    collector.collect(list(model._base_manager.filter(pk__in=pks)))
    return collector


def remove_traces(model, pks) -> None:
    """Everything outside a record's own row that holds its text: history rows, drafts, e-mails, digest items."""
    pks = list(pks)
    if not pks:
        return
    for event_model in _event_models(model):
        event_model.objects.filter(pgh_obj_id__in=pks).delete()
    prefix = re.escape(model._meta.label_lower)
    for chunk in batched(pks, BATCH):
        Draft.objects.filter(key__regex=rf"^{prefix}:({'|'.join(str(pk) for pk in chunk)}):").delete()
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    Delivery.objects.filter(content_type=content_type, object_id__in=pks).delete()
    DigestItem.objects.filter(content_type=content_type, object_id__in=pks).delete()


def delete_records(model, pks) -> int:
    """Delete records with what goes with them, their traces and their files. Records still in use (a
    protecting reference) are left. Returns the number of records of ``model`` deleted."""
    collector = _collect(model, pks)
    if collector.protected:
        pks = [pk for pk in pks if not _collect(model, [pk]).protected]
        collector = _collect(model, pks)
    touched = {m: {obj.pk for obj in objs} for m, objs in collector.data.items()}
    files = [(a.file.storage, a.file.name) for a in collector.data.get(Attachment, ()) if a.file]
    deleted = len(touched.get(model, ()))
    model._base_manager.filter(pk__in=pks).delete()
    for touched_model, touched_pks in touched.items():
        remove_traces(touched_model, touched_pks)

    def remove_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return deleted


# --- Anonymising ------------------------------------------------------------------------------------


def _person_fields(model):
    """Links to a person: an account, or a unit's contact (a person without an account, e.g. a meeting guest)."""
    people = (get_user_model(), UnitContact)
    return [
        f
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is not None and f.related_model._meta.concrete_model in people
    ]


def strip_people(model, pks, ph: int, *, main: bool = False) -> None:
    """Remove the people from rows of ``model`` and from their history rows.

    A row that hangs on a record and exists only to say something about one person (a person link that
    deletes the row with the person: attendance, a comment, a reminder, a "responsible" link) is deleted; other
    person links are emptied, or set to the placeholder where a person is required.
    """
    fields = _person_fields(model)
    if not fields or not pks:
        return
    if not main and any(f.remote_field.on_delete is models.CASCADE for f in fields):
        model._base_manager.filter(pk__in=pks).delete()
        remove_traces(model, pks)
        return
    User = get_user_model()
    # Where a person is required, the placeholder account; a required contact link only occurs on rows deleted above.
    updates = {f.attname: (None if f.null else ph) for f in fields if f.null or f.related_model is User}
    if not updates:
        return
    model._base_manager.filter(pk__in=pks).update(**updates)
    for event_model in _event_models(model):
        names = {f.attname for f in event_model._meta.concrete_fields}
        event_updates = {name: value for name, value in updates.items() if name in names}
        if event_updates:
            event_model.objects.filter(pgh_obj_id__in=pks).update(**event_updates)


def anonymise_records(kind: Kind, pks, ph: int) -> int:
    """Keep the records, remove the people from them, from what hangs on them, and from their history."""
    collector = _collect(kind.model, pks)
    for model, objs in collector.data.items():
        if model is not kind.model:
            strip_people(model, [obj.pk for obj in objs], ph)
    strip_people(kind.model, pks, ph, main=True)
    if kind.clear:
        kind.model._base_manager.filter(pk__in=pks).update(**kind.clear)
        for event_model in _event_models(kind.model):
            event_model.objects.filter(pgh_obj_id__in=pks).update(**kind.clear)
    return len(pks)


# --- What a manager sees ------------------------------------------------------------------------------


@dataclass
class Deadline:
    kind: str
    action: str
    day: date
    count: int

    @property
    def label(self):
        return KINDS[self.kind].label


def upcoming(office: Office, today: date | None = None, days_ahead: int = UPCOMING_DAYS) -> list[Deadline]:
    """The office's records that a rule deletes or anonymises within ``days_ahead`` days, per kind and date.

    One query per kind of record the office can have, one for the kinds of programme it owns, and one for the
    administration's own rules."""
    today = today or timezone.localdate()
    rules = rules_for(office.administration_id)
    ph = placeholder_pk()
    owned = set(Programme.objects.filter(owner_office=office).values_list("kind", flat=True).distinct())
    deadlines = []
    for key, kind in KINDS.items():
        action, days = rules[key]
        if not kind.office_field or action == Action.KEEP:
            continue
        if kind.programme_kind and kind.programme_kind not in owned:
            continue
        first, last = today - timedelta(days=days), today - timedelta(days=days) + timedelta(days=days_ahead)
        qs = kind.queryset().filter(**{kind.office_field: office}).filter(kind.before(last))
        qs = qs.exclude(kind.before(first - timedelta(days=1)))
        if action == Action.ANONYMISE:
            qs = qs.filter(kind.has_people(ph))
        rows = qs.annotate(dated=kind.local_date()).values("dated").annotate(n=Count("pk")).order_by("dated")
        for row in rows:
            deadlines.append(Deadline(key, action, row["dated"] + timedelta(days=days), row["n"]))
    deadlines.sort(key=lambda d: (d.day, d.kind))
    return deadlines
