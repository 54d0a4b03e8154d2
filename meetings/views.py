from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from offices.access import LEADING_ROLES, get_office_access
from slf.registry import meeting_sections

from . import calendar, rhythm
from .access import get_meeting, get_series, visible_series
from .forms import AgendaItemForm, SeriesForm
from .models import AgendaItem, Meeting, MeetingStatus


@require_GET
def meeting_index(request):
    """My coming meetings across my offices and administrations."""
    upcoming = (
        Meeting.objects.filter(series__in=visible_series(request.user), starts_at__gte=timezone.now())
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("series__office", "series__administration")
        .order_by("starts_at")[:30]
    )
    from offices.access import visible_offices

    return render(
        request,
        "meetings/index.html",
        {"upcoming": upcoming, "offices": visible_offices(request.user).order_by("name")},
    )


@require_GET
def office_meetings(request, slug):
    access = get_office_access(request.user, slug)
    office = access.office
    series = list(
        visible_series(request.user).filter(office=office)
        | visible_series(request.user).filter(administration=office.administration_id)
    )
    series_id = request.GET.get("series", "")
    meetings = Meeting.objects.filter(series__in=series).select_related("series")
    if series_id.isdigit():
        meetings = meetings.filter(series_id=int(series_id))
    now = timezone.now()
    return render(
        request,
        "meetings/office_meetings.html",
        {
            "office": office,
            "access": access,
            "series": series,
            "series_id": series_id,
            "upcoming": meetings.filter(starts_at__gte=now).order_by("starts_at")[:20],
            "past": meetings.filter(starts_at__lt=now).order_by("-starts_at")[:20],
        },
    )


@require_http_methods(["GET", "POST"])
def series_create(request, slug):
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    office = access.office
    form = SeriesForm(request.POST or None, initial={"start_date": timezone.localdate(), "start_time": "09:00"})
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                series = form.save(commit=False)
                series.office = office
                series.participant_roles = form.cleaned_data["participant_roles"]
                series.save()
                made = rhythm.generate(series)
            messages.success(request, _("The series was created with %(n)s meetings.") % {"n": made})
            return redirect(series.get_absolute_url())
        return render(request, "meetings/series_form.html", {"office": office, "form": form}, status=400)
    return render(request, "meetings/series_form.html", {"office": office, "form": form})


@require_GET
def series_detail(request, pk):
    series, access = get_series(request.user, pk)
    meetings = series.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")[:12]
    return render(request, "meetings/series_detail.html", {"series": series, "access": access, "meetings": meetings})


def _agenda_context(meeting, access, form=None):
    items = list(meeting.agenda_items.select_related("presenter"))
    total = sum(i.duration_minutes for i in items)
    return {
        "meeting": meeting,
        "access": access,
        "items": items,
        "total": total,
        "over": total > meeting.duration_minutes,
        "can_edit": access.role in LEADING_ROLES,
        "form": form or AgendaItemForm(meeting=meeting),
    }


@require_GET
def meeting_detail(request, pk):
    meeting, access = get_meeting(request.user, pk)
    sections = []
    for section in meeting_sections():
        context = section.get_context(request, meeting, access)
        if context is not None:
            sections.append(render_to_string(section.template_name, context, request=request))
    context = _agenda_context(meeting, access)
    context["sections"] = sections
    return render(request, "meetings/meeting_detail.html", context)


def _agenda_response(request, meeting, access, message, form=None, status=200):
    if request.htmx:
        response = render(request, "meetings/meeting_detail.html#agenda", _agenda_context(meeting, access, form))
        return trigger_client_event(response, "announce", {"message": message}) if message else response
    if form is not None and form.errors:
        context = _agenda_context(meeting, access, form)
        context["sections"] = []
        return render(request, "meetings/meeting_detail.html", context, status=status)
    if message:
        messages.success(request, message)
    return redirect(meeting.get_absolute_url() + "#agenda")


