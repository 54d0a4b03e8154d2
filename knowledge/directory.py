"""Who knows what: people found by competence, task or "ask me about", typos forgiven (pg_trgm)."""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import transaction
from django.db.models import Count, F, FloatField, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Lower

from accounts.models import User
from offices.models import Membership
from slf import search

from .models import Competence, KnowledgeProfile, PersonCompetence

#: Below this trigram word similarity a competence does not count as a match.
SIMILARITY = 0.35
MAX_TAGS = 20


def people_in(administration):
    return User.objects.filter(memberships__office__administration=administration, is_active=True).distinct()


def search_people(administration, query: str):
    """People of the administration whose competences, tasks or "ask me about" match ``query``, best first."""
    query = " ".join(query.split())[:100]
    typed = search.words(query)
    people = people_in(administration)
    if not typed:
        return people.none()
    # 0 a tag with the words as whole words, 1 at the start of a word, 2 inside a compound; 3 none of those.
    tag_tier = Subquery(
        PersonCompetence.objects.filter(person=OuterRef("pk"), competence__administration=administration)
        .annotate(tier=search.word_tier("competence__name", typed))
        .order_by("tier")
        .values("tier")[:1],
        output_field=IntegerField(),
    )
    best_tag = Subquery(
        PersonCompetence.objects.filter(person=OuterRef("pk"), competence__administration=administration)
        .annotate(similarity=TrigramWordSimilarity(query, "competence__name"))
        .order_by("-similarity")
        .values("similarity")[:1],
        output_field=FloatField(),
    )
    people = people.annotate(
        tag_score=Coalesce(best_tag, Value(0.0)),
        text_score=Greatest(
            TrigramWordSimilarity(query, Coalesce("knowledge_profile__tasks", Value(""))),
            TrigramWordSimilarity(query, Coalesce("visit_profile__about", Value(""))),
        ),
        tier=Coalesce(tag_tier, Value(3)),
    ).annotate(score=Greatest(F("tag_score"), F("text_score") * Value(0.9)))
    people = people.filter(
        Q(tag_score__gte=SIMILARITY)
        | Q(tier__lte=2)
        | search.holds_every(["knowledge_profile__tasks", "visit_profile__about"], typed)
        | Q(text_score__gte=SIMILARITY + 0.15)
    )
    return with_details(people.order_by("tier", "-score", "full_name"), administration)


def with_details(people, administration):
    return people.select_related("knowledge_profile", "visit_profile").prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(office__administration=administration).select_related(
                "office", "section"
            ),
            to_attr="admin_memberships",
        ),
        Prefetch(
            "competences",
            queryset=PersonCompetence.objects.filter(competence__administration=administration)
            .select_related("competence")
            .order_by(Lower("competence__name")),
            to_attr="tags",
        ),
    )


def parse_tags(text: str) -> list[str]:
    seen, tags = set(), []
    for raw in text.replace(";", ",").split(","):
        name = " ".join(raw.split())[:80]
        if name and name.lower() not in seen:
            seen.add(name.lower())
            tags.append(name)
    return tags


@transaction.atomic
def set_competences(person, administration, names: list[str]) -> None:
    """The person's competences become exactly ``names``: existing tags reused (any case), new ones made."""
    existing = {c.name.lower(): c for c in Competence.objects.filter(administration=administration)}
    chosen = []
    for name in names:
        tag = existing.get(name.lower())
        if tag is None:
            # get_or_create: someone may add the same new tag at the same moment (the unique index decides).
            tag, _created = Competence.objects.get_or_create(
                administration=administration, name__iexact=name, defaults={"name": name}
            )
            existing[name.lower()] = tag
        chosen.append(tag)
    PersonCompetence.objects.filter(person=person, competence__administration=administration).exclude(
        competence__in=chosen
    ).delete()
    PersonCompetence.objects.bulk_create(
        [PersonCompetence(person=person, competence=tag) for tag in chosen], ignore_conflicts=True
    )


def save_profile(person, administration, tasks: str, about: str, tags: list[str]) -> None:
    from visits.models import VisitProfile

    with transaction.atomic():
        KnowledgeProfile.objects.update_or_create(person=person, defaults={"tasks": tasks})
        VisitProfile.objects.update_or_create(person=person, defaults={"about": about})
        set_competences(person, administration, tags)


def single_holder_competences(office):
    """Competences that only one person in the office holds: the "only one person knows X" risk.

    Only the tags of the office's own administration: a colleague's tags from another administration stay there.
    """
    return (
        Competence.objects.filter(
            administration_id=office.administration_id, holders__person__memberships__office=office
        )
        .annotate(holders_here=Count("holders__person", distinct=True))
        .filter(holders_here=1)
        .annotate(
            holder_name=Subquery(
                PersonCompetence.objects.filter(competence=OuterRef("pk"), person__memberships__office=office).values(
                    "person__full_name"
                )[:1]
            )
        )
        .order_by(Lower("name"))
    )


@transaction.atomic
def merge_competences(source: Competence, target: Competence) -> int:
    """Move everyone holding ``source`` to ``target`` and remove ``source``. Returns how many were moved."""
    holders = list(PersonCompetence.objects.filter(competence=source).values_list("person_id", flat=True))
    PersonCompetence.objects.bulk_create(
        [PersonCompetence(person_id=pk, competence=target) for pk in holders], ignore_conflicts=True
    )
    source.delete()
    return len(holders)


def suggested_tags(person, administration) -> list[str]:
    """Competences that visitors noticed in their reflections on visits ``person`` hosted, not yet taken or ignored."""
    from visits.models import Reflection

    from .models import IgnoredSuggestion

    noticed = Reflection.objects.filter(visit__host=person).exclude(author=person).values_list("competences", flat=True)
    have = {
        name.lower()
        for name in PersonCompetence.objects.filter(
            person=person, competence__administration=administration
        ).values_list("competence__name", flat=True)
    }
    have |= {name.lower() for name in IgnoredSuggestion.objects.filter(person=person).values_list("name", flat=True)}
    seen, out = set(), []
    for text in noticed:
        for name in parse_tags(text or ""):
            if name.lower() not in have and name.lower() not in seen:
                seen.add(name.lower())
                out.append(name)
    return out


def take_suggestion(person, administration, name: str, accept: bool) -> None:
    from .models import IgnoredSuggestion

    name = " ".join(name.split())[:80]
    if not name:
        return
    if accept:
        current = list(
            PersonCompetence.objects.filter(person=person, competence__administration=administration).values_list(
                "competence__name", flat=True
            )
        )
        set_competences(person, administration, [*current, name])
    else:
        IgnoredSuggestion.objects.get_or_create(person=person, name=name)


def competence_names(person_ids, administration_id) -> dict[int, list[str]]:
    """``{person_id: [competence, …]}`` of the people in the administration's vocabulary (one query); the visits'
    suggestions ask for it through slf.registry."""
    found: dict[int, list[str]] = {}
    rows = PersonCompetence.objects.filter(person_id__in=person_ids, competence__administration_id=administration_id)
    for person_id, name in rows.order_by(Lower("competence__name")).values_list("person_id", "competence__name"):
        found.setdefault(person_id, []).append(name)
    return found
