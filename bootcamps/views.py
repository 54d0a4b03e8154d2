"""A bootcamp programme's pages: the programme, its days and their evaluation, the group builder and a group."""

from collections import Counter, defaultdict

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from drafts.forms import clear_draft, offer_draft
from drafts.registry import key_for
from programmes.access import get_for_programme, get_programme_access
from programmes.models import Group, GroupMember, Level, Participant, ProgrammeKind
from slf.conflicts import conflict_status, field_texts, save_unless_changed
from slf.forms import save_unique
from slf.http import invalid_form_status

from . import builder
from .figures import figure_list
from .forms import MAX_GROUPS, AssignmentForm, BootcampDayForm, BuilderForm, EvaluationForm
from .models import SCALE, SCALE_QUESTIONS, BootcampDay, Evaluation
from .relations import new_relations

try:  # bootcamp-work's sections of the group page (bootcamps/_group_work.html), when its module is there
    from .models import BarrierKind
    from .work_views import group_work_context, summary_sentence
except ImportError:  # pragma: no cover
    group_work_context = summary_sentence = BarrierKind = None

try:  # the core's initiative list partial
    from programmes.views import initiatives_context
except ImportError:  # pragma: no cover
    initiatives_context = None


def _access(request, slug, lead=False):
    return get_programme_access(request.user, slug, lead=lead, kind=ProgrammeKind.BOOTCAMP)


def _summary(day):
    """The day's evaluation results from its annotations (``with_evaluation_summary``): no query."""
    questions = []
    for field, question in SCALE_QUESTIONS:
        counts = [(k, getattr(day, f"n_{field}_{k}", 0)) for k in SCALE]
        top = max((n for _k, n in counts), default=0) or 1
        questions.append(
            {
                "question": question,
                "average": getattr(day, f"avg_{field}", None),
                "counts": [{"value": k, "n": n, "percent": round(100 * n / top)} for k, n in counts],
            }
        )
    return {"answers": getattr(day, "answers", 0), "questions": questions}


LEVEL_ORDER = [value for value, _label in Level.choices]


def _participants_table(participants):
    """Rows by administration, counting participants by level: (administration, {level: n}, total)."""
    rows = defaultdict(Counter)
    for p in participants:
        name = p.office.administration.name if p.office else _("No office given")
        rows[name][p.level] += 1
    return [
        {"administration": name, "levels": [counts.get(level, 0) for level in LEVEL_ORDER], "total": counts.total()}
        for name, counts in sorted(rows.items())
    ]


@require_GET
def programme_page(request, slug):
    access = _access(request, slug)
    programme = access.programme
    now = timezone.now()
    themes = list(programme.themes.all())
    days = list(BootcampDay.objects.filter(programme=programme).with_evaluation_summary(participant=access.participant))
    participants = list(
        Participant.objects.filter(programme=programme)
        .select_related("person", "office__administration", "group_membership__group")
        .order_by("person__full_name")
    )
    groups = Group.objects.filter(programme=programme).select_related("theme")
    if BarrierKind is not None:
        # The groups' barriers by kind, counted with the groups (the programme's sentence needs no query of its own).
        groups = groups.annotate(
            **{f"barriers_{kind}": Count("barriers", filter=Q(barriers__kind=kind)) for kind in BarrierKind.values}
        )
    groups = list(groups)
    members = defaultdict(list)
    for p in participants:
        membership = getattr(p, "group_membership", None)
        if membership is not None:
            members[membership.group_id].append(p)
    for group in groups:
        group.member_list = members.get(group.pk, [])
    for day in days:
        day.summary = _summary(day)
        day.held = day.is_held(now)
        day.can_evaluate = access.is_participant and day.evaluation_is_open(now)
    context = {
        "programme": programme,
        "access": access,
        "themes": themes,
        "coming_days": [d for d in days if not d.held],
        "held_days": [d for d in days if d.held],
        "to_evaluate": [d for d in days if d.can_evaluate and not d.mine],
        "participants": participants,
        "participant_rows": _participants_table(participants),
        "levels": [label for _value, label in Level.choices],
        "groups": groups,
        "ungrouped": [p for p in participants if getattr(p, "group_membership", None) is None],
    }
    if summary_sentence is not None and groups:
        summary = {kind: sum(getattr(g, f"barriers_{kind}") for g in groups) for kind in BarrierKind.values}
        summary["total"] = sum(summary.values())
        context["barrier_summary"] = {"programme": programme, "summary": summary, "sentence": summary_sentence(summary)}
    if access.is_lead:
        relations = new_relations([programme], now=now)[programme.pk]
        answers = sum(d.answers for d in days)
        knowledge = sum((d.avg_new_knowledge or 0) * d.answers for d in days) / answers if answers else None
        context["relations"] = relations
        # The figures the progress pages show (bootcamps.figures), from what the page has read: no query.
        context["figures"] = figure_list(
            participants=len(participants),
            groups=len(groups),
            held=sum(1 for d in days if d.date <= timezone.localdate(now)),
            days=len(days),
            evaluations=answers,
            knowledge=knowledge,
            relations=relations,
        )
    if initiatives_context is not None:
        context.update(initiatives_context(programme, access))
        context["has_initiatives"] = True
    return render(request, "bootcamps/programme.html", context)


