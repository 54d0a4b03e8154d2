"""Competence development (KAMBU): the programme page, clarifications, cohorts with enrolment, the job rotation's
substitutes and week table, and the networks. Every view asks programmes.access first."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drafts.forms import clear_draft, offer_draft
from drafts.registry import key_for
from offices.models import Unit
from programmes.access import get_for_programme, get_programme_access
from programmes.models import Participant, ProgrammeKind
from slf.conflicts import conflict_status, field_texts, save_unless_changed
from slf.forms import save_unique
from slf.http import invalid_form_status

from . import services
from .figures import networks, unit_weeks
from .forms import (
    AreaForm,
    CohortForm,
    CoverForm,
    DialogueForm,
    LeadEnrolForm,
    OfferForm,
    RecommendationForm,
    ResultForm,
    SelfAssessmentForm,
    SubstituteForm,
)
from .models import (
    HOLDING_A_PLACE,
    Clarification,
    ClarificationStatus,
    Cohort,
    CompetenceArea,
    Cover,
    Enrolment,
    EnrolmentStatus,
    Offer,
    Substitute,
)

KIND = ProgrammeKind.COMPETENCE


def _access(request, slug, lead=False):
    return get_programme_access(request.user, slug, lead=lead, kind=KIND)


def _cohorts(programme):
    return Cohort.objects.filter(offer__programme=programme).select_related("offer__programme")


def _offers(programme):
    cohorts = Cohort.objects.annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=HOLDING_A_PLACE)),
        waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING)),
    )
    return Offer.objects.filter(programme=programme).prefetch_related(Prefetch("cohorts", queryset=cohorts), "areas")


@require_GET
def programme_detail(request, slug):
    access = _access(request, slug)
    programme = access.programme
    context = {
        "programme": programme,
        "access": access,
        "areas": CompetenceArea.objects.filter(programme=programme).select_related("competence"),
        "offers": _offers(programme),
    }
    if access.is_lead:
        participants = list(
            Participant.objects.filter(programme=programme)
            .select_related("person", "unit", "clarification")
            .order_by("person__full_name")
        )
        statuses = [getattr(p, "clarification", None) for p in participants]
        context["participants"] = participants
        context["status_counts"] = {
            value: sum(1 for c in statuses if c is not None and c.status == value)
            for value in ClarificationStatus.values
        }
        context["units"] = sorted({p.unit for p in participants if p.unit is not None}, key=lambda unit: unit.name)
    if access.participant is not None:
        context["mine"] = Clarification.objects.filter(participant=access.participant).first()
        context["my_enrolments"] = (
            Enrolment.objects.filter(participant=access.participant)
            .exclude(status=EnrolmentStatus.WITHDRAWN)
            .select_related("cohort__offer")
        )
    return render(request, "development/programme_detail.html", context)


def _clarification(access, pk):
    queryset = Clarification.objects.visible_to(access).select_related(
        "participant__person", "participant__unit", "participant__programme", "leader", "dialogue_by"
    )
    return get_for_programme(queryset, access.programme, programme_field="participant__programme", pk=pk)


def _clarification_context(access, clarification, **extra):
    programme = access.programme
    assessments = list(clarification.assessments.select_related("area"))
    recommendations = list(clarification.recommendations.select_related("offer", "recommended_by"))
    context = {
        "programme": programme,
        "access": access,
        "clarification": clarification,
        "assessments": assessments,
        "recommendations": recommendations,
        "statuses": ClarificationStatus,
        "is_own": access.participant is not None and clarification.participant_id == access.participant.pk,
    }
    if access.is_lead:
        offers = list(Offer.objects.filter(programme=programme).prefetch_related("areas"))
        recommended = {r.offer_id for r in recommendations}
        context["suggestions"] = services.suggested_offers(assessments, offers, recommended)
        context.setdefault("recommend_form", RecommendationForm(programme=programme))
    context.update(extra)
    return context


@require_GET
def clarification_detail(request, slug, pk):
    access = _access(request, slug)
    clarification = _clarification(access, pk)
    return render(request, "development/clarification_detail.html", _clarification_context(access, clarification))


@require_http_methods(["GET", "POST"])
def self_assessment(request, slug):
    """The participant's own self-assessment against the programme's areas."""
    access = _access(request, slug)
    if access.participant is None:
        raise PermissionDenied
    programme = access.programme
    clarification = Clarification.objects.filter(participant=access.participant).first()
    areas = CompetenceArea.objects.filter(programme=programme)
    assessments = clarification.assessments.all() if clarification else ()
    form = SelfAssessmentForm(request.POST if request.method == "POST" else None, areas=areas, assessments=assessments)
    context = {"programme": programme, "access": access, "form": form, "clarification": clarification}
    if request.method == "POST":
        if form.is_valid():
            clarification = clarification or services.clarification_for(access.participant)
            services.save_self_assessment(clarification, form.answers())
            messages.success(request, _("Your self-assessment was saved."))
            return redirect(clarification.get_absolute_url())
        return render(request, "development/self_assessment.html", context, status=invalid_form_status(request))
    return render(request, "development/self_assessment.html", context)


@require_http_methods(["GET", "POST"])
def dialogue_update(request, slug, pk):
    """The dialogue note of the conversation with the leader: written by a lead, read by the participant."""
    access = _access(request, slug, lead=True)
    clarification = _clarification(access, pk)
    key = key_for(clarification, "dialogue_note")
    form = DialogueForm(
        request.POST if request.method == "POST" else None, instance=clarification, programme=access.programme
    )
    if form.instance.leader_id is None and not form.is_bound:
        form.initial["leader"] = request.user.pk
    offer_draft(form, "dialogue_note", request, key)
    context = {"programme": access.programme, "access": access, "clarification": clarification, "form": form}
    if request.method == "POST":
        if form.is_valid():
            conflict = save_unless_changed(
                form.instance,
                form.seen_version,
                fields=["leader", "dialogue_on", "dialogue_note"],
                describe=field_texts(["dialogue_note"]),
                save=form.save,
            )
            if conflict:
                form.show_conflict(conflict)
                context["conflict"] = conflict
                return render(request, "development/dialogue_form.html", context, status=conflict_status(request))
            clarification.refresh_from_db()
            services.dialogue_held(clarification, request.user)
            clear_draft(request.user, key)
            messages.success(request, _("The dialogue note was saved."))
            return redirect(clarification.get_absolute_url())
        return render(request, "development/dialogue_form.html", context, status=invalid_form_status(request))
    return render(request, "development/dialogue_form.html", context)


@require_POST
def recommendation_create(request, slug, pk):
    access = _access(request, slug, lead=True)
    clarification = _clarification(access, pk)
    form = RecommendationForm(request.POST, programme=access.programme)
    if form.is_valid():
        try:
            services.recommend(clarification, form.cleaned_data["offer"], form.cleaned_data["reason"], request.user)
        except services.DevelopmentError as error:
            form.add_error("offer", str(error))
        else:
            messages.success(request, _("The offer was recommended."))
            return redirect(clarification.get_absolute_url())
    context = _clarification_context(access, clarification, recommend_form=form)
    return render(request, "development/clarification_detail.html", context, status=invalid_form_status(request))


@require_POST
def clarification_done(request, slug, pk):
    access = _access(request, slug, lead=True)
    clarification = _clarification(access, pk)
    try:
        services.mark_clarified(clarification)
    except services.DevelopmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The clarification is done."))
    return redirect(clarification.get_absolute_url())


def _cohort(access, pk):
    return get_for_programme(_cohorts(access.programme), access.programme, programme_field="offer__programme", pk=pk)


@require_GET
def cohort_detail(request, slug, pk):
    access = _access(request, slug)
    cohort = _cohort(access, pk)
    enrolments = list(
        cohort.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN).select_related(
            "participant__person", "participant__unit"
        )
    )
    holding = [e for e in enrolments if e.status in HOLDING_A_PLACE]
    waiting = [e for e in enrolments if e.status == EnrolmentStatus.WAITING]
    mine = next((e for e in enrolments if access.participant and e.participant_id == access.participant.pk), None)
    context = {
        "programme": access.programme,
        "access": access,
        "cohort": cohort,
        "holding": holding,
        "waiting": waiting,
        "mine": mine,
        "my_place": waiting.index(mine) + 1 if mine in waiting else None,
        "free": max(cohort.capacity - len(holding), 0),
    }
    if access.is_lead:
        context["enrol_form"] = LeadEnrolForm(programme=access.programme)
        context["result_form"] = ResultForm()
    return render(request, "development/cohort_detail.html", context)


@require_POST
def cohort_enrol(request, slug, pk):
    """A participant enrols themselves; a lead may enrol any participant of the programme."""
    access = _access(request, slug)
    cohort = _cohort(access, pk)
    if access.is_lead and ("participant" in request.POST or access.participant is None):
        form = LeadEnrolForm(request.POST, programme=access.programme)
        if not form.is_valid():
            messages.error(request, _("Choose a participant of the programme."))
            return redirect(cohort.get_absolute_url())
        participant = form.cleaned_data["participant"]
    elif access.participant is not None:
        participant = access.participant
    else:
        raise PermissionDenied
    try:
        enrolment = services.enrol(cohort, participant)
    except services.DevelopmentError as error:
        messages.error(request, str(error))
    else:
        own = participant == access.participant
        name = participant.person.full_name
        if enrolment.status == EnrolmentStatus.WAITING and own:
            messages.warning(request, _("The cohort is full: you are on the waiting list."))
        elif enrolment.status == EnrolmentStatus.WAITING:
            messages.warning(request, _("The cohort is full: %(name)s is on the waiting list.") % {"name": name})
        elif own:
            messages.success(request, _("You are enrolled in the cohort."))
        else:
            messages.success(request, _("%(name)s is enrolled in the cohort.") % {"name": name})
    return redirect(cohort.get_absolute_url())


def _enrolment(access, cohort, enrolment_pk):
    return get_for_programme(
        Enrolment.objects.filter(cohort=cohort).select_related("participant"),
        access.programme,
        programme_field="participant__programme",
        pk=enrolment_pk,
    )


@require_POST
def enrolment_withdraw(request, slug, pk, enrolment_pk):
    access = _access(request, slug)
    cohort = _cohort(access, pk)
    enrolment = _enrolment(access, cohort, enrolment_pk)
    own = access.participant is not None and enrolment.participant_id == access.participant.pk
    if not (own or access.is_lead):
        raise PermissionDenied
    try:
        moved = services.withdraw(enrolment)
    except services.DevelopmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Withdrawn from the cohort."))
        for moved_up in moved:
            messages.info(
                request,
                _("%(name)s moved up from the waiting list and was told by mail.")
                % {"name": moved_up.participant.person.full_name},
            )
    return redirect(cohort.get_absolute_url())


@require_POST
def enrolment_result(request, slug, pk, enrolment_pk):
    access = _access(request, slug, lead=True)
    cohort = _cohort(access, pk)
    enrolment = _enrolment(access, cohort, enrolment_pk)
    form = ResultForm(request.POST)
    if form.is_valid():
        try:
            services.set_result(enrolment, form.cleaned_data["completed"])
        except services.DevelopmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The result was saved."))
    else:
        messages.error(request, _("Choose completed or not completed."))
    return redirect(cohort.get_absolute_url())


@require_GET
def unit_weeks_view(request, slug, unit_pk):
    """The unit's weeks of the job rotation: who is away on a cohort, and who covers (or nobody)."""
    access = _access(request, slug, lead=True)
    units = Unit.objects.filter(participants__programme=access.programme).distinct()
    unit = get_for_programme(units.select_related("office"), access.programme, "participants__programme", pk=unit_pk)
    table = unit_weeks(access.programme, unit)
    return render(
        request,
        "development/unit_weeks.html",
        {"programme": access.programme, "access": access, "unit": unit, "table": table},
    )


