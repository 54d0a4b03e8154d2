"""Readable history of logbook entries from django-pghistory's snapshots."""

from slf.history import snapshot_history

from .models import Entry

TRACKED = ["kind", "title", "text", "heading_id", "date", "due_date", "review_date", "status", "closing_note"]


def entry_history(entry: Entry) -> list[dict]:
    """Each change: when, who, and which fields went from what to what (oldest first)."""
    return snapshot_history(entry, TRACKED)
