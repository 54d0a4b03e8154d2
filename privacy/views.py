"""The privacy pages: the public notice and accessibility statement, a manager's coming deadlines, a person
leaving, and the data protection officer's requests and access log."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from offices.access import (
    HEAD_OF_ADMINISTRATION,
    MANAGER_ROLES,
    get_office_access,
    require_data_protection_officer,
)
from offices.models import Role
from slf.http import invalid_form_status

from . import export, leaving, retention
from .accesslog import log_access
from .forms import AccessLogFilterForm, LeavingForm, PersonSearchForm
from .models import AccessLogEntry, AccessPage, Action, RetentionRule

#: Who may let a person leave an office: its chief and the heads of its administration.
LEAVING_ROLES = {Role.OFFICE_CHIEF, HEAD_OF_ADMINISTRATION}
#: Who sees an office's coming deletions: section leaders, the chief, the heads of administration.
RETENTION_ROLES = {*MANAGER_ROLES, HEAD_OF_ADMINISTRATION}
SEARCH_LIMIT = 50
LOG_PAGE_SIZE = 50


def _rules_in_words():
    """The default rules, then each administration's own, for the privacy notice."""
    defaults = [
        (retention.KINDS[key].label if key in retention.KINDS else _("change history"), action, days)
        for key, (action, days) in retention.rules_for(None).items()
    ]
    overrides = RetentionRule.objects.select_related("administration").order_by("administration__name", "kind")
    return defaults, overrides


@login_not_required
@require_GET
def privacy_notice(request):
    defaults, overrides = _rules_in_words()
    context = {
        "defaults": defaults,
        "overrides": overrides,
        "grace_days": settings.LEAVER_GRACE_DAYS,
        "controller": settings.PRIVACY_CONTROLLER,
        "dpo_email": settings.PRIVACY_DPO_EMAIL,
    }
    return render(request, "privacy/notice.html", context)


@login_not_required
@require_GET
def accessibility_statement(request):
    context = {
        "controller": settings.PRIVACY_CONTROLLER,
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
        "reviewed": parse_date(settings.ACCESSIBILITY_REVIEWED),
    }
    return render(request, "privacy/accessibility.html", context)


@require_GET
def retention_overview(request, slug):
    access = get_office_access(request.user, slug, roles=RETENTION_ROLES)
    office = access.office
    rules = retention.rules_for(office.administration_id)
    rows = [(kind.label, *rules[key]) for key, kind in retention.KINDS.items() if kind.office_field]
    context = {
        "office": office,
        "rules": rows,
        "deadlines": retention.upcoming(office),
        "days_ahead": retention.UPCOMING_DAYS,
        "Action": Action,
    }
    return render(request, "privacy/retention.html", context)


@require_http_methods(["GET", "POST"])
def leaving_create(request, slug):
    access = get_office_access(request.user, slug, roles=LEAVING_ROLES)
    office = access.office
    form = LeavingForm(request.POST or None, office=office, by=request.user)
    if request.method == "POST" and form.is_valid():
        person, successor = form.cleaned_data["person"], form.cleaned_data["successor"]
        departure = leaving.hand_over(person=person, office=office, successor=successor, by=request.user)
        moved = sum(departure.handed_over.values())
        text = ngettext(
            "%(person)s has left %(office)s. %(n)s open item went to %(successor)s.",
            "%(person)s has left %(office)s. %(n)s open items went to %(successor)s.",
            moved,
        ) % {"person": person.full_name, "office": office.name, "n": moved, "successor": successor.full_name}
        if departure.anonymise_after:
            text += " " + _("With no other membership left, they will be anonymised after %(day)s.") % {
                "day": date_format(departure.anonymise_after, "DATE_FORMAT")
            }
        messages.success(request, text)
        return redirect("privacy:leaving", slug=office.slug)
    status = invalid_form_status(request) if request.method == "POST" else 200
    departures = office.departures.select_related("person", "successor", "ended_by")[:20]
    context = {"office": office, "form": form, "departures": departures, "grace_days": settings.LEAVER_GRACE_DAYS}
    return render(request, "privacy/leaving.html", context, status=status)


@require_GET
def person_search(request):
    require_data_protection_officer(request.user)
    form = PersonSearchForm(request.GET or None)
    people = []
    if form.is_valid() and form.cleaned_data["q"]:
        q = form.cleaned_data["q"]
        people = list(
            get_user_model()
            .objects.filter(Q(full_name__icontains=q) | Q(email__icontains=q))
            .order_by("full_name", "pk")[:SEARCH_LIMIT]
        )
    return render(request, "privacy/person_search.html", {"form": form, "people": people, "limit": SEARCH_LIMIT})


def _person(request, pk):
    require_data_protection_officer(request.user)
    return get_object_or_404(get_user_model(), pk=pk)


@require_GET
def person_detail(request, pk):
    person = _person(request, pk)
    log_access(request, person.pk, AccessPage.DATA_REQUEST)
    return render(request, "privacy/person_detail.html", {"person": person, "sections": export.person_data(person)})


@require_GET
def person_export(request, pk):
    person = _person(request, pk)
    archive = export.export_zip(person)
    log_access(request, person.pk, AccessPage.EXPORT)  # after: the file shows the log as it was
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="persondata-{person.pk}-{timezone.localdate()}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def access_log(request):
    require_data_protection_officer(request.user)
    form = AccessLogFilterForm(request.GET or None)
    entries = AccessLogEntry.objects.select_related("viewer", "person")
    if form.is_valid():
        data = form.cleaned_data
        for field in ("person", "viewer"):
            if data[field]:
                entries = entries.filter(
                    Q(**{f"{field}__full_name__icontains": data[field]})
                    | Q(**{f"{field}__email__icontains": data[field]})
                )
        if data["kind"]:
            entries = entries.filter(page=data["kind"])
        if data["date_from"]:
            entries = entries.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(at__date__lte=data["date_to"])
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(
        request, "privacy/access_log.html", context, status=200 if form.is_valid() or not form.is_bound else 400
    )