def _day(access, pk, participant=None):
    days = BootcampDay.objects.select_related("programme").with_evaluation_summary(participant=participant)
    return get_for_programme(days, access.programme, pk=pk)


@require_GET
def day_detail(request, slug, pk):
    access = _access(request, slug)
    day = _day(access, pk, participant=access.participant)
    now = timezone.now()
    context = {
        "programme": access.programme,
        "access": access,
        "day": day,
        "summary": _summary(day),
        "held": day.is_held(now),
        "can_evaluate": access.is_participant and day.evaluation_is_open(now),
        # The texts are the leads' only; to everyone else the results are counts and averages (anonymous).
        "takeaways": (
            list(day.evaluations.exclude(takeaway="").order_by("-updated_at").values_list("takeaway", flat=True))
            if access.is_lead
            else []
        ),
    }
    return render(request, "bootcamps/day_detail.html", context)


DAY_FIELDS = ["date", "starts_at", "ends_at", "place", "agenda"]


def _day_form(request, access, day=None):
    """A new day, or a day edited: two leads editing the agenda at once see both texts (the conflict view)."""
    form = BootcampDayForm(request.POST or None, instance=day, programme=access.programme)
    context = {"programme": access.programme, "access": access, "form": form, "day": day}
    status = 200
    key = key_for(day, "agenda") if day is not None else None
    if key is not None:
        offer_draft(form, "agenda", request, key, restore=request.method != "POST")
    if request.method == "POST":
        if form.is_valid():
            conflict = None
            if day is None:
                saved = save_unique(form, field="date")
            else:
                conflict = save_unless_changed(
                    form.instance,
                    form.seen_version,
                    fields=DAY_FIELDS,
                    describe=field_texts(["place", "agenda"]),
                    save=lambda: save_unique(form, field="date"),
                )
                saved = form.instance if conflict is None and not form.errors else None
            if saved is not None:
                if key is not None:
                    clear_draft(request.user, key)
                messages.success(request, _("The bootcamp day was saved."))
                return redirect(saved.get_absolute_url())
            if conflict is not None:
                form.show_conflict(conflict)
                context["conflict"] = conflict
                return render(request, "bootcamps/day_form.html", context, status=conflict_status(request))
        status = invalid_form_status(request)
    return render(request, "bootcamps/day_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def day_create(request, slug):
    access = _access(request, slug, lead=True)
    return _day_form(request, access)


@require_http_methods(["GET", "POST"])
def day_update(request, slug, pk):
    access = _access(request, slug, lead=True)
    return _day_form(request, access, _day(access, pk))


@require_http_methods(["GET", "POST"])
def day_evaluate(request, slug, pk):
    """A participant evaluates a day once, and may change the answer until the evaluation closes."""
    access = _access(request, slug)
    if not access.is_participant:
        raise PermissionDenied
    day = get_for_programme(BootcampDay.objects.select_related("programme"), access.programme, pk=pk)
    existing = Evaluation.objects.filter(day=day, participant=access.participant).first()
    is_open = day.evaluation_is_open()
    form = EvaluationForm(request.POST if request.method == "POST" and is_open else None, instance=existing)
    status = 200
    if request.method == "POST":
        if not is_open:
            messages.error(
                request,
                _("The evaluation of this day is closed.")
                if day.is_held()
                else _("You can evaluate the day when it has begun."),
            )
            return redirect(day.get_absolute_url())
        if form.is_valid():
            form.instance.day, form.instance.participant = day, access.participant
            if save_unique(form, message=_("You have already evaluated this day.")) is not None:
                messages.success(request, _("Thank you. Your evaluation was saved."))
                return redirect(day.get_absolute_url())
        status = invalid_form_status(request)
    context = {
        "programme": access.programme,
        "access": access,
        "day": day,
        "form": form,
        "existing": existing,
        "is_open": is_open,
    }
    return render(request, "bootcamps/day_evaluate.html", context, status=status)


# The group builder


def _current_assignment(facts):
    """The saved groups as an assignment: participant id → group number, group number → theme id, and the count."""
    groups = sorted({m.group for m in facts.memberships.values()}, key=lambda g: g.pk)
    numbers = {g.pk: i for i, g in enumerate(groups, start=1)}
    assignment = {pk: numbers[m.group_id] for pk, m in facts.memberships.items()}
    return assignment, {numbers[g.pk]: g.theme_id for g in groups}, len(groups)


def _proposal(facts, assignment, count):
    """The groups of an assignment with their reason, for the page."""
    people = {person.id: person for person in facts.people}
    groups = []
    for i in range(1, count + 1):
        group = [people[pk] for pk, n in assignment.items() if n == i and pk in people]
        group.sort(key=lambda p: (p.name, p.id))
        groups.append(
            {
                "number": i,
                "people": [(person, facts.participants[person.id]) for person in group],
                "reason": builder.reason(group, facts.known),
            }
        )
    return groups


def _builder_facts(programme):
    facts = builder.facts(programme)
    # The saved groups: one query.
    saved = GroupMember.objects.filter(group__programme=programme).select_related("group")
    facts.memberships = {m.participant_id: m for m in saved if m.participant_id in facts.participants}
    return facts


def _moved(request, form):
    """The participant whose group select sent this htmx request (``HX-Trigger`` is its id), or None."""
    trigger = (request.htmx.trigger or "") if request.htmx else ""
    pk = trigger.removeprefix("id_p")
    return next((p for p in form.participants if pk.isdigit() and p.pk == int(pk)), None)


def _number(value) -> int:
    """A posted group number as shown again in an invalid form (1 when it is not one)."""
    value = str(value or "")
    return int(value) if value.isdigit() and 1 <= int(value) <= MAX_GROUPS else 1


def _count(data):
    try:
        return django_forms.IntegerField(min_value=1, max_value=MAX_GROUPS).clean(data.get("count"))
    except ValidationError:
        return None


@require_http_methods(["GET", "POST"])
def group_builder(request, slug):
    """Leads propose groups (mixed on purpose), move people by hand, and save them."""
    access = _access(request, slug, lead=True)
    programme = access.programme
    themes = list(programme.themes.all())
    facts = _builder_facts(programme)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    builder_form = BuilderForm(request.POST if action == "propose" else None, themes=themes)
    assignment_form = None
    status = 200
    announcement = ""
    moved = None

    if action == "propose":
        if builder_form.is_valid():
            count = builder_form.group_count(len(facts.people))
            groups = builder.propose(facts.people, facts.known, count)
            chosen = list(builder_form.cleaned_data["themes"]) or themes
            initial = {f"p{person.id}": i for i, group in enumerate(groups, start=1) for person in group}
            initial |= {
                f"theme_{i}": str(chosen[(i - 1) % len(chosen)].pk) if chosen else "" for i in range(1, count + 1)
            }
            assignment_form = AssignmentForm(
                initial=initial | {"count": count}, participants=facts.participants.values(), themes=themes, count=count
            )
            announcement = _("A proposal of %(n)d groups is ready below. Move people and save.") % {"n": count}
        else:
            status = invalid_form_status(request)
    elif action in ("adjust", "save"):
        count = _count(request.POST)
        if count is None:
            messages.error(request, _("The proposal was incomplete. Propose the groups again."))
            return redirect("bootcamps:group-builder", slug=programme.slug)
        assignment_form = AssignmentForm(
            request.POST, participants=facts.participants.values(), themes=themes, count=count
        )
        if assignment_form.is_valid() and action == "save":
            _save_groups(programme, assignment_form)
            messages.success(request, _("The groups were saved."))
            return redirect("bootcamps:programme", slug=programme.slug)
        if assignment_form.is_valid():
            moved = _moved(request, assignment_form)
            if moved is not None:
                announcement = _(
                    "%(name)s is now in group %(n)d. Nothing is saved until you press “Save the groups”."
                ) % {
                    "name": moved.person.full_name,
                    "n": assignment_form.assignment()[moved.pk],
                }
            else:
                announcement = _("The groups were updated. Nothing is saved until you press “Save the groups”.")
        else:
            status = invalid_form_status(request)
    elif request.method == "POST":
        return redirect("bootcamps:group-builder", slug=programme.slug)
    else:
        assignment, group_themes, count = _current_assignment(facts)
        if count:
            initial = {f"p{pk}": n for pk, n in assignment.items()}
            initial |= {f"theme_{i}": str(t) if t else "" for i, t in group_themes.items()}
            # Participants not in a group yet start in the first group.
            initial |= {f"p{pk}": 1 for pk in facts.participants if pk not in assignment}
            assignment_form = AssignmentForm(
                initial=initial | {"count": count},
                participants=facts.participants.values(),
                themes=themes,
                count=count,
            )

    proposal = None
    if assignment_form is not None:
        if assignment_form.is_bound and assignment_form.is_valid():
            assignment = assignment_form.assignment()
        else:
            assignment = {p.pk: _number(assignment_form[f"p{p.pk}"].value()) for p in assignment_form.participants}
        proposal = _proposal(facts, assignment, assignment_form.count)
        for group in proposal:
            group["theme_field"] = assignment_form[f"theme_{group['number']}"]
            group["people"] = [
                (person, participant, assignment_form[f"p{participant.pk}"]) for person, participant in group["people"]
            ]
    context = {
        "programme": programme,
        "access": access,
        "builder_form": builder_form,
        "assignment_form": assignment_form,
        "proposal": proposal,
        "announcement": announcement,
        "moved": moved.pk if moved is not None else None,
        "has_groups": bool(facts.memberships),
        "people_count": len(facts.people),
    }
    template = "bootcamps/builder.html"
    if request.htmx and action in ("adjust", "propose") and proposal is not None:
        template += "#proposal"
    return render(request, template, context, status=status)


@transaction.atomic
def _save_groups(programme, form):
    """Group number i is the programme's i-th group (those with members first, each in the order they were made:
    the numbers the builder showed them with), a new "Gruppe i" where there are fewer; a group keeps its work.
    Every participant in their group, with the group's theme."""
    themes = form.group_themes()
    assignment = form.assignment()
    existing = list(Group.objects.select_for_update().filter(programme=programme).order_by("pk"))
    with_members = set(GroupMember.objects.filter(group__programme=programme).values_list("group_id", flat=True))
    existing.sort(key=lambda g: (g.pk not in with_members, g.pk))
    names = {g.name.lower() for g in existing}
    groups = {}
    for i in range(1, form.count + 1):
        if i <= len(existing):
            group = existing[i - 1]
        else:
            name = _("Group %(n)d") % {"n": i}
            while name.lower() in names:
                name += "+"
            names.add(name.lower())
            group = Group(programme=programme, name=name)
        group.theme = themes.get(i)
        group.save()
        groups[i] = group
    GroupMember.objects.filter(group__programme=programme).delete()
    GroupMember.objects.bulk_create([GroupMember(group=groups[n], participant_id=pk) for pk, n in assignment.items()])


@require_GET
def group_detail(request, slug, pk):
    access = _access(request, slug)
    group = get_for_programme(Group.objects.select_related("theme", "programme"), access.programme, pk=pk)
    members = list(
        Participant.objects.filter(group_membership__group=group)
        .select_related("person", "office__administration")
        .order_by("person__full_name")
    )
    context = {
        "programme": access.programme,
        "access": access,
        "group": group,
        "members": members,
        "is_member": access.participant is not None and any(m.pk == access.participant.pk for m in members),
    }
    if group_work_context is not None:
        context.update(group_work_context(request, access, group))
    return render(request, "bootcamps/programme_group.html", context)
