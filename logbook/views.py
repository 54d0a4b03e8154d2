from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from accounts.models import User
from drafts.forms import clear_draft, offer_draft
from drafts.registry import key_for
from offices.access import LEADING_ROLES, get_for_office, get_office_access, visible_offices
from slf.conflicts import conflict_status, field_texts, save_unless_changed
from slf.input import next_url
from slf.spreadsheets import cell_safe, write_sheet, xlsx_response

from . import search
from .filters import EntryFilter
from .forms import EntryForm, StatusForm
from .history import entry_history
from .models import AgreementStatus, Attachment, Entry

PAGE_SIZE = 25


def _entries(office):
    return (
        Entry.objects.filter(office=office)
        .select_related("heading", "author", "office")
        .prefetch_related(Prefetch("responsible", queryset=User.objects.order_by("full_name")))
    )


@require_GET
def logbook_index(request):
    """The logbook of my office, or a choice when I see several."""
    offices = list(visible_offices(request.user).select_related("administration"))
    if len(offices) == 1:
        return redirect("logbook:entry-list", slug=offices[0].slug)
    return render(request, "logbook/index.html", {"offices": offices})


@require_GET
def entry_list(request, slug):
    """The office's logbook: newest first, filters, Danish full-text search, pages."""
    access = get_office_access(request.user, slug)
    office = access.office
    entry_filter = EntryFilter(request.GET or None, queryset=_entries(office), office=office)
    results = entry_filter.qs
    page = search.FoundPaginator(results, PAGE_SIZE, found=entry_filter.found).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "office": office,
        "access": access,
        "filter": entry_filter,
        "page": page,
        "query": query.urlencode(),
        "today": timezone.localdate(),
        "searching": bool(request.GET.get("q", "").strip()),
        "ranked": search.RANKED,
        "status_choices": AgreementStatus.choices,
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, "logbook/entry_list.html#results", context)
    return render(request, "logbook/entry_list.html", context)


@require_http_methods(["GET", "POST"])
def entry_create(request, slug):
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    office = access.office
    initial = {"kind": request.GET.get("kind", "activity"), "date": timezone.localdate()}
    form = EntryForm(request.POST if request.method == "POST" else None, office=office, initial=initial)
    offer_draft(form, "text", request, key_for(office, "new_entry"))  # a new entry's text: one draft per office
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                entry = form.save(commit=False)
                entry.office = office
                entry.author = request.user
                entry.set_status(form.cleaned_data["status"])
                entry.save()
                form.save_m2m()
            clear_draft(request.user, key_for(office, "new_entry"))
            messages.success(request, _("“%(title)s” was added to the logbook.") % {"title": entry.title})
            return redirect("logbook:entry-list", slug=office.slug)
        return render(request, "logbook/entry_form.html", {"office": office, "form": form}, status=400)
    return render(request, "logbook/entry_form.html", {"office": office, "form": form})


@require_http_methods(["GET", "POST"])
def entry_update(request, slug, pk):
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    office = access.office
    entry = get_for_office(Entry.objects.all(), office, pk=pk)
    form = EntryForm(request.POST if request.method == "POST" else None, instance=entry, office=office)
    offer_draft(form, "text", request, key_for(entry, "text"))
    context = {"office": office, "form": form, "entry": entry}
    if request.method == "POST":
        if form.is_valid():

            def write():
                form.instance.set_status(form.cleaned_data["status"])
                form.save()

            conflict = save_unless_changed(
                entry,
                form.seen_version,
                fields=[*EntryForm.Meta.fields, "closed_at"],
                describe=field_texts(["title", "text"]),
                save=write,
            )
            if conflict is None:
                clear_draft(request.user, key_for(entry, "text"))
                messages.success(request, _("The entry was saved."))
                return redirect(entry.get_absolute_url())
            form.show_conflict(conflict)
            context["conflict"] = conflict
            return render(request, "logbook/entry_form.html", context, status=conflict_status(request))
        return render(request, "logbook/entry_form.html", context, status=400)
    return render(request, "logbook/entry_form.html", context)


@require_GET
def entry_detail(request, slug, pk):
    access = get_office_access(request.user, slug)
    entry = get_for_office(_entries(access.office), access.office, pk=pk)
    prefetch_related_objects(
        [entry], Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by"))
    )
    return render(
        request,
        "logbook/entry_detail.html",
        {
            "office": access.office,
            "access": access,
            "entry": entry,
            "history": entry_history(entry),
            "can_change_status": _may_change_status(request.user, access, entry),
            "status_form": StatusForm(initial={"status": entry.status, "closing_note": entry.closing_note}),
            "today": timezone.localdate(),
            "max_bytes": settings.ATTACHMENT_MAX_BYTES,
        },
    )


def _may_change_status(user, access, entry) -> bool:
    return entry.is_agreement and (access.can_edit or any(p.pk == user.pk for p in entry.responsible.all()))


