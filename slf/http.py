"""Typed request for views (``request.user`` is signed in, ``request.htmx`` is set), the form status rule, and
which people a list page shows (for the access log)."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:  # slf is the bottom layer: it names accounts' User only for type checkers
    from accounts.models import User


class AuthedHttpRequest(HttpRequest):
    user: "User"
    htmx: HtmxDetails


def invalid_form_status(request: HttpRequest, plain: int = 400) -> int:
    """The status of a form re-rendered because it can't be saved (invalid, or a conflict with ``plain=409``).

    200 for htmx, which swaps only 2xx by default, so the errors show in place; ``plain`` for a
    normal post that re-renders the page. One rule for every app.
    """
    return 200 if getattr(request, "htmx", False) else plain


def shows_people(request: HttpRequest, people) -> None:
    """Say which people a list page shows, for the access log (privacy/accesslog.py names the pages it logs)."""
    request.people_shown = [person.pk for person in people]
