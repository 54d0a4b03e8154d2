"""Readable history from django-pghistory's snapshots, for any tracked model."""


def snapshot_history(obj, fields: list[str]) -> list[dict]:
    """Each change to ``obj``: when, who, and which of ``fields`` went from what to what (oldest first)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()  # slf is the bottom layer: it does not import accounts
    model = type(obj)
    events = list(model.pgh_event_model.objects.filter(pgh_obj=obj).select_related("pgh_context").order_by("pgh_id"))
    user_ids = {e.pgh_context.metadata.get("user") for e in events if e.pgh_context_id}
    people = {u.pk: u for u in User.objects.filter(pk__in=[i for i in user_ids if i])}
    labels = {f: str(model._meta.get_field(f.removesuffix("_id")).verbose_name) for f in fields}
    history, previous = [], None
    for event in events:
        context = event.pgh_context.metadata if event.pgh_context_id else {}
        changes = []
        if previous is not None:
            for field in fields:
                old, new = getattr(previous, field), getattr(event, field)
                if old != new:
                    changes.append({"field": labels[field], "old": old, "new": new})
        history.append(
            {
                "when": event.pgh_created_at,
                "who": people.get(context.get("user")),
                "label": event.pgh_label,
                "changes": changes,
            }
        )
        previous = event
    return history
