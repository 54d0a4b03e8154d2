from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import Theme
from slf.conflicts import VersionedFormMixin
from slf.forms import SaneDatesMixin

from .models import SCALE, BootcampDay, Evaluation

#: The most groups the builder makes (Kalundborg worked with four themes, a group or two per theme).
MAX_GROUPS = 12


class BootcampDayForm(VersionedFormMixin, SaneDatesMixin, forms.ModelForm):
    date_ranges = {"date": (2, 3)}

    class Meta:
        model = BootcampDay
        fields = ["date", "starts_at", "ends_at", "place", "agenda"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "agenda": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {"agenda": _("The day's programme, one point a line (e.g. “9.00 Welcome”).")}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.instance.programme = programme

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The day must end after it starts."))
        day = cleaned.get("date")
        if day and (
            BootcampDay.objects.filter(programme=self.programme, date=day).exclude(pk=self.instance.pk).exists()
        ):
            self.add_error("date", _("There is already a bootcamp day on this date."))
        return cleaned


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["new_knowledge", "new_colleagues", "takeaway"]
        widgets = {"takeaway": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(k, str(k)) for k in SCALE]
        for name in ("new_knowledge", "new_colleagues"):
            field = self.fields[name]
            self.fields[name] = forms.TypedChoiceField(
                label=field.label,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 = not at all, 5 = very much"),
            )


class BuilderForm(forms.Form):
    """How many groups (or how large), and the themes they work on (dealt out in turn)."""

    BY_COUNT, BY_SIZE = "count", "size"
    by = forms.ChoiceField(
        label=_("Make"),
        choices=[(BY_COUNT, _("a number of groups")), (BY_SIZE, _("groups of a size"))],
        initial=BY_COUNT,
        widget=forms.RadioSelect,
    )
    number = forms.IntegerField(label=_("Number of groups, or people per group"), min_value=1, max_value=60, initial=4)
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The groups get the chosen themes in turn."),
    )

    def __init__(self, *args, themes, **kwargs):
        """``themes``: the programme's themes, read once for the page (the choices; posted ids must be one)."""
        super().__init__(*args, **kwargs)
        self.theme_objects = {str(t.pk): t for t in themes}
        self.fields["themes"].choices = [(str(t.pk), t.name) for t in themes]

    def clean_themes(self) -> list[Theme]:
        return [self.theme_objects[pk] for pk in self.cleaned_data["themes"]]

    def group_count(self, people: int) -> int:
        from .builder import group_count

        number = self.cleaned_data["number"]
        if self.cleaned_data["by"] == self.BY_SIZE:
            return min(group_count(people, size=number), MAX_GROUPS)
        return min(group_count(people, count=number), MAX_GROUPS)


class AssignmentForm(forms.Form):
    """The proposal as a form: the group of each participant and the theme of each group (move people by hand)."""

    def __init__(self, *args, participants, themes, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count
        self.fields["count"] = forms.IntegerField(min_value=1, max_value=MAX_GROUPS, widget=forms.HiddenInput)
        self.initial.setdefault("count", count)
        groups = [(str(i), _("Group %(n)d") % {"n": i}) for i in range(1, count + 1)]
        theme_choices = [("", _("no theme")), *((str(t.pk), t.name) for t in themes)]
        self.themes = {str(t.pk): t for t in themes}
        for i in range(1, count + 1):
            self.fields[f"theme_{i}"] = forms.ChoiceField(
                label=_("Theme of group %(n)d") % {"n": i}, choices=theme_choices, required=False
            )
        self.participants = list(participants)
        for participant in self.participants:
            self.fields[f"p{participant.pk}"] = forms.TypedChoiceField(
                label=participant.person.full_name, choices=groups, coerce=int
            )

    def assignment(self) -> dict[int, int]:
        """participant id → group number (1-based)."""
        return {p.pk: self.cleaned_data[f"p{p.pk}"] for p in self.participants}

    def group_themes(self) -> dict[int, Theme | None]:
        return {i: self.themes.get(self.cleaned_data.get(f"theme_{i}") or "") for i in range(1, self.count + 1)}