@require_POST
def agenda_item_create(request, pk):
    meeting, access = get_meeting(request.user, pk, edit=True)
    form = AgendaItemForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _agenda_response(request, meeting, access, "", form=form, status=400)
    item = form.save(commit=False)
    item.meeting = meeting
    item.position = (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    item.save()
    return _agenda_response(request, meeting, access, _("“%(title)s” was added to the agenda.") % {"title": item.title})


@require_POST
def agenda_item_delete(request, pk, item_pk):
    meeting, access = get_meeting(request.user, pk, edit=True)
    item = meeting.agenda_items.filter(pk=item_pk).first()
    if item is None:
        from django.http import Http404

        raise Http404
    item.delete()
    return _agenda_response(request, meeting, access, _("The item was removed from the agenda."))


@require_POST
def agenda_item_move(request, pk, item_pk):
    """Move an item one place up or down (accessible buttons; no dragging needed)."""
    meeting, access = get_meeting(request.user, pk, edit=True)
    with transaction.atomic():
        items = list(meeting.agenda_items.select_for_update().order_by("position", "pk"))
        index = next((i for i, it in enumerate(items) if it.pk == item_pk), None)
        if index is None:
            from django.http import Http404

            raise Http404
        other = index - 1 if request.POST.get("direction") == "up" else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
        for position, item in enumerate(items, start=1):
            item.position = position
        AgendaItem.objects.bulk_update(items, ["position"])
    return _agenda_response(request, meeting, access, _("The agenda order was changed."))


@require_GET
def meeting_ics(request, pk):
    meeting, _access = get_meeting(request.user, pk)
    response = HttpResponse(calendar.meeting_calendar(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="moede-{meeting.pk}.ics"'
    return response


def participants(meeting):
    """People invited to the meeting: members of the series' office(s) in the chosen roles (all if none)."""
    from accounts.models import User

    series = meeting.series
    people = User.objects.filter(is_active=True)
    if series.office_id:
        people = people.filter(memberships__office_id=series.office_id)
    else:
        people = people.filter(memberships__office__administration_id=series.administration_id)
    if series.participant_roles:
        people = people.filter(memberships__role__in=series.participant_roles)
    return people.distinct().order_by("full_name")


@require_POST
def meeting_circulate(request, pk):
    """Send the agenda to the participants who want agendas by e-mail; the status says it went out."""
    from django.conf import settings
    from django.core.mail import send_mass_mail
    from django.utils import translation

    meeting, _access = get_meeting(request.user, pk, edit=True)
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.AGENDA_CIRCULATED):
        messages.error(request, _("The agenda can only be circulated before the meeting is held."))
        return redirect(meeting.get_absolute_url())
    items = list(meeting.agenda_items.all())
    mails = []
    for person in participants(meeting).filter(email_agendas=True):
        with translation.override(person.preferred_language):
            context = {"meeting": meeting, "items": items, "person": person, "site_url": settings.SITE_URL}
            subject = render_to_string("meetings/email/agenda_subject.txt", context).strip()
            body = render_to_string("meetings/email/agenda_body.txt", context)
        mails.append((subject, body, None, [person.email]))
    with transaction.atomic():
        meeting.status = MeetingStatus.AGENDA_CIRCULATED
        meeting.agenda_circulated_at = meeting.agenda_circulated_at or timezone.now()
        meeting.save(update_fields=["status", "agenda_circulated_at"])
    send_mass_mail(mails, fail_silently=True)
    messages.success(request, _("The agenda was sent to %(n)s participants.") % {"n": len(mails)})
    return redirect(meeting.get_absolute_url())


@require_POST
def meeting_cancel(request, pk):
    """Cancel one meeting with a reason; calendars get a CANCELLED update."""
    meeting, _access = get_meeting(request.user, pk, edit=True)
    reason = request.POST.get("reason", "").strip()
    if not reason or len(reason) > 300:
        messages.error(request, _("Write a short reason for cancelling (at most 300 characters)."))
        return redirect(meeting.get_absolute_url())
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_PUBLISHED):
        messages.error(request, _("A meeting that has been held can't be cancelled."))
        return redirect(meeting.get_absolute_url())
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = reason
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancelled_reason", "sequence"])
    messages.success(request, _("The meeting is cancelled."))
    return redirect(meeting.get_absolute_url())


@require_http_methods(["GET", "POST"])
def attendance_update(request, pk):
    """Attendance for every participant from one screen: present, absent or excused."""
    from .models import Attendance, AttendanceStatus

    meeting, _access = get_meeting(request.user, pk, edit=True)
    people = list(participants(meeting))
    current = {a.person_id: a.status for a in Attendance.objects.filter(meeting=meeting)}
    errors = []
    if request.method == "POST":
        choices = {}
        for person in people:
            value = request.POST.get(f"attendance-{person.pk}", "")
            if value and value not in AttendanceStatus.values:
                errors.append(person)
            elif value:
                choices[person.pk] = value
        if not errors:
            with transaction.atomic():
                Attendance.objects.filter(meeting=meeting).exclude(person_id__in=choices).delete()
                for person_id, value in choices.items():
                    Attendance.objects.update_or_create(
                        meeting=meeting, person_id=person_id, defaults={"status": value}
                    )
                if meeting.status in (MeetingStatus.PLANNED, MeetingStatus.AGENDA_CIRCULATED) and choices:
                    meeting.status = MeetingStatus.HELD
                    meeting.save(update_fields=["status"])
            messages.success(
                request,
                _("Attendance saved: %(n)s present.") % {"n": sum(v == "present" for v in choices.values())},
            )
            return redirect(meeting.get_absolute_url())
        current.update({p.pk: request.POST.get(f"attendance-{p.pk}", "") for p in people})
    rows = [{"person": p, "status": current.get(p.pk, "")} for p in people]
    return render(
        request,
        "meetings/attendance.html",
        {"meeting": meeting, "rows": rows, "choices": AttendanceStatus.choices, "errors": errors},
        status=400 if errors else 200,
    )
