"""The change agents' pages. Every view asks programmes.access first: the programme's leads (the manager) do
everything, a change agent writes their own projects' reflections and status proposals (and may put their project
on the office meeting's agenda), other participants read, everybody else gets a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drafts.forms import clear_draft, offer_draft
from drafts.registry import key_for
from programmes.access import get_for_programme, get_programme_access
from programmes.models import ProgrammeKind
from slf.conflicts import conflict_status, field_texts, save_unless_changed

from .figures import change_agent_figures
from .forms import NoteForm, PresentForm, ProjectForm, ReflectionForm, RhythmForm, StatusProposalForm
from .models import Project, ProjectStatus, SparringNote, SparringRhythm, day_text
from .services import PresentationRefused, present_at_next_meeting, write_note

#: How far ahead the programme page lists the coming sparrings.
COMING_DAYS = 28


def _access(request, slug, lead=False):
    return get_programme_access(request.user, slug, lead=lead, kind=ProgrammeKind.CHANGE_AGENTS)


def _project(access, pk) -> Project:
    project = get_for_programme(
        Project.objects.select_related("agent__person", "agent__sparring_rhythm").with_last_note(),
        access.programme,
        pk=pk,
    )
    project.programme = access.programme
    return project


def is_own(access, project) -> bool:
    return access.participant is not None and access.participant.pk == project.agent_id


def _rhythm(participant):
    try:
        return participant.sparring_rhythm
    except SparringRhythm.DoesNotExist:
        return None


@require_GET
def programme_detail(request, slug):
    access = _access(request, slug)
    programme = access.programme
    today = timezone.localdate()
    agents = list(programme.participants.select_related("person", "sparring_rhythm").order_by("person__full_name"))
    projects = list(Project.objects.filter(programme=programme).with_last_note().order_by("title", "pk"))
    by_agent = {}
    for project in projects:
        project.programme = programme
        project.overdue = access.is_lead and project.sparring_overdue(today)
        by_agent.setdefault(project.agent_id, []).append(project)
    coming = []
    for agent in agents:
        agent.projects = by_agent.get(agent.pk, [])
        rhythm = _rhythm(agent)
        agent.next_sparring = day_text(rhythm.coming(today, 1)[0]) if rhythm else None
        if rhythm:
            horizon = today.toordinal() + COMING_DAYS
            coming += [(at, agent) for at in rhythm.coming(today, 3) if at.date().toordinal() <= horizon]
    coming.sort(key=lambda pair: (pair[0], pair[1].person.full_name))
    context = {
        "programme": programme,
        "access": access,
        "agents": agents,
        "coming": coming,
        "overdue": [p for p in projects if p.overdue],
        "figures": change_agent_figures([programme]).get(programme.pk, []) if access.is_lead else [],
    }
    return render(request, "changeagents/programme.html", context)


@require_http_methods(["GET", "POST"])
def project_create(request, slug):
    access = _access(request, slug, lead=True)
    programme = access.programme
    form = ProjectForm(request.POST if request.method == "POST" else None, programme=programme)
    if request.method == "POST":
        if form.is_valid():
            form.instance.programme = programme
            form.instance.created_by = request.user
            project = form.save()
            messages.success(request, _("The project was created."))
            return redirect(project.get_absolute_url())
        return render(request, "changeagents/project_form.html", {"programme": programme, "form": form}, status=400)
    return render(request, "changeagents/project_form.html", {"programme": programme, "form": form})


def project_context(request, access, project, *, note_form=None, present_form=None, proposal_form=None):
    """The project page: details, coming sparrings, presentations and the notes as a timeline."""
    own = is_own(access, project)
    notes = list(project.notes.select_related("written_by").order_by("-held_on", "-pk"))
    presentations = list(
        project.presentations.select_related("agenda_item__meeting__series").order_by(
            "-agenda_item__meeting__starts_at"
        )
    )
    now = timezone.now()
    for presentation in presentations:
        presentation.meeting = presentation.agenda_item.meeting
        presentation.is_coming = presentation.meeting.starts_at > now
    rhythm = _rhythm(project.agent)
    coming = rhythm.coming(timezone.localdate(), 3) if rhythm else []
    context = {
        "programme": access.programme,
        "access": access,
        "project": project,
        "own": own,
        "notes": notes,
        "presentations": presentations,
        "coming_sparrings": coming,
        "next_sparring_day": day_text(coming[0]) if coming else None,
        "overdue": access.is_lead and project.sparring_overdue(),
        "coming_presentation": any(presentation.is_coming for presentation in presentations),
    }
    if access.is_lead:
        note_form = note_form or NoteForm(initial={"status": project.status, "next_step": project.next_step})
        offer_draft(note_form, "discussed", request, key_for(project, "new_note"))
        context["note_form"] = note_form
    if access.is_lead or own:
        context["present_form"] = present_form or PresentForm(programme=access.programme)
    if own:
        context["proposal_form"] = proposal_form or StatusProposalForm(initial={"proposed_status": project.status})
    return context


@require_GET
def project_detail(request, slug, pk):
    access = _access(request, slug)
    project = _project(access, pk)
    return render(request, "changeagents/project.html", project_context(request, access, project))


@require_http_methods(["GET", "POST"])
def project_edit(request, slug, pk):
    access = _access(request, slug, lead=True)
    project = _project(access, pk)
    was = project.status
    form = ProjectForm(request.POST if request.method == "POST" else None, instance=project, programme=access.programme)
    key = key_for(project, "description")
    offer_draft(form, "description", request, key, restore=request.method != "POST")
    context = {"programme": access.programme, "project": project, "form": form}
    if request.method == "POST":
        if form.is_valid():
            status = form.cleaned_data["status"]
            if status == project.proposed_status or status != was:  # the agent's proposal is answered
                form.instance.proposed_status = ""
            conflict = save_unless_changed(
                form.instance,
                form.seen_version,
                fields=["agent", "title", "description", "status", "started_on", "next_step", "proposed_status"],
                describe=field_texts(["title", "description", "next_step"]),
                save=form.save,
                by=request.user,
            )
            if conflict:
                form.show_conflict(conflict)
                context["conflict"] = conflict
                return render(request, "changeagents/project_form.html", context, status=conflict_status(request))
            clear_draft(request.user, key)
            messages.success(request, _("The project was saved."))
            return redirect(project.get_absolute_url())
        return render(request, "changeagents/project_form.html", context, status=400)
    return render(request, "changeagents/project_form.html", context)


@require_POST
def project_delete(request, slug, pk):
    access = _access(request, slug, lead=True)
    project = _project(access, pk)
    project.delete()
    messages.success(request, _("The project “%(title)s” was deleted.") % {"title": project.title})
    return redirect("changeagents:programme", access.programme.slug)


@require_POST
def project_propose_status(request, slug, pk):
    """The change agent proposes a new status; the manager takes it up at the next sparring (or in the form)."""
    access = _access(request, slug)
    project = _project(access, pk)
    if not is_own(access, project):
        raise PermissionDenied
    form = StatusProposalForm(request.POST)
    if not form.is_valid():
        context = project_context(request, access, project, proposal_form=form)
        return render(request, "changeagents/project.html", context, status=400)
    proposed = form.cleaned_data["proposed_status"]
    Project.objects.filter(pk=project.pk).update(proposed_status="" if proposed == project.status else proposed)
    messages.success(
        request,
        _("You proposed the status “%(status)s”; your manager takes it up at the next sparring.")
        % {"status": ProjectStatus(proposed).label},
    )
    return redirect(project.get_absolute_url())


@require_POST
def note_create(request, slug, pk):
    access = _access(request, slug, lead=True)
    project = _project(access, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        context = project_context(request, access, project, note_form=form)
        return render(request, "changeagents/project.html", context, status=400)
    data = form.cleaned_data
    write_note(
        project,
        by=request.user,
        held_on=data["held_on"],
        discussed=data["discussed"],
        next_step=data["next_step"],
        status=data["status"],
    )
    clear_draft(request.user, key_for(project, "new_note"))
    messages.success(request, _("The sparring note was saved."))
    return redirect(project.get_absolute_url() + "#notes")


def _note(project, note_pk) -> SparringNote:
    note = get_for_programme(SparringNote.objects.all(), project, programme_field="project", pk=note_pk)
    note.project = project
    return note


@require_http_methods(["GET", "POST"])
def note_edit(request, slug, pk, note_pk):
    access = _access(request, slug, lead=True)
    project = _project(access, pk)
    note = _note(project, note_pk)
    form = NoteForm(request.POST if request.method == "POST" else None, instance=note)
    key = key_for(note, "discussed")
    offer_draft(form, "discussed", request, key, restore=request.method != "POST")
    context = {"programme": access.programme, "project": project, "note": note, "form": form}
    if request.method == "POST":
        if form.is_valid():
            conflict = save_unless_changed(
                form.instance,
                form.seen_version,
                fields=["held_on", "discussed", "next_step", "status"],
                describe=field_texts(["discussed", "next_step"]),
                save=form.save,
                by=request.user,
            )
            if conflict:
                form.show_conflict(conflict)
                context["conflict"] = conflict
                return render(request, "changeagents/note_form.html", context, status=conflict_status(request))
            clear_draft(request.user, key)
            messages.success(request, _("The sparring note was saved."))
            return redirect(project.get_absolute_url() + "#notes")
        return render(request, "changeagents/note_form.html", context, status=400)
    return render(request, "changeagents/note_form.html", context)


@require_http_methods(["GET", "POST"])
def note_reflection(request, slug, pk, note_pk):
    """The change agent's own reflection on a sparring."""
    access = _access(request, slug)
    project = _project(access, pk)
    if not is_own(access, project):
        raise PermissionDenied
    note = _note(project, note_pk)
    form = ReflectionForm(request.POST if request.method == "POST" else None, instance=note)
    context = {"programme": access.programme, "project": project, "note": note, "form": form}
    if request.method == "POST":
        if form.is_valid():
            conflict = save_unless_changed(
                form.instance,
                form.seen_version,
                fields=["reflection"],
                save=form.save,
                version_field="reflection_version",
            )
            if conflict:
                form.show_conflict(conflict)
                context["conflict"] = conflict
                return render(request, "changeagents/reflection_form.html", context, status=conflict_status(request))
            messages.success(request, _("Your reflection was saved."))
            return redirect(project.get_absolute_url() + f"#note-{note.pk}")
        return render(request, "changeagents/reflection_form.html", context, status=400)
    return render(request, "changeagents/reflection_form.html", context)


