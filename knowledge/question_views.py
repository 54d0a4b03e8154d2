"""The office's questions from decentral units: register, route to who knows, answer, publish as FAQ."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from offices.access import LEADING_ROLES, OfficeAccess, get_for_office, get_office_access

from . import routing
from .access import is_inside
from .forms import AnswerForm, AssignForm, QuestionForm
from .models import Question, QuestionStatus, QuestionStep


@require_GET
def question_list(request, slug):
    access = get_office_access(request.user, slug)
    questions = Question.objects.filter(office=access.office).select_related("assignee", "office")
    status = request.GET.get("status", "")
    if status in QuestionStatus.values:
        questions = questions.filter(status=status)
    today = timezone.localdate()
    if request.GET.get("overdue"):
        questions = questions.overdue(today)
    if request.GET.get("mine"):
        questions = questions.filter(assignee=request.user)
    page = Paginator(questions, 25).get_page(request.GET.get("page"))
    context = {
        "office": access.office,
        "access": access,
        "page": page,
        "status": status,
        "statuses": QuestionStatus.choices,
        "today": today,
        "overdue_count": Question.objects.filter(office=access.office).overdue(today).count(),
    }
    return render(request, "knowledge/question_list.html", context)


@require_http_methods(["GET", "POST"])
def question_create(request, slug):
    access = get_office_access(request.user, slug)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            question = form.save(commit=False)
            question.office = access.office
            question.created_by = request.user
            question.save()
            QuestionStep.objects.create(question=question, kind="registered", person=request.user)
            messages.success(request, _("The question was registered. See who knows below."))
            return redirect(question.get_absolute_url())
        return render(request, "knowledge/question_form.html", {"office": access.office, "form": form}, status=400)
    return render(request, "knowledge/question_form.html", {"office": access.office, "form": form})


def _question(request, slug, pk):
    """The office's members reach its questions; so does the assignee, who may work in another office."""
    questions = Question.objects.select_related("office__administration", "assignee")
    try:
        access = get_office_access(request.user, slug)
    except Http404:
        question = questions.filter(office__slug=slug, pk=pk, assignee=request.user).first()
        if question is None:
            raise
        return OfficeAccess(office=question.office, membership=None, is_head=False), question
    return access, get_for_office(questions, access.office, pk=pk)


def _detail(request, access, question, status=200, **forms):
    administration = question.office.administration
    leading = access.has_role(LEADING_ROLES)
    mine = question.assignee_id == request.user.pk
    open_ = question.status != QuestionStatus.CLOSED
    context = {
        "office": access.office,
        "access": access,
        "question": question,
        "steps": question.steps.select_related("person", "to"),
        "suggestions": routing.suggestions(question) if open_ and (leading or mine) else [],
        "can_assign": open_ and (leading or mine),
        "can_answer": open_ and mine,
        "can_close": leading and open_,
        "assign_form": forms.get("assign_form") or AssignForm(administration=administration),
        "answer_form": forms.get("answer_form") or AnswerForm(initial={"answer": question.answer}),
        "today": timezone.localdate(),
    }
    return render(request, "knowledge/question_detail.html", context, status=status)


@require_GET
def question_detail(request, slug, pk):
    """The office reads its questions; a published answer is a knowledge article for the whole administration."""
    try:
        access, question = _question(request, slug, pk)
    except Http404:
        question = (
            Question.objects.filter(office__slug=slug, pk=pk, published=True)
            .select_related("office__administration")
            .first()
        )
        if question is None or not is_inside(request.user, question.office.administration):
            raise
        context = {"office": question.office, "question": question, "article": True}
        return render(request, "knowledge/question_detail.html", context)
    return _detail(request, access, question)


@require_POST
def question_assign(request, slug, pk):
    """Leaders assign; the assignee may hand the question on to someone else, with a note."""
    access, question = _question(request, slug, pk)
    if not (access.has_role(LEADING_ROLES) or question.assignee_id == request.user.pk):
        raise PermissionDenied
    form = AssignForm(request.POST, administration=question.office.administration)
    if form.is_valid():
        try:
            routing.assign(question, request.user, form.cleaned_data["person"], form.cleaned_data["note"])
        except routing.RoutingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("%(name)s has the question now.") % {"name": form.cleaned_data["person"].full_name}
            )
            return redirect(question.get_absolute_url())
    return _detail(request, access, question, status=400, assign_form=form)


@require_POST
def question_answer(request, slug, pk):
    access, question = _question(request, slug, pk)
    if question.assignee_id != request.user.pk:
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            routing.answer(question, request.user, form.cleaned_data["answer"])
        except routing.RoutingError as error:
            form.add_error("answer", str(error))
        else:
            messages.success(request, _("Your answer was saved."))
            return redirect(question.get_absolute_url())
    return _detail(request, access, question, status=400, answer_form=form)


@require_POST
def question_close(request, slug, pk):
    access, question = _question(request, slug, pk)
    access.require(LEADING_ROLES)
    publish = request.POST.get("publish") == "1"
    try:
        routing.close(question, request.user, publish=publish)
    except routing.RoutingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The question was published as a knowledge article.") if publish else _("The question was closed."),
        )
    return redirect(question.get_absolute_url())
