from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from offices.models import AdministrationLeader, Membership
from slf.registry import my_page_panels

from .forms import ProfileForm, SignInForm


def _set_language_cookie(response, language):
    from django.conf import settings

    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class SignInView(auth_views.LoginView):
    """Sign in with e-mail and password; the page then speaks the person's language."""

    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        _set_language_cookie(response, form.get_user().preferred_language)
        return response


@login_not_required
@require_POST
def language_update(request):
    """Switch language (da/en). Signed-in people keep the choice in their profile."""
    from django.conf import settings

    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if language not in dict(settings.LANGUAGES):
        messages.error(request, _("That language is not available."))
        return redirect(next_url)
    if request.user.is_authenticated and request.user.preferred_language != language:
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    response = redirect(next_url)
    _set_language_cookie(response, language)
    return response


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
    for panel in my_page_panels():
        context = panel.get_context(request)
        if context is not None:
            panels.append(render_to_string(panel.template_name, context, request=request))
    return render(
        request,
        "accounts/my_page.html",
        {"memberships": memberships, "headed_administrations": headed, "panels": panels},
    )


@require_http_methods(["GET", "POST"])
def profile_update(request):
    """My profile: name, initials, language and which e-mails I receive."""
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            messages.success(request, _("Your profile was saved."))
            response = redirect(reverse("accounts:profile"))
            _set_language_cookie(response, user.preferred_language)
            translation.activate(user.preferred_language)
            return response
        return render(request, "accounts/profile.html", _profile_context(request, form), status=400)
    return render(request, "accounts/profile.html", _profile_context(request, form))


def _profile_context(request, form):
    url = reverse("accounts:calendar-feed", args=[request.user.calendar_token])
    return {"form": form, "calendar_url": request.build_absolute_uri(url)}


@login_not_required
@require_GET
def calendar_feed(request, token):
    """My calendar as an iCalendar feed at a secret address (for Outlook, Google Calendar).

    Every app adds its events through ``slf.registry.register_calendar_source``.
    """
    from django.http import Http404, HttpResponse
    from icalendar import Calendar

    from slf.registry import calendar_sources

    from .models import User

    person = User.objects.filter(calendar_token=token, is_active=True).first()
    if person is None:
        raise Http404("No such calendar.")
    calendar = Calendar()
    calendar.add("prodid", "-//SLF Logbook//calendar feed//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("SLF Logbook: %(name)s") % {"name": person.full_name})
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    for _key, events_for in calendar_sources():
        for event in events_for(person):
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="slf.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_POST
def calendar_token_regenerate(request):
    """A new secret address; the old one stops working at once."""
    request.user.regenerate_calendar_token()
    messages.success(request, _("Your calendar has a new address. Subscribe to it again where you use it."))
    return redirect("accounts:profile")
