"""My page, my profile and my calendar feed. They gather what the domain apps know about the person, so they sit in the
layer above those apps and import them directly (the import-linter contract in pyproject.toml keeps it so)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from accounts.views import set_language_cookie
from logbook.panels import my_agreements_context
from meetings import calendar as meeting_calendar
from meetings.panels import my_meetings_context
from offices.models import AdministrationLeader, Membership
from slf import calendar as ical
from sso.models import ExternalIdentity
from visits import calendar as visit_calendar
from visits.panels import my_visits_context

from .forms import ProfileForm

#: The panels of My page, in order: (template, context function; the function returns None to hide the panel).
PANELS = [
    ("meetings/_my_meetings.html", my_meetings_context),
    ("logbook/_my_agreements.html", my_agreements_context),
    ("visits/_my_visits.html", my_visits_context),
]
#: What the calendar feed lists: each returns ``icalendar.Event`` objects for the person.
CALENDAR_SOURCES = [meeting_calendar.events_for, visit_calendar.events_for]


@require_GET
def my_page(request):
    """My page: my offices and roles, then one panel per capability (meetings, agreements, visits)."""
    memberships = (
        Membership.objects.filter(person=request.user)
        .select_related("office__administration", "section")
        .order_by("office__name")
    )
    headed = AdministrationLeader.objects.filter(person=request.user).select_related("administration")
    panels = []
    for template_name, get_context in PANELS:
        context = get_context(request)
        if context is not None:
            panels.append(render_to_string(template_name, context, request=request))
    return render(
        request,
        "home/my_page.html",
        {"memberships": memberships, "headed_administrations": headed, "panels": panels},
    )


@login_not_required
@require_GET
def calendar_feed(request, token):
    """My calendar as an iCalendar feed at a secret address (for Outlook, Google Calendar)."""
    person = User.objects.filter(calendar_token=token, is_active=True).first()
    if person is None:
        raise Http404("No such calendar.")
    events = [event for events_for in CALENDAR_SOURCES for event in events_for(person)]
    # A published calendar (no METHOD, no attendees): slf/calendar.py says why.
    feed = ical.calendar(events, name=_("SLF Logbook: %(name)s") % {"name": person.full_name})
    response = HttpResponse(ical.to_ics(feed), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="slf.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_POST
def calendar_token_regenerate(request):
    """A new secret address; the old one stops working at once."""
    request.user.regenerate_calendar_token()
    messages.success(request, _("Your calendar has a new address. Subscribe to it again where you use it."))
    return redirect("accounts:profile")


@require_http_methods(["GET", "POST"])
def profile_update(request):
    """My profile: name, initials, language and which e-mails I receive."""
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            messages.success(request, _("Your profile was saved."))
            response = redirect(reverse("accounts:profile"))
            set_language_cookie(response, user.preferred_language)
            translation.activate(user.preferred_language)
            return response
        return render(request, "accounts/profile.html", _profile_context(request, form), status=400)
    return render(request, "accounts/profile.html", _profile_context(request, form))


def _profile_context(request, form):
    url = reverse("accounts:calendar-feed", args=[request.user.calendar_token])
    return {
        "form": form,
        "calendar_url": request.build_absolute_uri(url),
        # How I sign in, and which of my offices come from the identity provider (sso/).
        "identities": ExternalIdentity.objects.filter(person=request.user),
        "memberships": Membership.objects.filter(person=request.user).select_related("office").order_by("office__name"),
        "headships": AdministrationLeader.objects.filter(person=request.user).select_related("administration"),
    }
