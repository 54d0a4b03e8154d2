"""A person leaving: their open work handed to a colleague in one step, then, after a grace period, anonymised.

``hand_over`` ends the person's membership of one office and gives their open agreements, open learning
circles, unanswered questions, case procedures and templates made there to a chosen colleague, in one
transaction; the changes carry a pghistory context naming the handover, and a :class:`Departure` row (itself in
the history) says who did it and what moved. When the person has no membership (and heads no administration)
left, the departure sets the day after which ``anonymise_leavers`` (the daily retention job) anonymises them:
"Tidligere medarbejder" in every record, their own profile data removed, the name replaced in the texts and
history rows that name them, sign-in disabled. The records the office needs stay.
"""

from datetime import date, timedelta

import pghistory
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models.functions import Replace
from django.utils import timezone
from pghistory.models import Event

from accounts.models import new_calendar_token
from cafe import services as cafe_services
from cafe.models import Registration
from development.models import Clarification, ClarificationStatus, Substitute
from drafts.models import Draft
from knowledge.models import (
    IgnoredSuggestion,
    KnowledgeProfile,
    PersonCompetence,
    Procedure,
    Question,
    QuestionStatus,
    SharedTemplate,
)
from logbook.models import AgreementStatus, CircleStatus, Entry, EntryKind, LearningCircle
from notifications.models import Delivery, DigestItem, NotificationChoice
from offices.models import AdministrationLeader, Membership, UnitContact
from programmes.models import Initiative, InitiativeStatus, Programme
from visits.models import AvailabilityException, AvailabilityWindow, VisitProfile

from .models import Departure

FORMER_NAME = "Tidligere medarbejder"
FORMER_INITIALS = "TM"
#: Apps whose text columns (and history rows) are searched for a former colleague's name.
TEXT_APPS = [
    *("offices", "meetings", "logbook", "visits", "knowledge", "drafts", "notifications", "privacy"),
    *("programmes", "bootcamps", "taskforce", "development", "cafe", "changeagents"),
]


def _move_m2m(through, owner_field: str, owner_ids, person, successor) -> int:
    """Replace ``person`` by ``successor`` in an m2m of the rows ``owner_ids``; returns the rows moved."""
    owner_ids = list(owner_ids)
    if not owner_ids:
        return 0
    user_field = next(f.attname for f in through._meta.concrete_fields if f.is_relation and f.name != owner_field)
    owner_attname = through._meta.get_field(owner_field).attname
    moved = through.objects.filter(**{f"{owner_attname}__in": owner_ids, user_field: person.pk}).delete()[0]
    through.objects.bulk_create(
        [through(**{owner_attname: pk, user_field: successor.pk}) for pk in owner_ids], ignore_conflicts=True
    )
    return moved


def open_work(person, office) -> dict[str, models.QuerySet]:
    """What ``person`` holds in ``office`` that must not be left without someone: the handover's contents."""
    return {
        "agreements": Entry.objects.filter(
            office=office, kind=EntryKind.AGREEMENT, status=AgreementStatus.OPEN, responsible=person
        ),
        "circles": LearningCircle.objects.filter(office=office, responsible=person).exclude(
            status=CircleStatus.COMPLETED
        ),
        "questions": Question.objects.filter(office=office, assignee=person).exclude(
            status__in=[QuestionStatus.ANSWERED, QuestionStatus.CLOSED]
        ),
        "procedures": Procedure.objects.filter(office=office, owner=person),
        "templates": SharedTemplate.objects.filter(made_in=office, made_by=person),
        # Programmes across the organisation: the initiatives they own whose next steps this office's logbook
        # keeps, the programmes of this office they are a named lead of, and the competence dialogues they were
        # to hold there. Their own places (self-assessment, change-agent projects, registrations) stay theirs.
        "initiatives": Initiative.objects.filter(
            office=office, owner=person, status__in=[InitiativeStatus.IDEA, InitiativeStatus.ACTIVE]
        ),
        "programmes": Programme.objects.filter(owner_office=office, leads=person),
        "dialogues": Clarification.objects.filter(participant__programme__owner_office=office, leader=person).exclude(
            status=ClarificationStatus.CLARIFIED
        ),
    }