def _substitutes_context(access, **extra):
    programme = access.programme
    covers = Cover.objects.select_related("participant__person", "unit").order_by("starts_on")
    context = {
        "programme": programme,
        "access": access,
        "substitutes": Substitute.objects.filter(programme=programme).prefetch_related(Prefetch("covers", covers)),
        "substitute_form": SubstituteForm(),
        "cover_form": CoverForm(programme=programme),
    }
    context.update(extra)
    return context


@require_http_methods(["GET", "POST"])
def substitute_list(request, slug):
    """The job rotation's substitutes with their covers; leads add substitutes here."""
    access = _access(request, slug, lead=True)
    if request.method == "POST":
        form = SubstituteForm(request.POST)
        if form.is_valid():
            substitute = form.save(commit=False)
            substitute.programme = access.programme
            substitute.save()
            messages.success(request, _("The substitute was added."))
            return redirect("development:substitutes", slug)
        context = _substitutes_context(access, substitute_form=form)
        return render(request, "development/substitute_list.html", context, status=invalid_form_status(request))
    return render(request, "development/substitute_list.html", _substitutes_context(access))


@require_POST
def cover_create(request, slug):
    access = _access(request, slug, lead=True)
    form = CoverForm(request.POST, programme=access.programme)
    if form.is_valid():
        form.save()
        messages.success(request, _("The cover was added."))
        return redirect("development:substitutes", slug)
    context = _substitutes_context(access, cover_form=form)
    return render(request, "development/substitute_list.html", context, status=invalid_form_status(request))


