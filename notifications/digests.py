"""Digests: one e-mail listing what happened, for people who chose a daily or weekly digest.

The queue calls ``send_due`` daily and weekly (``tasks.daily_digests``, ``tasks.weekly_digests``); the
digests themselves arrive with per-kind choices (``choices.channel``). Until then there is nothing to send.
"""


def send_due(period: str, at) -> int:
    """Queue the ``period`` ("daily" or "weekly") digests due at ``at``. Returns how many were queued."""
    return 0