@require_POST
def agreement_status_update(request, slug, pk):
    """Change an agreement's status in place (htmx) or by a plain form post."""
    access = get_office_access(request.user, slug)
    entry = get_for_office(_entries(access.office), access.office, pk=pk)
    if not _may_change_status(request.user, access, entry):
        raise PermissionDenied
    form = StatusForm(request.POST)
    # The row again, for htmx: its select shows the status now stored, its form returns to the same page.
    row_context = {
        "entry": entry,
        "office": access.office,
        "access": access,
        "today": timezone.localdate(),
        "next": next_url(request, entry.get_absolute_url()),
    }
    if form.is_valid():
        entry.set_status(form.cleaned_data["status"], form.cleaned_data["closing_note"])
        entry.save(update_fields=["status", "closing_note", "closed_at", "updated_at"])
        text = _("“%(title)s” is now %(status)s.") % {"title": entry.title, "status": entry.get_status_display()}
        if request.htmx:
            response = render(request, "logbook/entry_list.html#entry-row", {**row_context, "row_message": text})
            # The Follow-up's counts listen for this and refresh themselves.
            trigger_client_event(response, "agreement-status-changed", {"pk": entry.pk})
            return trigger_client_event(response, "announce", {"message": text})
        messages.success(request, text)
    else:
        messages.error(request, _("Choose a valid status."))
        if request.htmx:
            return trigger_client_event(
                render(
                    request,
                    "logbook/entry_list.html#entry-row",
                    {**row_context, "row_message": _("Choose a valid status.")},
                ),
                "announce",
                {"message": _("Choose a valid status.")},
            )
    return HttpResponseRedirect(next_url(request, entry.get_absolute_url()))


EXPORT_FIELDS = ["date", "kind", "title", "heading", "author", "responsible", "due_date", "status", "text"]
#: The XLSX columns' widths in characters, in the order of EXPORT_FIELDS.
EXPORT_WIDTHS = [12, 14, 40, 28, 24, 32, 12, 12, 80]


@require_GET
def entry_export(request, slug, fmt):
    """The filtered logbook as CSV or XLSX, with column headers in the reader's language."""
    import csv
    import io

    from django.http import Http404, HttpResponse

    if fmt not in {"csv", "xlsx"}:
        raise Http404("Unknown format.")
    access = get_office_access(request.user, slug)
    office = access.office
    entries = EntryFilter(request.GET or None, queryset=_entries(office), office=office).qs
    headers = [str(Entry._meta.get_field(f).verbose_name).capitalize() for f in EXPORT_FIELDS]

    def row(e):
        return [
            e.date,
            e.get_kind_display(),
            e.title,
            e.heading.name if e.heading else "",
            e.author.full_name,
            ", ".join(p.full_name for p in e.responsible.all()),
            e.due_date,
            e.get_status_display(),
            e.text,
        ]

    filename = f"logbog-{office.slug}-{timezone.localdate().isoformat()}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(headers)
        for e in entries.iterator(chunk_size=500):
            writer.writerow([cell_safe(v) for v in row(e)])
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)  # streamed: the widths are set before the rows
    sheet = workbook.create_sheet(str(_("Logbook"))[:31])
    write_sheet(sheet, headers, (row(e) for e in entries.iterator(chunk_size=500)), widths=EXPORT_WIDTHS)
    return xlsx_response(workbook, filename)


def _office_meeting(request, slug, meeting_pk):
    """The meeting of an office the user leads (404 for another office's meeting)."""
    from django.http import Http404

    from meetings.access import get_meeting

    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    meeting, meeting_access = get_meeting(request.user, meeting_pk)
    if meeting.series.office_id and meeting.series.office_id != access.office.pk:
        raise Http404("The meeting belongs to another office.")
    return access, meeting, meeting_access


def _meeting_page_with_errors(request, meeting, meeting_access, access, **forms):
    """The meeting page again, with the logbook section showing the invalid form next to its fields."""
    from django.template.loader import render_to_string

    from meetings.views import meeting_page_context

    from .meeting_section import followup_context

    context = meeting_page_context(request, meeting, meeting_access)
    context["sections"] = [
        render_to_string(
            "logbook/_meeting_followup.html", followup_context(request, meeting, access, **forms), request=request
        )
    ]
    return render(request, "meetings/meeting_detail.html", context, status=400)


@require_POST
def meeting_agreement_create(request, slug, meeting_pk):
    """Add an agreement while taking minutes; it is linked to the meeting (and agenda item)."""
    from .meeting_section import QuickAgreementForm

    access, meeting, meeting_access = _office_meeting(request, slug, meeting_pk)
    office = access.office
    form = QuickAgreementForm(request.POST, office=office, meeting=meeting, prefix="agreement")
    if form.is_valid():
        item = meeting.agenda_items.filter(pk=form.cleaned_data["agenda_item"]).first()
        with transaction.atomic():
            entry = Entry.objects.create(
                office=office,
                kind="agreement",
                title=form.cleaned_data["title"],
                author=request.user,
                date=timezone.localtime(meeting.starts_at).date(),
                meeting=meeting,
                agenda_item=item,
                due_date=form.cleaned_data["due_date"],
                status=AgreementStatus.OPEN,
            )
            entry.responsible.set(form.cleaned_data["responsible"])
        messages.success(request, _("“%(title)s” was added to the logbook.") % {"title": entry.title})
        return redirect(meeting.get_absolute_url() + "#followup")
    return _meeting_page_with_errors(request, meeting, meeting_access, access, form=form)


@require_POST
def meeting_circle_link(request, slug, meeting_pk):
    """Point an agenda item of the meeting to a learning circle of the office."""
    from .meeting_section import CircleLinkForm, office_circles

    access, meeting, meeting_access = _office_meeting(request, slug, meeting_pk)
    circles = office_circles(meeting, access.office)
    form = CircleLinkForm(request.POST, meeting=meeting, circles=circles, prefix="circle")
    if form.is_valid():
        circle = form.cleaned_data["circle"]
        circle.agenda_items.add(form.cleaned_data["agenda_item"])
        messages.success(
            request,
            _("“%(item)s” now points to the learning circle “%(circle)s”.")
            % {"item": form.cleaned_data["agenda_item"].title, "circle": circle.title},
        )
        return redirect(meeting.get_absolute_url() + "#meeting-circles")
    return _meeting_page_with_errors(request, meeting, meeting_access, access, circle_form=form)
