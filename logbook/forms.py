from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from meetings.models import Meeting, MeetingStatus
from slf.conflicts import VersionedFormMixin, VersionField
from slf.forms import SaneDatesMixin
from slf.limits import VisibleLimitsMixin

from .models import AgreementStatus, CirclePhase, DataPoint, Entry, EntryKind, LearningCircle, Measure, MeasurePart


class EntryForm(VisibleLimitsMixin, SaneDatesMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Entry
        fields = [
            "kind",
            "title",
            "text",
            "heading",
            "date",
            "responsible",
            "due_date",
            "review_date",
            "status",
            "follow_up_meeting",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "review_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "responsible": forms.CheckboxSelectMultiple,
        }
        help_texts = {"responsible": _("Agreements only: who keeps it.")}

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office
        self.fields["heading"].queryset = office.headings.filter(is_active=True)
        self.fields["responsible"].queryset = User.objects.filter(memberships__office=office).order_by("full_name")
        self.fields["status"].required = False
        self.fields["status"].choices = [("", "—"), *AgreementStatus.choices]
        self.fields["follow_up_meeting"].queryset = coming_meetings(office, keep=self.instance.follow_up_meeting_id)
        self.fields["follow_up_meeting"].label_from_instance = _meeting_label
        self.fields["follow_up_meeting"].help_text = _(
            "Agreements only: it comes back in that meeting's Follow-up, whatever its due date."
        )

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the entry a title."))
        return title

    def clean(self):
        data = super().clean()
        if data.get("kind") == EntryKind.AGREEMENT:
            if not data.get("due_date") and "due_date" not in self.errors:
                self.add_error("due_date", _("An agreement needs a due date."))
            if not data.get("responsible"):
                self.add_error("responsible", _("Choose who is responsible for the agreement."))
            if not data.get("status"):
                data["status"] = AgreementStatus.OPEN
        else:
            data["due_date"] = data["review_date"] = None
            data["status"] = ""
            data["responsible"] = []
            data["follow_up_meeting"] = None
        entry_date = data.get("date")
        for field in ("due_date", "review_date"):
            if entry_date and data.get(field) and data[field] < entry_date:
                self.add_error(field, _("The date can't be before the entry's date."))
        responsible = data.get("responsible") or []
        outsiders = [p for p in responsible if not p.memberships.filter(office=self.office).exists()]
        if outsiders:
            self.add_error("responsible", _("Responsible people must be members of the office."))
        return data


def coming_meetings(office, keep=None):
    """The office's meetings of the next half year (not cancelled) an agreement can be brought back to."""
    now = timezone.now()
    return (
        Meeting.objects.filter(
            Q(series__office=office, starts_at__gte=now - timedelta(hours=12), starts_at__lte=now + timedelta(days=183))
            | Q(pk=keep)
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("series")
        .order_by("starts_at")
    )


def _meeting_label(meeting) -> str:
    return f"{meeting.series.title} · {formats.date_format(timezone.localtime(meeting.starts_at), 'DATE_FORMAT')}"


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AgreementStatus.choices)
    closing_note = forms.CharField(label=_("Closing note"), max_length=1000, required=False)


class CircleForm(forms.ModelForm):
    class Meta:
        model = LearningCircle
        fields = ["title", "challenge", "heading", "responsible", "status"]
        widgets = {"challenge": forms.Textarea(attrs={"rows": 3}), "responsible": forms.CheckboxSelectMultiple}

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["heading"].queryset = office.headings.filter(is_active=True)
        self.fields["responsible"].queryset = User.objects.filter(memberships__office=office).order_by("full_name")


class CardForm(VisibleLimitsMixin, forms.Form):
    text = forms.CharField(label=_("Notes"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 6}))
    data_sources = forms.CharField(
        label=_("Data sources"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    meeting = forms.ModelChoiceField(label=_("Discussed at the meeting"), queryset=None, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        from datetime import timedelta

        from django.utils import timezone

        from meetings.models import Meeting

        now = timezone.now()
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(
                series__office=office, starts_at__gte=now - timedelta(days=120), starts_at__lte=now + timedelta(days=60)
            )
            .exclude(status="cancelled")
            .select_related("series")
            .order_by("-starts_at")
        )
        self.fields["meeting"].label_from_instance = lambda m: f"{m.starts_at:%d.%m.%Y} · {m}"


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[(d, d) for d in ("forward", "back", "pause", "resume", "complete", "revisit")]
    )
    to_position = forms.IntegerField(label=_("Back to phase"), required=False, min_value=1)
    reason = forms.CharField(label=_("Why go back?"), max_length=500, required=False)


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["name", "unit", "better"]

    def __init__(self, *args, circle, **kwargs):
        super().__init__(*args, **kwargs)
        self.circle = circle

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Measure.objects.filter(circle=self.circle, name__iexact=name).exists():
            raise forms.ValidationError(_("The circle already has a measure with this name."))
        return name


class DecimalCommaField(forms.DecimalField):
    """A number input (the browser shows and takes "19,5" in Danish and posts 19.5); a comma posted without it
    (an old browser, a script) is read as the decimal mark too."""

    def to_python(self, value):
        if isinstance(value, str) and "," in value and "." not in value:
            value = value.replace(",", ".")
        return super().to_python(value)


class DataPointForm(SaneDatesMixin, VersionedFormMixin, forms.ModelForm):
    """A new value, or a correction of one (then with the version read: two corrections never cross)."""

    date_ranges = {"date": (10, 1)}

    class Meta:
        model = DataPoint
        fields = ["date", "value"]
        field_classes = {"value": DecimalCommaField}
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "value": forms.NumberInput(attrs={"step": "any"}),
        }

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure

    def clean_date(self):
        day = self.cleaned_data["date"]
        if DataPoint.objects.filter(measure=self.measure, date=day).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a value for this date."))
        return day


