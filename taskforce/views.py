"""The decentral units of an office and the office's task force.

Units and their contacts: the office's members read them, its leading people (resource person, section leader,
office chief) edit them (offices.access). The task force page, its settings and the units of an initiative go
through the programme rule (programmes.access). Tasks brought home and the guests' attendance are posted from the
meeting page's section (taskforce/meeting_section.py) to the office of the meeting's series.
"""

from django.contrib import messages
from django.contrib.postgres.expressions import ArraySubquery
from django.db import transaction
from django.db.models import Count, OuterRef, Q
from django.db.models.functions import JSONObject
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from knowledge import routing
from knowledge.models import Question, QuestionStatus, QuestionStep
from meetings.models import Meeting, MeetingGuest, MeetingStatus
from offices.access import LEADING_ROLES, get_for_office, get_office_access
from offices.models import Unit, UnitContact
from programmes.access import get_for_programme, get_programme_access
from programmes.models import Initiative, Programme, ProgrammeKind
from programmes.views import initiatives_context
from slf.forms import save_unique
from slf.http import invalid_form_status

from . import meeting_section
from .figures import taskforce_figures
from .forms import ContactForm, InitiativeUnitsForm, TaskForceSettingsForm, TaskForm, UnitForm
from .models import InitiativeUnits, TaskForce

# Decentral units -----------------------------------------------------------------------------------------------


@require_GET
def unit_list(request, office_slug):
    access = get_office_access(request.user, office_slug)
    open_tasks = Q(questions__status__in=[QuestionStatus.NEW, QuestionStatus.ASSIGNED])
    units = (
        Unit.objects.filter(office=access.office)
        .annotate(open_tasks=Count("questions", filter=open_tasks, distinct=True))
        .prefetch_related("contacts")
        .order_by("-is_active", "name")
    )
    task_forces = Programme.objects.filter(owner_office=access.office, kind=ProgrammeKind.TASK_FORCE).visible_to(
        request.user
    )
    context = {
        "office": access.office,
        "access": access,
        "units": units,
        "can_edit": access.has_role(LEADING_ROLES),
        "task_forces": task_forces,
    }
    return render(request, "taskforce/unit_list.html", context)


@require_http_methods(["GET", "POST"])
def unit_create(request, office_slug):
    access = get_office_access(request.user, office_slug, roles=LEADING_ROLES)
    form = UnitForm(request.POST or None, office=access.office)
    if request.method == "POST" and form.is_valid():
        form.instance.office = access.office
        unit = save_unique(form, field="name", message=_("The office already has a unit of that name."))
        if unit is not None:
            messages.success(request, _("“%(name)s” was added.") % {"name": unit.name})
            return redirect("taskforce:unit-detail", access.office.slug, unit.pk)
    status = invalid_form_status(request) if form.is_bound else 200
    return render(request, "taskforce/unit_form.html", {"office": access.office, "form": form}, status=status)


@require_GET
def unit_detail(request, office_slug, pk):
    access = get_office_access(request.user, office_slug)
    unit = get_for_office(Unit.objects.all(), access.office, pk=pk)
    questions = (
        Question.objects.filter(office=access.office, from_unit=unit)
        .select_related("assignee", "contact", "meeting__series", "office")
        .order_by("-created_at")[:50]
    )
    attended = (
        MeetingGuest.objects.filter(contact__unit=unit, status="present", meeting__series__office=access.office)
        .select_related("meeting__series", "contact")
        .order_by("-meeting__starts_at")[:20]
    )
    initiatives = (
        Initiative.objects.filter(aimed_at__units=unit, programme__in=Programme.objects.visible_to(request.user))
        .select_related("programme", "owner")
        .order_by("programme__name", "title")
    )
    context = {
        "office": access.office,
        "access": access,
        "unit": unit,
        "contacts": unit.contacts.all(),
        "questions": questions,
        "attended": attended,
        "initiatives": initiatives,
        "can_edit": access.has_role(LEADING_ROLES),
        "today": timezone.localdate(),
    }
    return render(request, "taskforce/unit_detail.html", context)


