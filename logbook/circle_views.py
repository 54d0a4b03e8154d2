from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from accounts.models import User
from drafts.forms import clear_draft, offer_draft
from drafts.registry import key_for
from meetings.models import AgendaItem, Meeting
from meetings.services import BEFORE
from offices.access import LEADING_ROLES, get_for_office, get_office_access
from slf.forms import choose, save_unique
from slf.http import invalid_form_status

from . import circles, measures
from .forms import CardForm, CircleForm, DataPointForm, MeasureForm, MoveForm, PhaseFormSet
from .models import Attachment, CirclePhase, CircleStep, DataPoint, LearningCircle, Measure, PhaseCard


@require_GET
def circle_list(request, slug):
    access = get_office_access(request.user, slug)
    office = access.office
    items = (
        LearningCircle.objects.filter(office=office)
        .select_related("phase", "heading", "office")
        .annotate(step_count=Count("steps"))
        .prefetch_related(Prefetch("responsible", queryset=User.objects.order_by("full_name")))
    )
    return render(
        request,
        "logbook/circle_list.html",
        {"office": office, "access": access, "circles": items, "now": timezone.now()},
    )


@require_http_methods(["GET", "POST"])
def circle_create(request, slug):
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    office = access.office
    form = CircleForm(request.POST if request.method == "POST" else None, office=office)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                circle = form.save(commit=False)
                circle.office = office
                circles.start_circle(circle, request.user)
                form.save_m2m()
            messages.success(request, _("The learning circle was started."))
            return redirect(circle.get_absolute_url())
        return render(request, "logbook/circle_form.html", {"office": office, "form": form}, status=400)
    return render(request, "logbook/circle_form.html", {"office": office, "form": form})


def _detail_context(request, access, circle, **extra):
    phases = CirclePhase.for_office(access.office)
    cards = {
        (c.phase_id, c.loop): c
        for c in PhaseCard.objects.filter(circle=circle)
        .select_related("phase", "updated_by", "meeting__series")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")))
    }
    card = cards.get((circle.phase_id, circle.loop))
    steps = list(CircleStep.objects.filter(circle=circle).select_related("from_phase", "to_phase", "author")[:50])
    context = {
        "office": access.office,
        "access": access,
        "circle": circle,
        "phases": phases,
        "earlier_phases": [p for p in phases if p.position < circle.phase.position],
        "card": card,
        "card_form": CardForm(
            office=access.office,
            initial={
                "text": card.text if card else "",
                "data_sources": card.data_sources if card else "",
                "meeting": card.meeting_id if card else None,
                "version": card.version if card else 0,
            },
        ),
        "move_form": MoveForm(),
        "steps": steps,
        "past_cards": sorted(
            (c for key, c in cards.items() if key != (circle.phase_id, circle.loop) and c.text),
            key=lambda c: (-c.loop, c.phase.position),
        ),
        "days_in_phase": (timezone.now() - circle.phase_since).days,
        "agenda_items": AgendaItem.objects.filter(circles=circle)
        .select_related("meeting__series")
        .order_by("-meeting__starts_at"),
        "coming_meetings": Meeting.objects.filter(
            series__office=access.office, status__in=BEFORE, starts_at__gt=timezone.now()
        )
        .select_related("series")
        .order_by("starts_at")[:8]
        if access.can_edit
        else [],
        "max_bytes": settings.ATTACHMENT_MAX_BYTES,
        "measures": _measures(circle, extra.pop("point_forms", {}), steps),
        "measure_form": extra.pop("measure_form", None) or MeasureForm(circle=circle, prefix="measure"),
        **extra,
    }
    if access.can_edit:  # the card's notes keep a draft while they are written (drafts/), never over a conflict
        offer_draft(context["card_form"], "text", request, key_for(circle, "card"), restore="conflict" not in extra)
    return context


def _measures(circle, point_forms, steps):
    """Each measure with its run chart, the circle's (latest 50) steps on it (three queries for all measures)."""
    out = []
    for m in Measure.objects.filter(circle=circle).prefetch_related("points", "parts"):
        m.circle = circle
        out.append(
            {
                "measure": m,
                "points": list(m.points.all()),
                "chart": measures.chart_for(m, steps),
                "form": point_forms.get(m.pk) or DataPointForm(measure=m, prefix=f"point-{m.pk}"),
            }
        )
    return out


def _circle(access, pk):
    return get_for_office(
        LearningCircle.objects.select_related("phase", "heading", "office").prefetch_related("responsible"),
        access.office,
        pk=pk,
    )


@require_GET
def circle_detail(request, slug, pk):
    access = get_office_access(request.user, slug)
    circle = _circle(access, pk)
    return render(request, "logbook/circle_detail.html", _detail_context(request, access, circle))


