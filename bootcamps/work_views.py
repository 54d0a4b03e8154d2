"""What a bootcamp group does with its complex problem: the problem statement, the barriers it sees (sorted as rules
and law or culture and mindset, re-sorted as it learns) and the citizen's or user's journey map, with the group's
initiatives beside them.

The group page (bootcamps/views.py ``group_detail``) includes ``bootcamps/_group_work.html`` with
``group_work_context(request, access, group)``. Every view here starts with the programme's access rule
(programmes/access.py): outside the programme nothing exists (404); another programme's group, or another group's
barrier or step under this group's address, is a 404; the leads and the group's own members edit, the other
participants read (403 for them on every change). Every htmx action is also a plain form post (PRG).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from drafts.forms import clear_draft, offer_draft
from drafts.registry import key_for
from programmes.access import get_for_programme, get_programme_access
from programmes.models import Group, Initiative, ProgrammeKind
from slf.conflicts import conflict_status, field_texts, save_unless_changed
from slf.http import invalid_form_status

from .models import Barrier, BarrierKind, Feeling, JourneyMap, JourneyStep, may_edit_group_work
from .work_forms import (
    BarrierForm,
    BarrierSortForm,
    JourneyForm,
    JourneyStepForm,
    ProblemForm,
    StepMoveForm,
)

# --- Access ----------------------------------------------------------------------------------------------------


def get_group(user, slug, pk, *, edit=False):
    """The programme access and the group ``pk`` of bootcamp ``slug`` for ``user``: 404 outside the programme or for
    another programme's group; 403 when ``edit`` is asked of someone who is neither lead nor member of the group."""
    access = get_programme_access(user, slug, kind=ProgrammeKind.BOOTCAMP)
    group = get_for_programme(Group.objects.select_related("theme"), access.programme, pk=pk)
    group.programme = access.programme
    can_edit = may_edit_group_work(access, group)
    if edit and not can_edit:
        raise PermissionDenied
    return access, group, can_edit


def _group_url(group, anchor=""):
    return reverse("bootcamps:group", args=[group.programme.slug, group.pk]) + (f"#{anchor}" if anchor else "")


# --- The summary sentences -------------------------------------------------------------------------------------


def summary_sentence(summary: dict) -> str:
    """ "8 of 11 barriers were about culture and mindset" (the seed's finding, counted)."""
    total = summary.get("total") or 0
    if not total:
        return _("No barriers noted yet.")
    return ngettext(
        "%(culture)s of %(total)s barrier is about culture and mindset, %(rules)s about rules and law.",
        "%(culture)s of %(total)s barriers are about culture and mindset, %(rules)s about rules and law.",
        total,
    ) % {"culture": summary[BarrierKind.CULTURE], "total": total, "rules": summary[BarrierKind.RULES]}


def _summary_of(barriers) -> dict:
    summary = {"total": len(barriers), **dict.fromkeys(BarrierKind.values, 0)}
    for barrier in barriers:
        summary[barrier.kind] += 1
    return summary


def _journey_summary(steps) -> str:
    breaks = sum(1 for step in steps if step.breaks)
    return (
        ngettext("%(n)s step", "%(n)s steps", len(steps)) % {"n": len(steps)}
        + " · "
        + ngettext("%(n)s break", "%(n)s breaks", breaks) % {"n": breaks}
    )


# --- The context of the group page's work sections ---------------------------------------------------------------


