from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slf.conflicts import VersionedFormMixin
from slf.forms import SaneDatesMixin

from .models import Project, ProjectStatus, SparringNote, SparringRhythm
from .services import office_meeting_series

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(SaneDatesMixin, VersionedFormMixin, forms.ModelForm):
    """The manager's form of a project (the agent proposes a status on the project page)."""

    class Meta:
        model = Project
        fields = ["agent", "title", "description", "status", "started_on", "next_step"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "started_on": DATE}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = programme.participants.select_related("person").order_by("person__full_name")
        self.fields["agent"].label_from_instance = lambda participant: participant.person.full_name


class NoteForm(SaneDatesMixin, VersionedFormMixin, forms.ModelForm):
    date_ranges = {"held_on": (2, 0)}

    class Meta:
        model = SparringNote
        fields = ["held_on", "discussed", "next_step", "status"]
        widgets = {"held_on": DATE, "discussed": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"status": _("The project's status as you agreed it; the project takes it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["held_on"].initial = timezone.localdate()


class ReflectionForm(VersionedFormMixin, forms.ModelForm):
    version_field = "reflection_version"

    class Meta:
        model = SparringNote
        fields = ["reflection"]
        widgets = {"reflection": forms.Textarea(attrs={"rows": 3})}
        labels = {"reflection": _("Your reflection")}


class StatusProposalForm(forms.Form):
    proposed_status = forms.ChoiceField(label=_("Propose a status"), choices=ProjectStatus.choices)


class RhythmForm(SaneDatesMixin, forms.ModelForm):
    date_ranges = {"first_on": (1, 1)}

    class Meta:
        model = SparringRhythm
        fields = ["first_on", "at", "location"]
        widgets = {"first_on": DATE, "at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
        help_texts = {"first_on": _("The sparring then comes every fourteen days, on the same weekday.")}


class PresentForm(forms.Form):
    series = forms.TypedChoiceField(label=_("Office meeting"), coerce=int)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.series_list = list(office_meeting_series(programme))
        self.fields["series"].choices = [(series.pk, series.title) for series in self.series_list]

    def clean_series(self):
        chosen = self.cleaned_data["series"]
        return next(series for series in self.series_list if series.pk == chosen)
