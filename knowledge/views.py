"""The glossary: public pages for terms marked public, the whole glossary inside the administration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from offices.access import home_access

from .access import editor_offices, get_administration, is_inside, require_editor
from .forms import TermForm
from .models import Term


@require_GET
def glossary_home(request):
    """The glossary of the person's own administration."""
    return redirect("knowledge:glossary", home_access(request.user).administration.slug)


def search_terms(queryset, query: str):
    """Terms whose name or explanation has the words, or whose name is close to them (typos)."""
    query = " ".join(query.split())[:100]
    if not query:
        return queryset
    return (
        queryset.annotate(similarity=TrigramWordSimilarity(query, "term"))
        .filter(Q(term__icontains=query) | Q(explanation__icontains=query) | Q(similarity__gte=0.4))
        .order_by("-similarity", "term")
    )


@login_not_required
@require_GET
def glossary(request, slug):
    administration = get_administration(slug)
    inside = is_inside(request.user, administration)
    terms = Term.objects.filter(administration=administration).select_related("administration")
    if not inside:
        terms = terms.filter(public=True)
    query = request.GET.get("q", "")
    terms = search_terms(terms, query)
    context = {
        "administration": administration,
        "terms": terms,
        "query": query,
        "inside": inside,
        "can_edit": inside and editor_offices(request.user, administration).exists(),
    }
    return render(request, "knowledge/glossary.html", context)


@login_not_required
@require_GET
def term_detail(request, slug, term_slug):
    administration = get_administration(slug)
    terms = Term.objects.filter(administration=administration).select_related("administration", "owner", "updated_by")
    inside = is_inside(request.user, administration)
    if not inside:
        terms = terms.filter(public=True)
    term = get_object_or_404(terms, slug=term_slug)
    related = term.related.select_related("administration")
    if not inside:
        related = related.filter(public=True)
    context = {
        "administration": administration,
        "term": term,
        "related": related,
        "inside": inside,
        "can_edit": inside and editor_offices(request.user, administration).exists(),
    }
    return render(request, "knowledge/term_detail.html", context)


@require_http_methods(["GET", "POST"])
def term_create(request, slug):
    administration = get_administration(slug)
    owners = require_editor(request.user, administration)
    form = TermForm(request.POST if request.method == "POST" else None, administration=administration, owners=owners)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                form.instance.updated_by = request.user
                term = form.save()
            messages.success(request, _("“%(term)s” is in the glossary.") % {"term": term.term})
            return redirect(term.get_absolute_url())
        return render(request, "knowledge/term_form.html", {"administration": administration, "form": form}, status=400)
    return render(request, "knowledge/term_form.html", {"administration": administration, "form": form})


@require_http_methods(["GET", "POST"])
def term_update(request, slug, term_slug):
    administration = get_administration(slug)
    owners = require_editor(request.user, administration)
    term = get_object_or_404(Term, administration=administration, slug=term_slug)
    form = TermForm(
        request.POST if request.method == "POST" else None, instance=term, administration=administration, owners=owners
    )
    context = {"administration": administration, "form": form, "term": term}
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                form.instance.updated_by = request.user
                term = form.save()
            messages.success(request, _("“%(term)s” was saved.") % {"term": term.term})
            return redirect(term.get_absolute_url())
        return render(request, "knowledge/term_form.html", context, status=400)
    return render(request, "knowledge/term_form.html", context)


@require_POST
def term_delete(request, slug, term_slug):
    administration = get_administration(slug)
    require_editor(request.user, administration)
    term = get_object_or_404(Term, administration=administration, slug=term_slug)
    term.delete()
    messages.success(request, _("“%(term)s” was removed from the glossary.") % {"term": term.term})
    return redirect("knowledge:glossary", administration.slug)
