"""Input no page can store or search for: refused once, at the door, with a clear 400 page.

PostgreSQL text cannot hold the NUL character; a query with one raises ``DataError`` wherever it meets the
database (a search box, a filter, the public glossary). Forms refuse it field by field (Django's
``CharField`` has ``ProhibitNullCharactersValidator``), but a query string or a value a view reads from
``request.POST`` directly does not pass through a form. So ``HostileInputMiddleware`` answers 400 before any
view runs when

* a query parameter (name or value) holds a control character other than tab, line feed and carriage return
  (the C0 range and DEL): nothing a person types into a search box or a link;
* a posted field (name or value, files excluded) holds a NUL.

Other control characters in posted text are left to the forms: they are stored as typed and escaped on
output, and ``slf.mail.clean_header`` removes them from anything that ends up in an e-mail header.
"""

import re

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

#: C0 controls and DEL, except tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control(value: str) -> bool:
    return bool(CONTROL.search(value))


def _bad_query(request) -> bool:
    return any(has_control(key) or any(has_control(v) for v in values) for key, values in request.GET.lists())


def _bad_post(request) -> bool:
    if request.method != "POST":
        return False
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists())


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _bad_query(request) or _bad_post(request):
            response = render(
                request,
                "400.html",
                {"reason": _("The address or the form contained a control character (such as NUL) it cannot use.")},
                status=400,
            )
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


def next_url(request, fallback: str, suffix: str = "") -> str:
    """The posted (or queried) ``next`` address if it is a path on this site, else ``fallback``.

    Only a path that starts with a single ``/`` is taken, and it is used as an address, never looked up as a
    URL name (``redirect("2026-03-29T02:30")`` would raise ``NoReverseMatch``).
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return target + suffix
    return fallback + suffix
