from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from accounts.models import User
from notifications.choices import Channel, Kind, channel
from offices.access import get_office_access
from offices.models import Membership
from slf.forms import choose, sane_date
from slf.http import invalid_form_status

from . import calendar, services
from .forms import (
    AvailabilityExceptionForm,
    AvailabilityWindowForm,
    BookingForm,
    EndVisitForm,
    HeldForm,
    ReflectionForm,
    VisitProfileForm,
    VisitSettingsForm,
)
from .models import (
    AvailabilityException,
    AvailabilityWindow,
    Reflection,
    Visit,
    VisitError,
    VisitProfile,
    VisitSettings,
    VisitStatus,
    office_coverage,
    took_place_q,
    unique_initials,
)


def _my_visit(user, pk) -> Visit:
    """A visit I am host or visitor of; 404 for everyone else."""
    visit = Visit.objects.involving(user).select_related("host", "visitor", "office").filter(pk=pk).first()
    if visit is None:
        raise Http404("No such visit.")
    return visit


@require_GET
def visit_list(request):
    """My visits: coming, reflections due, past; and where to find colleagues."""
    now = timezone.now()
    mine = Visit.objects.involving(request.user).select_related("host", "visitor", "office")
    reflected = Reflection.objects.filter(visit=OuterRef("pk"), author=request.user)
    coming = mine.active().filter(during__startswith__gte=now).order_by("during")
    past = (
        mine.filter(status__in=(VisitStatus.CONFIRMED, VisitStatus.NOT_HELD), during__startswith__lt=now)
        .annotate(reflected=Exists(reflected))
        .order_by("-during")
    )
    past = list(past[:50])
    memberships = Membership.objects.filter(person=request.user).select_related("office")
    return render(
        request,
        "visits/visit_list.html",
        {
            "coming": coming,
            "due": [v for v in past if not v.reflected and v.status == VisitStatus.CONFIRMED],
            "past": past,
            "memberships": memberships,
        },
    )


@require_GET
def people_list(request, slug):
    """The office's people, with a link to each one's booking page, and suggestions."""
    access = get_office_access(request.user, slug)
    office = access.office
    members = Membership.objects.filter(office=office).exclude(person=request.user).select_related("person", "section")
    chosen = choose(request.GET, "section", office.sections.all())
    section_id = str(chosen.pk) if chosen else ""
    if chosen:
        members = members.filter(section=chosen)
    visited = set(
        Visit.objects.filter(visitor=request.user, status=VisitStatus.CONFIRMED).values_list("host_id", flat=True)
    )
    return render(
        request,
        "visits/people_list.html",
        {
            "office": office,
            "access": access,
            "members": members.order_by("section__name", "person__full_name"),
            "sections": office.sections.all(),
            "section_id": section_id,
            "visited": visited,
            "suggestions": services.suggestions(request.user, office) if access.is_member else [],
            "can_see_coverage": access.can_review,
            "can_edit_settings": access.role in {"office_chief", "resource_person"},
        },
    )


def _week_from(request) -> date:
    today = timezone.localdate()
    day = sane_date(request.GET.get("week", "") or request.POST.get("week", ""), default=today)
    return services.week_start(max(day, services.week_start(today)))


@require_http_methods(["GET", "POST"])
def visit_book(request, person_pk):
    """A colleague's booking page: a week of free slots, then a short form for the topic."""
    host = get_object_or_404(User.objects.select_related("visit_profile"), pk=person_pk, is_active=True)
    office = services.shared_office(host, request.user)
    if office is None or host.pk == request.user.pk:
        raise Http404("No such colleague.")

    def book(chosen, form):
        visit = services.book_visit(host, request.user, chosen, form.cleaned_data["topic"])
        if all(channel(person, Kind.VISIT) == Channel.NOW for person in (host, request.user)):
            text = _("Your visit with %(host)s is booked. You both get a calendar invitation by e-mail.")
        else:  # one of them chose a digest or no visit e-mails (notifications.choices)
            text = _(
                "Your visit with %(host)s is booked. It is in your calendar address; the invitation by e-mail goes "
                "only to those of you who get visit e-mails at once."
            )
        messages.success(request, text % {"host": host.full_name})
        return visit

    return _booking_page(request, host, request.user, office, reverse("visits:book", args=[host.pk]), book)


