"""Writes that span several models or send e-mail: minutes, publishing, proposals, moving and regenerating."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from notifications import outbox
from notifications.choices import Kind
from offices.models import Role
from slf.conflicts import Conflict, save_unless_changed

from . import calendar, rhythm
from .models import AgendaItem, Meeting, MeetingSeries, MeetingStatus, ProposalStatus, TopicProposal

#: Statuses in which a meeting still lies ahead: the agenda can be commented on and circulated.
BEFORE = (MeetingStatus.PLANNED, MeetingStatus.AGENDA_CIRCULATED)


class MeetingError(Exception):
    """A rule was broken; the message is shown to the person."""


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


def takes_part(meeting, user, access) -> bool:
    """Participants comment and propose; leaders of the office always may."""
    if access.can_edit:
        return True
    return participants(meeting).filter(pk=user.pk).exists()


def comments_open(meeting) -> bool:
    return meeting.status in BEFORE and meeting.starts_at > timezone.now()


def add_comment(meeting, item, author, text: str):
    if not comments_open(meeting):
        raise MeetingError(_("The meeting has been held, so comments are closed."))
    return item.comments.create(author=author, text=text)


# Minutes ---------------------------------------------------------------------------------------------------------


def can_write_minutes(meeting, access) -> bool:
    """Leaders write minutes once the meeting has begun; after publishing only resource persons correct them."""
    if meeting.status == MeetingStatus.CANCELLED:
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


def publish_minutes(meeting, by) -> int:
    """Lock the minutes as published and queue the mail to the participants who want minutes. Returns how many
    mails were queued."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise MeetingError(_("A cancelled meeting has no minutes."))
    if meeting.status == MeetingStatus.MINUTES_PUBLISHED:
        raise MeetingError(_("The minutes are already published."))
    if meeting.starts_at > timezone.now():
        raise MeetingError(_("Minutes can be published once the meeting has begun."))
    with transaction.atomic():
        meeting.status = MeetingStatus.MINUTES_PUBLISHED
        meeting.minutes_published_at = timezone.now()
        meeting.save(update_fields=["status", "minutes_published_at"])
        return len(_mail(meeting, Kind.MINUTES, "meetings/email/minutes"))


def circulate_agenda(meeting) -> int:
    if meeting.status not in BEFORE:
        raise MeetingError(_("The agenda can only be circulated before the meeting is held."))
    with transaction.atomic():
        meeting.status = MeetingStatus.AGENDA_CIRCULATED
        meeting.agenda_circulated_at = meeting.agenda_circulated_at or timezone.now()
        meeting.save(update_fields=["status", "agenda_circulated_at"])
        invitation = calendar.meeting_invitation(meeting, participants(meeting))  # METHOD:REQUEST, same UID
        return len(_mail(meeting, Kind.AGENDA, "meetings/email/agenda", attachments=[invitation]))


def _mail(meeting, kind, template_prefix: str, attachments=()):
    """Queue the mail to the participants who want it, in the transaction of the change (notifications)."""
    context = {"meeting": meeting, "items": list(meeting.agenda_items.all())}
    return outbox.send(kind, participants(meeting), template_prefix, context, about=meeting, attachments=attachments)


# Before / after --------------------------------------------------------------------------------------------------


def previous_meeting(meeting):
    """The series' latest earlier meeting that was not cancelled."""
    return (
        Meeting.objects.filter(series_id=meeting.series_id, starts_at__lt=meeting.starts_at)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")
        .first()
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
    if meeting.series_id != proposal.series_id or meeting.status not in BEFORE:
        raise MeetingError(_("Choose a coming meeting of the same series."))
    with transaction.atomic():
        position = (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
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


# Moving, ad hoc meetings, changed rhythms ----------------------------------------------------------------------


def move_meeting(meeting: Meeting, starts_at: datetime, minutes: int, location: str) -> None:
    """Move one occurrence; calendars see the same UID with a higher SEQUENCE (mailed if the agenda went out)."""
    if meeting.status not in BEFORE:
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
