"""The access log: who opened a page about a person, and when. One bounded INSERT per page, nothing read.

The pages are named here (URL name → page kind and how to find the people it is about), so the domain apps
stay unaware of it: ``AccessLogMiddleware`` writes the rows after a successful GET. A person opening a page
about themselves is not logged. The data protection officer's own pages log through ``log_access``.

A list that shows people (the people search) says whom it showed (``slf.http.shows_people``): one row per
colleague shown, written in one INSERT, with the address and what was searched, so each person finds the
search in their own log and the officer sees what was searched and how many were found.
"""

from urllib.parse import unquote_plus

from django.db import connection
from django.utils import timezone

from .models import AccessLogEntry, AccessPage

_TABLE = AccessLogEntry._meta.db_table

#: A visit and its reflections: about the host and the visitor (at most two rows).
_VISIT_SQL = f"""
    INSERT INTO {_TABLE} (at, viewer_id, person_id, page, path)
    SELECT %s, %s, people.id, %s, %s
    FROM visits_visit v CROSS JOIN LATERAL (VALUES (v.host_id), (v.visitor_id)) AS people(id)
    WHERE v.id = %s AND people.id <> %s
"""

#: The people a list page showed (``request.people_shown``), one row each, oneself left out.
_SHOWN_SQL = f"""
    INSERT INTO {_TABLE} (at, viewer_id, person_id, page, path)
    SELECT %s, %s, shown.id, %s, %s FROM unnest(%s::bigint[]) AS shown(id) WHERE shown.id <> %s
"""


def log_access(request, person_id: int, page: str) -> None:
    """One row: ``request.user`` opened ``page`` about ``person_id`` (not written for oneself)."""
    if person_id == request.user.pk:
        return
    AccessLogEntry.objects.create(viewer=request.user, person_id=person_id, page=page, path=request.path[:200])


def _visit(request, kwargs):
    with connection.cursor() as cursor:
        cursor.execute(
            _VISIT_SQL,
            [timezone.now(), request.user.pk, AccessPage.VISIT, request.path[:200], kwargs["pk"], request.user.pk],
        )


def _person(request, kwargs):
    log_access(request, int(kwargs["person_pk"]), AccessPage.PERSON)


def _shown(request, kwargs):
    people = getattr(request, "people_shown", None)
    if not people or people == [request.user.pk]:
        return
    path = unquote_plus(request.get_full_path()).replace("\x00", "")[:200]  # "/people/?q=løn": what was searched
    with connection.cursor() as cursor:
        cursor.execute(_SHOWN_SQL, [timezone.now(), request.user.pk, AccessPage.SEARCH, path, people, request.user.pk])


#: URL name → what to log. A new page about a person gets a line here.
LOGGED = {
    "visits:visit-detail": _visit,
    "visits:book": _person,
    "directory:people": _shown,
}


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            match is not None
            and match.view_name in LOGGED
            and request.method == "GET"
            and response.status_code == 200
            and request.user.is_authenticated
            and not request.headers.get("HX-Request")
        ):
            LOGGED[match.view_name](request, match.kwargs)
        return response
