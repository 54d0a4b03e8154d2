"""A circle's measure: its run chart with the circle's steps on it, the values corrected or removed, a baseline
(freeze) and parts. Everyone in the office reads it; the leading roles change it. Every change works as a plain
post (the page again, PRG) and with htmx (the ``measure`` partial, announced)."""

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from offices.access import LEADING_ROLES, get_for_office, get_office_access
from slf.conflicts import conflict_status
from slf.forms import is_unique_violation, save_unique
from slf.http import invalid_form_status

from . import measures
from .forms import BaselineForm, DataPointForm, DataPointRemoveForm, MeasurePartForm
from .models import CircleStep, DataPoint, LearningCircle, Measure, MeasurePart

TEMPLATE = "logbook/measure_detail.html"


def _circle(access, pk):
    return get_for_office(LearningCircle.objects.select_related("office", "phase"), access.office, pk=pk)


def _measure(access, pk, measure_pk):
    """The measure of the office's circle ``pk``; 404 for another circle's or another office's."""
    circle = _circle(access, pk)
    measure = Measure.objects.filter(circle=circle, pk=measure_pk).first()
    if measure is None:
        raise Http404("No such measure.")
    measure.circle = circle
    return circle, measure


def _point(measure, point_pk):
    point = DataPoint.objects.filter(measure=measure, pk=point_pk).first()
    if point is None:
        raise Http404("No such value.")
    return point


def _steps(circle):
    return CircleStep.objects.filter(circle=circle).select_related("from_phase", "to_phase").order_by("created_at")


def _context(access, circle, measure, **extra):
    measure = Measure.objects.prefetch_related("points", "parts").get(pk=measure.pk)
    measure.circle = circle
    steps = list(_steps(circle))
    chart = measures.chart_for(measure, steps)
    editing = extra.pop("editing", None)
    edit_form = extra.pop("edit_form", None) or (
        DataPointForm(instance=editing, measure=measure, prefix="edit") if editing else None
    )
    if edit_form is not None:
        edit_form.fields["date"].widget.attrs["data-focus"] = ""  # focus moves here when the row becomes a form
    return {
        "office": access.office,
        "access": access,
        "circle": circle,
        "measure": measure,
        "chart": chart,
        "editing": editing.pk if editing else None,
        "edit_form": edit_form,
        "point_form": extra.pop("point_form", None) or DataPointForm(measure=measure, prefix="new"),
        "baseline_form": extra.pop("baseline_form", None) or BaselineForm(instance=measure, prefix="baseline"),
        "part_form": extra.pop("part_form", None)
        or MeasurePartForm(measure=measure, steps=_steps(circle), prefix="part"),
        "parts": list(measure.parts.all()),
        "corrections": measures.corrections(measure),
        **extra,
    }


def _answer(request, access, circle, measure, text, status=200, **extra):
    """After a change: the ``measure`` partial announced (htmx) or the page again (a plain post: PRG)."""
    if request.htmx:
        context = _context(access, circle, measure, message=text, **extra)
        response = render(request, f"{TEMPLATE}#measure", context, status=status)
        return trigger_client_event(response, "announce", {"message": text})
    messages.success(request, text)
    return redirect(measure.get_absolute_url() + "#measure")


def _again(request, access, circle, measure, status, **extra):
    """A form that can't be saved: shown again in place (htmx: 200) or the whole page (``status``)."""
    template = f"{TEMPLATE}#measure" if request.htmx else TEMPLATE
    return render(request, template, _context(access, circle, measure, **extra), status=status)


@require_GET
def measure_detail(request, slug, pk, measure_pk):
    access = get_office_access(request.user, slug)
    circle, measure = _measure(access, pk, measure_pk)
    return render(request, TEMPLATE, _context(access, circle, measure))


@require_POST
def measure_point_create(request, slug, pk, measure_pk):
    """A new dated value from the measure's page (the circle's page has its own form: logbook:datapoint-create)."""
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle, measure = _measure(access, pk, measure_pk)
    form = DataPointForm(request.POST, measure=measure, prefix="new")
    if form.is_valid() and save_unique(
        form,
        lambda: DataPoint.objects.create(measure=measure, author=request.user, **form.cleaned_data),
        field="date",
        message=_("There is already a value for this date."),
    ):
        return _answer(request, access, circle, measure, _("The value was added."))
    return _again(request, access, circle, measure, invalid_form_status(request), point_form=form)