@require_http_methods(["GET", "POST"])
def unit_update(request, office_slug, pk):
    access = get_office_access(request.user, office_slug, roles=LEADING_ROLES)
    unit = get_for_office(Unit.objects.all(), access.office, pk=pk)
    form = UnitForm(request.POST or None, instance=unit, office=access.office)
    taken = _("The office already has a unit of that name.")
    if request.method == "POST" and form.is_valid() and save_unique(form, field="name", message=taken) is not None:
        messages.success(request, _("The unit was saved."))
        return redirect("taskforce:unit-detail", access.office.slug, unit.pk)
    status = invalid_form_status(request) if form.is_bound else 200
    context = {"office": access.office, "form": form, "unit": unit}
    return render(request, "taskforce/unit_form.html", context, status=status)


def _contact_form(request, access, unit, contact=None):
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.unit = unit
        contact.save()
        messages.success(request, _("The contact %(name)s was saved.") % {"name": contact.name})
        return redirect("taskforce:unit-detail", access.office.slug, unit.pk)
    status = invalid_form_status(request) if form.is_bound else 200
    context = {"office": access.office, "form": form, "unit": unit, "contact": contact}
    return render(request, "taskforce/contact_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def contact_create(request, office_slug, pk):
    access = get_office_access(request.user, office_slug, roles=LEADING_ROLES)
    unit = get_for_office(Unit.objects.all(), access.office, pk=pk)
    return _contact_form(request, access, unit)


@require_http_methods(["GET", "POST"])
def contact_update(request, office_slug, pk, contact_pk):
    access = get_office_access(request.user, office_slug, roles=LEADING_ROLES)
    unit = get_for_office(Unit.objects.all(), access.office, pk=pk)
    contact = get_for_office(
        UnitContact.objects.all(), access.office, office_field="unit__office", unit=unit, pk=contact_pk
    )
    return _contact_form(request, access, unit, contact)


# The task force --------------------------------------------------------------------------------------------------


@require_GET
def programme(request, slug):
    access = get_programme_access(request.user, slug, kind=ProgrammeKind.TASK_FORCE)
    programme = access.programme
    guests = UnitContact.objects.filter(task_forces=OuterRef("pk")).order_by("unit__name", "name", "pk")
    task_force = (
        TaskForce.objects.filter(programme=programme)
        .select_related("series")
        .annotate(guest_list=ArraySubquery(guests.values(json=JSONObject(name="name", unit="unit__name"))))
        .first()
    )
    listed = initiatives_context(programme, access)
    units_by_initiative: dict[int, list] = {}
    for link in (
        InitiativeUnits.units.through.objects.filter(initiativeunits__initiative__programme=programme)
        .select_related("unit", "initiativeunits")
        .order_by("unit__name")
    ):
        units_by_initiative.setdefault(link.initiativeunits.initiative_id, []).append(link.unit)
    for initiative in listed["initiative_list"]["items"]:
        initiative.units_aimed = units_by_initiative.get(initiative.pk, [])
    series = task_force.series if task_force else None
    meetings = []
    if series is not None:
        now = timezone.now()
        meetings = list(
            Meeting.objects.filter(series=series)
            .exclude(status=MeetingStatus.CANCELLED)
            .filter(Q(starts_at__gte=now) | Q(starts_at__lt=now))
            .annotate(
                guests_present=Count("guests", filter=Q(guests__status="present"), distinct=True),
                tasks=Count("questions", distinct=True),
            )
            .order_by("-starts_at")[:6]
        )
    context = {
        "programme": programme,
        "access": access,
        "task_force": task_force,
        "series": series,
        "meetings": meetings,
        "now": timezone.now(),
        "participants": programme.participants.select_related("person", "office"),
        "guests": task_force.guest_list if task_force else [],
        **listed,
        "figures": taskforce_figures([programme]).get(programme.pk, []) if access.is_lead else [],
    }
    return render(request, "taskforce/programme.html", context)


@require_http_methods(["GET", "POST"])
def taskforce_settings(request, slug):
    access = get_programme_access(request.user, slug, lead=True, kind=ProgrammeKind.TASK_FORCE)
    programme = access.programme
    task_force = TaskForce.objects.filter(programme=programme).first() or TaskForce(programme=programme)
    form = TaskForceSettingsForm(request.POST or None, instance=task_force, office=programme.owner_office)
    taken = _("That series is the monthly meeting of another task force.")
    if request.method == "POST" and form.is_valid() and save_unique(form, field="series", message=taken):
        messages.success(request, _("The monthly meeting and its guests were saved."))
        return redirect("taskforce:programme", programme.slug)
    status = invalid_form_status(request) if form.is_bound else 200
    context = {"programme": programme, "form": form}
    return render(request, "taskforce/settings.html", context, status=status)


@require_http_methods(["GET", "POST"])
def initiative_units(request, slug, pk):
    access = get_programme_access(request.user, slug, lead=True, kind=ProgrammeKind.TASK_FORCE)
    programme = access.programme
    initiative = get_for_programme(Initiative.objects.all(), programme, pk=pk)
    aimed = InitiativeUnits.objects.filter(initiative=initiative).first() or InitiativeUnits(initiative=initiative)
    form = InitiativeUnitsForm(request.POST or None, instance=aimed, office=programme.owner_office)
    if request.method == "POST" and form.is_valid() and save_unique(form) is not None:
        messages.success(request, _("The units of “%(title)s” were saved.") % {"title": initiative.title})
        return redirect("taskforce:programme", programme.slug)
    status = invalid_form_status(request) if form.is_bound else 200
    context = {"programme": programme, "initiative": initiative, "form": form}
    return render(request, "taskforce/initiative_units.html", context, status=status)


# From the meeting page's section --------------------------------------------------------------------------------


def _meeting(request, office_slug, meeting_pk, roles=None):
    access = get_office_access(request.user, office_slug, roles=roles)
    meeting = get_for_office(
        Meeting.objects.select_related("series__office__administration"),
        access.office,
        office_field="series__office",
        pk=meeting_pk,
    )
    return access, meeting


def _back_to_section(meeting):
    return redirect(meeting.get_absolute_url() + "#tasks-home")


@require_http_methods(["GET", "POST"])
def task_create(request, office_slug, meeting_pk):
    """A consultant records a task an administrative leader brought up: a question of the office, routed to the
    colleague chosen, or else to the one whose competences match best (knowledge.routing). The form is on the
    meeting page; here also on a page of its own."""
    access, meeting = _meeting(request, office_slug, meeting_pk)
    form = TaskForm(request.POST or None, office=access.office, prefix="task")
    if not form.is_valid():
        context = meeting_section.section_context(request, meeting, access, form=form)
        status = invalid_form_status(request) if form.is_bound else 200
        return render(request, "taskforce/task_form_page.html", context, status=status)
    with transaction.atomic():
        question = form.save(commit=False)
        question.office = access.office
        question.meeting = meeting
        question.unit = question.from_unit.name
        question.asked_by = question.contact.name if question.contact else question.from_unit.name
        question.created_by = request.user
        question.save()
        QuestionStep.objects.create(question=question, kind="registered", person=request.user)
        person = form.cleaned_data["assignee"]
        if person is None:
            suggested = routing.suggestions(question, limit=1)
            person = suggested[0] if suggested else None
        if person is not None:
            routing.assign(question, request.user, person, note=_("Brought home from the meeting."))
    if person is not None:
        text = _("“%(title)s” was brought home and given to %(name)s.") % {
            "title": question.title,
            "name": person.full_name,
        }
    else:
        text = _("“%(title)s” was brought home. Nobody's competences match it yet: give it to someone.") % {
            "title": question.title
        }
    messages.success(request, text)
    return _back_to_section(meeting)


@require_http_methods(["GET", "POST"])
def guest_attendance(request, office_slug, meeting_pk):
    """The guests' attendance: on the meeting page's section, and here on a page of its own."""
    access, meeting = _meeting(request, office_slug, meeting_pk, roles=LEADING_ROLES)
    if not meeting.can_record_attendance():
        messages.error(request, _("A cancelled meeting has no attendance."))
        return _back_to_section(meeting)
    data = request.POST if request.method == "POST" else None
    context = meeting_section.section_context(request, meeting, access, attendance_data=data)
    form = context["attendance_form"]
    if form is None:
        return _back_to_section(meeting)
    if not form.is_valid():
        status = invalid_form_status(request) if form.is_bound else 200
        return render(request, "taskforce/guest_attendance.html", context, status=status)
    with transaction.atomic():
        for contact, status in form.statuses().items():
            if status:
                MeetingGuest.objects.update_or_create(meeting=meeting, contact=contact, defaults={"status": status})
            else:  # not recorded (again): an invited guest gets no row for it
                MeetingGuest.objects.filter(meeting=meeting, contact=contact).exclude(status="").update(status="")
    messages.success(request, _("The guests' attendance was saved."))
    return _back_to_section(meeting)
