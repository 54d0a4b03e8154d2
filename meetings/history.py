"""Corrections to published minutes, read from django-pghistory's snapshots."""

from accounts.models import User

from .models import AgendaItem, Meeting


def corrections(meeting: Meeting) -> list[dict]:
    """Each change to the minutes after they were published: when, who, which part, the text before and after."""
    item_events = list(
        AgendaItem.pgh_event_model.objects.filter(meeting_id=meeting.pk)
        .select_related("pgh_context")
        .order_by("pgh_obj_id", "pgh_id")
    )
    note_events = list(
        Meeting.pgh_event_model.objects.filter(pgh_obj_id=meeting.pk).select_related("pgh_context").order_by("pgh_id")
    )
    changes = []
    for events, field in ((item_events, "minutes"), (note_events, "notes")):
        previous = None
        for event in events:
            same_object = previous is not None and previous.pgh_obj_id == event.pgh_obj_id
            if (
                same_object
                and event.pgh_created_at > meeting.minutes_published_at
                and getattr(previous, field) != getattr(event, field)
            ):
                context = event.pgh_context.metadata if event.pgh_context_id else {}
                changes.append(
                    {
                        "when": event.pgh_created_at,
                        "user_id": context.get("user"),
                        "part": event.title if field == "minutes" else None,
                        "old": getattr(previous, field),
                        "new": getattr(event, field),
                    }
                )
            previous = event
    people = {u.pk: u for u in User.objects.filter(pk__in={c["user_id"] for c in changes if c["user_id"]})}
    for change in changes:
        change["who"] = people.get(change.pop("user_id"))
    return sorted(changes, key=lambda c: c["when"], reverse=True)
