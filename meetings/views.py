from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from drafts.forms import attach_drafts, clear_draft, offer_draft
from drafts.registry import key_for
from logbook import item_agreements
from notifications import outbox
from notifications.models import Delivery
from offices.access import LEADING_ROLES, get_office_access
from slf.conflicts import conflict_status, field_texts, save_unless_changed
from slf.forms import choose
from slf.http import invalid_form_status
from slf.input import next_url
from slf.registry import meeting_sections

from . import calendar, rhythm, services
from .access import get_meeting, get_series, visible_series
from .forms import (
    AgendaItemForm,
    AnswersForm,
    CarryForm,
    CommentForm,
    DeclineForm,
    MeetingTimeForm,
    MinutesForm,
    ProposalForm,
    SeriesForm,
    SeriesUpdateForm,
)
from .models import AgendaComment, AgendaItem, Meeting, MeetingSeries, MeetingStatus, ProposalStatus, TopicProposal
from .services import MeetingError, participants


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
    chosen = choose(request.GET, "series", MeetingSeries.objects.filter(pk__in=[s.pk for s in series]))
    series_id = str(chosen.pk) if chosen else ""
    meetings = Meeting.objects.filter(series__in=series).select_related("series")
    if chosen:
        meetings = meetings.filter(series=chosen)
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
    form = SeriesForm(
        request.POST if request.method == "POST" else None,
        initial={"start_date": timezone.localdate(), "start_time": "09:00"},
    )
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                series = form.save(commit=False)
                series.office = office
                series.participant_roles = form.cleaned_data["participant_roles"]
                series.save()
                made = rhythm.generate(series)
            messages.success(
                request,
                ngettext(
                    "The series was created with %(n)s meeting.", "The series was created with %(n)s meetings.", made
                )
                % {"n": made},
            )
            return redirect(series.get_absolute_url())
        return render(request, "meetings/series_form.html", {"office": office, "form": form}, status=400)
    return render(request, "meetings/series_form.html", {"office": office, "form": form})


@require_GET
def series_detail(request, pk):
    series, access = get_series(request.user, pk)
    now = timezone.now()
    return render(
        request,
        "meetings/series_detail.html",
        {
            "series": series,
            "access": access,
            "meetings": series.meetings.filter(starts_at__gte=now).order_by("starts_at")[:12],
            "past": series.meetings.filter(starts_at__lt=now).order_by("-starts_at")[:12],
            **_proposals_context(request, series, access),
            "people": participants(series),
        },
    )


@require_http_methods(["GET", "POST"])
def series_update(request, pk):
    """Change a series: rhythm, participants, before/after questions. Coming, untouched meetings follow the rhythm."""
    series, _access = get_series(request.user, pk, edit=True)
    form = SeriesUpdateForm(request.POST if request.method == "POST" else None, instance=series)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                form.save()
                made = services.regenerate(series)
            messages.success(request, _("The series was saved. %(n)s coming meetings follow the rhythm.") % {"n": made})
            return redirect(series.get_absolute_url())
        return render(request, "meetings/series_form.html", {"series": series, "form": form}, status=400)
    return render(request, "meetings/series_form.html", {"series": series, "form": form})


