"""The writes of competence development that span rows or have side effects: the clarification's steps,
enrolment with its waiting list (the capacity guarded by a row lock on the cohort) and moving up with a mail."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import outbox
from notifications.choices import Kind

from .models import (
    HOLDING_A_PLACE,
    SUGGEST_AT_OR_BELOW,
    Clarification,
    ClarificationStatus,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Offer,
    Recommendation,
    SelfAssessment,
)


class DevelopmentError(Exception):
    """A step that can't be taken now; the message says why, for the person."""


def clarification_for(participant) -> Clarification:
    clarification, _created = Clarification.objects.get_or_create(participant=participant)
    return clarification


@transaction.atomic
def save_self_assessment(clarification: Clarification, answers: list[tuple]) -> None:
    """``answers``: ``(area, score, note, is_my_task)`` for every area. The clarification becomes self-assessed."""
    for area, score, note, is_my_task in answers:
        SelfAssessment.objects.update_or_create(
            clarification=clarification,
            area=area,
            defaults={"score": score, "note": note, "is_my_task": is_my_task},
        )
    clarification.self_assessed_at = timezone.now()
    clarification.reach(ClarificationStatus.SELF_ASSESSED)
    clarification.save(update_fields=["self_assessed_at", "status", "updated_at"])


def dialogue_held(clarification: Clarification, by) -> None:
    """After the dialogue note was saved: who wrote it, and the state moves on."""
    clarification.dialogue_by = by
    if clarification.leader_id is None:
        clarification.leader = by
    clarification.reach(ClarificationStatus.DIALOGUE_HELD)
    clarification.save(update_fields=["dialogue_by", "leader", "status", "updated_at"])


def mark_clarified(clarification: Clarification) -> None:
    if not clarification.can_be_clarified:
        raise DevelopmentError(_("The dialogue has to be held first."))
    if not clarification.recommendations.exists():
        raise DevelopmentError(_("Recommend at least one offer first."))
    clarification.clarified_on = timezone.localdate()
    clarification.reach(ClarificationStatus.CLARIFIED)
    clarification.save(update_fields=["clarified_on", "status", "updated_at"])


def recommend(clarification: Clarification, offer: Offer, reason: str, by) -> Recommendation:
    try:
        with transaction.atomic():
            return Recommendation.objects.create(
                clarification=clarification, offer=offer, reason=reason, recommended_by=by
            )
    except IntegrityError:
        raise DevelopmentError(_("This offer is already recommended.")) from None


def suggested_offers(assessments, offers, recommended_ids) -> list[tuple]:
    """The simple rule: for each area scored 2 or lower, the offers that develop it and are not yet recommended.
    ``offers`` come with their areas prefetched. Returns ``(offer, [low areas])`` in the offers' order."""
    low = {a.area_id: a.area for a in assessments if a.score <= SUGGEST_AT_OR_BELOW}
    found = []
    for offer in offers:
        if offer.pk in recommended_ids:
            continue
        areas = [low[area.pk] for area in offer.areas.all() if area.pk in low]
        if areas:
            found.append((offer, areas))
    return found


def places_taken(cohort: Cohort) -> int:
    return Enrolment.objects.filter(cohort=cohort, status__in=HOLDING_A_PLACE).count()


@transaction.atomic
def enrol(cohort: Cohort, participant) -> Enrolment:
    """A place in the cohort, or the waiting list when it is full. The cohort's row is locked while the places
    are counted, so two people taking the last place at once get one place and one waiting-list spot."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if (
        Enrolment.objects.filter(cohort=cohort, participant=participant)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .exists()
    ):
        raise DevelopmentError(_("Already enrolled in this cohort or on its waiting list."))
    taken = places_taken(cohort)
    status = EnrolmentStatus.ENROLLED if taken < cohort.capacity else EnrolmentStatus.WAITING
    return Enrolment.objects.create(cohort=cohort, participant=participant, status=status)


@transaction.atomic
def withdraw(enrolment: Enrolment) -> list[Enrolment]:
    """Leave the cohort (or its waiting list). A freed place goes to the first on the waiting list, who is told by
    mail. Returns the enrolments that moved up."""
    cohort = Cohort.objects.select_for_update().get(pk=enrolment.cohort_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING):
        raise DevelopmentError(_("Only an enrolment or a place on the waiting list can be withdrawn."))
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save(update_fields=["status", "updated_at"])
    return fill_places(cohort)


def fill_places(cohort: Cohort) -> list[Enrolment]:
    """Move the first on the waiting list up while the cohort has free places (inside the cohort's lock)."""
    taken = places_taken(cohort)
    free = max(cohort.capacity - taken, 0)
    if not free:
        return []
    moving = list(
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.WAITING)
        .select_related("participant__person", "cohort__offer__programme")
        .order_by("created_at", "pk")[:free]
    )
    for enrolment in moving:
        enrolment.status = EnrolmentStatus.ENROLLED
        enrolment.save(update_fields=["status", "updated_at"])
        url = settings.SITE_URL.rstrip("/") + cohort.get_absolute_url()
        outbox.send(
            Kind.REMINDER,
            [enrolment.participant.person],
            "development/email/moved_up",
            {"cohort": enrolment.cohort, "url": url},
            about=enrolment.cohort,
        )
    return moving


def set_result(enrolment: Enrolment, completed: bool) -> None:
    """At the end of the cohort: completed or not completed (only for those who held a place)."""
    if enrolment.status not in HOLDING_A_PLACE:
        raise DevelopmentError(_("Only an enrolled participant can complete the cohort."))
    enrolment.status = EnrolmentStatus.COMPLETED if completed else EnrolmentStatus.NOT_COMPLETED
    enrolment.save(update_fields=["status", "updated_at"])