def hand_over(*, person, office, successor, by, now=None) -> Departure:
    """End ``person``'s membership of ``office`` and hand their open work to ``successor``, all or nothing."""
    now = now or timezone.now()
    with transaction.atomic(), pghistory.context(handover=f"{person.pk}->{successor.pk}", office=office.pk):
        work = open_work(person, office)
        agreements = list(work["agreements"].values_list("pk", flat=True))
        circles = list(work["circles"].values_list("pk", flat=True))
        counts = {
            "agreements": _move_m2m(Entry.responsible.through, "entry", agreements, person, successor),
            "circles": _move_m2m(LearningCircle.responsible.through, "learningcircle", circles, person, successor),
            "questions": work["questions"].update(assignee=successor),
            "procedures": work["procedures"].update(owner=successor),
            "templates": work["templates"].update(made_by=successor),
            "initiatives": work["initiatives"].update(owner=successor),
            "programmes": _move_m2m(
                Programme.leads.through, "programme", work["programmes"].values_list("pk", flat=True), person, successor
            ),
            "dialogues": work["dialogues"].update(leader=successor),
        }
        Membership.objects.filter(person=person, office=office).delete()
        staying = (
            Membership.objects.filter(person=person).exists()
            or AdministrationLeader.objects.filter(person=person).exists()
        )
        grace = timedelta(days=settings.LEAVER_GRACE_DAYS)
        return Departure.objects.create(
            person=person,
            office=office,
            successor=successor,
            ended_by=by,
            ended_at=now,
            handed_over=counts,
            anonymise_after=None if staying else timezone.localdate(now) + grace,
        )


def _text_fields(model):
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices and not f.is_relation
    ]


def replace_name(name: str, replacement: str = FORMER_NAME) -> int:
    """Replace ``name`` by ``replacement`` in every text column of the apps' records and their history rows."""
    if len(name.split()) < 2:  # a single word is too likely to be something else
        return 0
    changed = 0
    for model in apps.get_models():
        app = model._meta.app_label
        tracked = getattr(model, "pgh_tracked_model", None) if issubclass(model, Event) else None
        if app not in TEXT_APPS and not (tracked and tracked._meta.app_label in TEXT_APPS):
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        for column in _text_fields(model):
            changed += model._base_manager.filter(**{f"{column}__contains": name}).update(
                **{column: Replace(column, models.Value(name), models.Value(replacement))}
            )
    return changed


def anonymise_person(person) -> None:
    """Make ``person`` "Tidligere medarbejder" everywhere and remove what only they needed; sign-in off."""
    User = get_user_model()
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        old_name, old_email = person.full_name, person.email
        replace_name(old_name)
        for model in (PersonCompetence, IgnoredSuggestion, AvailabilityWindow, AvailabilityException, Draft):
            model.objects.filter(person=person).delete()
        for model in (KnowledgeProfile, VisitProfile, NotificationChoice):
            model.objects.filter(person=person).delete()
        Delivery.objects.filter(recipient=person).delete()
        DigestItem.objects.filter(person=person).delete()
        _leave_programmes(person)
        person.full_name = FORMER_NAME
        person.initials = FORMER_INITIALS
        person.email = f"tidligere-{person.pk}@invalid"
        person.is_active = False
        person.is_staff = False
        person.is_superuser = False
        person.calendar_token = new_calendar_token()
        person.set_unusable_password()
        person.save()
        person.user_permissions.clear()
        person.groups.clear()
        _forget_sign_ins(person.pk, old_email)
        Departure.objects.filter(person=person, anonymised_at__isnull=True).update(anonymised_at=timezone.now())


def _leave_programmes(person) -> None:
    """A former colleague holds no café place (the first waiting move up) and is no one's contact any more."""
    upcoming = Registration.objects.filter(person=person).select_related("cafe_meeting__meeting")
    for registration in upcoming:
        if registration.cafe_meeting.takes_registrations():
            cafe_services.cancel(registration.cafe_meeting, person)
    for model, cleared in ((UnitContact, {"email": "", "phone": ""}), (Substitute, {"email": ""})):
        pks = list(model.objects.filter(person=person).values_list("pk", flat=True))
        model.objects.filter(pk__in=pks).update(**cleared)
        model.pgh_event_model.objects.filter(pgh_obj_id__in=pks).update(**cleared)


def _forget_sign_ins(pk: int, email: str) -> None:
    """Sessions of the person and the sign-in lock-out's rows that carry their e-mail address."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(pk):
            session.delete()
    for label in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model.objects.filter(username__iexact=email).delete()


def due_leavers(today: date | None = None):
    """People whose grace period is over and who have not come back (no membership, no head role)."""
    today = today or timezone.localdate()
    departed = Departure.objects.filter(anonymise_after__lt=today, anonymised_at__isnull=True)
    User = get_user_model()
    return User.objects.filter(pk__in=departed.values("person")).exclude(
        models.Q(memberships__isnull=False) | models.Q(administration_roles__isnull=False)
    )


def anonymise_leavers(today: date | None = None) -> int:
    count = 0
    for person in due_leavers(today):
        anonymise_person(person)
        count += 1
    return count
