"""Writes that span several models or send e-mail: minutes, publishing, proposals, moving and regenerating."""

from datetime import datetime, timedelta

from django.contrib.postgres.expressions import ArraySubquery
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from accounts.models import User
from logbook.models import Entry
from notifications import outbox
from notifications.choices import Kind
from offices.models import Membership, Role
from slf.conflicts import Conflict, save_unless_changed

from . import calendar, rhythm
from .models import (
    BEFORE,
    AgendaItem,
    Meeting,
    MeetingError,
    MeetingSeries,
    MeetingStatus,
    ProposalStatus,
    TopicProposal,
)

# BEFORE and MeetingError live on the model with the lifecycle (meetings.models.TRANSITIONS); imported from here too.


def participants(meeting_or_series):
    """People invited: members of the series' office(s) in the chosen roles and sections, plus named people.

    With neither roles nor sections chosen, every member takes part.
    """
    series = meeting_or_series if isinstance(meeting_or_series, MeetingSeries) else meeting_or_series.series
    if series.office_id:
        where = Q(memberships__office_id=series.office_id)
    else:
        where = Q(memberships__office__administration_id=series.administration_id)
    sections = MeetingSeries.participant_sections.through.objects.filter(meetingseries_id=series.pk)
    chosen = Q(memberships__role__in=series.participant_roles) | Q(
        memberships__section_id__in=sections.values("section_id")
    )
    if not series.participant_roles:
        chosen |= ~Exists(sections)  # neither roles nor sections chosen: every member
    named = MeetingSeries.participant_people.through.objects.filter(meetingseries_id=series.pk).values("user_id")
    # One filter() call, so role, section and office refer to the same membership.
    return User.objects.filter(Q(where & chosen) | Q(pk__in=named), is_active=True).distinct().order_by("full_name")


def participant_list(meeting) -> list[User]:
    """``participants(meeting)`` as a list, each person with ``office_ids`` (the offices they are a member of).
    One query, kept on the meeting for the rest of the request: the agenda form's presenters and the items'
    "responsible" choices (logbook.item_agreements.responsible_people) offer the same people."""
    if "_participant_list" not in meeting.__dict__:
        offices = Membership.objects.filter(person=OuterRef("pk")).order_by().values("office_id")
        meeting.__dict__["_participant_list"] = list(participants(meeting).annotate(office_ids=ArraySubquery(offices)))
    return meeting.__dict__["_participant_list"]


def takes_part(meeting, user, access) -> bool:
    """Participants comment and propose; leaders of the office always may."""
    if access.can_edit:
        return True
    return participants(meeting).filter(pk=user.pk).exists()


def comments_open(meeting) -> bool:
    return meeting.takes_comments()


def add_comment(meeting, item, author, text: str):
    if not comments_open(meeting):
        raise MeetingError(_("The meeting has been held, so comments are closed."))
    return item.comments.create(author=author, text=text)


# Minutes ---------------------------------------------------------------------------------------------------------


def can_write_minutes(meeting, access) -> bool:
    """Leaders write minutes once the meeting has begun; after publishing only resource persons correct them."""
    if not meeting.can_take_minutes():
        return False
    if meeting.status == MeetingStatus.MINUTES_PUBLISHED:
        return access.has_role({Role.RESOURCE_PERSON})
    return access.can_edit


def save_minutes(target, text: str, version: int) -> int | Conflict:
    """Save an agenda item's minutes or the meeting's general note if nobody saved in between
    (slf.conflicts, the rule for every text two people edit). Returns the new version, or a Conflict
    with both texts."""
    field, version_field = (
        ("minutes", "minutes_version") if isinstance(target, AgendaItem) else ("notes", "notes_version")
    )
    if getattr(target, field) == text:
        return getattr(target, version_field)
    setattr(target, field, text)
    conflict = save_unless_changed(target, version, fields=[field], version_field=version_field)
    return conflict or getattr(target, version_field)