class DataPointRemoveForm(forms.Form):
    """Removing a value: the version read, so a value corrected in the meantime is shown before it goes."""

    version = VersionField(required=False)


class BaselineForm(forms.ModelForm):
    """Freeze the median on the first values (empty: not frozen)."""

    baseline = forms.IntegerField(
        label=capfirst(Measure._meta.get_field("baseline").verbose_name),
        help_text=Measure._meta.get_field("baseline").help_text,
        min_value=2,
        max_value=500,
        required=False,
    )

    class Meta:
        model = Measure
        fields = ["baseline"]


class MeasurePartForm(SaneDatesMixin, forms.ModelForm):
    """Split the chart: from a date, or after one of the circle's steps (the day after it)."""

    date_ranges = {"starts_on": (10, 1)}

    class Meta:
        model = MeasurePart
        fields = ["step", "starts_on", "label"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "starts_on": _("Empty: the day after the step."),
            "label": _("E.g. “new procedure for reminders”."),
        }

    def __init__(self, *args, measure, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["step"].queryset = steps
        self.fields["step"].label_from_instance = lambda s: (
            f"{formats.date_format(timezone.localtime(s.created_at), 'SHORT_DATE_FORMAT')} · {s.summary}"
        )
        self.fields["starts_on"].required = False

    def clean(self):
        data = super().clean()
        step, day = data.get("step"), data.get("starts_on")
        if day is None and step is None and not self.has_error("starts_on"):
            self.add_error("starts_on", _("Choose a step or a date."))
        elif day is None and step is not None:
            day = data["starts_on"] = timezone.localtime(step.created_at).date() + timedelta(days=1)
        if day and MeasurePart.objects.filter(measure=self.measure, starts_on=day).exists():
            self.add_error("starts_on", _("The chart is already split on this date."))
        if step is not None and not data.get("label"):
            data["label"] = step.summary[:200]
        return data


class PhaseForm(forms.ModelForm):
    class Meta:
        model = CirclePhase
        fields = ["name", "question"]


class BasePhaseFormSet(forms.BaseModelFormSet):
    """The office's phase template: rename, reword, reorder, add; remove only phases nothing refers to."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Number in the order")
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this phase")

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        kept = [f for f in kept if f.instance.pk or f.has_changed()]
        if len(kept) < 2:
            raise forms.ValidationError(_("A learning circle needs at least two phases."))
        in_use = [form for form in self.deleted_forms if form.instance.pk and form.instance.in_use()]
        for form in in_use:
            form.add_error(
                None,
                _("“%(name)s” is used by learning circles and can't be removed. Rename it instead.")
                % {"name": form.instance.name},
            )
        if in_use:
            raise forms.ValidationError(_("Nothing was saved. Correct the marked phases."))


PhaseFormSet = forms.modelformset_factory(
    CirclePhase, form=PhaseForm, formset=BasePhaseFormSet, extra=1, can_order=True, can_delete=True
)