@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    """An ad hoc meeting in a series, outside its rhythm."""
    series, _access = get_series(request.user, pk, edit=True)
    form = MeetingTimeForm(
        request.POST if request.method == "POST" else None,
        with_title=True,
        future_only=False,
        initial={
            "date": timezone.localdate(),
            "start_time": series.start_time,
            "duration_minutes": series.duration_minutes,
            "location": series.location,
        },
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            meeting = Meeting.objects.create(
                series=series,
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["starts_at"] + timedelta(minutes=data["duration_minutes"]),
                location=data["location"],
            )
            messages.success(request, _("The meeting was added."))
            return redirect(meeting.get_absolute_url())
        return render(request, "meetings/meeting_form.html", {"series": series, "form": form}, status=400)
    return render(request, "meetings/meeting_form.html", {"series": series, "form": form})


@require_http_methods(["GET", "POST"])
def meeting_move(request, pk):
    """Move a single meeting to another time or place."""
    meeting, _access = get_meeting(request.user, pk, edit=True)
    local = timezone.localtime(meeting.starts_at)
    form = MeetingTimeForm(
        request.POST if request.method == "POST" else None,
        initial={
            "date": local.date(),
            "start_time": local.time(),
            "duration_minutes": meeting.duration_minutes,
            "location": meeting.location,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.move_meeting(meeting, data["starts_at"], data["duration_minutes"], data["location"])
        except MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting was moved."))
            return redirect(meeting.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/meeting_form.html", {"meeting": meeting, "form": form}, status=status)


def _agenda_context(request, meeting, access, form=None, agreement_form=None):
    # Prefetched onto the meeting, so the logbook's section reuses the same items without a query.
    prefetch_related_objects(
        [meeting],
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.select_related("presenter").prefetch_related(
                Prefetch("comments", queryset=AgendaComment.objects.select_related("author"))
            ),
        ),
    )
    items = list(meeting.agenda_items.all())
    # Each item carries what was agreed and decided there, and the form to add more (logbook/item_agreements.py).
    item_agreements.attach(request, meeting, access, items, bound=agreement_form)
    if services.can_write_minutes(meeting, access):  # "you have an unsaved draft" next to the minutes (drafts/)
        attach_drafts(request.user, [(meeting, "notes"), *((i, "minutes") for i in items)])
    total = sum(i.duration_minutes for i in items)
    takes_part = services.takes_part(meeting, request.user, access)
    return {
        "meeting": meeting,
        "access": access,
        "items": items,
        "total": total,
        "over": total > meeting.duration_minutes,
        "can_edit": access.can_edit and meeting.can_edit_agenda(),
        "can_comment": takes_part and services.comments_open(meeting),
        "can_write_minutes": services.can_write_minutes(meeting, access),
        "form": form or AgendaItemForm(meeting=meeting),
    }


def _proposals_context(request, series, access, meeting=None, form=None, handled=True):
    proposals = (
        TopicProposal.objects.filter(series=series, status=ProposalStatus.OPEN)
        .select_related("proposed_by")
        .annotate(
            support_count=Count("supporters"),
            supported=Exists(
                TopicProposal.supporters.through.objects.filter(
                    topicproposal_id=OuterRef("pk"), user_id=request.user.pk
                )
            ),
        )
        .order_by("-support_count", "created_at")
    )
    handled_proposals = (
        TopicProposal.objects.filter(series=series)
        .exclude(status=ProposalStatus.OPEN)
        .select_related("proposed_by", "agenda_item__meeting")
        .order_by("-created_at")[:10]
    )
    return {
        "series": series,
        "proposals": proposals,
        "handled_proposals": handled_proposals if handled else [],
        "proposal_form": form or ProposalForm(prefix="proposal"),
        "can_handle_proposals": access.can_edit,
        "target_meeting": meeting if meeting and meeting.can_edit_agenda() else None,
        "coming_meetings": Meeting.objects.filter(
            series=series, status__in=services.BEFORE, starts_at__gt=timezone.now()
        ).order_by("starts_at")[:6],
    }


def meeting_page_context(request, meeting, access, agreement_form=None):
    context = _agenda_context(request, meeting, access, agreement_form=agreement_form)
    series = meeting.series
    previous = services.previous_meeting(meeting)
    context.update(
        {
            "before": services.answers_for(series.before_questions, meeting.before_answers),
            "after": services.answers_for(series.after_questions, meeting.after_answers),
            "previous": previous,
            "previous_after": [a for a in (previous.after_answers if previous else []) if a.get("answer")],
            "can_publish": access.can_edit and meeting.can_publish_minutes(),
            "can_start": access.can_edit and meeting.can_start(),
            "is_leader": access.can_edit,
            # Mail exists only once the agenda was circulated or the minutes published: no query before.
            "mail": _mail_status(meeting)
            if access.can_edit and (meeting.agenda_circulated_at or meeting.minutes_published_at)
            else None,
            **_proposals_context(request, series, access, meeting, handled=False),
        }
    )
    return context


@require_GET
def meeting_detail(request, pk):
    meeting, access = get_meeting(request.user, pk, meetings=Meeting.objects.with_previous().with_office_headings())
    context = meeting_page_context(request, meeting, access)
    context["sections"] = _sections(request, meeting, access)
    return render(request, "meetings/meeting_detail.html", context)


def _sections(request, meeting, access):
    sections = []
    for section in meeting_sections():
        section_context = section.get_context(request, meeting, access)
        if section_context is not None:
            sections.append(render_to_string(section.template_name, section_context, request=request))
    return sections


def _agenda_response(request, meeting, access, message, form=None, status=200):
    if request.htmx:
        response = render(
            request,
            "meetings/meeting_detail.html#agenda",
            _agenda_context(request, meeting, access, form),
            status=status,
        )
        return trigger_client_event(response, "announce", {"message": message}) if message else response
    if form is not None and form.errors:
        context = meeting_page_context(request, meeting, access)
        context["form"] = form
        context["sections"] = []
        return render(request, "meetings/meeting_detail.html", context, status=status)
    if message:
        messages.success(request, message)
    return redirect(meeting.get_absolute_url() + "#agenda")


def _editable_meeting(request, pk):
    meeting, access = get_meeting(request.user, pk, edit=True)
    if not meeting.can_edit_agenda():
        raise PermissionDenied(_("The agenda of a meeting that has been held can't be changed."))
    return meeting, access


@require_POST
def agenda_item_create(request, pk):
    meeting, access = _editable_meeting(request, pk)
    form = AgendaItemForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _agenda_response(request, meeting, access, "", form=form, status=invalid_form_status(request))
    item = form.save(commit=False)
    item.meeting = meeting
    item.position = meeting.next_agenda_position()
    item.save()
    return _agenda_response(request, meeting, access, _("“%(title)s” was added to the agenda.") % {"title": item.title})


@require_http_methods(["GET", "POST"])
def agenda_item_update(request, pk, item_pk):
    """Edit an item in place (htmx swaps the row for a form) or on its own page without JavaScript."""
    meeting, access = _editable_meeting(request, pk)
    item = meeting.agenda_items.filter(pk=item_pk).first()
    if item is None:
        raise Http404
    form = AgendaItemForm(
        request.POST if request.method == "POST" else None, instance=item, meeting=meeting, prefix=f"item-{item.pk}"
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        conflict = save_unless_changed(
            item,
            form.seen_version,
            fields=["title", "kind", "duration_minutes", "presenter", "description"],
            describe=field_texts(["title", "description"]),
            save=form.save,
        )
        if conflict is None:
            clear_draft(request.user, key_for(item, "description"))
            response = _agenda_response(request, meeting, access, _("“%(title)s” was saved.") % {"title": item.title})
            if request.htmx:  # the form replaced one row; the saved agenda replaces the whole section
                response = reswap(retarget(response, "#agenda"), "outerHTML")
            return response
        form.show_conflict(conflict)
    offer_draft(form, "description", request, key_for(item, "description"))
    context = {"meeting": meeting, "item": item, "item_form": form, "conflict": conflict}
    status = 200 if request.method == "GET" else conflict_status(request) if conflict else invalid_form_status(request)
    template = "meetings/agenda_item_form.html#item-form" if request.htmx else "meetings/agenda_item_form.html"
    return render(request, template, context, status=status)


@require_POST
def agenda_item_delete(request, pk, item_pk):
    meeting, access = _editable_meeting(request, pk)
    item = meeting.agenda_items.filter(pk=item_pk).first()
    if item is None:
        raise Http404
    item.delete()
    return _agenda_response(request, meeting, access, _("The item was removed from the agenda."))


@require_POST
def agenda_item_move(request, pk, item_pk):
    """Move an item one place up or down (accessible buttons; no dragging needed)."""
    meeting, access = _editable_meeting(request, pk)
    with transaction.atomic():
        items = list(meeting.agenda_items.select_for_update().order_by("position", "pk"))
        index = next((i for i, it in enumerate(items) if it.pk == item_pk), None)
        if index is None:
            raise Http404
        other = index - 1 if request.POST.get("direction") == "up" else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
        for position, item in enumerate(items, start=1):
            item.position = position
        AgendaItem.objects.bulk_update(items, ["position"])
    return _agenda_response(request, meeting, access, _("The agenda order was changed."))


# Comments ------------------------------------------------------------------------------------------------------


@require_POST
def comment_create(request, pk, item_pk):
    """A participant comments on an agenda item before the meeting."""
    meeting, access = get_meeting(request.user, pk)
    item = meeting.agenda_items.filter(pk=item_pk).first()
    if item is None:
        raise Http404
    if not services.takes_part(meeting, request.user, access):
        raise PermissionDenied
    form = CommentForm(request.POST, prefix=f"comment-{item.pk}")
    if form.is_valid():
        try:
            services.add_comment(meeting, item, request.user, form.cleaned_data["text"])
        except MeetingError as error:
            form.add_error("text", str(error))
    if form.errors:
        context = {"meeting": meeting, "item": item, "comment_form": form, "can_comment": True}
        template = "meetings/comment_form.html#comments" if request.htmx else "meetings/comment_form.html"
        return render(request, template, context, status=invalid_form_status(request))
    message = _("Your comment was added.")
    if request.htmx:
        context = {
            "meeting": meeting,
            "item": item,
            "comment_form": CommentForm(prefix=f"comment-{item.pk}"),
            "can_comment": True,
            "focus": True,
        }
        response = render(request, "meetings/comment_form.html#comments", context)
        return trigger_client_event(response, "announce", {"message": message})
    messages.success(request, message)
    return redirect(f"{meeting.get_absolute_url()}#comments-{item.pk}")


# Topic proposals -----------------------------------------------------------------------------------------------


def _get_proposal(request, proposal_pk):
    proposal = TopicProposal.objects.select_related("series").filter(pk=proposal_pk).first()
    access = get_series(request.user, proposal.series_id)[1] if proposal else None
    if access is None:
        raise Http404
    return proposal, access


def _back(request, series):
    """Back to where the person came from: a meeting page or the series page (never off-site)."""
    return HttpResponseRedirect(next_url(request, series.get_absolute_url(), "#proposals"))


@require_POST
def proposal_create(request, pk):
    """Propose a topic for a coming meeting of the series; it waits in the backlog until handled."""
    series, _access = get_series(request.user, pk)
    form = ProposalForm(request.POST, prefix="proposal")
    if not form.is_valid():
        context = {"series": series, "proposal_form": form, "next": request.POST.get("next", "")}
        return render(request, "meetings/proposal_form.html", context, status=400)
    proposal = form.save(commit=False)
    proposal.series = series
    proposal.proposed_by = request.user
    proposal.save()
    messages.success(request, _("Thank you. Your topic is in the list of proposals."))
    return _back(request, series)


@require_POST
def proposal_support(request, proposal_pk):
    """Support a proposal, or take the support back."""
    proposal, _access = _get_proposal(request, proposal_pk)
    if proposal.status == ProposalStatus.OPEN:
        if proposal.supporters.filter(pk=request.user.pk).exists():
            proposal.supporters.remove(request.user)
            messages.success(request, _("You no longer support “%(title)s”.") % {"title": proposal.title})
        else:
            proposal.supporters.add(request.user)
            messages.success(request, _("You support “%(title)s”.") % {"title": proposal.title})
    return _back(request, proposal.series)


@require_POST
def proposal_accept(request, proposal_pk):
    """Turn a proposal into an agenda item of a coming meeting."""
    proposal, access = _get_proposal(request, proposal_pk)
    if not access.can_edit:
        raise PermissionDenied
    meeting = choose(request.POST, "meeting", Meeting.objects.filter(series_id=proposal.series_id))
    try:
        if meeting is None:
            raise MeetingError(_("Choose a coming meeting of the same series."))
        services.accept_proposal(proposal, meeting)
    except MeetingError as error:
        messages.error(request, str(error))
        return _back(request, proposal.series)
    messages.success(request, _("“%(title)s” is on the agenda.") % {"title": proposal.title})
    return redirect(meeting.get_absolute_url() + "#agenda")


@require_http_methods(["GET", "POST"])
def proposal_decline(request, proposal_pk):
    proposal, access = _get_proposal(request, proposal_pk)
    if not access.can_edit:
        raise PermissionDenied
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_proposal(proposal, form.cleaned_data["reason"])
        except MeetingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The proposal was declined."))
        return _back(request, proposal.series)
    status = 400 if request.method == "POST" else 200
    context = {"proposal": proposal, "form": form, "next": request.GET.get("next") or request.POST.get("next", "")}
    return render(request, "meetings/proposal_decline.html", context, status=status)


# Before / after ------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def answers_update(request, pk, part):
    """Fill in the series' before or after template for this meeting."""
    meeting, _access = get_meeting(request.user, pk, edit=True)
    if part not in ("before", "after") or meeting.status == MeetingStatus.CANCELLED:
        raise Http404
    series = meeting.series
    questions = series.before_questions if part == "before" else series.after_questions
    field, version_field = f"{part}_answers", f"{part}_answers_version"
    form = AnswersForm(
        request.POST if request.method == "POST" else None,
        rows=services.answers_for(questions, getattr(meeting, field)),
        version=getattr(meeting, version_field),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        order = [row["question"] for row in form.rows]

        def describe(m):
            given = {a.get("question"): a.get("answer", "") for a in getattr(m, field)}
            return [(question, given.get(question, "")) for question in order]

        setattr(meeting, field, form.answers())
        conflict = save_unless_changed(
            meeting, form.seen_version, fields=[field], describe=describe, version_field=version_field
        )
        if conflict is None:
            messages.success(request, _("Saved."))
            return redirect(f"{meeting.get_absolute_url()}#{part}")
        form.show_conflict(conflict)
    status = (conflict_status(request) if conflict else 400) if request.method == "POST" else 200
    previous = services.previous_meeting(meeting) if part == "before" else None
    context = {
        "meeting": meeting,
        "form": form,
        "part": part,
        "previous_after": [a for a in (previous.after_answers if previous else []) if a.get("answer")],
        "conflict": conflict,
    }
    return render(request, "meetings/answers_form.html", context, status=status)


# Minutes -------------------------------------------------------------------------------------------------------


def _minutes_draft_key(target):
    return key_for(target, "minutes" if isinstance(target, AgendaItem) else "notes")


def _minutes_target(meeting, item_pk):
    if item_pk is None:
        return meeting, meeting.notes, meeting.notes_version
    item = meeting.agenda_items.filter(pk=item_pk).first()
    if item is None:
        raise Http404
    return item, item.minutes, item.minutes_version


@require_http_methods(["GET", "POST"])
def minutes_update(request, pk, item_pk=None):
    """Write the minutes of one agenda item (or the general note) in place; concurrent saves become a conflict view."""
    meeting, access = get_meeting(request.user, pk)
    if not services.can_write_minutes(meeting, access):
        raise PermissionDenied
    target, text, version = _minutes_target(meeting, item_pk)
    item = target if item_pk is not None else None
    form = MinutesForm(request.POST if request.method == "POST" else None, initial={"text": text, "version": version})
    draft_key = _minutes_draft_key(target)
    conflict = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            result = services.save_minutes(target, form.cleaned_data["text"], form.cleaned_data["version"])
            if not isinstance(result, services.Conflict):
                clear_draft(request.user, draft_key)
                message = _("The minutes were saved.")
                if request.htmx:
                    target.refresh_from_db()
                    context = {"meeting": meeting, "item": item, "can_write_minutes": True, "focus": True}
                    response = render(request, "meetings/minutes_form.html#minutes-text", context)
                    return trigger_client_event(response, "announce", {"message": message})
                messages.success(request, message)
                if item and request.POST.get("room") == reverse("meetings:room-item", args=[meeting.pk, item.pk]):
                    return redirect(request.POST["room"])  # written in the room view: back there
                anchor = f"minutes-item-{item.pk}" if item else "minutes-notes"
                return redirect(f"{meeting.get_absolute_url()}#{anchor}")
            conflict = result
            form = MinutesForm(initial={"text": result.mine, "version": result.version})
            status = invalid_form_status(request, plain=409)
        else:
            status = invalid_form_status(request)
    # The person's draft comes back into the form (with the version it was based on); never over a conflict.
    offer_draft(form, "text", request, draft_key, restore=conflict is None)
    context = {"meeting": meeting, "item": item, "form": form, "conflict": conflict}
    if request.htmx:
        return render(request, "meetings/minutes_form.html#minutes-form", context, status=status)
    return _minutes_page(request, meeting, access, context, status=status)


def _minutes_page(request, meeting, access, context, status=200, agreement_form=None):
    """The minutes page of one item (or the general note). An item's page holds the item's agreement fields in
    the same form as its minutes, so "Add" without JavaScript posts both: item_agreement_create saves the
    minutes first, and nothing typed is lost."""
    item = context["item"]
    form = context.get("form")
    if form is not None and not hasattr(form, "draft_states"):
        key = _minutes_draft_key(item if item is not None else meeting)
        offer_draft(form, "text", request, key, restore=context.get("conflict") is None)
    if item is not None:
        item_agreements.attach(request, meeting, access, [item], bound=agreement_form)
    return render(request, "meetings/minutes_form.html", {**context, "with_agreements": True}, status=status)


@require_POST
def item_agreement_create(request, pk, item_pk):
    """Add an agreement or a decision at one agenda item, in place, while its minutes are being written.

    htmx: only the item's agreements are swapped (the minutes textarea is never touched). A plain post from the
    item's minutes page carries the minutes too: they are saved first through the version check (a conflict
    shows both texts and adds nothing), then the agreement is added and the person is back where they were.
    """
    meeting, access = get_meeting(request.user, pk)
    office = item_agreements.agreements_office(meeting, access)
    if office is None or not item_agreements.may_add(meeting, access):
        raise PermissionDenied
    item, _text, _version = _minutes_target(meeting, item_pk)
    form = item_agreements.bind(request, meeting, access, item)
    shared = request.POST.get("place") == "minutes"
    back = next_url(request, meeting.get_absolute_url())  # the page the form is on: the meeting, the room, ...
    minutes = None
    if "text" in request.POST and not request.htmx:
        if not services.can_write_minutes(meeting, access):
            raise PermissionDenied
        minutes = MinutesForm(request.POST)
        page = {"meeting": meeting, "item": item, "form": minutes, "conflict": None}
        if not minutes.is_valid():
            form.is_valid()  # the agreement's own errors show too; nothing is saved
            return _minutes_page(request, meeting, access, page, status=400, agreement_form=form)
        result = services.save_minutes(item, minutes.cleaned_data["text"], minutes.cleaned_data["version"])
        if not isinstance(result, services.Conflict):
            clear_draft(request.user, _minutes_draft_key(item))
        if isinstance(result, services.Conflict):
            page["conflict"] = result
            page["form"] = MinutesForm(initial={"text": result.mine, "version": result.version})
            messages.warning(
                request, _("Someone else saved these minutes meanwhile: merge the texts, then add the agreement again.")
            )
            return _minutes_page(request, meeting, access, page, status=409, agreement_form=form)
        minutes = MinutesForm(initial={"text": item.minutes, "version": result})
    if form.is_valid():
        entry = form.save(office=office, author=request.user)
        message = item_agreements.added_message(entry)
        if request.htmx:
            item_agreements.attach(request, meeting, access, [item], focus=True)
            context = {"meeting": meeting, "item": item, "added": message, "shared": shared, "agreements_next": back}
            response = render(request, "logbook/_item_agreements.html#item-agreements", context)
            return trigger_client_event(response, "announce", {"message": message})
        if minutes is not None:
            message = f"{_('The minutes were saved.')} {message}"
        messages.success(request, message)
        return redirect(f"{back}#agreements-item-{item.pk}")
    if request.htmx:
        item_agreements.attach(request, meeting, access, [item], bound=form)
        context = {"meeting": meeting, "item": item, "shared": shared, "agreements_next": back}
        return render(
            request, "logbook/_item_agreements.html#item-agreements", context, status=invalid_form_status(request)
        )
    if minutes is not None:
        page = {"meeting": meeting, "item": item, "form": minutes, "conflict": None}
        return _minutes_page(request, meeting, access, page, status=400, agreement_form=form)
    context = meeting_page_context(request, meeting, access, agreement_form=form)
    context["sections"] = _sections(request, meeting, access)
    context["agreements_next"] = meeting.get_absolute_url()
    return render(request, "meetings/meeting_detail.html", context, status=400)


@require_POST
def minutes_publish(request, pk):
    meeting, _access = get_meeting(request.user, pk, edit=True)
    try:
        sent = services.publish_minutes(meeting, request.user)
    except MeetingError as error:
        messages.error(request, str(error))
    else:
        message = ngettext(
            "The minutes are published and are being sent to %(n)s participant.",
            "The minutes are published and are being sent to %(n)s participants.",
            len(sent),
        ) % {"n": len(sent)}
        messages.success(request, _with_digests(message, sent.digested))
    return redirect(meeting.get_absolute_url())


@require_GET
def minutes_detail(request, pk):
    """The minutes as one readable, printable page for every member of the office."""
    from . import history, pdf

    meeting, access = get_meeting(request.user, pk)
    return render(
        request,
        "meetings/minutes_detail.html",
        {
            **_minutes_context(meeting, access),
            "pdf_missing": pdf.unavailable_message(),
            "corrections": history.corrections(meeting) if meeting.minutes_published_at else [],
        },
    )


def _minutes_context(meeting, access):
    from .minutes import minutes_record

    return {
        "meeting": meeting,
        "access": access,
        **minutes_record(meeting),
        "after": [a for a in meeting.after_answers if a.get("answer")],
    }


@require_GET
def minutes_pdf(request, pk):
    """The minutes as PDF/A (the same content as the page, meetings/_minutes_record.html) for journalising."""
    from . import pdf

    meeting, access = get_meeting(request.user, pk)
    office = meeting.series.office
    context = {
        **_minutes_context(meeting, access),
        "office_name": office.name if office else meeting.series.administration.name,
        "participants": list(services.participants(meeting).order_by("full_name")),
    }
    try:
        body = pdf.minutes_pdf(meeting, context, request=request)
    except pdf.PdfUnavailable as missing:
        return HttpResponse(str(missing), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type="application/pdf")
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    response["Content-Disposition"] = f'attachment; filename="referat-{meeting.pk}-{day}.pdf"'
    return response


@require_GET
def meeting_ics(request, pk):
    meeting, _access = get_meeting(request.user, pk)
    response = HttpResponse(calendar.meeting_calendar(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="moede-{meeting.pk}.ics"'
    return response


@require_POST
def meeting_circulate(request, pk):
    """Queue the agenda for the participants who want agendas by e-mail; the page then shows what was sent."""
    meeting, _access = get_meeting(request.user, pk, edit=True)
    try:
        sent = services.circulate_agenda(meeting, by=request.user)
    except MeetingError as error:
        messages.error(request, str(error))
    else:
        message = ngettext(
            "The agenda is being sent to %(n)s participant.",
            "The agenda is being sent to %(n)s participants.",
            len(sent),
        ) % {"n": len(sent)}
        messages.success(request, _with_digests(message, sent.digested))
    return redirect(meeting.get_absolute_url())


def _with_digests(message: str, digested: int) -> str:
    """The sender's message, and how many get it in their digest instead of at once."""
    if not digested:
        return message
    more = ngettext(
        "%(n)s other participant gets it in their daily or weekly digest.",
        "%(n)s other participants get it in their daily or weekly digest.",
        digested,
    ) % {"n": digested}
    return f"{message} {more}"


def _mail_status(meeting):
    return outbox.status(meeting, meeting.get_absolute_url(), reverse("meetings:meeting-mail-retry", args=[meeting.pk]))


@require_POST
def meeting_mail_retry(request, pk):
    """Queue the meeting's failed e-mails again (leaders); the page shows them waiting."""
    meeting, _access = get_meeting(request.user, pk, edit=True)
    queued = outbox.retry(Delivery.objects.about(meeting))
    message = ngettext("%(n)s e-mail is queued again.", "%(n)s e-mails are queued again.", queued) % {"n": queued}
    if request.htmx:
        response = render(request, "notifications/_deliveries.html", {"mail": _mail_status(meeting)})
        return trigger_client_event(response, "announce", {"message": message})
    messages.success(request, message)
    return redirect(meeting.get_absolute_url() + "#mail-status")


@require_POST
def meeting_cancel(request, pk):
    """Cancel one meeting with a reason; calendars get a CANCELLED update."""
    meeting, _access = get_meeting(request.user, pk, edit=True)
    try:
        with transaction.atomic():
            meeting.cancel(by=request.user, reason=request.POST.get("reason", ""))  # raises SEQUENCE too
            services.send_calendar_update(meeting)  # the cancellation, to those who had the agenda
    except MeetingError as error:
        messages.error(request, str(error))
        return redirect(meeting.get_absolute_url())
    messages.success(request, _("The meeting is cancelled."))
    return redirect(meeting.get_absolute_url())


@require_http_methods(["GET", "POST"])
def attendance_update(request, pk):
    """Attendance for every participant from one screen: present, absent or excused."""
    from .models import Attendance, AttendanceStatus

    meeting, _access = get_meeting(request.user, pk, edit=True)
    if not meeting.can_record_attendance():
        raise PermissionDenied(_("A cancelled meeting has no attendance."))
    people = list(participants(meeting))
    current = {a.person_id: a.status for a in Attendance.objects.filter(meeting=meeting)}
    errors = []
    everyone = request.method == "POST" and bool(request.POST.get("all_present"))
    if request.method == "POST":
        choices = {}
        for person in people:
            value = AttendanceStatus.PRESENT if everyone else request.POST.get(f"attendance-{person.pk}", "")
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
                if meeting.is_before and choices:  # recorded afterwards: the meeting was held without the room
                    meeting.finish(by=request.user)
            present = sum(v == "present" for v in choices.values())
            if everyone:  # "Alle til stede": then the exceptions, on the same screen
                messages.success(
                    request, _("Everyone is marked present (%(n)s). Now change the exceptions.") % {"n": present}
                )
                return redirect(request.get_full_path())
            messages.success(request, _("Attendance saved: %(n)s present.") % {"n": present})
            return redirect(next_url(request, meeting.get_absolute_url()))
        current.update({p.pk: request.POST.get(f"attendance-{p.pk}", "") for p in people})
    rows = [{"person": p, "status": current.get(p.pk, "")} for p in people]
    return render(
        request,
        "meetings/attendance.html",
        {"meeting": meeting, "rows": rows, "choices": AttendanceStatus.choices, "errors": errors},
        status=400 if errors else 200,
    )


# In the meeting: the room view, starting and ending, carrying items on -----------------------------------------


def _room_item(items, item_pk, meeting):
    """The item asked for; without one, the item whose time box holds the clock (in progress), else the first."""
    if item_pk is not None:
        item = next((i for i in items if i.pk == item_pk), None)
        if item is None:
            raise Http404
        return item
    if meeting.is_in_progress:
        now = timezone.now()
        running = next((i for i in items if i.slot_start <= now < i.slot_end), None)
        if running is not None:
            return running
    return items[0] if items else None


def _time_left(item, now) -> str:
    """What the countdown starts from, rendered by the server (countdown.js keeps it going): the same texts."""
    if now < item.slot_start:
        text, seconds = _("Starts in {time}"), (item.slot_start - now).total_seconds()
    elif now < item.slot_end:
        text, seconds = _("{time} left"), (item.slot_end - now).total_seconds()
    else:
        text, seconds = _("{time} over time"), (now - item.slot_end).total_seconds()
    minutes, seconds = divmod(int(seconds), 60)
    return text.replace("{time}", f"{minutes}:{seconds:02d}")


@require_GET
def meeting_room(request, pk, item_pk=None):
    """ "In the meeting": the current item big and clear for the resource person (a projector or a laptop), its
    time box as clock times from the meeting's start, the time left (countdown.js; the times and the navigation
    work without it), its minutes and agreements, previous/next item. Opening it can start the meeting."""
    meeting, access = get_meeting(request.user, pk, edit=True)
    items = list(meeting.agenda_items.select_related("presenter"))
    meeting.timetable(items)
    item = _room_item(items, item_pk, meeting)
    context = {
        "meeting": meeting,
        "access": access,
        "items": items,
        "item": item,
        "can_start": meeting.can_start(),
        "can_finish": meeting.can_finish(),
        "can_carry": meeting.can_carry_items(),
        "can_write_minutes": services.can_write_minutes(meeting, access),
        "next_meeting": services.next_meeting(meeting) if meeting.can_carry_items() else None,
        "now": timezone.now(),
    }
    if item is not None:
        index = items.index(item)
        context["previous_item"] = items[index - 1] if index > 0 else None
        context["next_item"] = items[index + 1] if index + 1 < len(items) else None
        context["position"] = index + 1
        context["room_url"] = reverse("meetings:room-item", args=[meeting.pk, item.pk])
        context["carried"] = services.carried_agreements(item)
        if meeting.is_in_progress:
            context["time_left"] = _time_left(item, context["now"])
        if context["can_write_minutes"]:
            form = MinutesForm(initial={"text": item.minutes, "version": item.minutes_version})
            offer_draft(form, "text", request, _minutes_draft_key(item))
            context["form"] = form
        item_agreements.attach(request, meeting, access, [item])
    return render(request, "meetings/meeting_room.html", context)


@require_POST
def meeting_start(request, pk):
    """Start the meeting from the room view: in progress from now, with who started it."""
    meeting, _access = get_meeting(request.user, pk, edit=True)
    try:
        meeting.start(by=request.user)
    except MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The meeting has started."))
    return redirect(next_url(request, reverse("meetings:room", args=[meeting.pk])))


@require_POST
def meeting_finish(request, pk):
    """End the meeting: it is held; the minutes are then finished and published from the meeting page."""
    meeting, _access = get_meeting(request.user, pk, edit=True)
    try:
        meeting.finish(by=request.user)
    except MeetingError as error:
        messages.error(request, str(error))
        return redirect(reverse("meetings:room", args=[meeting.pk]))
    messages.success(request, _("The meeting has ended. Check the minutes and publish them."))
    return redirect(meeting.get_absolute_url() + "#minutes")


@require_POST
def agenda_item_carry(request, pk, item_pk):
    """Move or copy an item to the series' next meeting, or send an item not reached back to the backlog."""
    meeting, _access = get_meeting(request.user, pk, edit=True)
    item = meeting.agenda_items.filter(pk=item_pk).first()
    if item is None:
        raise Http404
    form = CarryForm(request.POST)
    back = next_url(request, reverse("meetings:room-item", args=[meeting.pk, item.pk]))
    if not form.is_valid():
        messages.error(request, _("Choose whether to move, copy or put the item in the backlog."))
        return redirect(back)
    how = form.cleaned_data["how"]
    try:
        if how == "backlog":
            services.item_to_backlog(item, request.user)
            message = _("“%(title)s” is back in the series' list of proposals.") % {"title": item.title}
        else:
            new = services.carry_item(item, request.user, move=how == "move")
            when = formats.date_format(timezone.localtime(new.meeting.starts_at), "DATE_FORMAT")
            message = (
                _("“%(title)s” was moved to the meeting on %(when)s.")
                if how == "move"
                else _("“%(title)s” was copied to the meeting on %(when)s.")
            ) % {"title": item.title, "when": when}
    except MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message)
    return redirect(back)
