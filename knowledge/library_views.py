"""The template library of the administration: browse, share from my office, copy into my office."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meetings.models import Meeting, MeetingSeries
from meetings.services import BEFORE
from offices.access import administration_access, home_access
from offices.models import LEADING_ROLES
from slf.forms import choose

from . import library
from .forms import ShareForm
from .models import SharedTemplate, TemplateKind


def _leading_office(access):
    """The office the person shares from and copies into: their strongest leading membership's, or None."""
    offices = access.offices_with(LEADING_ROLES)
    return offices[0] if offices else None


@require_GET
def template_list(request):
    access = home_access(request.user)
    administration = access.administration
    templates = library.visible(administration).select_related("made_by", "made_in").annotate(use_count=Count("uses"))
    kind = request.GET.get("kind", "")
    if kind in TemplateKind.values:
        templates = templates.filter(kind=kind)
    context = {
        "administration": administration,
        "templates": templates,
        "kind": kind,
        "kinds": TemplateKind.choices,
        "can_share": _leading_office(access) is not None,
    }
    return render(request, "knowledge/template_list.html", context)


@require_http_methods(["GET", "POST"])
def template_share(request):
    access = home_access(request.user)
    administration = access.administration
    office = _leading_office(access)
    if office is None:
        raise PermissionDenied
    form = ShareForm(request.POST if request.method == "POST" else None, office=office)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            template = SharedTemplate.objects.create(
                administration=administration,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                content=library.content_from(
                    data["kind"], office=office, series=data["series"], meeting=data["meeting"], guide=data["guide"]
                ),
                made_by=request.user,
                made_in=office,
            )
            messages.success(request, _("“%(title)s” is in the library.") % {"title": template.title})
            return redirect(template.get_absolute_url())
        return render(request, "knowledge/template_share.html", {"form": form, "office": office}, status=400)
    return render(request, "knowledge/template_share.html", {"form": form, "office": office})


def _template(request, pk):
    """A template of an administration the person is inside (404 otherwise), with their access there."""
    template = SharedTemplate.objects.select_related("made_by", "made_in", "administration").filter(pk=pk).first()
    access = administration_access(request.user, template.administration) if template else None
    if access is None:
        raise Http404("No such template.")
    return access, template


@require_GET
def template_detail(request, pk):
    access, template = _template(request, pk)
    office = _leading_office(access)
    context = {
        "template": template,
        "uses": template.uses.select_related("office", "used_by"),
        "office": office,
        "series": MeetingSeries.objects.filter(office=office) if office else [],
        "meetings": Meeting.objects.filter(series__office=office, status__in=BEFORE, starts_at__gte=timezone.now())
        .select_related("series")
        .order_by("starts_at")[:20]
        if office
        else [],
    }
    return render(request, "knowledge/template_detail.html", context)


@require_POST
def template_copy(request, pk):
    access, template = _template(request, pk)
    office = _leading_office(access)
    if office is None:
        raise PermissionDenied
    try:
        if template.kind == TemplateKind.MEETING_QUESTIONS:
            series = choose(request.POST, "series", MeetingSeries.objects.filter(office=office))
            if series is None:
                raise library.LibraryError(_("Choose a series of your office."))
            use = library.copy_questions(template, series, request.user)
        elif template.kind == TemplateKind.CIRCLE_PHASES:
            use = library.copy_phases(template, office, request.user)
        elif template.kind == TemplateKind.AGENDA:
            meeting = choose(request.POST, "meeting", Meeting.objects.filter(series__office=office, status__in=BEFORE))
            if meeting is None:
                raise library.LibraryError(_("Choose a coming meeting of your office."))
            use = library.copy_agenda(template, meeting, request.user)
        else:
            raise library.LibraryError(_("A visit guide is read and printed; there is nothing to copy into."))
    except library.LibraryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Copied into %(target)s.") % {"target": use.target})
    return redirect(template.get_absolute_url())
