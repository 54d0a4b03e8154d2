from django import forms
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from slf.conflicts import VersionedFormMixin
from slf.forms import SaneDatesMixin
from slf.widgets import FastSelect

from .models import Term


class TermForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Term
        fields = ["term", "explanation", "example", "related", "owner", "public"]
        widgets = {
            "explanation": forms.Textarea(attrs={"rows": 4}),
            "example": forms.Textarea(attrs={"rows": 2}),
            "related": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, administration, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.administration = administration
        others = Term.objects.filter(administration=administration)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["related"].queryset = others
        if self.instance.pk:
            # The owner office changes only by a deliberate hand-over (TermHandoverForm), never in passing.
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = owners
            self.fields["owner"].required = True
            self.fields["owner"].empty_label = None
        self.fields["term"].error_messages["required"] = _("Write the term.")
        self.fields["explanation"].error_messages["required"] = _("Explain the term in plain language.")

    def clean_term(self):
        term = " ".join(self.cleaned_data["term"].split())
        if not term:
            raise forms.ValidationError(_("Write the term."))
        duplicates = Term.objects.filter(administration=self.administration).annotate(lower=Lower("term"))
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.filter(lower=term.lower()).exists():
            raise forms.ValidationError(_("“%(term)s” is already in the glossary.") % {"term": term})
        same_address = duplicates.filter(slug=Term.slug_for(term)).first()
        if same_address:
            raise forms.ValidationError(
                _("“%(term)s” would get the same address as “%(other)s”. Write the term differently.")
                % {"term": term, "other": same_address.term}
            )
        return term

    def clean_explanation(self):
        explanation = self.cleaned_data["explanation"].strip()
        if not explanation:
            raise forms.ValidationError(_("Explain the term in plain language."))
        return explanation

    def save(self, commit=True):
        self.instance.administration = self.administration
        return super().save(commit)


class TermHandoverForm(forms.Form):
    """The owner office's editors hand a term to another office of the administration."""

    owner = forms.ModelChoiceField(label=_("New owner office"), queryset=None, empty_label=None)

    def __init__(self, *args, term, **kwargs):
        super().__init__(*args, **kwargs)
        offices = term.administration.offices.order_by("name")
        if term.owner_id:
            offices = offices.exclude(pk=term.owner_id)
        self.fields["owner"].queryset = offices
        self.fields["owner"].error_messages["invalid_choice"] = _("Choose an office of the administration.")


class ProfileForm(forms.Form):
    tasks = forms.CharField(
        label=_("My tasks"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you work with, in a few words: e.g. “budget follow-up for the schools, refunds”."),
    )
    competences = forms.CharField(
        label=_("My competences"),
        max_length=1000,
        required=False,
        help_text=_("Separate with commas. Choose existing words where they fit, so colleagues find you."),
    )
    about = forms.CharField(label=_("Ask me about"), max_length=300, required=False)

    def clean_competences(self):
        from .directory import MAX_TAGS, parse_tags

        tags = parse_tags(self.cleaned_data["competences"])
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(_("At most %(n)s competences.") % {"n": MAX_TAGS})
        return tags


class MergeForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Merge this competence"), queryset=None)
    target = forms.ModelChoiceField(label=_("into this one"), queryset=None)

    def __init__(self, *args, administration, **kwargs):
        from .models import Competence

        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Competence.objects.filter(administration=administration)
        self.fields["target"].queryset = Competence.objects.filter(administration=administration)

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("source") == data.get("target"):
            self.add_error("target", _("Choose two different competences."))
        return data


class QuestionForm(SaneDatesMixin, forms.ModelForm):
    class Meta:
        from .models import Question

        model = Question
        fields = ["unit", "asked_by", "title", "description", "urgency", "due_date"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_due_date(self):
        from django.utils import timezone

        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate():
            raise forms.ValidationError(_("The date has passed."))
        return due


class AssignForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Assign to"), queryset=None, widget=FastSelect)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, administration, **kwargs):
        from .directory import people_in

        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_in(administration).order_by("full_name")
        self.fields["person"].error_messages["invalid_choice"] = _("Choose someone in the administration.")


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the answer.")},
    )


class ProcedureForm(SaneDatesMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        from .models import Procedure

        model = Procedure
        fields = ["title", "body", "owner", "review_date"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "review_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"body": _("Markdown: lists with 1. and -, **bold**.")}

    def __init__(self, *args, office, **kwargs):
        from accounts.models import User

        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(memberships__office=office).order_by("full_name")
        self.fields["owner"].widget = FastSelect(choices=self.fields["owner"].choices)


class ShareForm(forms.Form):
    """Share something of my office: pick the kind and its source (a series, a meeting, or the guide's text)."""

    kind = forms.ChoiceField(label=_("What to share"), widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("What it is good for"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    series = forms.ModelChoiceField(label=_("Questions of the series"), queryset=None, required=False)
    meeting = forms.ModelChoiceField(label=_("Agenda of the meeting"), queryset=None, required=False)
    guide = forms.CharField(
        label=_("Visit guide"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, office, **kwargs):
        from meetings.models import Meeting, MeetingSeries

        from .models import TemplateKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = TemplateKind.choices
        self.fields["series"].queryset = MeetingSeries.objects.filter(office=office)
        from datetime import timedelta

        from django.utils import timezone

        # Meetings of the last year and the coming ones that have an agenda (a queryset, not a slice, so it validates).
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(
                series__office=office,
                agenda_items__isnull=False,
                starts_at__gte=timezone.now() - timedelta(days=365),
            )
            .select_related("series")
            .distinct()
            .order_by("-starts_at")
        )

    def clean(self):
        from .models import TemplateKind

        data = super().clean()
        need = {
            TemplateKind.MEETING_QUESTIONS: ("series", _("Choose the series whose questions you share.")),
            TemplateKind.AGENDA: ("meeting", _("Choose the meeting whose agenda you share.")),
            TemplateKind.VISIT_GUIDE: ("guide", _("Write the visit guide.")),
        }.get(data.get("kind"))
        if need and not data.get(need[0]):
            self.add_error(need[0], need[1])
        return data
