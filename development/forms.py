from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from offices.models import LEADING_ROLES, AdministrationLeader, Membership, Unit
from programmes.models import Participant
from slf.conflicts import VersionedFormMixin
from slf.forms import SaneDatesMixin

from .models import Clarification, Cohort, CompetenceArea, Cover, Offer, Recommendation, Substitute

SCORES = [(n, str(n)) for n in range(1, 6)]


def programme_leads(programme):
    """The people who lead ``programme`` (as programmes.models.ProgrammeQuerySet.led_by reads it, the other way)."""
    leading = Membership.objects.filter(person=OuterRef("pk"), office=programme.owner_office, role__in=LEADING_ROLES)
    heading = AdministrationLeader.objects.filter(
        person=OuterRef("pk"), administration=programme.owner_office.administration_id
    )
    named = programme.leads.through.objects.filter(programme=programme, user=OuterRef("pk"))
    return User.objects.filter(Q(Exists(leading)) | Q(Exists(heading)) | Q(Exists(named)), is_active=True).order_by(
        "full_name"
    )


class SelfAssessmentForm(forms.Form):
    """One score (1–5), a note and "part of my daily tasks" per competence area."""

    def __init__(self, *args, areas, assessments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        saved = {a.area_id: a for a in assessments}
        self.rows = []
        for area in self.areas:
            known = saved.get(area.pk)
            self.fields[f"score_{area.pk}"] = forms.TypedChoiceField(
                label=area.name,
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial=known.score if known else None,
            )
            self.fields[f"note_{area.pk}"] = forms.CharField(
                label=_("Note on %(area)s") % {"area": area.name},
                max_length=500,
                required=False,
                initial=known.note if known else "",
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )
            self.fields[f"task_{area.pk}"] = forms.BooleanField(
                label=_("Part of my daily tasks"),
                required=False,
                initial=known.is_my_task if known else False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.rows.append((area, self[f"score_{area.pk}"], self[f"note_{area.pk}"], self[f"task_{area.pk}"]))

    def answers(self):
        return [
            (
                area,
                self.cleaned_data[f"score_{area.pk}"],
                self.cleaned_data[f"note_{area.pk}"],
                self.cleaned_data[f"task_{area.pk}"],
            )
            for area in self.areas
        ]


class DialogueForm(VersionedFormMixin, SaneDatesMixin, forms.ModelForm):
    class Meta:
        model = Clarification
        fields = ["leader", "dialogue_on", "dialogue_note"]
        widgets = {"dialogue_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = programme_leads(programme)
        self.fields["dialogue_on"].required = True
        self.fields["dialogue_note"].required = True
        self.fields["dialogue_note"].widget.attrs["rows"] = 8


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["offer", "reason"]

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = Offer.objects.filter(programme=programme)


class LeadEnrolForm(forms.Form):
    participant = forms.ModelChoiceField(queryset=Participant.objects.none(), label=_("Participant"))

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = Participant.objects.filter(programme=programme).select_related("person")
        self.fields["participant"].label_from_instance = lambda p: p.person.full_name


class ResultForm(forms.Form):
    completed = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("completed")), ("0", _("not completed"))],
        coerce=lambda value: value == "1",
    )


class SubstituteForm(SaneDatesMixin, forms.ModelForm):
    date_ranges = {"employed_on": (10, 2)}

    class Meta:
        model = Substitute
        fields = ["name", "email", "employed_on", "employed_at"]
        widgets = {"employed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self):
        data = super().clean()
        if data.get("employed_at") and not data.get("employed_on"):
            self.add_error("employed_on", _("Say from when the permanent job runs."))
        return data


class CoverForm(SaneDatesMixin, forms.ModelForm):
    date_ranges = {"starts_on": (10, 5), "ends_on": (10, 5)}

    class Meta:
        model = Cover
        fields = ["substitute", "participant", "unit", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute"].queryset = Substitute.objects.filter(programme=programme)
        participants = Participant.objects.filter(programme=programme).select_related("person")
        self.fields["participant"].queryset = participants
        self.fields["participant"].label_from_instance = lambda p: p.person.full_name
        self.fields["unit"].queryset = Unit.objects.filter(participants__programme=programme).distinct()

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The cover ends before it starts."))
        participant, unit = data.get("participant"), data.get("unit")
        if participant and unit and participant.unit_id and participant.unit_id != unit.pk:
            self.add_error("unit", _("Cover at the participant's own unit."))
        return data


class AreaForm(forms.ModelForm):
    class Meta:
        model = CompetenceArea
        fields = ["name", "description", "position"]

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if CompetenceArea.objects.filter(programme=self.programme, name__iexact=name).exists():
            raise forms.ValidationError(_("The programme already has this area."))
        return name


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["title", "provider", "kind", "ects", "weeks", "description", "areas"]
        widgets = {"areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = CompetenceArea.objects.filter(programme=programme)
        self.fields["ects"].max_value = 60
        self.fields["ects"].validators.append(MaxValueValidator(60))


class CohortForm(SaneDatesMixin, forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["offer", "name", "starts_on", "ends_on", "sessions", "capacity"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = Offer.objects.filter(programme=programme)
        self.fields["capacity"].validators.append(MaxValueValidator(500))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The cohort ends before it starts."))
        return data
