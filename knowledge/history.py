from slf.history import snapshot_history


def procedure_history(procedure) -> list[dict]:
    return snapshot_history(procedure, ["title", "body", "owner_id", "review_date"])
