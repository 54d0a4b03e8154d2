"""Forms of a bootcamp group's work: its problem, its barriers and its journey map (bootcamps/work_views.py).

Posted ids (who raised a barrier, the initiative that addresses it) are chosen from querysets kept to the group."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from programmes.models import Group, Initiative
from slf.conflicts import VersionedFormMixin

from .models import Barrier, BarrierKind, Feeling, JourneyMap, JourneyStep


class ProblemForm(VersionedFormMixin, forms.ModelForm):
    """The complex problem the group works on (edited together: the conflict view and a draft)."""

    version_field = "problem_version"

    class Meta:
        model = Group
        fields = ["problem"]
        labels = {"problem": _("The problem the group works on")}
        help_texts = {
            "problem": _("A complex problem of the theme that can't be solved by one area alone or in daily work.")
        }
        widgets = {"problem": forms.Textarea(attrs={"rows": 6})}


def group_people(group):
    """The people a barrier may be raised by: the group's members."""
    return User.objects.filter(programme_places__group_membership__group=group).order_by("full_name")


def group_initiatives(group):
    return Initiative.objects.filter(programme_id=group.programme_id, group=group).order_by("title")


class BarrierForm(forms.ModelForm):
    """A barrier: the text and how it is sorted (and, when editing, who raised it and what addresses it)."""

    class Meta:
        model = Barrier
        fields = ["text", "kind", "raised_by", "initiative"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"kind": _("Sorted as")}

    def __init__(self, *args, group, full=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["maxlength"] = Barrier._meta.get_field("text").max_length
        if full:
            self.fields["raised_by"].queryset = group_people(group)
            self.fields["raised_by"].empty_label = _("(nobody in particular)")
            self.fields["initiative"].queryset = group_initiatives(group)
            self.fields["initiative"].empty_label = _("(none yet)")
        else:
            # The short form on the group page: the text and the sorting; the person adding it raised it.
            del self.fields["raised_by"]
            del self.fields["initiative"]
        self.fields["kind"].choices = BarrierKind.choices
        self.fields["kind"].required = False  # not sorted yet, unless said

    def clean_kind(self):
        return self.cleaned_data.get("kind") or BarrierKind.UNSORTED


class BarrierSortForm(forms.Form):
    kind = forms.ChoiceField(choices=BarrierKind.choices)


class JourneyForm(forms.ModelForm):
    class Meta:
        model = JourneyMap
        fields = ["persona", "situation"]
        widgets = {"situation": forms.Textarea(attrs={"rows": 3})}


class JourneyStepForm(forms.ModelForm):
    """A step of the journey. A break needs a note saying what breaks."""

    class Meta:
        model = JourneyStep
        fields = ["title", "touchpoint", "action", "feeling", "meets", "breaks", "break_note", "initiative"]
        widgets = {
            "feeling": forms.RadioSelect,
            "action": forms.Textarea(attrs={"rows": 2}),
            "meets": forms.Textarea(attrs={"rows": 2}),
            "break_note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "touchpoint": _("Where, or with whom: the citizen service desk, the caseworker, the website…"),
            "meets": _("What the person meets there: a form, a waiting time, a rule, a kind word…"),
        }

    def __init__(self, *args, group, full=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feeling"].choices = Feeling.choices  # one of the three, no empty choice
        if full:
            self.fields["initiative"].queryset = group_initiatives(group)
            self.fields["initiative"].empty_label = _("(none yet)")
        else:
            del self.fields["initiative"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("breaks") and not (cleaned.get("break_note") or "").strip():
            self.add_error("break_note", _("Say what breaks here."))
        if not cleaned.get("breaks"):
            cleaned["break_note"] = ""
        return cleaned


class StepMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])
