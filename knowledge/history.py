from slf.history import snapshot_history


def procedure_history(procedure) -> list[dict]:
    return snapshot_history(procedure, ["title", "body", "owner_id", "review_date"])


def term_owner_history(term) -> list[dict]:
    """Each hand-over of the term: when, who, from which office to which (oldest first)."""
    from offices.models import Office

    changes = [
        {"when": event["when"], "who": event["who"], "old": change["old"], "new": change["new"]}
        for event in snapshot_history(term, ["owner_id"])
        for change in event["changes"]
    ]
    names = dict(
        Office.objects.filter(pk__in={c["old"] for c in changes} | {c["new"] for c in changes}).values_list(
            "pk", "name"
        )
    )
    for change in changes:
        change["old"], change["new"] = names.get(change["old"]), names.get(change["new"])
    return changes
