"""The glossary: public pages for terms marked public, the whole glossary inside the administration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drafts.forms import clear_draft, offer_draft
from drafts.registry import key_for
from offices.access import home_access
from slf import search
from slf.conflicts import conflict_status, field_texts, save_unless_changed
from slf.forms import save_unique

from .access import editor_offices, get_administration, is_inside, may_edit_term, require_editor, require_term_editor
from .forms import TermForm, TermHandoverForm
from .models import Term


@login_not_required
@require_GET
def glossary_home(request):
    """The glossary of the person's own administration; to someone not signed in, the public glossaries."""
    if request.user.is_authenticated:
        return redirect("knowledge:glossary", home_access(request.user).administration.slug)
    administrations = Term.public_glossaries()
    return render(request, "knowledge/glossary_index.html", {"administrations": administrations})


def search_terms(queryset, query: str):
    """Terms whose name or explanation has the words (also inside a Danish compound or as the start of a
    word), or whose name is close to them (typos); best first: the name has the words as whole words, at the
    start of a word, inside a word, then only the explanation has them, then typos."""
    query = " ".join(query.split())[:100]
    typed = search.words(query)
    if not typed:
        return queryset.none() if query else queryset
    has_words = search.holds_every(["term", "explanation"], typed)
    return (
        queryset.annotate(similarity=TrigramWordSimilarity(query, "term"))
        .filter(has_words | Q(similarity__gte=0.4))
        .annotate(tier=Case(When(has_words, then=search.word_tier("term", typed)), default=Value(4)))
        .order_by("tier", "-similarity", "term")
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
    return render(request, "knowledge/term_detail.html", _term_context(request, administration, term, related, inside))


def _term_context(request, administration, term, related, inside, handover=None):
    from .history import term_owner_history

    can_edit = inside and may_edit_term(request.user, term)
    return {
        "administration": administration,
        "term": term,
        "related": related,
        "inside": inside,
        "can_edit": can_edit,
        "handover": handover or (TermHandoverForm(term=term) if can_edit else None),
        "owner_history": term_owner_history(term) if inside else [],
    }


@require_http_methods(["GET", "POST"])
def term_create(request, slug):
    administration = get_administration(slug)
    owners = require_editor(request.user, administration)
    form = TermForm(request.POST if request.method == "POST" else None, administration=administration, owners=owners)
    if request.method == "POST":
        form.instance.updated_by = request.user
        if form.is_valid() and (
            term := save_unique(form, field="term", message=_("The term is already in the glossary."))
        ):
            messages.success(request, _("“%(term)s” is in the glossary.") % {"term": term.term})
            return redirect(term.get_absolute_url())
        return render(request, "knowledge/term_form.html", {"administration": administration, "form": form}, status=400)
    return render(request, "knowledge/term_form.html", {"administration": administration, "form": form})


@require_http_methods(["GET", "POST"])
def term_update(request, slug, term_slug):
    """The owner office's editors edit the term's texts; the owner itself changes only by ``term_handover``."""
    administration = get_administration(slug)
    term = get_object_or_404(Term, administration=administration, slug=term_slug)
    owners = require_term_editor(request.user, term)
    form = TermForm(
        request.POST if request.method == "POST" else None, instance=term, administration=administration, owners=owners
    )
    offer_draft(form, "explanation", request, key_for(term, "explanation"))
    context = {"administration": administration, "form": form, "term": term}
    if request.method == "POST":
        if form.is_valid():
            conflict = save_unless_changed(
                form.instance,
                form.seen_version,
                fields=["term", "explanation", "example", "public"],
                describe=field_texts(["term", "explanation", "example"]),
                save=form.save,
                by=request.user,
            )
            if conflict:
                form.show_conflict(conflict)
                context["conflict"] = conflict
                return render(request, "knowledge/term_form.html", context, status=conflict_status(request))
            clear_draft(request.user, key_for(term, "explanation"))
            messages.success(request, _("“%(term)s” was saved.") % {"term": term.term})
            return redirect(term.get_absolute_url())
        return render(request, "knowledge/term_form.html", context, status=400)
    return render(request, "knowledge/term_form.html", context)


@require_POST
def term_delete(request, slug, term_slug):
    administration = get_administration(slug)
    term = get_object_or_404(Term, administration=administration, slug=term_slug)
    require_term_editor(request.user, term)
    term.delete()
    messages.success(request, _("“%(term)s” was removed from the glossary.") % {"term": term.term})
    return redirect("knowledge:glossary", administration.slug)


@require_POST
def term_handover(request, slug, term_slug):
    """The owner office's editors hand the term to another office; recorded in the term's history."""
    administration = get_administration(slug)
    term = get_object_or_404(
        Term.objects.select_related("administration", "owner"), administration=administration, slug=term_slug
    )
    require_term_editor(request.user, term)
    form = TermHandoverForm(request.POST, term=term)
    if not form.is_valid():
        related = term.related.select_related("administration")
        context = _term_context(request, administration, term, related, True, handover=form)
        return render(request, "knowledge/term_detail.html", context, status=400)
    with transaction.atomic():
        locked = Term.objects.select_for_update().get(pk=term.pk)
        if locked.owner_id != term.owner_id or not may_edit_term(request.user, locked):
            raise PermissionDenied  # someone handed it over in between: no longer this person's to give
        locked.owner = form.cleaned_data["owner"]
        locked.updated_by = request.user
        locked.save(update_fields=["owner", "updated_by", "updated_at"])
    messages.success(
        request, _("“%(term)s” now belongs to %(office)s.") % {"term": locked.term, "office": locked.owner.name}
    )
    return redirect(locked.get_absolute_url())
