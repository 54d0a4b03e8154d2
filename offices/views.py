from itertools import groupby

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from slf.forms import save_unique

from .access import HEAD_OF_ADMINISTRATION, get_for_office, get_office_access, visible_offices
from .forms import HeadingForm
from .models import Heading, Membership, Role

#: Who may change an office's SLF headings.
HEADING_EDITORS = {Role.RESOURCE_PERSON, Role.OFFICE_CHIEF}


@require_GET
def office_list(request):
    """The offices I can see, grouped by administration."""
    offices = (
        visible_offices(request.user)
        .select_related("administration")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("administration__name", "name")
    )
    groups = [(admin, list(items)) for admin, items in groupby(offices, key=lambda o: o.administration)]
    return render(request, "offices/office_list.html", {"groups": groups})


@require_GET
def office_detail(request, slug):
    """An office: its people grouped by section with their roles, and its SLF headings."""
    access = get_office_access(request.user, slug)
    office = access.office
    members = (
        Membership.objects.filter(office=office)
        .select_related("person", "section")
        .order_by("section__name", "person__full_name")
    )
    groups = []
    for section, items in groupby(members, key=lambda m: m.section):
        groups.append((section, list(items)))
    # People without a section come last.
    groups.sort(key=lambda group: (group[0] is None, group[0].name if group[0] else ""))
    role_counts = office.memberships.aggregate(
        total=Count("pk"),
        resource_persons=Count("pk", filter=Q(role=Role.RESOURCE_PERSON)),
        leaders=Count("pk", filter=Q(role__in=[Role.SECTION_LEADER, Role.OFFICE_CHIEF])),
    )
    return render(
        request,
        "offices/office_detail.html",
        {
            "office": office,
            "access": access,
            "groups": groups,
            "headings": office.headings.all(),
            "role_counts": role_counts,
            "can_edit_headings": access.has_role(HEADING_EDITORS),
        },
    )


@require_http_methods(["GET", "POST"])
def heading_list(request, slug):
    """The office's SLF headings, with a form to add one (resource persons and the office chief)."""
    access = get_office_access(request.user, slug, roles=HEADING_EDITORS | {HEAD_OF_ADMINISTRATION})
    office = access.office
    form = HeadingForm(request.POST if request.method == "POST" else None, office=office, prefix="new")
    if request.method == "POST":
        form.instance.office = office
        message = _("The office already has a heading with this name.")
        if form.is_valid() and (heading := save_unique(form, field="name", message=message)):
            messages.success(request, _("The heading “%(name)s” was added.") % {"name": heading.name})
            return redirect("offices:heading-list", slug=office.slug)
        status = 400
    else:
        status = 200
    return render(
        request,
        "offices/heading_list.html",
        {"office": office, "headings": office.headings.all(), "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def heading_update(request, slug, pk):
    """Rename, describe, reorder or retire one heading."""
    access = get_office_access(request.user, slug, roles=HEADING_EDITORS | {HEAD_OF_ADMINISTRATION})
    office = access.office
    heading = get_for_office(Heading.objects.all(), office, pk=pk)
    form = HeadingForm(request.POST if request.method == "POST" else None, instance=heading, office=office)
    if request.method == "POST":
        message = _("The office already has a heading with this name.")
        if form.is_valid() and save_unique(form, field="name", message=message):
            messages.success(request, _("The heading was saved."))
            return redirect("offices:heading-list", slug=office.slug)
        return render(request, "offices/heading_form.html", {"office": office, "form": form}, status=400)
    return render(request, "offices/heading_form.html", {"office": office, "form": form, "heading": heading})
