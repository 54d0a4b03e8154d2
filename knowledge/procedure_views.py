"""Case procedures (sagsgange) per office: owner, review date, history; overdue reviews flagged."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from drafts.forms import clear_draft, offer_draft
from drafts.registry import key_for
from offices.access import LEADING_ROLES, get_for_office, get_office_access
from slf.conflicts import conflict_status, field_texts, save_unless_changed

from .forms import ProcedureForm
from .models import Procedure


@require_GET
def procedure_list(request, slug):
    access = get_office_access(request.user, slug)
    procedures = Procedure.objects.filter(office=access.office).select_related("owner", "office")
    context = {
        "office": access.office,
        "access": access,
        "procedures": procedures,
        "today": timezone.localdate(),
        "can_edit": access.has_role(LEADING_ROLES),
    }
    return render(request, "knowledge/procedure_list.html", context)


def _may_edit(request, access, procedure=None):
    return access.has_role(LEADING_ROLES) or (procedure is not None and procedure.owner_id == request.user.pk)


@require_http_methods(["GET", "POST"])
def procedure_create(request, slug):
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    form = ProcedureForm(request.POST if request.method == "POST" else None, office=access.office)
    if request.method == "POST":
        if form.is_valid():
            procedure = form.save(commit=False)
            procedure.office = access.office
            procedure.updated_by = request.user
            procedure.save()
            messages.success(request, _("The procedure was saved."))
            return redirect(procedure.get_absolute_url())
        return render(request, "knowledge/procedure_form.html", {"office": access.office, "form": form}, status=400)
    return render(request, "knowledge/procedure_form.html", {"office": access.office, "form": form})


@require_GET
def procedure_detail(request, slug, pk):
    from .history import procedure_history

    access = get_office_access(request.user, slug)
    procedure = get_for_office(Procedure.objects.select_related("owner", "updated_by", "office"), access.office, pk=pk)
    context = {
        "office": access.office,
        "procedure": procedure,
        "today": timezone.localdate(),
        "can_edit": _may_edit(request, access, procedure),
        "history": procedure_history(procedure),
    }
    return render(request, "knowledge/procedure_detail.html", context)


@require_http_methods(["GET", "POST"])
def procedure_update(request, slug, pk):
    """Leaders and the owner edit; saving with a new review date is how a review is recorded."""
    access = get_office_access(request.user, slug)
    procedure = get_for_office(Procedure.objects.all(), access.office, pk=pk)
    if not _may_edit(request, access, procedure):
        raise PermissionDenied
    form = ProcedureForm(request.POST if request.method == "POST" else None, instance=procedure, office=access.office)
    offer_draft(form, "body", request, key_for(procedure, "body"))
    context = {"office": access.office, "form": form, "procedure": procedure}
    if request.method == "POST":
        if form.is_valid():
            conflict = save_unless_changed(
                form.instance,
                form.seen_version,
                fields=["title", "body", "owner", "review_date"],
                describe=field_texts(["title", "body", "review_date"]),
                save=form.save,
                by=request.user,
            )
            if conflict:
                form.show_conflict(conflict)
                context["conflict"] = conflict
                return render(request, "knowledge/procedure_form.html", context, status=conflict_status(request))
            clear_draft(request.user, key_for(procedure, "body"))
            messages.success(request, _("The procedure was saved."))
            return redirect(procedure.get_absolute_url())
        return render(request, "knowledge/procedure_form.html", context, status=400)
    return render(request, "knowledge/procedure_form.html", context)