@require_http_methods(["GET", "POST"])
def substitute_update(request, slug, pk):
    """Name and contact, and whether the substitute got a permanent job afterwards (from when, where)."""
    access = _access(request, slug, lead=True)
    substitute = get_for_programme(Substitute.objects.all(), access.programme, pk=pk)
    form = SubstituteForm(request.POST if request.method == "POST" else None, instance=substitute)
    context = {"programme": access.programme, "access": access, "substitute": substitute, "form": form}
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The substitute was saved."))
            return redirect("development:substitutes", slug)
        return render(request, "development/substitute_form.html", context, status=invalid_form_status(request))
    return render(request, "development/substitute_form.html", context)


@require_GET
def network_list(request, slug):
    """Colleagues with similar tasks from other units met in a cohort: all for the leads, one's own otherwise."""
    access = _access(request, slug)
    met = networks([access.programme])[access.programme.pk]
    if access.is_lead:
        participants = Participant.objects.filter(programme=access.programme, pk__in=list(met)).select_related(
            "person", "unit"
        )
        rows = [(p, met[p.pk]) for p in participants.order_by("person__full_name")]
    elif access.participant is not None:
        rows = [(access.participant, met.get(access.participant.pk, []))]
    else:
        rows = []
    return render(
        request, "development/network_list.html", {"programme": access.programme, "access": access, "rows": rows}
    )