def group_work_context(request, access, group, *, can_edit=None, barrier_form=None, step_form=None, focus=None):
    """What ``bootcamps/_group_work.html`` needs, under ``work`` (and the core's ``initiative_list``).

    A fixed number of queries whatever the number of barriers and steps: the barriers with their previous kind and
    initiative (1), the journey's steps with their initiative (1, or 2 when the map has no step yet), the edit right
    (0–1) and the group's initiatives (1). ``focus`` is ``("barrier"|"step", pk, what)``: the element
    the page moves focus to after an htmx swap."""
    if can_edit is None:
        can_edit = may_edit_group_work(access, group)
    barriers = list(Barrier.objects.filter(group=group).with_previous_kind().select_related("raised_by", "initiative"))
    steps = list(
        JourneyStep.objects.filter(journey__group=group)
        .select_related("journey", "initiative")
        .order_by("position", "pk")
    )
    journey = steps[0].journey if steps else JourneyMap.objects.filter(group=group).first()
    if focus:
        kind, pk, what = focus
        for obj in barriers if kind == "barrier" else steps:
            if obj.pk == pk:
                obj.focus_on = what
    summary = _summary_of(barriers)
    by_kind = [
        {"kind": kind, "label": label, "count": summary[kind], "barriers": [b for b in barriers if b.kind == kind]}
        for kind, label in BarrierKind.choices
    ]
    work = {
        "group": group,
        "programme": group.programme,
        "can_edit": can_edit,
        "barriers": barriers,
        "by_kind": by_kind,
        "summary": summary,
        "summary_sentence": summary_sentence(summary),
        "kinds": BarrierKind.choices,
        "journey": journey,
        "steps": steps,
        "journey_summary": _journey_summary(steps),
        "feelings": Feeling.choices,
        "barrier_form": barrier_form or (BarrierForm(group=group, full=False, prefix="barrier") if can_edit else None),
        "step_form": step_form
        or (JourneyStepForm(group=group, full=False, prefix="newstep") if can_edit and journey else None),
        "journey_form": JourneyForm(prefix="journey") if can_edit and journey is None else None,
        # The core's "New initiative" link, with this group and its theme chosen.
        "new_initiative_query": f"?group={group.pk}" + (f"&theme={group.theme_id}" if group.theme_id else ""),
        "message": "",
    }
    return {"work": work, "initiative_list": _initiative_list(group, can_edit)}


def _initiative_list(group, can_edit):
    """The context of the core's ``programmes/_initiative_list.html`` for this group's initiatives (one query; the
    right to create one is the right to edit the group's work, already known)."""
    initiatives = (
        Initiative.objects.filter(programme=group.programme, group=group)
        .select_related("owner", "theme", "group", "office")
        .with_step_counts()
        .order_by("theme__position", "theme__name", "title")
    )
    return {
        "programme": group.programme,
        "items": list(initiatives),
        "can_create": can_edit,
        "create_url": reverse("programmes:initiative-create", args=[group.programme.slug]),
        "list_url": reverse("programmes:initiative-list", args=[group.programme.slug]) + f"?group={group.pk}",
    }


def _work_response(request, access, group, part, message, *, focus=None, anchor="", status=200, **forms):
    """After a change: for htmx the section again (focus and a visible announcement in it); else back to the page."""
    if request.htmx:
        context = group_work_context(request, access, group, can_edit=True, focus=focus, **forms)
        context["work"]["message"] = message
        # Nothing to point at (a removal): focus goes to the section's heading; an invalid form focuses its error.
        context["work"]["focus_heading"] = focus is None and not forms
        return render(request, f"bootcamps/_group_work.html#{part}", context, status=status)
    if message:
        messages.success(request, message)
    return redirect(_group_url(group, anchor or part))


# --- The problem -------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def group_problem(request, slug, pk):
    """Edit the group's problem statement: a draft while writing, the conflict view when someone saved meanwhile."""
    access, group, _can_edit = get_group(request.user, slug, pk, edit=True)
    form = ProblemForm(request.POST if request.method == "POST" else None, instance=group)
    key = key_for(group, "problem")
    context = {"programme": access.programme, "group": group, "form": form}
    if request.method == "POST":
        if form.is_valid():
            conflict = save_unless_changed(
                form.instance,
                form.seen_version,
                fields=["problem"],
                describe=field_texts(["problem"]),
                save=form.save,
                version_field="problem_version",
            )
            if conflict is None:
                clear_draft(request.user, key)
                messages.success(request, _("The problem was saved."))
                return redirect(_group_url(group, "problem"))
            form.show_conflict(conflict)
            offer_draft(form, "problem", request, key, restore=False)
            context["conflict"] = conflict
            return render(request, "bootcamps/group_problem_form.html", context, status=conflict_status(request))
        offer_draft(form, "problem", request, key, restore=False)
        return render(request, "bootcamps/group_problem_form.html", context, status=invalid_form_status(request))
    offer_draft(form, "problem", request, key)
    return render(request, "bootcamps/group_problem_form.html", context)


