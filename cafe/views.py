"""Café meetings: the programme page, a café meeting's page, signing up, topic suggestions, material, attendance.

Every view asks programmes.access first: an open café programme is seen by everybody with a place in the
organisation, its leads edit. A café meeting is fetched through the programme (another programme's meeting
under this programme's address is a 404) and, for everybody but the leads, only once published.
"""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from meetings import services as meeting_services
from meetings.access import series_access
from meetings.forms import ProposalForm
from meetings.models import BEFORE, AgendaItem, MeetingError, MeetingStatus, ProposalStatus, TopicProposal
from programmes.access import get_for_programme, get_programme_access
from programmes.models import ProgrammeKind
from slf.forms import choose
from slf.http import invalid_form_status

from . import services
from .figures import cafe_figures
from .forms import AttendanceForm, CafeMeetingCreateForm, CafeMeetingUpdateForm, MaterialForm, PresentationForm
from .models import CafeMeeting, CafeSeries, Material, Registration, RegistrationStatus

KIND = ProgrammeKind.CAFE


def _access(request, slug, lead=False):
    return get_programme_access(request.user, slug, lead=lead, kind=KIND)


def _cafe_meeting(access, meeting_pk, queryset=None):
    """The café meeting of this programme the person may see (leads: unpublished ones too); 404 otherwise."""
    queryset = CafeMeeting.objects.all() if queryset is None else queryset
    return get_for_programme(
        queryset.visible_to(access).select_related("meeting__series__office", "programme"),
        access.programme,
        pk=meeting_pk,
    )


def _items():
    return AgendaItem.objects.select_related("presenter").order_by("position", "pk")


def _mine(user):
    return Registration.objects.filter(cafe_meeting=OuterRef("pk"), person=user)


# The programme page --------------------------------------------------------------------------------------------


@require_GET
def programme_detail(request, slug):
    access = _access(request, slug)
    programme = access.programme
    now = timezone.now()
    cafe_meetings = list(
        CafeMeeting.objects.visible_to(access)
        .with_counts()
        .annotate(
            my_status=_mine(request.user).values("status")[:1],
        )
        .select_related("meeting", "programme")
        .prefetch_related(
            Prefetch("meeting__agenda_items", queryset=_items()),
            Prefetch("material", queryset=Material.objects.select_related("agenda_item")),
        )
        .order_by("meeting__starts_at")
    )
    coming = [c for c in cafe_meetings if c.meeting.ends_at >= now and c.meeting.status != MeetingStatus.CANCELLED]
    past = [c for c in reversed(cafe_meetings) if c not in coming]
    context = {
        "programme": programme,
        "access": access,
        "coming": coming,
        "past": past,
        **_suggestions_context(request, access, coming),
        "figures": cafe_figures([programme])[programme.pk] if access.is_lead else [],
    }
    return render(request, "cafe/programme_detail.html", context)


def _suggestions_context(request, access, coming, form=None):
    """The open topic suggestions for the next café meeting, most supported first."""
    supported = TopicProposal.supporters.through.objects.filter(
        topicproposal_id=OuterRef("pk"), user_id=request.user.pk
    )
    suggestions = (
        TopicProposal.objects.filter(series__cafe_series__programme=access.programme, status=ProposalStatus.OPEN)
        .select_related("proposed_by")
        .annotate(support_count=Count("supporters"), supported=Exists(supported))
        .order_by("-support_count", "created_at", "pk")
    )
    return {
        "suggestions": list(suggestions),
        "suggestion_form": form or ProposalForm(prefix="suggestion"),
        "open_meetings": [c for c in coming if c.meeting.status in BEFORE],
    }