@require_POST
def project_present(request, slug, pk):
    """Put the project on the agenda of the next office meeting, with the agent as presenter."""
    access = _access(request, slug)
    project = _project(access, pk)
    if not (access.is_lead or is_own(access, project)):
        raise PermissionDenied
    form = PresentForm(request.POST, programme=access.programme)
    if form.is_valid():
        try:
            presentation = present_at_next_meeting(project, form.cleaned_data["series"], by=request.user)
        except PresentationRefused as refusal:
            form.add_error("series", str(refusal))
        else:
            meeting = presentation.agenda_item.meeting
            messages.success(
                request,
                _("The project is on the agenda of “%(series)s” on %(date)s.")
                % {
                    "series": meeting.series.title,
                    "date": date_format(timezone.localtime(meeting.starts_at), "MONTH_DAY_FORMAT"),
                },
            )
            return redirect(project.get_absolute_url() + "#presentations")
    context = project_context(request, access, project, present_form=form)
    return render(request, "changeagents/project.html", context, status=400)


@require_http_methods(["GET", "POST"])
def rhythm_edit(request, slug, participant_pk):
    """The manager sets an agent's sparring: the first date and time, then every fourteen days."""
    access = _access(request, slug, lead=True)
    programme = access.programme
    agent = get_for_programme(programme.participants.select_related("person"), programme, pk=participant_pk)
    rhythm = _rhythm(agent) or SparringRhythm(participant=agent)
    form = RhythmForm(request.POST if request.method == "POST" else None, instance=rhythm)
    context = {"programme": programme, "agent": agent, "form": form}
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The sparring with %(name)s was planned.") % {"name": agent.person.full_name})
            return redirect("changeagents:programme", programme.slug)
        return render(request, "changeagents/rhythm_form.html", context, status=400)
    return render(request, "changeagents/rhythm_form.html", context)