@require_http_methods(["GET", "POST"])
def visit_reschedule(request, pk):
    """Host or visitor moves a coming visit to another free time."""
    visit = _my_visit(request.user, pk)
    if visit.status != VisitStatus.CONFIRMED or visit.starts_at <= timezone.now():
        messages.error(request, _("The visit has started; it can no longer be changed."))
        return redirect(visit.get_absolute_url())

    def move(chosen, form):
        services.reschedule_visit(visit, request.user, chosen)
        messages.success(request, _("The visit is moved. You both get an updated calendar invitation."))
        return visit

    base_url = reverse("visits:visit-reschedule", args=[visit.pk])
    return _booking_page(
        request, visit.host, visit.visitor, visit.office, base_url, move, rescheduling=visit, topic=visit.topic
    )


def _booking_page(request, host, visitor, office, base_url, submit, rescheduling=None, topic=""):
    week = _week_from(request)
    data = request.POST if request.method == "POST" else None
    form = BookingForm(data, initial={"slot": request.GET.get("slot", ""), "topic": topic})
    chosen = services.parse_slot_key(request.POST.get("slot") or request.GET.get("slot", ""))
    alternatives = []
    status = 200
    if request.method == "POST":
        if form.is_valid() and chosen:
            try:
                visit = submit(chosen, form)
            except services.SlotTaken as error:
                hint = _("Here are the next free ones.")
                form.add_error(None, f"{error} {hint}")
                alternatives = services.next_free_slots(host, visitor, office, chosen)
                chosen = None
                status = invalid_form_status(request, plain=409)
            except services.BookingError as error:
                form.add_error(None, str(error))
                status = invalid_form_status(request)
            else:
                return redirect(visit.get_absolute_url())
        else:
            if not chosen:
                form.add_error(None, _("Choose a time first."))
            status = invalid_form_status(request)
    rules = VisitSettings.for_office(office)
    slots = services.free_slots(host, visitor, office, week, rules=rules)
    week_days = [week + timedelta(days=i) for i in range(7)]
    days = [(day, [s for s in slots if timezone.localtime(s.start).date() == day]) for day in week_days]
    context = {
        "host": host,
        "office": office,
        "base_url": base_url,
        "rescheduling": rescheduling,
        "week": week,
        "previous_week": week - timedelta(days=7) if week > services.week_start(timezone.localdate()) else None,
        "next_week": week + timedelta(days=7),
        "days": days,
        "slot_count": len(slots),
        "form": form,
        "chosen": chosen,
        "alternatives": alternatives,
        "rules": rules,
        "profile": VisitProfile.of(host),
    }
    if request.htmx and request.method == "GET":
        return render(request, "visits/visit_book.html#week", context)
    return render(request, "visits/visit_book.html", context, status=status)


@require_GET
def visit_detail(request, pk):
    visit = _my_visit(request.user, pk)
    mine = visit.reflections.filter(author=request.user).first()
    theirs = visit.reflections.filter(author=visit.other_person(request.user), shared=True).first()
    happened = visit.ends_at <= timezone.now()
    return render(
        request,
        "visits/visit_detail.html",
        {
            "visit": visit,
            "other": visit.other_person(request.user),
            "is_host": visit.host_id == request.user.pk,
            "happened": happened,
            "can_change": visit.status == VisitStatus.CONFIRMED and visit.starts_at > timezone.now(),
            "can_mark_not_held": visit.can_mark_not_held(request.user),
            "can_mark_held": visit.can_mark_held(request.user),
            "end_form": EndVisitForm(),
            "reflection_form": ReflectionForm(instance=mine) if happened else None,
            "my_reflection": mine,
            "their_reflection": theirs,
        },
    )