@require_http_methods(["GET", "POST"])
def datapoint_update(request, slug, pk, measure_pk, point_pk):
    """Correct a value (its date or value). GET: the page with the value's row as a form (htmx: the row)."""
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle, measure = _measure(access, pk, measure_pk)
    point = _point(measure, point_pk)
    if request.method == "GET":
        context = _context(access, circle, measure, editing=point)
        template = f"{TEMPLATE}#point-row" if request.htmx else TEMPLATE
        if request.htmx:
            context["point"] = next(p for p in context["chart"].points if p.obj.pk == point.pk)
        return render(request, template, context)
    form = DataPointForm(request.POST, instance=point, measure=measure, prefix="edit")
    if not form.is_valid():
        return _again(request, access, circle, measure, invalid_form_status(request), editing=point, edit_form=form)
    try:
        conflict = measures.correct_point(form.instance, form.seen_version, request.user)
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        form.add_error("date", _("There is already a value for this date."))
        return _again(request, access, circle, measure, invalid_form_status(request), editing=point, edit_form=form)
    if conflict:
        form.show_conflict(conflict)
        return _again(
            request, access, circle, measure, conflict_status(request), editing=point, edit_form=form, conflict=conflict
        )
    return _answer(request, access, circle, measure, _("The value was corrected."))


@require_POST
def datapoint_delete(request, slug, pk, measure_pk, point_pk):
    """Remove a value, unless it was corrected since it was read (then it is shown, with "remove anyway")."""
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle, measure = _measure(access, pk, measure_pk)
    point = _point(measure, point_pk)
    form = DataPointRemoveForm(request.POST)
    seen = form.cleaned_data.get("version") if form.is_valid() else None
    try:
        conflict = measures.remove_point(point, seen)
    except measures.AlreadyRemoved:
        return _answer(request, access, circle, measure, _("The value was already removed."))
    if conflict:
        return _again(request, access, circle, measure, conflict_status(request), removing=point, conflict=conflict)
    return _answer(request, access, circle, measure, _("The value was removed."))


@require_POST
def measure_baseline(request, slug, pk, measure_pk):
    """Freeze the median on the first values, or (empty) not."""
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle, measure = _measure(access, pk, measure_pk)
    form = BaselineForm(request.POST, instance=measure, prefix="baseline")
    if not form.is_valid():
        return _again(request, access, circle, measure, invalid_form_status(request), baseline_form=form)
    Measure.objects.filter(pk=measure.pk).update(baseline=form.cleaned_data["baseline"])
    if form.cleaned_data["baseline"]:
        text = _("The median is frozen on the first %(k)d values.") % {"k": form.cleaned_data["baseline"]}
    else:
        text = _("The median is no longer frozen.")
    return _answer(request, access, circle, measure, text)


@require_POST
def measure_part_create(request, slug, pk, measure_pk):
    """Split the chart after an action: from that date on the values get their own median and run analysis."""
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle, measure = _measure(access, pk, measure_pk)
    form = MeasurePartForm(request.POST, measure=measure, steps=_steps(circle), prefix="part")
    if form.is_valid() and save_unique(
        form,
        lambda: MeasurePart.objects.create(measure=measure, author=request.user, **form.cleaned_data),
        field="starts_on",
        message=_("The chart is already split on this date."),
    ):
        return _answer(request, access, circle, measure, _("The chart was split: a new part begins."))
    return _again(request, access, circle, measure, invalid_form_status(request), part_form=form)


@require_POST
def measure_part_delete(request, slug, pk, measure_pk, part_pk):
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle, measure = _measure(access, pk, measure_pk)
    part = MeasurePart.objects.filter(measure=measure, pk=part_pk).first()
    if part is None:
        raise Http404("No such part.")
    part.delete()
    return _answer(request, access, circle, measure, _("The split was removed: the parts are joined again."))