@require_POST
def circle_card_save(request, slug, pk):
    """Save the current phase card; if someone saved first, show both texts instead of overwriting."""
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle = _circle(access, pk)
    form = CardForm(request.POST, office=access.office)
    if not form.is_valid():
        context = _detail_context(request, access, circle, card_form=form)
        template = "logbook/circle_detail.html#card" if request.htmx else "logbook/circle_detail.html"
        return render(request, template, context, status=invalid_form_status(request))
    data = form.cleaned_data
    result = circles.save_card(
        circle,
        circle.phase,
        circle.loop,
        data["text"],
        data["version"],
        request.user,
        data_sources=data["data_sources"],
        meeting=data["meeting"],
    )
    if isinstance(result, circles.Conflict):
        conflict_form = CardForm(
            office=access.office,
            initial={
                "text": result.mine,
                "data_sources": data["data_sources"],
                "meeting": data["meeting"],
                "version": result.version,
            },
        )
        context = _detail_context(request, access, circle, card_form=conflict_form, conflict=result)
        template = "logbook/circle_detail.html#card" if request.htmx else "logbook/circle_detail.html"
        return render(request, template, context, status=invalid_form_status(request, plain=409))
    clear_draft(request.user, key_for(circle, "card"))
    text = _("The notes were saved.")
    if request.htmx:
        context = _detail_context(request, access, circle, saved=True)
        return trigger_client_event(
            render(request, "logbook/circle_detail.html#card", context), "announce", {"message": text}
        )
    messages.success(request, text)
    return redirect(circle.get_absolute_url())


@require_POST
def circle_move(request, slug, pk):
    """Forward to the next phase (a new loop after evaluation), or back to an earlier one with a reason."""
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle = _circle(access, pk)
    form = MoveForm(request.POST)
    error = None
    if form.is_valid():
        try:
            circle = circles.move(
                circle,
                request.user,
                form.cleaned_data["direction"],
                form.cleaned_data.get("to_position"),
                form.cleaned_data.get("reason", ""),
            )
        except circles.MoveError as exc:
            error = str(exc)
    else:
        error = _("Choose a valid move.")
    circle = _circle(access, pk)
    if error:
        if request.htmx:
            context = _detail_context(request, access, circle, move_error=error, move_form=form)
            return render(request, "logbook/circle_detail.html#circle", context)
        messages.error(request, error)
        return redirect(circle.get_absolute_url())
    if form.cleaned_data["direction"] in circles.STATUS_MOVES and form.cleaned_data["direction"] != "revisit":
        text = _("The circle is now %(status)s.") % {"status": circle.get_status_display()}
    else:
        text = _("The circle is now in the phase “%(phase)s”.") % {"phase": circle.phase.name}
    if request.htmx:
        response = render(request, "logbook/circle_detail.html#circle", _detail_context(request, access, circle))
        return trigger_client_event(response, "announce", {"message": text})
    messages.success(request, text)
    return redirect(circle.get_absolute_url())


@require_POST
def measure_create(request, slug, pk):
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle = _circle(access, pk)
    form = MeasureForm(request.POST, circle=circle, prefix="measure")
    form.instance.circle = circle
    if form.is_valid() and save_unique(
        form, field="name", message=_("The circle already has a measure with this name.")
    ):
        messages.success(request, _("The measure was added."))
        return redirect(circle.get_absolute_url() + "#measures")
    context = _detail_context(request, access, circle, measure_form=form)
    return render(request, "logbook/circle_detail.html", context, status=400)


@require_POST
def datapoint_create(request, slug, pk, measure_pk):
    """The group enters a dated value; the run chart updates."""
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle = _circle(access, pk)
    measure = Measure.objects.filter(circle=circle, pk=measure_pk).first()
    if measure is None:
        from django.http import Http404

        raise Http404("No such measure.")
    form = DataPointForm(request.POST, measure=measure, prefix=f"point-{measure.pk}")
    if form.is_valid() and save_unique(
        form,
        lambda: DataPoint.objects.create(measure=measure, author=request.user, **form.cleaned_data),
        field="date",
        message=_("There is already a value for this date."),
    ):
        messages.success(request, _("The value was added."))
        return redirect(circle.get_absolute_url() + "#measures")
    context = _detail_context(request, access, circle, point_forms={measure.pk: form})
    return render(request, "logbook/circle_detail.html", context, status=400)


@require_POST
def circle_agenda_add(request, slug, pk):
    """Put the circle on the agenda of a coming meeting of the office: a new agenda item that links back."""
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle = _circle(access, pk)
    meeting = choose(request.POST, "meeting", Meeting.objects.filter(series__office=access.office, status__in=BEFORE))
    if meeting is None:
        messages.error(request, _("Choose a coming meeting of the office."))
        return redirect(circle.get_absolute_url() + "#agenda-links")
    item = circles.put_on_agenda(circle, meeting)
    messages.success(
        request,
        _("“%(title)s” is on the agenda of %(meeting)s.")
        % {"title": item.title, "meeting": f"{meeting} {timezone.localtime(meeting.starts_at):%d.%m.%Y}"},
    )
    return redirect(circle.get_absolute_url() + "#agenda-links")


@require_http_methods(["GET", "POST"])
def phase_list(request, slug):
    """The office's learning-circle phases: everyone reads them; leaders rename, reorder, add and remove."""
    access = get_office_access(request.user, slug)
    office = access.office
    CirclePhase.for_office(office)
    queryset = CirclePhase.objects.filter(office=office)
    if request.method == "POST":
        access.require(LEADING_ROLES)
        formset = PhaseFormSet(request.POST, queryset=queryset, prefix="phases")
        if formset.is_valid():
            circles.save_phases(office, formset)
            messages.success(request, _("The phases were saved."))
            return redirect("logbook:phase-list", office.slug)
        status = 400
    else:
        formset = PhaseFormSet(queryset=queryset, prefix="phases")
        status = 200
    return render(
        request,
        "logbook/phase_list.html",
        {"office": office, "access": access, "formset": formset, "can_edit": access.has_role(LEADING_ROLES)},
        status=status,
    )
