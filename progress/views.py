"""Progress pages: one office at a glance, and all offices of an administration side by side."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from offices.access import (
    get_office_access,
    headed_administrations,
    offices_with_role,
    visible_offices,
)
from offices.models import LEADING_ROLES, Administration
from programmes.views import leading_programmes
from slf.spreadsheets import xlsx_response

from . import export, figures, pages
from .periods import CHOICES, period_from


def _period(request):
    today = timezone.localdate()
    period, valid = period_from(request.GET, today)
    return period, period.previous(), valid, today, timezone.now()


def _period_query(request, period) -> str:
    """The period part of the query string, for sort and export links."""
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    query["period"] = period.kind
    if period.kind == "custom":
        query["from"] = period.start.isoformat()
        query["to"] = period.end.isoformat()
    return query.urlencode()


def _administration_for_head(user, slug) -> Administration:
    """An administration the person heads; 404 for everyone else."""
    administration = headed_administrations(user).filter(slug=slug).first()
    if administration is None:
        raise Http404("No such administration.")
    return administration


@require_GET
def progress_index(request):
    """Where the person's progress pages are: their offices, and the administrations they head."""
    user = request.user
    offices = list(visible_offices(user).select_related("administration").order_by("name"))
    administrations = list(headed_administrations(user).order_by("name"))
    programmes = leading_programmes(user)  # each programme's figures, for its leads
    if len(offices) == 1 and not administrations and not programmes:
        return redirect("progress:office", slug=offices[0].slug)
    reviewing = set(offices_with_role(user, LEADING_ROLES).values_list("pk", flat=True))
    return render(
        request,
        "progress/index.html",
        {"offices": offices, "administrations": administrations, "reviewing": reviewing, "programmes": programmes},
    )


def _office_context(request, slug):
    access = get_office_access(request.user, slug)
    period, previous, valid, today, now = _period(request)
    context = pages.office_page(access, request.user, period, previous, today, now)
    context.update(
        {
            "office": access.office,
            "access": access,
            "period": period,
            "previous": previous,
            "period_valid": valid,
            "choices": CHOICES,
            "period_query": _period_query(request, period),
            "today": today,
        }
    )
    return context


@require_GET
def office_progress(request, slug):
    """The office's progress for a period, against the period before; staff see only their own figures."""
    context = _office_context(request, slug)
    return render(request, "progress/office_progress.html", context, status=200 if context["period_valid"] else 400)


@require_GET
def office_progress_export(request, slug):
    """The office progress page as XLSX, one sheet per section."""
    context = _office_context(request, slug)
    workbook = export.office_workbook(context)
    return xlsx_response(
        workbook, f"fremdrift-{context['office'].slug}-{context['period'].start}-{context['period'].end}"
    )


def _administration_context(request, slug):
    administration = _administration_for_head(request.user, slug)
    period, previous, valid, today, now = _period(request)
    sort = request.GET.get("sort", "name")
    if sort.lstrip("-") not in figures.SORT_KEYS:
        sort = "name"
    all_columns = request.GET.get("columns") == "all"
    context = pages.administration_page(administration, period, previous, today, now, sort, all_columns)
    period_query = _period_query(request, period)
    context.update(
        {
            "administration": administration,
            "period": period,
            "previous": previous,
            "period_valid": valid,
            "choices": CHOICES,
            "period_query": period_query,
            # Sort links keep the column set, and the column toggle keeps the sort.
            "columns_query": f"{period_query}&columns=all" if all_columns else period_query,
            "sort": sort,
            "today": today,
        }
    )
    return context


@require_GET
def administration_progress(request, slug):
    """All offices of the administration as rows, the figures as sortable columns."""
    context = _administration_context(request, slug)
    return render(
        request, "progress/administration_progress.html", context, status=200 if context["period_valid"] else 400
    )


@require_GET
def administration_progress_export(request, slug):
    """The administration overview as XLSX, one sheet per section."""
    context = _administration_context(request, slug)
    workbook = export.administration_workbook(context)
    name = f"fremdrift-{context['administration'].slug}-{context['period'].start}-{context['period'].end}"
    return xlsx_response(workbook, name)
