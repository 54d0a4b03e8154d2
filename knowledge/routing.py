"""Questions brought home: suggest the colleagues who know, assign, hand on, answer, close, publish."""

from django.conf import settings
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import transaction
from django.db.models import F, FloatField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from notifications import outbox
from notifications.choices import Kind

from .directory import people_in, with_details
from .models import PersonCompetence, Question, QuestionStatus, QuestionStep

#: A competence counts as matching the question when its name is this close to a part of the question's text.
MATCH = 0.5


class RoutingError(Exception):
    pass


def suggestions(question, limit=5):
    """Colleagues of the administration whose competences appear in the question, best match first."""
    text = f"{question.title} {question.description}"
    best = Subquery(
        PersonCompetence.objects.filter(person=OuterRef("pk"))
        .annotate(match=TrigramWordSimilarity(F("competence__name"), Value(text)))
        .order_by("-match")
        .values("match")[:1],
        output_field=FloatField(),
    )
    administration = question.office.administration
    people = people_in(administration).annotate(match=Coalesce(best, Value(0.0))).filter(match__gte=MATCH)
    return list(with_details(people.order_by("-match", "full_name"), administration)[:limit])


def _notify(person, question):
    """Queue the mail to the person the question was given to, in the transaction of the change."""
    url = settings.SITE_URL + reverse("questions:detail", args=[question.office.slug, question.pk])
    outbox.send(
        Kind.QUESTION, [person], "knowledge/email/question_assigned", {"question": question, "url": url}, about=question
    )


@transaction.atomic
def assign(question, by, person, note=""):
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status == QuestionStatus.CLOSED:
        raise RoutingError(_("The question is closed."))
    if not people_in(question.office.administration).filter(pk=person.pk).exists():
        raise RoutingError(_("Choose someone in the administration."))
    handing_on = question.status == QuestionStatus.ASSIGNED and question.assignee_id
    question.assignee = person
    question.status = QuestionStatus.ASSIGNED
    question.save(update_fields=["assignee", "status", "updated_at"])
    QuestionStep.objects.create(
        question=question, kind="handed_on" if handing_on else "assigned", person=by, to=person, note=note[:500]
    )
    _notify(person, question)
    return question


@transaction.atomic
def answer(question, by, text):
    text = text.strip()
    if not text:
        raise RoutingError(_("Write the answer."))
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status == QuestionStatus.CLOSED:
        raise RoutingError(_("The question is closed."))
    question.answer = text
    question.status = QuestionStatus.ANSWERED
    question.save(update_fields=["answer", "status", "updated_at"])
    QuestionStep.objects.create(question=question, kind="answered", person=by)
    return question


@transaction.atomic
def close(question, by, publish=False):
    question = Question.objects.select_for_update().get(pk=question.pk)
    if publish and not question.answer:
        raise RoutingError(_("Only an answered question can be published."))
    question.status = QuestionStatus.CLOSED
    question.published = publish or question.published
    question.save(update_fields=["status", "published", "updated_at"])
    QuestionStep.objects.create(question=question, kind="published" if publish else "closed", person=by)
    return question


def search_faq(administration, query):
    """Published answers of the administration that match ``query`` (Danish full text or a close title)."""
    from django.contrib.postgres.search import SearchQuery, SearchVector
    from django.db.models import Q

    query = " ".join(query.split())[:100]
    vector = SearchVector("title", "description", "answer", config="danish")
    return (
        Question.objects.filter(office__administration=administration, published=True)
        .annotate(document=vector, close=TrigramWordSimilarity(query, "title"))
        .filter(Q(document=SearchQuery(query, config="danish", search_type="websearch")) | Q(close__gte=0.5))
        .select_related("office")
        .order_by("-close", "-created_at")[:10]
    )