# --- Barriers ----------------------------------------------------------------------------------------------------


def _barrier(group, barrier_pk):
    return get_for_programme(Barrier.objects.select_related("raised_by"), group, "group", pk=barrier_pk)


@require_http_methods(["GET", "POST"])
def barrier_create(request, slug, pk):
    """Note a barrier (the short form on the group page; the full form on its own page without JavaScript)."""
    access, group, _can_edit = get_group(request.user, slug, pk, edit=True)
    full = request.method == "GET" or request.POST.get("full") == "1"
    form = BarrierForm(request.POST if request.method == "POST" else None, group=group, full=full, prefix="barrier")
    if request.method == "POST":
        if form.is_valid():
            barrier = form.save(commit=False)
            barrier.group = group
            if not full:
                barrier.raised_by = request.user
            barrier.save()
            message = _("The barrier “%(text)s” was added.") % {"text": barrier.text}
            return _work_response(request, access, group, "barriers", message, focus=("barrier", barrier.pk, "text"))
        if request.htmx:
            return _work_response(
                request, access, group, "barriers", "", barrier_form=form, status=invalid_form_status(request)
            )
        context = {"programme": access.programme, "group": group, "form": form}
        return render(request, "bootcamps/group_barrier_form.html", context, status=400)
    return render(
        request, "bootcamps/group_barrier_form.html", {"programme": access.programme, "group": group, "form": form}
    )


@require_http_methods(["GET", "POST"])
def barrier_update(request, slug, pk, barrier_pk):
    access, group, _can_edit = get_group(request.user, slug, pk, edit=True)
    barrier = _barrier(group, barrier_pk)
    form = BarrierForm(request.POST if request.method == "POST" else None, instance=barrier, group=group)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The barrier was saved."))
        return redirect(_group_url(group, f"barrier-{barrier.pk}"))
    status = 200 if request.method == "GET" else 400
    context = {"programme": access.programme, "group": group, "form": form, "barrier": barrier}
    return render(request, "bootcamps/group_barrier_form.html", context, status=status)


@require_POST
def barrier_sort(request, slug, pk, barrier_pk):
    """Sort a barrier as rules and law, culture and mindset, or back to not settled; the history keeps the move."""
    access, group, _can_edit = get_group(request.user, slug, pk, edit=True)
    barrier = _barrier(group, barrier_pk)
    form = BarrierSortForm(request.POST)
    if not form.is_valid():
        message = _("Choose how to sort the barrier.")
        if request.htmx:
            return _work_response(request, access, group, "barriers", message, focus=("barrier", barrier.pk, "text"))
        messages.error(request, message)
        return redirect(_group_url(group, f"barrier-{barrier.pk}"))
    old = barrier.get_kind_display()
    if barrier.sort_as(form.cleaned_data["kind"]):
        message = _("“%(text)s” was moved from %(old)s to %(new)s.") % {
            "text": barrier.text,
            "old": old.lower(),
            "new": barrier.get_kind_display().lower(),
        }
    else:
        message = _("“%(text)s” stays under %(kind)s.") % {"text": barrier.text, "kind": old.lower()}
    return _work_response(
        request,
        access,
        group,
        "barriers",
        message,
        focus=("barrier", barrier.pk, "text"),
        anchor=f"barrier-{barrier.pk}",
    )


@require_POST
def barrier_delete(request, slug, pk, barrier_pk):
    access, group, _can_edit = get_group(request.user, slug, pk, edit=True)
    barrier = _barrier(group, barrier_pk)
    text = barrier.text
    barrier.delete()
    return _work_response(request, access, group, "barriers", _("The barrier “%(text)s” was removed.") % {"text": text})