@require_POST
def visit_held(request, pk):
    """Host or visitor says a past visit was not held (or was held after all); the history keeps who and when."""
    visit = _my_visit(request.user, pk)
    form = HeldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the visit was held."))
        return redirect(visit.get_absolute_url())
    try:
        if form.cleaned_data["held"] == HeldForm.NO:
            visit.mark_not_held(by=request.user)
            messages.success(request, _("The visit is recorded as not held."))
        else:
            visit.mark_held(by=request.user)
            messages.success(request, _("The visit is recorded as held."))
    except VisitError as error:
        messages.error(request, str(error))
    return redirect(visit.get_absolute_url())


def _end(request, pk, status, done_message):
    visit = _my_visit(request.user, pk)
    form = EndVisitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The message is too long."))
        return redirect(visit.get_absolute_url())
    try:
        services.end_visit(visit, request.user, status, form.cleaned_data["message"])
    except services.BookingError as error:
        messages.error(request, str(error))
        return redirect(visit.get_absolute_url())
    messages.success(request, done_message)
    return redirect("visits:index")


@require_POST
def visit_cancel(request, pk):
    return _end(request, pk, VisitStatus.CANCELLED, _("The visit is cancelled and your colleague is told."))


@require_POST
def visit_decline(request, pk):
    visit = _my_visit(request.user, pk)
    if visit.host_id != request.user.pk:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return _end(request, pk, VisitStatus.DECLINED, _("The visit is declined and the slot is free again."))


@require_POST
def reflection_update(request, pk):
    visit = _my_visit(request.user, pk)
    if visit.status != VisitStatus.CONFIRMED or visit.ends_at > timezone.now():
        messages.error(request, _("You can write a reflection once the visit has taken place."))
        return redirect(visit.get_absolute_url())
    instance = visit.reflections.filter(author=request.user).first() or Reflection(visit=visit, author=request.user)
    form = ReflectionForm(request.POST, instance=instance)
    if form.is_valid():
        form.save()
        if request.htmx:
            response = render(
                request, "visits/visit_detail.html#reflection", {"visit": visit, "reflection_form": form, "saved": True}
            )
            return trigger_client_event(response, "announce", {"message": _("Your reflection is saved.")})
        messages.success(request, _("Your reflection is saved."))
        return redirect(visit.get_absolute_url())
    context = {"visit": visit, "reflection_form": form}
    if request.htmx:
        return render(request, "visits/visit_detail.html#reflection", context)
    return render(
        request,
        "visits/visit_detail.html",
        {
            **context,
            "other": visit.other_person(request.user),
            "is_host": visit.host_id == request.user.pk,
            "happened": True,
            "can_change": False,
        },
        status=400,
    )


