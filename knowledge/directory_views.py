"""Who knows what: search colleagues by competence and task; my profile; leaders' single-holder view."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from offices.access import LEADING_ROLES, get_office_access, home_access
from offices.models import Role
from slf.http import shows_people

from . import directory, routing
from .forms import MergeForm, ProfileForm
from .models import Competence


@require_GET
def people_search(request):
    access = home_access(request.user)
    administration = access.administration
    query = request.GET.get("q", "").strip()
    people = list(directory.search_people(administration, query)) if query else []
    shows_people(request, people)
    context = {
        "administration": administration,
        "query": query,
        "people": people,
        "faq": routing.search_faq(administration, query) if query else [],
        "office": access.office,
        "can_lead": access.has_role(LEADING_ROLES),
        "can_merge": access.has_role({Role.RESOURCE_PERSON}),
        "popular": Competence.objects.filter(administration=administration).order_by("name")[:60],
    }
    return render(request, "knowledge/people_search.html", context)


@require_http_methods(["GET", "POST"])
def profile_update(request):
    administration = home_access(request.user).administration
    user = request.user
    tags = ", ".join(
        pc.competence.name
        for pc in user.competences.filter(competence__administration=administration).select_related("competence")
    )
    profile = getattr(user, "knowledge_profile", None)
    visit_profile = getattr(user, "visit_profile", None)
    initial = {
        "tasks": profile.tasks if profile else "",
        "competences": tags,
        "about": visit_profile.about if visit_profile else "",
    }
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            directory.save_profile(user, administration, data["tasks"], data["about"], data["competences"])
            messages.success(request, _("Your tasks and competences were saved."))
            return redirect("directory:people")
        return render(request, "knowledge/profile_form.html", _profile_context(form, user, administration), status=400)
    return render(request, "knowledge/profile_form.html", _profile_context(form, user, administration))


def _profile_context(form, user, administration):
    return {"form": form, "suggestions": directory.suggested_tags(user, administration)}


@require_POST
def suggestion_take(request):
    """Accept or ignore a competence a visitor noticed; ignored ones are not suggested again."""
    administration = home_access(request.user).administration
    accept = request.POST.get("action") == "accept"
    name = request.POST.get("name", "")
    if name not in directory.suggested_tags(request.user, administration):
        messages.error(request, _("That suggestion is no longer there."))
        return redirect("directory:profile")
    directory.take_suggestion(request.user, administration, name, accept)
    if accept:
        messages.success(request, _("“%(name)s” was added to your competences.") % {"name": name})
    else:
        messages.success(request, _("“%(name)s” will not be suggested again.") % {"name": name})
    return redirect("directory:profile")


@require_GET
def single_holders(request, slug):
    """Leaders: competences in the office that only one person holds."""
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    context = {"office": access.office, "competences": directory.single_holder_competences(access.office)}
    return render(request, "knowledge/single_holders.html", context)


@require_POST
def competence_merge(request):
    """Resource persons merge duplicate tags of their administration."""
    access = home_access(request.user).require({Role.RESOURCE_PERSON})
    administration = access.administration
    form = MergeForm(request.POST, administration=administration)
    if form.is_valid():
        moved = directory.merge_competences(form.cleaned_data["source"], form.cleaned_data["target"])
        messages.success(
            request,
            _("“%(source)s” was merged into “%(target)s” (%(n)s people).")
            % {"source": form.cleaned_data["source"].name, "target": form.cleaned_data["target"].name, "n": moved},
        )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("directory:people")