@require_GET
def barrier_summary(request, slug):
    """The programme's barriers, group by group, and how they were re-sorted (who moved what, when)."""
    access = get_programme_access(request.user, slug, kind=ProgrammeKind.BOOTCAMP)
    programme = access.programme
    groups = list(Group.objects.filter(programme=programme).select_related("theme").order_by("name"))
    barriers = list(
        Barrier.objects.filter(group__programme=programme).select_related("raised_by").order_by("group_id", "pk")
    )
    by_group = {group.pk: [] for group in groups}
    for barrier in barriers:
        by_group.setdefault(barrier.group_id, []).append(barrier)
    rows = [{"group": g, "summary": _summary_of(by_group[g.pk]), "barriers": by_group[g.pk]} for g in groups]
    summary = _summary_of(barriers)
    context = {
        "programme": programme,
        "access": access,
        "rows": rows,
        "summary": summary,
        "summary_sentence": summary_sentence(summary),
        "moves": barrier_moves(programme, {b.pk: b for b in barriers}),
    }
    return render(request, "bootcamps/group_barriers.html", context)


def barrier_moves(programme, barriers_by_pk, limit=50):
    """The re-sortings of the programme's barriers, newest first: which barrier, from what to what, who and when
    (two queries: the history events with their context, and the people)."""
    from accounts.models import User

    events = list(
        Barrier.pgh_event_model.objects.filter(group__programme=programme)
        .select_related("pgh_context")
        .order_by("pgh_obj_id", "pgh_id")
    )
    moves, previous = [], {}
    for event in events:
        before = previous.get(event.pgh_obj_id)
        if before is not None and before != event.kind:
            context = event.pgh_context.metadata if event.pgh_context_id else {}
            moves.append(
                {
                    "event": event,
                    "old": BarrierKind(before).label,
                    "new": BarrierKind(event.kind).label,
                    "user_id": context.get("user"),
                }
            )
        previous[event.pgh_obj_id] = event.kind
    moves.sort(key=lambda m: m["event"].pgh_id, reverse=True)
    moves = moves[:limit]
    people = {u.pk: u for u in User.objects.filter(pk__in={m["user_id"] for m in moves if m["user_id"]})}
    for move in moves:
        move["who"] = people.get(move["user_id"])
        move["when"] = move["event"].pgh_created_at
        move["barrier"] = barriers_by_pk.get(move["event"].pgh_obj_id)
        move["text"] = move["event"].text
    return moves


# --- The journey map ---------------------------------------------------------------------------------------------


@require_GET
def group_journey(request, slug, pk):
    """The journey map on a page of its own: wide enough to read, and to print."""
    access, group, _can_edit = get_group(request.user, slug, pk)
    context = group_work_context(request, access, group, can_edit=False)
    context.update({"programme": access.programme, "group": group})
    return render(request, "bootcamps/group_journey.html", context)


@require_http_methods(["GET", "POST"])
def journey_update(request, slug, pk):
    """Start the journey map (whose journey it is), or change who and what situation."""
    access, group, _can_edit = get_group(request.user, slug, pk, edit=True)
    journey = JourneyMap.objects.filter(group=group).first()
    form = JourneyForm(request.POST if request.method == "POST" else None, instance=journey, prefix="journey")
    if request.method == "POST" and form.is_valid():
        journey = form.save(commit=False)
        journey.group = group
        journey.save()
        messages.success(request, _("The journey map was saved."))
        return redirect(_group_url(group, "journey"))
    status = 200 if request.method == "GET" else 400
    context = {"programme": access.programme, "group": group, "form": form, "journey": journey}
    return render(request, "bootcamps/group_journey_form.html", context, status=status)


def _journey(group):
    return get_for_programme(JourneyMap.objects.all(), group, "group")


def _step(journey, step_pk):
    return get_for_programme(JourneyStep.objects.select_related("initiative"), journey, "journey", pk=step_pk)


@require_http_methods(["GET", "POST"])
def step_create(request, slug, pk):
    """Add a step at the end of the journey (the short form on the group page, or the whole form on its own)."""
    access, group, _can_edit = get_group(request.user, slug, pk, edit=True)
    journey = _journey(group)
    full = request.method == "GET" or request.POST.get("full") == "1"
    form = JourneyStepForm(request.POST if request.method == "POST" else None, group=group, full=full, prefix="newstep")
    if request.method == "POST":
        if form.is_valid():
            step = form.save(commit=False)
            step.journey = journey
            step.position = journey.next_position()
            step.save()
            message = _("The step “%(title)s” was added to the journey.") % {"title": step.title}
            return _work_response(
                request, access, group, "journey", message, focus=("step", step.pk, "title"), anchor=f"step-{step.pk}"
            )
        if request.htmx:
            return _work_response(
                request, access, group, "journey", "", step_form=form, status=invalid_form_status(request)
            )
        context = {"programme": access.programme, "group": group, "form": form}
        return render(request, "bootcamps/group_step_form.html", context, status=400)
    return render(
        request, "bootcamps/group_step_form.html", {"programme": access.programme, "group": group, "form": form}
    )