@require_GET
def visit_ics(request, pk):
    visit = _my_visit(request.user, pk)
    response = HttpResponse(calendar.visit_calendar(visit), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="besoeg-{visit.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def availability_update(request):
    """My weekly windows and one-off changes."""
    window_form = AvailabilityWindowForm(prefix="window")
    exception_form = AvailabilityExceptionForm(prefix="exception")
    profile = VisitProfile.objects.filter(person=request.user).first() or VisitProfile(person=request.user)
    profile_form = VisitProfileForm(instance=profile, prefix="profile")
    status = 200
    if request.method == "POST":
        if "save_profile" in request.POST:
            profile_form = VisitProfileForm(request.POST, instance=profile, prefix="profile")
            if profile_form.is_valid():
                profile_form.save()
                messages.success(request, _("Your visit profile was saved."))
                return redirect("visits:availability")
        elif "add_window" in request.POST:
            window_form = AvailabilityWindowForm(request.POST, prefix="window")
            if window_form.is_valid():
                window = window_form.save(commit=False)
                window.person = request.user
                window.save()
                messages.success(request, _("The window was added."))
                return redirect("visits:availability")
        else:
            exception_form = AvailabilityExceptionForm(request.POST, prefix="exception")
            if exception_form.is_valid():
                exception = exception_form.save(commit=False)
                exception.person = request.user
                exception.save()
                messages.success(request, _("The change was added."))
                return redirect("visits:availability")
        status = 400
    return render(
        request,
        "visits/availability.html",
        {
            "windows": AvailabilityWindow.objects.filter(person=request.user),
            "exceptions": AvailabilityException.objects.filter(person=request.user, date__gte=timezone.localdate()),
            "window_form": window_form,
            "exception_form": exception_form,
            "profile_form": profile_form,
        },
        status=status,
    )


@require_POST
def availability_delete(request, pk):
    window = get_object_or_404(AvailabilityWindow, pk=pk, person=request.user)
    window.delete()
    messages.success(request, _("The window was removed."))
    return redirect("visits:availability")


@require_POST
def exception_delete(request, pk):
    exception = get_object_or_404(AvailabilityException, pk=pk, person=request.user)
    exception.delete()
    messages.success(request, _("The change was removed."))
    return redirect("visits:availability")


PERIODS = {"30": 30, "90": 90, "182": 182, "365": 365}


@require_GET
def coverage(request, slug):
    """Who has visited whom in a period. Leaders and resource persons see all; staff their own row."""
    access = get_office_access(request.user, slug)
    office = access.office
    days = PERIODS.get(request.GET.get("days", "90"), 90)
    end = timezone.localdate()
    start = end - timedelta(days=days)
    start_at = datetime.combine(start, time.min, services.TZ)
    end_at = datetime.combine(end + timedelta(days=1), time.min, services.TZ)
    now = timezone.now()
    # The numbers above the matrix and the progress page's coverage share one definition (visits.models.Coverage).
    cover = office_coverage(office, start_at, end_at, now)
    flt = Q(office=office) & took_place_q(start_at, end_at, now)
    full = access.can_review
    members = list(
        Membership.objects.filter(office=office).select_related("person", "section").order_by("person__full_name")
    )
    initials = unique_initials(m.person for m in members)
    for m in members:
        m.short = initials[m.person_id]  # the column heads: "MO", "MOl", "MOs" (full name on hover, focus and aloud)
    pairs = Visit.objects.filter(flt).values("visitor_id", "host_id").annotate(n=Count("pk"))
    if not full:
        pairs = pairs.filter(Q(visitor=request.user) | Q(host=request.user))
    counts = {(p["visitor_id"], p["host_id"]): p["n"] for p in pairs}
    colleagues = max(len(members) - 1, 1)
    rows = []
    for m in members:
        if not full and m.person_id != request.user.pk:
            continue
        cells = []
        for h in members:
            n = 0 if h.person_id == m.person_id else counts.get((m.person_id, h.person_id), 0)
            cells.append({"host": h.person, "n": n, "self": h.person_id == m.person_id, "level": min(n, 3)})
        made = sum(c["n"] for c in cells)
        distinct = sum(1 for c in cells if c["n"])
        hosted = sum(n for (v, h), n in counts.items() if h == m.person_id)
        rows.append(
            {
                "person": m.person,
                "section": m.section,
                "cells": cells,
                "made": made,
                "hosted": hosted,
                "share": round(100 * distinct / colleagues),
            }
        )
    return render(
        request,
        "visits/coverage.html",
        {
            "office": office,
            "full": full,
            "rows": rows,
            "members": members,
            "days": days,
            "periods": PERIODS,
            "start": start,
            "end": end,
            "coverage": cover,
        },
    )


@require_http_methods(["GET", "POST"])
def settings_update(request, slug):
    """The office's visit rules: length, notice, horizon, monthly cap (office chief, resource persons)."""
    from offices.models import Role

    access = get_office_access(request.user, slug, roles={Role.OFFICE_CHIEF, Role.RESOURCE_PERSON})
    office = access.office
    form = VisitSettingsForm(
        request.POST if request.method == "POST" else None, instance=VisitSettings.for_office(office)
    )
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The visit rules were saved."))
            return redirect("visits:people", slug=office.slug)
        return render(request, "visits/settings.html", {"office": office, "form": form}, status=400)
    return render(request, "visits/settings.html", {"office": office, "form": form})