# Café meetings --------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def meeting_create(request, slug):
    access = _access(request, slug, lead=True)
    form = CafeMeetingCreateForm(
        request.POST if request.method == "POST" else None,
        initial={"start_time": "14:00", "duration_minutes": 120, "capacity": 50},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cafe_meeting = services.create_cafe_meeting(
            access.programme,
            title=data["title"],
            starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"],
            location=data["location"],
            capacity=data["capacity"],
        )
        messages.success(request, _("The café meeting was added. Add its programme, then publish it."))
        return redirect(cafe_meeting.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "cafe/meeting_form.html",
        {"programme": access.programme, "form": form, "creating": True},
        status=status,
    )


def _meeting_context(request, access, cafe_meeting, **extra):
    items = list(_items().filter(meeting=cafe_meeting.meeting))
    cafe_meeting.meeting.timetable(items)
    material = list(cafe_meeting.material.all())
    for item in items:
        item.material_list = [m for m in material if m.agenda_item_id == item.pk]
    registrations = None
    if access.is_lead:  # the leads see who signed up; their own state and the counts come from the same list
        registrations = list(
            cafe_meeting.registrations.select_related("person", "office").order_by("status", "queued_at", "pk")
        )
    context = {
        "programme": access.programme,
        "access": access,
        "cafe_meeting": cafe_meeting,
        "meeting": cafe_meeting.meeting,
        "items": items,
        "meeting_material": [m for m in material if m.agenda_item_id is None],
        "registered": [r for r in registrations or [] if r.status == RegistrationStatus.REGISTERED],
        "waiting": [r for r in registrations or [] if r.status == RegistrationStatus.WAITING],
        "minutes_published": cafe_meeting.meeting.status == MeetingStatus.MINUTES_PUBLISHED,
        "can_record_attendance": access.is_lead and services.can_record_attendance(cafe_meeting),
        **_registration_context(request, cafe_meeting, registrations=registrations),
    }
    if access.is_lead:
        context.setdefault("presentation_form", PresentationForm(meeting=cafe_meeting.meeting, prefix="talk"))
        context.setdefault("material_form", MaterialForm(meeting=cafe_meeting.meeting, prefix="material"))
        meetings_access = series_access(request.user, cafe_meeting.meeting.series)
        context["meetings_app_url"] = cafe_meeting.meeting.get_absolute_url() if meetings_access else ""
    context.update(extra)
    return context


def _registration_context(request, cafe_meeting, message="", registrations=None):
    """What the registration panel shows: the places left and the waiting list, the person's own state, from one
    query of the meeting's registrations (none when the caller has them already)."""
    if registrations is None:
        registrations = list(
            Registration.objects.filter(cafe_meeting=cafe_meeting).only(
                "pk", "cafe_meeting_id", "person_id", "status", "queued_at"
            )
        )
    waiting = sorted(
        (r for r in registrations if r.status == RegistrationStatus.WAITING), key=lambda r: (r.queued_at, r.pk)
    )
    registered_count = len(registrations) - len(waiting)
    mine = next((r for r in registrations if r.person_id == request.user.pk), None)
    return {
        "mine": mine,
        "my_position": waiting.index(mine) + 1 if mine in waiting else None,
        "registered_count": registered_count,
        "waiting_count": len(waiting),
        "places_left": max(0, cafe_meeting.capacity - registered_count),
        "takes_registrations": cafe_meeting.takes_registrations(),
        "registration_message": message,
    }


@require_GET
def meeting_detail(request, slug, meeting_pk):
    access = _access(request, slug)
    cafe_meeting = _cafe_meeting(access, meeting_pk)
    return render(request, "cafe/meeting_detail.html", _meeting_context(request, access, cafe_meeting))


@require_http_methods(["GET", "POST"])
def meeting_update(request, slug, meeting_pk):
    access = _access(request, slug, lead=True)
    cafe_meeting = _cafe_meeting(access, meeting_pk)
    meeting = cafe_meeting.meeting
    initial = {"title": meeting.title, "location": meeting.location, "capacity": cafe_meeting.capacity}
    form = CafeMeetingUpdateForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting.title, meeting.location = data["title"], data["location"]
        meeting.save(update_fields=["title", "location"])
        moved = (
            services.change_capacity(cafe_meeting, data["capacity"]) if data["capacity"] != initial["capacity"] else []
        )
        text = _("The café meeting was saved.")
        if moved:
            text += " " + ngettext(
                "%(n)s moved up from the waiting list and was told by e-mail.",
                "%(n)s moved up from the waiting list and were told by e-mail.",
                len(moved),
            ) % {"n": len(moved)}
        messages.success(request, text)
        return redirect(cafe_meeting.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    context = {"programme": access.programme, "form": form, "cafe_meeting": cafe_meeting, "creating": False}
    return render(request, "cafe/meeting_form.html", context, status=status)


@require_POST
def meeting_publish(request, slug, meeting_pk):
    access = _access(request, slug, lead=True)
    cafe_meeting = _cafe_meeting(access, meeting_pk)
    if cafe_meeting.meeting.status == MeetingStatus.CANCELLED:
        messages.error(request, _("A cancelled café meeting can't be published."))
    else:
        cafe_meeting.publish(by=request.user)
        messages.success(request, _("The café meeting is published: everybody can see it and sign up."))
    return redirect(cafe_meeting.get_absolute_url())


# Signing up ---------------------------------------------------------------------------------------------------


def _registration_answer(request, access, cafe_meeting, text, error=False):
    if request.htmx:
        context = {"programme": access.programme, "cafe_meeting": cafe_meeting, "meeting": cafe_meeting.meeting}
        context.update(_registration_context(request, cafe_meeting, message=text))
        response = render(request, "cafe/meeting_detail.html#registration", context)
        return trigger_client_event(response, "announce", {"message": text})
    (messages.error if error else messages.success)(request, text)
    return HttpResponseRedirect(cafe_meeting.get_absolute_url() + "#registration")


def _state_text(registration) -> str:
    if registration.status == RegistrationStatus.REGISTERED:
        return _("You are registered.")
    position = services.waiting_position(registration)
    return _("The meeting is full. You are number %(n)s on the waiting list.") % {"n": position}


@require_POST
def register(request, slug, meeting_pk):
    access = _access(request, slug)
    cafe_meeting = _cafe_meeting(access, meeting_pk)
    try:
        registration = services.register(cafe_meeting, request.user)
    except services.CafeError as refused:
        return _registration_answer(request, access, cafe_meeting, str(refused), error=True)
    return _registration_answer(request, access, cafe_meeting, _state_text(registration))


@require_POST
def cancel(request, slug, meeting_pk):
    access = _access(request, slug)
    cafe_meeting = _cafe_meeting(access, meeting_pk)
    try:
        services.cancel(cafe_meeting, request.user)
    except services.CafeError as refused:
        return _registration_answer(request, access, cafe_meeting, str(refused), error=True)
    return _registration_answer(request, access, cafe_meeting, _("Your registration was cancelled."))


# The programme of a café meeting: presentations and their material ----------------------------------------------


@require_POST
def presentation_create(request, slug, meeting_pk):
    access = _access(request, slug, lead=True)
    cafe_meeting = _cafe_meeting(access, meeting_pk)
    meeting = cafe_meeting.meeting
    form = PresentationForm(request.POST, meeting=meeting, prefix="talk")
    if not meeting.can_edit_agenda():
        messages.error(request, _("The programme can only be changed before the café meeting."))
        return redirect(cafe_meeting.get_absolute_url())
    if not form.is_valid():
        context = _meeting_context(request, access, cafe_meeting, presentation_form=form)
        return render(request, "cafe/meeting_detail.html", context, status=invalid_form_status(request))
    item = form.save()
    messages.success(request, _("“%(title)s” is on the programme.") % {"title": item.title})
    return redirect(cafe_meeting.get_absolute_url() + "#programme")


@require_POST
def presentation_delete(request, slug, meeting_pk, item_pk):
    access = _access(request, slug, lead=True)
    cafe_meeting = _cafe_meeting(access, meeting_pk)
    item = AgendaItem.objects.filter(meeting=cafe_meeting.meeting, pk=item_pk).first()
    if item is None:
        raise Http404
    if not cafe_meeting.meeting.can_edit_agenda():
        messages.error(request, _("The programme can only be changed before the café meeting."))
    else:
        item.delete()
        messages.success(request, _("“%(title)s” was taken off the programme.") % {"title": item.title})
    return redirect(cafe_meeting.get_absolute_url() + "#programme")


@require_POST
def material_create(request, slug, meeting_pk):
    access = _access(request, slug, lead=True)
    cafe_meeting = _cafe_meeting(access, meeting_pk)
    form = MaterialForm(request.POST, request.FILES, meeting=cafe_meeting.meeting, prefix="material")
    if not form.is_valid():
        context = _meeting_context(request, access, cafe_meeting, material_form=form)
        return render(request, "cafe/meeting_detail.html", context, status=invalid_form_status(request))
    data = form.cleaned_data
    upload = data.get("file")
    material = Material.objects.create(
        cafe_meeting=cafe_meeting,
        agenda_item=data.get("agenda_item"),
        title=data["title"],
        url=data.get("url") or "",
        file=upload or "",
        name=upload.name if upload else "",
        content_type=data.get("content_type", "") if upload else "",
        size=upload.size if upload else 0,
        uploaded_by=request.user,
    )
    messages.success(request, _("“%(title)s” was added to the material.") % {"title": material.title})
    return redirect(cafe_meeting.get_absolute_url() + "#material")


def _material(cafe_meeting, material_pk) -> Material:
    material = Material.objects.filter(cafe_meeting=cafe_meeting, pk=material_pk).first()
    if material is None:
        raise Http404
    return material


@require_GET
def material_download(request, slug, meeting_pk, material_pk):
    """Served to everybody who sees the café meeting, with its checked content type; never a public address."""
    access = _access(request, slug)
    material = _material(_cafe_meeting(access, meeting_pk), material_pk)
    if material.is_link:
        return HttpResponseRedirect(material.url)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=material.name, content_type=material.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def material_delete(request, slug, meeting_pk, material_pk):
    access = _access(request, slug, lead=True)
    cafe_meeting = _cafe_meeting(access, meeting_pk)
    material = _material(cafe_meeting, material_pk)
    if material.file:
        material.file.delete(save=False)
    material.delete()
    messages.success(request, _("“%(title)s” was removed.") % {"title": material.title})
    return redirect(cafe_meeting.get_absolute_url() + "#material")


# Attendance -----------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def attendance(request, slug, meeting_pk):
    """The leads record who came, from the registrations."""
    access = _access(request, slug, lead=True)
    cafe_meeting = _cafe_meeting(access, meeting_pk)
    registrations = list(
        cafe_meeting.registrations.filter(status=RegistrationStatus.REGISTERED)
        .select_related("person", "office")
        .order_by("person__full_name", "pk")
    )
    form = AttendanceForm(request.POST if request.method == "POST" else None, registrations=registrations)
    may = services.can_record_attendance(cafe_meeting)
    if request.method == "POST":
        if not may:
            messages.error(request, _("Attendance can be recorded once the café meeting has begun."))
            return redirect(cafe_meeting.get_absolute_url())
        if form.is_valid():
            services.record_attendance(cafe_meeting, form.came(), by=request.user)
            messages.success(request, _("Attendance was saved."))
            return redirect(cafe_meeting.get_absolute_url() + "#attendance")
    context = {"programme": access.programme, "cafe_meeting": cafe_meeting, "form": form, "may": may}
    return render(request, "cafe/attendance.html", context, status=400 if form.is_bound else 200)


# Topic suggestions for the next café meeting ------------------------------------------------------------------


def _back_to_suggestions(programme):
    return HttpResponseRedirect(reverse("cafe:programme", args=[programme.slug]) + "#suggestions")


@require_POST
def suggestion_create(request, slug):
    access = _access(request, slug)
    form = ProposalForm(request.POST, prefix="suggestion")
    if not form.is_valid():
        coming = [
            c
            for c in CafeMeeting.objects.visible_to(access).select_related("meeting")
            if c.meeting.status in BEFORE and c.meeting.starts_at > timezone.now()
        ]
        context = {
            "programme": access.programme,
            "access": access,
            **_suggestions_context(request, access, coming, form),
        }
        return render(request, "cafe/suggestion_form.html", context, status=400)
    suggestion = form.save(commit=False)
    suggestion.series = services.cafe_series(access.programme)
    suggestion.proposed_by = request.user
    suggestion.save()
    messages.success(request, _("Thank you. Your topic is among the suggestions for the next café meeting."))
    return _back_to_suggestions(access.programme)


def _suggestion(access, proposal_pk) -> TopicProposal:
    link = CafeSeries.objects.filter(programme=access.programme).first()
    if link is None:
        raise Http404
    return get_for_programme(TopicProposal.objects.all(), link.series, "series", pk=proposal_pk)


@require_POST
def suggestion_support(request, slug, proposal_pk):
    """Support a suggestion (+1), or take the support back."""
    access = _access(request, slug)
    suggestion = _suggestion(access, proposal_pk)
    if suggestion.status == ProposalStatus.OPEN:
        if suggestion.supporters.filter(pk=request.user.pk).exists():
            suggestion.supporters.remove(request.user)
            messages.success(request, _("You no longer support “%(title)s”.") % {"title": suggestion.title})
        else:
            suggestion.supporters.add(request.user)
            messages.success(request, _("You support “%(title)s”.") % {"title": suggestion.title})
    return _back_to_suggestions(access.programme)


@require_POST
def suggestion_accept(request, slug, proposal_pk):
    """A lead takes a suggestion onto a coming café meeting's programme (the meetings app's proposal rule)."""
    access = _access(request, slug, lead=True)
    suggestion = _suggestion(access, proposal_pk)
    cafe_meeting = choose(request.POST, "meeting", CafeMeeting.objects.filter(programme=access.programme))
    try:
        if cafe_meeting is None:
            raise MeetingError(_("Choose a coming café meeting."))
        meeting_services.accept_proposal(suggestion, cafe_meeting.meeting)
    except MeetingError as refused:
        messages.error(request, str(refused))
        return _back_to_suggestions(access.programme)
    messages.success(request, _("“%(title)s” is on the programme of the café meeting.") % {"title": suggestion.title})
    return redirect(cafe_meeting.get_absolute_url() + "#programme")