@require_http_methods(["GET", "POST"])
def step_update(request, slug, pk, step_pk):
    """Edit a step: in place on the group page with htmx (the step becomes its form), or on a page of its own."""
    access, group, _can_edit = get_group(request.user, slug, pk, edit=True)
    step = _step(_journey(group), step_pk)
    form = JourneyStepForm(
        request.POST if request.method == "POST" else None, instance=step, group=group, prefix=f"step-{step.pk}"
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        message = _("The step “%(title)s” was saved.") % {"title": step.title}
        response = _work_response(
            request, access, group, "journey", message, focus=("step", step.pk, "title"), anchor=f"step-{step.pk}"
        )
        if request.htmx:  # the form replaced one step; the saved journey replaces the whole section
            response = reswap(retarget(response, "#journey"), "outerHTML")
        return response
    context = {"programme": access.programme, "group": group, "form": form, "step": step}
    status = 200 if request.method == "GET" else invalid_form_status(request)
    template = "bootcamps/group_step_form.html#step-form" if request.htmx else "bootcamps/group_step_form.html"
    return render(request, template, context, status=status)


@require_POST
def step_move(request, slug, pk, step_pk):
    """Move a step one place earlier or later (buttons, no dragging); focus stays on the moved step."""
    access, group, _can_edit = get_group(request.user, slug, pk, edit=True)
    journey = _journey(group)
    form = StepMoveForm(request.POST)
    direction = form.cleaned_data["direction"] if form.is_valid() else None
    with transaction.atomic():
        steps = list(journey.steps.select_for_update().order_by("position", "pk"))
        index = next((i for i, s in enumerate(steps) if s.pk == step_pk), None)
        if index is None:
            _step(journey, step_pk)  # 404
        moved = steps[index]
        other = index - 1 if direction == "up" else index + 1 if direction == "down" else index
        if other != index and 0 <= other < len(steps):
            steps[index], steps[other] = steps[other], steps[index]
            index = other
        for position, step in enumerate(steps, start=1):
            step.position = position
        JourneyStep.objects.bulk_update(steps, ["position"])
    # Keep focus on the button pressed, or on the other one when the step reached the start or the end.
    can_up, can_down = index > 0, index < len(steps) - 1
    what = direction if (direction == "up" and can_up) or (direction == "down" and can_down) else None
    what = what or ("up" if can_up else "down" if can_down else "title")
    message = _("“%(title)s” is now step %(n)s of %(total)s.") % {
        "title": moved.title,
        "n": index + 1,
        "total": len(steps),
    }
    return _work_response(
        request, access, group, "journey", message, focus=("step", moved.pk, what), anchor=f"step-{moved.pk}"
    )


@require_POST
def step_delete(request, slug, pk, step_pk):
    access, group, _can_edit = get_group(request.user, slug, pk, edit=True)
    journey = _journey(group)
    step = _step(journey, step_pk)
    title = step.title
    with transaction.atomic():
        step.delete()
        rest = list(journey.steps.select_for_update().order_by("position", "pk"))
        for position, other in enumerate(rest, start=1):
            other.position = position
        JourneyStep.objects.bulk_update(rest, ["position"])
    return _work_response(request, access, group, "journey", _("The step “%(title)s” was removed.") % {"title": title})


def barrier_summary_context(programme) -> dict:
    """The context of ``bootcamps/_group_barrier_summary.html`` (the programme page's sentence about the barriers,
    with a link to all groups' barriers): one query."""
    summary = Barrier.objects.filter(group__programme=programme).summary()
    return {"barrier_summary": {"programme": programme, "summary": summary, "sentence": summary_sentence(summary)}}