def publish_minutes(meeting, by) -> outbox.Sent:
    """Lock the minutes as published and queue the mail to the participants who want minutes. Returns the
    mails queued at once (``len``) and how many wait in digests (``.digested``)."""
    with transaction.atomic():
        meeting.publish_minutes(by=by)  # the lifecycle's rule (Meeting.TRANSITIONS) refuses what it must
        return _mail(meeting, Kind.MINUTES, "meetings/email/minutes", record=True)


def circulate_agenda(meeting, by=None) -> outbox.Sent:
    """Circulate the agenda: the mails queued at once (``len``) and how many wait in digests (``.digested``)."""
    with transaction.atomic():
        meeting.circulate_agenda(by=by)
        invitation = calendar.meeting_invitation(meeting, participants(meeting))  # METHOD:REQUEST, same UID
        return _mail(meeting, Kind.AGENDA, "meetings/email/agenda", attachments=[invitation])


def _mail(meeting, kind, template_prefix: str, attachments=(), record=False):
    """Queue the mail to the participants who want it, in the transaction of the change (notifications).
    With ``record`` the context is the minutes as a record (meetings/minutes.py), as on the minutes page."""
    context = {"meeting": meeting, "items": list(meeting.agenda_items.all())}
    if record:
        from .minutes import minutes_record

        context.update(minutes_record(meeting))
    return outbox.send(kind, participants(meeting), template_prefix, context, about=meeting, attachments=attachments)


# Before / after --------------------------------------------------------------------------------------------------


def previous_meeting(meeting):
    """The series' latest earlier meeting that was not cancelled. No query when ``meeting`` came with
    ``Meeting.objects.with_previous()``: then a Meeting with only its id, series, start and after-answers."""
    if not hasattr(meeting, "previous_json"):
        return Meeting.objects.earlier_in_series(meeting).first()
    if meeting.previous_json is None:
        return None
    found = meeting.previous_json
    return Meeting(
        pk=found["pk"],
        series=meeting.series,
        starts_at=parse_datetime(found["starts_at"]),
        after_answers=found["after_answers"],
    )


def answers_for(questions: list[str], stored: list[dict]) -> list[dict]:
    """The template's questions with the answers given so far (answers to removed questions are kept too)."""
    given = {a.get("question"): a.get("answer", "") for a in stored}
    rows = [{"question": q, "answer": given.pop(q, "")} for q in questions]
    rows += [{"question": q, "answer": a} for q, a in given.items() if a]
    return rows


# Proposals -------------------------------------------------------------------------------------------------------


def accept_proposal(proposal: TopicProposal, meeting: Meeting) -> AgendaItem:
    if proposal.status != ProposalStatus.OPEN:
        raise MeetingError(_("This proposal has already been handled."))
    if meeting.series_id != proposal.series_id or not meeting.can_edit_agenda():
        raise MeetingError(_("Choose a coming meeting of the same series."))
    with transaction.atomic():
        position = meeting.next_agenda_position()
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=proposal.title,
            description=proposal.description,
            presenter=proposal.proposed_by,
            duration_minutes=min(15, meeting.duration_minutes),
        )
        proposal.status = ProposalStatus.ACCEPTED
        proposal.agenda_item = item
        proposal.save(update_fields=["status", "agenda_item"])
    return item


def decline_proposal(proposal: TopicProposal, reason: str) -> None:
    if proposal.status != ProposalStatus.OPEN:
        raise MeetingError(_("This proposal has already been handled."))
    proposal.status = ProposalStatus.DECLINED
    proposal.decline_reason = reason
    proposal.save(update_fields=["status", "decline_reason"])


# Carrying items on: to the next meeting, or back to the backlog -----------------------------------------------


def next_meeting(meeting):
    """The series' next coming meeting after this one (not cancelled, agenda still open), or None."""
    return (
        Meeting.objects.filter(series_id=meeting.series_id, starts_at__gt=meeting.starts_at, status__in=BEFORE)
        .order_by("starts_at")
        .first()
    )


def _carryable(item):
    if not item.meeting.can_carry_items():
        raise MeetingError(_("Items are carried on once the meeting is under way."))
    if item.moved_on:
        raise MeetingError(_("This item has already been moved on."))


