"""The programme pages every practice shares: the index, the plain programme page, participants, leads, themes,
and the initiatives with their next steps (logbook agreements) and optional measure.

Every view starts with ``get_programme_access`` (programmes/access.py): outside the programme nothing exists (404),
a lead-only action is forbidden to the others (403), another programme's object under this address is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from accounts.models import User
from drafts.forms import clear_draft, offer_draft
from drafts.registry import key_for
from logbook import circles, measures
from logbook.forms import MeasureForm
from logbook.models import AgreementStatus, Entry, EntryKind, LearningCircle
from offices.access import office_access
from offices.models import Office
from slf.conflicts import conflict_status, field_texts, save_unless_changed
from slf.history import snapshot_history
from slf.http import invalid_form_status

from .access import get_for_programme, get_programme_access
from .forms import (
    InitiativeFilterForm,
    InitiativeForm,
    InitiativeStatusForm,
    LeadForm,
    MeasureLinkForm,
    ParticipantForm,
    StepForm,
    ThemeForm,
)
from .models import Group, GroupMember, Initiative, InitiativeStatus, InitiativeStep, Participant, Programme, Theme
from .registry import figures_for, kind_hooks

#: What an initiative's history shows.
HISTORY_FIELDS = ["title", "goal", "status", "owner_id", "theme_id", "group_id", "office_id"]


def initiative_history(initiative) -> list[dict]:
    """The initiative's changes, with names instead of ids and the statuses' labels (a query per kind of
    reference that changed, none when nothing did)."""
    history = snapshot_history(initiative, HISTORY_FIELDS)
    references = {
        str(Initiative._meta.get_field("owner").verbose_name): (User, "full_name"),
        str(Initiative._meta.get_field("theme").verbose_name): (Theme, "name"),
        str(Initiative._meta.get_field("group").verbose_name): (Group, "name"),
        str(Initiative._meta.get_field("office").verbose_name): (Office, "name"),
    }
    status_label = str(Initiative._meta.get_field("status").verbose_name)
    wanted: dict[str, set] = {}
    for event in history:
        for change in event["changes"]:
            if change["field"] in references:
                wanted.setdefault(change["field"], set()).update({change["old"], change["new"]} - {None})
    names = {
        label: dict(references[label][0].objects.filter(pk__in=ids).values_list("pk", references[label][1]))
        for label, ids in wanted.items()
    }
    labels = dict(InitiativeStatus.choices)
    for event in history:
        for change in event["changes"]:
            if change["field"] in names:
                found = names[change["field"]]
                change["old"], change["new"] = found.get(change["old"]), found.get(change["new"])
            elif change["field"] == status_label:
                change["old"], change["new"] = labels.get(change["old"]), labels.get(change["new"])
    return history


def _initiatives(programme):
    return (
        Initiative.objects.filter(programme=programme)
        .select_related("owner", "theme", "group", "office")
        .with_step_counts()
        .order_by("theme__position", "theme__name", "title")
    )


def initiatives_context(programme, access, initiatives_queryset=None) -> dict:
    """The context of ``programmes/_initiative_list.html``: ``{"initiative_list": {...}}``, to merge into a page's
    context. ``initiatives_queryset`` narrows the list (e.g. one group's: ``Initiative.objects.filter(group=g)``);
    it is always kept to ``programme``. Two queries whatever the number of initiatives."""
    initiatives = _initiatives(programme)
    if initiatives_queryset is not None:
        initiatives = initiatives.filter(pk__in=initiatives_queryset.filter(programme=programme).values("pk"))
    return {
        "initiative_list": {
            "programme": programme,
            "items": list(initiatives),
            "can_create": _may_create(access),
            "create_url": reverse("programmes:initiative-create", args=[programme.slug]),
            "list_url": reverse("programmes:initiative-list", args=[programme.slug]),
        }
    }


def _may_create(access) -> bool:
    """Leads, and participants who are in a group (for their own group)."""
    return access.is_lead or _own_group_id(access) is not None


def _own_group_id(access):
    if access.participant is None:
        return None
    return GroupMember.objects.filter(participant=access.participant).values_list("group_id", flat=True).first()


# --- Programmes ---


def leading_programmes(user) -> list:
    """The programmes ``user`` leads, each with its ``figures`` (programmes.registry): one query for the
    programmes, and each practice's fixed number for the figures of its kind, whatever the number of programmes."""
    programmes = list(Programme.objects.led_by(user).select_related("owner_office").order_by("name"))
    figures = figures_for(programmes)
    for programme in programmes:
        programme.figures = figures.get(programme.pk, [])
    return programmes


@require_GET
def programme_index(request):
    """Programmes I lead, take part in, and open ones I may sign up for; the figures of those I lead."""
    user = request.user
    led = Programme.objects.led_by(user).filter(pk=OuterRef("pk"))
    taking_part = Participant.objects.filter(programme=OuterRef("pk"), person=user)
    programmes = list(
        Programme.objects.visible_to(user)
        .select_related("owner_office")
        .annotate(is_led=Exists(led), is_taking_part=Exists(taking_part))
        .order_by("name")
    )
    leading = [p for p in programmes if p.is_led]
    figures = figures_for(leading)
    for programme in leading:
        programme.figures = figures.get(programme.pk, [])  # as leading_programmes(), without asking twice
    return render(
        request,
        "programmes/index.html",
        {
            "leading": leading,
            "taking_part": [p for p in programmes if p.is_taking_part and not p.is_led],
            "open": [p for p in programmes if p.is_open and not p.is_led and not p.is_taking_part],
        },
    )


@require_GET
def programme_detail(request, slug):
    """The kind's own page when its app registered one; else a plain page."""
    access = get_programme_access(request.user, slug)
    programme = access.programme
    hooks = kind_hooks(programme.kind)
    if hooks is not None:
        return redirect(hooks.url_name, slug=programme.slug)
    context = {
        "programme": programme,
        "access": access,
        "themes": list(programme.themes.all()),
        "figures": figures_for([programme]).get(programme.pk, []) if access.is_lead else [],
        **initiatives_context(programme, access),
    }
    return render(request, "programmes/programme_detail.html", context)


# --- Participants, leads, themes (leads only) ---


def _participants(programme):
    return (
        Participant.objects.filter(programme=programme)
        .select_related("person", "office", "unit", "group_membership__group")
        .order_by("person__full_name")
    )


@require_http_methods(["GET", "POST"])
def participant_list(request, slug):
    access = get_programme_access(request.user, slug, lead=True)
    programme = access.programme
    form = ParticipantForm(request.POST if request.method == "POST" else None, programme=programme, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            participant = form.save()
            text = _("%(name)s takes part now.") % {"name": participant.person.full_name}
            if not request.htmx:
                messages.success(request, text)
                return redirect("programmes:participants", slug=programme.slug)
            form = ParticipantForm(programme=programme, user=request.user)
            response = render(
                request,
                "programmes/participants.html#participants",
                {"programme": programme, "participants": _participants(programme), "form": form, "done": text},
            )
            return trigger_client_event(response, "announce", {"message": text})
        status = invalid_form_status(request)
    context = {"programme": programme, "access": access, "participants": _participants(programme), "form": form}
    template = "programmes/participants.html#participants" if request.htmx else "programmes/participants.html"
    return render(request, template, context, status=status)


@require_POST
def participant_remove(request, slug, pk):
    access = get_programme_access(request.user, slug, lead=True)
    participant = get_for_programme(Participant.objects.select_related("person"), access.programme, pk=pk)
    participant.delete()
    messages.success(request, _("%(name)s no longer takes part.") % {"name": participant.person.full_name})
    return redirect("programmes:participants", slug=access.programme.slug)


@require_http_methods(["GET", "POST"])
def lead_list(request, slug):
    """The programme's named leads (besides the owner office's leading people and the heads of its administration)."""
    access = get_programme_access(request.user, slug, lead=True)
    programme = access.programme
    form = LeadForm(request.POST if request.method == "POST" else None, programme=programme)
    if request.method == "POST" and form.is_valid():
        programme.leads.add(form.cleaned_data["person"])
        messages.success(request, _("%(name)s leads the programme now.") % {"name": form.cleaned_data["person"]})
        return redirect("programmes:leads", slug=programme.slug)
    context = {"programme": programme, "access": access, "leads": programme.leads.order_by("full_name"), "form": form}
    return render(request, "programmes/leads.html", context, status=400 if form.errors else 200)


@require_POST
def lead_remove(request, slug, pk):
    access = get_programme_access(request.user, slug, lead=True)
    programme = access.programme
    person = get_for_programme(programme.leads.all(), programme, programme_field="led_programmes", pk=pk)
    programme.leads.remove(person)
    messages.success(request, _("%(name)s is no longer a named lead.") % {"name": person.full_name})
    return redirect("programmes:leads", slug=programme.slug)


@require_http_methods(["GET", "POST"])
def theme_list(request, slug):
    access = get_programme_access(request.user, slug, lead=True)
    programme = access.programme
    form = ThemeForm(request.POST if request.method == "POST" else None, programme=programme)
    if request.method == "POST" and form.is_valid() and form.save().pk:
        theme = form.instance
        messages.success(request, _("The theme “%(name)s” was added.") % {"name": theme.name})
        return redirect("programmes:themes", slug=programme.slug)
    context = {"programme": programme, "access": access, "themes": programme.themes.all(), "form": form}
    return render(request, "programmes/themes.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def theme_edit(request, slug, pk):
    access = get_programme_access(request.user, slug, lead=True)
    programme = access.programme
    theme = get_for_programme(Theme.objects.all(), programme, pk=pk)
    form = ThemeForm(request.POST if request.method == "POST" else None, programme=programme, instance=theme)
    if request.method == "POST" and form.is_valid() and form.save().pk:
        messages.success(request, _("The theme “%(name)s” was saved.") % {"name": theme.name})
        return redirect("programmes:themes", slug=programme.slug)
    context = {"programme": programme, "access": access, "theme": theme, "form": form}
    return render(request, "programmes/theme_form.html", context, status=400 if form.errors else 200)


@require_POST
def theme_move(request, slug, pk):
    """Move a theme one place up or down (the order the programme's pages show them in)."""
    access = get_programme_access(request.user, slug, lead=True)
    programme = access.programme
    theme = get_for_programme(Theme.objects.all(), programme, pk=pk)
    themes = list(programme.themes.all())
    at = next(i for i, t in enumerate(themes) if t.pk == theme.pk)
    to = at - 1 if request.POST.get("direction") == "up" else at + 1
    if 0 <= to < len(themes):
        themes[at], themes[to] = themes[to], themes[at]
        with transaction.atomic():
            for position, item in enumerate(themes, start=1):
                if item.position != position:
                    item.position = position
                    item.save(update_fields=["position"])
        messages.success(request, _("The theme “%(name)s” was moved.") % {"name": theme.name})
    return redirect("programmes:themes", slug=programme.slug)


# --- Initiatives ---


@require_GET
def initiative_list(request, slug):
    access = get_programme_access(request.user, slug)
    programme = access.programme
    filters = InitiativeFilterForm(request.GET or None, programme=programme)
    context = {
        "programme": programme,
        "access": access,
        "filters": filters,
        **initiatives_context(programme, access, filters.filter(Initiative.objects.all())),
    }
    if request.htmx and request.htmx.target == "initiatives":
        return render(request, "programmes/initiative_list.html#results", context)
    return render(request, "programmes/initiative_list.html", context)


@require_http_methods(["GET", "POST"])
def initiative_create(request, slug):
    access = get_programme_access(request.user, slug)
    programme = access.programme
    if not _may_create(access):
        raise PermissionDenied
    groups = None if access.is_lead else programme.groups.filter(pk=_own_group_id(access))
    initial = {}
    if request.method == "GET":
        preselect = InitiativeFilterForm(request.GET, programme=programme)
        if preselect.is_valid():
            initial = {k: preselect.cleaned_data[k] for k in ("theme", "group") if preselect.cleaned_data.get(k)}
        if "owner" not in initial:
            initial["owner"] = request.user.pk
    form = InitiativeForm(
        request.POST if request.method == "POST" else None,
        programme=programme,
        by=request.user,
        groups=groups,
        initial=initial,
    )
    if request.method == "POST":
        if form.is_valid():
            initiative = form.save()
            messages.success(request, _("The initiative “%(title)s” was created.") % {"title": initiative.title})
            return redirect(initiative.get_absolute_url())
        return render(request, "programmes/initiative_form.html", {"programme": programme, "form": form}, status=400)
    return render(request, "programmes/initiative_form.html", {"programme": programme, "form": form})


def _get_initiative(access, pk):
    return get_for_programme(
        Initiative.objects.select_related("owner", "theme", "group", "office", "measure__circle", "created_by"),
        access.programme,
        pk=pk,
    )


def _steps(initiative):
    return list(
        Entry.objects.filter(initiative_step__initiative=initiative)
        .select_related("office")  # the links to the logbook
        .with_responsible_names()
        .order_by("due_date", "pk")
    )


@require_GET
def initiative_detail(request, slug, pk):
    access = get_programme_access(request.user, slug)
    initiative = _get_initiative(access, pk)
    may_edit = initiative.may_edit(access)
    in_office = office_access(request.user, initiative.office)
    context = {
        "programme": access.programme,
        "access": access,
        "initiative": initiative,
        "may_edit": may_edit,
        "steps": _steps(initiative),
        "today": timezone.localdate(),
        "sees_logbook": in_office is not None,
        "history": initiative_history(initiative),
        "status_form": InitiativeStatusForm(initial={"status": initiative.status}),
        "status_choices": [(s, InitiativeStatus(s).label) for s in _moves(initiative)],
        **_measure_context(request.user, initiative, may_edit, in_office),
    }
    return render(request, "programmes/initiative_detail.html", context)


def _moves(initiative):
    return [s for s in InitiativeStatus.values if initiative.may_move_to(s)]


def _measure_context(user, initiative, may_edit, in_office) -> dict:
    """The measure's run chart (if any), and the forms to link or start one (editors who lead in the office)."""
    measure = initiative.measure
    chart = None
    if measure is not None:
        prefetch_related_objects([measure], "points", "parts")  # the circle came with the initiative
        chart = measures.chart_for(measure, [])
    may_measure = may_edit and in_office is not None and in_office.can_edit
    return {
        "measure": measure,
        "chart": chart,
        "may_measure": may_measure,
        "link_form": MeasureLinkForm(initiative=initiative) if may_measure else None,
        "start_form": MeasureForm(circle=None, prefix="new") if may_measure and measure is None else None,
    }


def _require_edit(access, initiative):
    if not initiative.may_edit(access):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def initiative_edit(request, slug, pk):
    access = get_programme_access(request.user, slug)
    initiative = _get_initiative(access, pk)
    _require_edit(access, initiative)
    programme = access.programme
    form = InitiativeForm(
        request.POST if request.method == "POST" else None, instance=initiative, programme=programme, by=request.user
    )
    offer_draft(form, "goal", request, key_for(initiative, "goal"))
    context = {"programme": programme, "form": form, "initiative": initiative}
    if request.method == "POST":
        if form.is_valid():
            conflict = save_unless_changed(
                initiative,
                form.seen_version,
                fields=InitiativeForm.Meta.fields,
                describe=field_texts(["title", "goal"]),
                save=form.save,
            )
            if conflict is None:
                clear_draft(request.user, key_for(initiative, "goal"))
                messages.success(request, _("The initiative was saved."))
                return redirect(initiative.get_absolute_url())
            form.show_conflict(conflict)
            context["conflict"] = conflict
            return render(request, "programmes/initiative_form.html", context, status=conflict_status(request))
        return render(request, "programmes/initiative_form.html", context, status=400)
    return render(request, "programmes/initiative_form.html", context)


@require_POST
def initiative_status(request, slug, pk):
    access = get_programme_access(request.user, slug)
    initiative = _get_initiative(access, pk)
    _require_edit(access, initiative)
    form = InitiativeStatusForm(request.POST)
    if form.is_valid():
        try:
            initiative.change_status(form.cleaned_data["status"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(title)s” is now %(status)s.")
                % {"title": initiative.title, "status": initiative.get_status_display()},
            )
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect(initiative.get_absolute_url())


@require_http_methods(["GET", "POST"])
def initiative_step_add(request, slug, pk):
    """A next step: an agreement in the initiative's office's logbook, with responsible people and a due date,
    and its link to the initiative, in one transaction. It comes back like every agreement (My page, reminders,
    the meetings' Follow-up)."""
    access = get_programme_access(request.user, slug)
    initiative = _get_initiative(access, pk)
    _require_edit(access, initiative)
    form = StepForm(request.POST if request.method == "POST" else None, initiative=initiative)
    context = {"programme": access.programme, "initiative": initiative, "form": form}
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                entry = form.save(commit=False)
                entry.office = initiative.office
                entry.author = request.user
                entry.kind = EntryKind.AGREEMENT
                entry.date = timezone.localdate()
                entry.heading = None
                entry.set_status(AgreementStatus.OPEN)
                entry.save()
                form.save_m2m()
                InitiativeStep.objects.create(initiative=initiative, agreement=entry)
            messages.success(request, _("The next step “%(title)s” was added.") % {"title": entry.title})
            return redirect(initiative.get_absolute_url() + "#steps")
        return render(request, "programmes/step_form.html", context, status=invalid_form_status(request))
    return render(request, "programmes/step_form.html", context)


@require_POST
def initiative_measure(request, slug, pk):
    """Link a measure of a learning circle in the initiative's office, or start a circle (and its measure) for the
    initiative through the logbook's own rules. Editors of the initiative who lead in that office."""
    access = get_programme_access(request.user, slug)
    initiative = _get_initiative(access, pk)
    _require_edit(access, initiative)
    in_office = office_access(request.user, initiative.office)
    if in_office is None or not in_office.can_edit:
        raise PermissionDenied
    if request.POST.get("action") == "start":
        form = MeasureForm(request.POST, circle=None, prefix="new")
        if form.is_valid():
            with transaction.atomic():
                circle = circles.start_circle(
                    LearningCircle(
                        office=initiative.office, title=initiative.title[:200], challenge=initiative.goal[:2000]
                    ),
                    request.user,
                )
                if initiative.owner.memberships.filter(office=initiative.office).exists():
                    circle.responsible.add(initiative.owner)
                measure = form.save(commit=False)
                measure.circle = circle
                measure.save()
                initiative.measure = measure
                initiative.save(update_fields=["measure", "updated_at"])
            messages.success(request, _("A learning circle and its measure were started for the initiative."))
        else:
            messages.error(request, _("Give the measure a name."))
    else:
        form = MeasureLinkForm(request.POST, initiative=initiative)
        if form.is_valid():
            initiative.measure = form.cleaned_data["measure"]
            initiative.save(update_fields=["measure", "updated_at"])
            messages.success(request, _("The measure was saved."))
        else:
            messages.error(request, _("Choose a measure of a learning circle in the office."))
    return redirect(initiative.get_absolute_url() + "#measure")
