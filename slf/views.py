import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when one query reaches the database, 503 when it can't; never a 500 page."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # Drop the broken connection so the next request connects afresh.
        connection.close()
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def floor(request):
    """The benchmark's fair floor: a signed-in page rendering base.html (navigation, language switch,
    messages) and nothing else, so each page's cost can be read against what every page pays anyway."""
    return render(request, "floor.html")


def server_error(request):
    """The 500 handler; when the cause is an unreachable database, a friendly 503 that asks to retry.

    Django calls this while the exception is being handled, so ``sys.exc_info()`` holds it. The page is
    rendered without the request (no context processors), so it needs nothing from the database. The
    broken connection is closed; the next request connects afresh once the database is back.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        connection.close_if_unusable_or_obsolete()
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return defaults.server_error(request)