def carry_item(item: AgendaItem, by, *, move: bool) -> AgendaItem:
    """Put ``item`` on the agenda of the series' next meeting. ``move``: it was not dealt with here (the original
    says so); otherwise a copy that continues it. Its open agreements stay the same rows and are listed at the new
    item (``carried_agreements``) and in the next meeting's Follow-up."""
    _carryable(item)
    target = next_meeting(item.meeting)
    if target is None:
        raise MeetingError(_("The series has no coming meeting to take the item. Put it in the backlog instead."))
    if item.carried_to.filter(meeting=target).exists():
        raise MeetingError(_("The item is already on the next meeting's agenda."))
    with transaction.atomic():
        position = target.next_agenda_position()
        new = AgendaItem.objects.create(
            meeting=target,
            position=position,
            title=item.title,
            description=item.description,
            kind=item.kind,
            presenter=item.presenter,
            duration_minutes=min(item.duration_minutes, target.duration_minutes),
            carried_from=item,
        )
        if move:
            item.moved_on = True
            item.save(update_fields=["moved_on"])
    return new


def item_to_backlog(item: AgendaItem, by) -> TopicProposal:
    """An item not reached goes back to the series' backlog of topic proposals, to be put on a later agenda."""
    _carryable(item)
    with transaction.atomic():
        proposal = TopicProposal.objects.create(
            series_id=item.meeting.series_id,
            proposed_by=by,
            title=item.title,
            description=item.description[: TopicProposal._meta.get_field("description").max_length],
        )
        item.moved_on = True
        item.save(update_fields=["moved_on"])
    return proposal


def carried_agreements(item: AgendaItem, depth: int = 5):
    """Open agreements made at the earlier items this item continues (moved or copied on, up to ``depth`` steps
    back): the same rows, still open, shown where the topic is taken up again."""
    sources, current = [], item
    while current.carried_from_id and len(sources) < depth:
        sources.append(current.carried_from_id)
        current = AgendaItem.objects.only("pk", "carried_from").get(pk=current.carried_from_id)
    if not sources:
        return []
    return list(
        Entry.objects.open_agreements()
        .filter(agenda_item_id__in=sources)
        .select_related("office", "meeting")
        .prefetch_related("responsible")
        .order_by("due_date", "pk")
    )


# Moving, ad hoc meetings, changed rhythms ----------------------------------------------------------------------


def move_meeting(meeting: Meeting, starts_at: datetime, minutes: int, location: str) -> None:
    """Move one occurrence; calendars see the same UID with a higher SEQUENCE (mailed if the agenda went out)."""
    if not meeting.can_edit_agenda():
        raise MeetingError(_("Only a coming meeting can be moved."))
    meeting.starts_at = starts_at
    meeting.ends_at = starts_at + timedelta(minutes=minutes)
    meeting.location = location
    meeting.sequence += 1
    with transaction.atomic():
        meeting.save(update_fields=["starts_at", "ends_at", "location", "sequence"])
        send_calendar_update(meeting)


def send_calendar_update(meeting: Meeting) -> int:
    """After a coming meeting was moved or cancelled: if its agenda went out, those who got it get the updated
    invitation (same UID, higher SEQUENCE) or the cancellation (METHOD:CANCEL), queued in the caller's
    transaction. Returns how many mails were queued."""
    if meeting.agenda_circulated_at is None:
        return 0
    template = "meetings/email/cancelled" if meeting.status == MeetingStatus.CANCELLED else "meetings/email/moved"
    invitation = calendar.meeting_invitation(meeting, participants(meeting))
    return len(_mail(meeting, Kind.AGENDA, template, attachments=[invitation]))


def regenerate(series: MeetingSeries) -> int:
    """After the rhythm changed: drop coming occurrences nobody has worked on yet, then generate anew."""
    with transaction.atomic():
        (
            Meeting.objects.filter(
                series=series,
                scheduled_for__isnull=False,
                status=MeetingStatus.PLANNED,
                starts_at__gt=timezone.now(),
                agenda_items__isnull=True,
            ).delete()
        )
        return rhythm.generate(series)