def _offers_context(access, **forms):
    programme = access.programme
    context = {
        "programme": programme,
        "access": access,
        "areas": CompetenceArea.objects.filter(programme=programme),
        "offers": _offers(programme),
        "area_form": AreaForm(programme=programme),
        "offer_form": OfferForm(programme=programme),
        "cohort_form": CohortForm(programme=programme),
    }
    context.update(forms)
    return context


@require_GET
def offer_list(request, slug):
    """The leads set the programme up: its competence areas, its offers and their cohorts."""
    access = _access(request, slug, lead=True)
    return render(request, "development/offer_list.html", _offers_context(access))


def _setup_post(request, slug, form_class, name, message):
    access = _access(request, slug, lead=True)
    form = form_class(request.POST, programme=access.programme)
    if form.is_valid():

        def save():
            obj = form.save(commit=False)
            if hasattr(obj, "programme_id"):
                obj.programme = access.programme
            obj.save()
            form.save_m2m()
            return obj

        if save_unique(form, save, field=None) is not None:
            messages.success(request, message)
            return redirect("development:offers", slug)
    context = _offers_context(access, **{name: form})
    return render(request, "development/offer_list.html", context, status=invalid_form_status(request))


@require_POST
def area_create(request, slug):
    return _setup_post(request, slug, AreaForm, "area_form", _("The competence area was added."))


@require_POST
def offer_create(request, slug):
    return _setup_post(request, slug, OfferForm, "offer_form", _("The offer was added."))


@require_POST
def cohort_create(request, slug):
    return _setup_post(request, slug, CohortForm, "cohort_form", _("The cohort was added."))
