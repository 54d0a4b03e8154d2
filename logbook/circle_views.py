from django.conf import settings
from django.contrib import messages
from django.contrib.postgres.expressions import ArraySubquery
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, prefetch_related_objects
from django.db.models.functions import JSONObject
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
from .models import (
    Attachment,
    CirclePhase,
    CircleStep,
    DataPoint,
    LearningCircle,
    Measure,
    MeasurePart,
    PhaseCard,
)


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
    phase_list = getattr(circle, "phase_list", None)
    phases = [CirclePhase(**p) for p in phase_list] if phase_list else CirclePhase.for_office(access.office)
    card_list = list(
        PhaseCard.objects.filter(circle=circle)
        .select_related("phase", "updated_by", "meeting__series")
        .annotate(has_attachments=Exists(Attachment.objects.filter(card=OuterRef("pk"))))
    )
    _prefetch_some(
        card_list,
        "has_attachments",
        Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
        Attachment,
    )
    cards = {(c.phase_id, c.loop): c for c in card_list}
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
        **_circle_meetings(circle, access),
        "max_bytes": settings.ATTACHMENT_MAX_BYTES,
        "measures": _measures(circle, extra.pop("point_forms", {}), steps),
        "measure_form": extra.pop("measure_form", None) or MeasureForm(circle=circle, prefix="measure"),
        **extra,
    }
    if access.can_edit:  # the card's notes keep a draft while they are written (drafts/), never over a conflict
        offer_draft(context["card_form"], "text", request, key_for(circle, "card"), restore="conflict" not in extra)
    return context


def _circle_meetings(circle, access) -> dict:
    """One query: the meetings that had the circle on their agenda, with those agenda items, and (for those who
    may put it on an agenda) the office's next eight meetings to come."""
    now = timezone.now()
    on_agenda = Exists(
        AgendaItem.circles.through.objects.filter(learningcircle=circle, agendaitem__meeting=OuterRef("pk"))
    )
    coming = Q(series__office=access.office, status__in=BEFORE, starts_at__gt=now)
    items = AgendaItem.objects.filter(meeting=OuterRef("pk"), circles=circle).order_by("position", "pk")
    meetings = list(
        Meeting.objects.filter(on_agenda | coming if access.can_edit else on_agenda)
        .select_related("series")
        .annotate(circle_items=ArraySubquery(items.values(json=JSONObject(pk="pk", title="title"))))
        .order_by("starts_at")
    )
    agenda_items = [
        AgendaItem(pk=item["pk"], title=item["title"], meeting=meeting)
        for meeting in reversed(meetings)
        for item in meeting.circle_items
    ]
    coming_meetings = [
        m for m in meetings if m.series.office_id == access.office.pk and m.status in BEFORE and m.starts_at > now
    ]
    return {"agenda_items": agenda_items, "coming_meetings": coming_meetings[:8] if access.can_edit else []}


def _prefetch_some(objects, flag: str, lookup: Prefetch, model):
    """Prefetch ``lookup`` only for the objects whose ``flag`` annotation says they have any: no query at all
    when none has (most cards have no attachments, most measures no parts); the others get an empty list."""
    some = [o for o in objects if getattr(o, flag)]
    if some:
        prefetch_related_objects(some, lookup)
    for o in objects:
        if not getattr(o, flag):
            o.__dict__.setdefault("_prefetched_objects_cache", {})[lookup.prefetch_to] = model.objects.none()


def _measures(circle, point_forms, steps):
    """Each measure with its run chart, the circle's (latest 50) steps on it (two or three queries for all)."""
    out = []
    measure_list = list(
        Measure.objects.filter(circle=circle)
        .annotate(has_parts=Exists(MeasurePart.objects.filter(measure=OuterRef("pk"))))
        .prefetch_related("points")
    )
    _prefetch_some(measure_list, "has_parts", Prefetch("parts"), MeasurePart)
    for m in measure_list:
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
        LearningCircle.objects.select_related("phase", "heading", "office"),
        access.office,
        pk=pk,
    )


@require_GET
def circle_detail(request, slug, pk):
    access = get_office_access(request.user, slug)
    # The office's phases come with the circle (one query less for the page).
    phases = CirclePhase.objects.filter(office=OuterRef("office")).order_by("position")
    fields = {name: name for name in ("id", "office_id", "position", "name", "question")}
    circle = get_for_office(
        LearningCircle.objects.select_related("phase", "heading", "office").annotate(
            phase_list=ArraySubquery(phases.values(json=JSONObject(**fields)))
        ),
        access.office,
        pk=pk,
    )
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
