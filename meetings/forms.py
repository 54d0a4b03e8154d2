from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from offices.models import Role, Section
from slf.conflicts import VersionedFormMixin
from slf.forms import SaneDatesMixin
from slf.limits import VisibleLimitsMixin, visible_limit

from .models import AgendaComment, AgendaItem, Frequency, MeetingSeries, TopicProposal

TZ = ZoneInfo(settings.TIME_ZONE)


class SeriesForm(SaneDatesMixin, forms.ModelForm):
    participant_roles = forms.MultipleChoiceField(
        label=_("Roles taking part"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = MeetingSeries
        fields = [
            "kind",
            "title",
            "description",
            "location",
            "frequency",
            "interval",
            "weekday",
            "week_of_month",
            "day_of_month",
            "start_date",
            "start_time",
            "duration_minutes",
            "until",
            "participant_roles",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "weekday": forms.Select(
                choices=[
                    (0, _("Monday")),
                    (1, _("Tuesday")),
                    (2, _("Wednesday")),
                    (3, _("Thursday")),
                    (4, _("Friday")),
                    (5, _("Saturday")),
                    (6, _("Sunday")),
                ]
            ),
            "week_of_month": forms.Select(
                choices=[(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth")), (-1, _("last"))]
            ),
        }

    def clean(self):
        data = super().clean()
        if not data.get("start_date"):
            self.add_error("start_date", _("Choose the first date."))
        if data.get("until") and data.get("start_date") and data["until"] < data["start_date"]:
            self.add_error("until", _("The last date must be after the first."))
        interval = data.get("interval")
        if interval is not None and not 1 <= interval <= 12:
            self.add_error("interval", _("Choose between 1 and 12."))
        duration = data.get("duration_minutes")
        if duration is not None and not 10 <= duration <= 600:
            self.add_error("duration_minutes", _("A meeting lasts between 10 and 600 minutes."))
        if data.get("frequency") == Frequency.MONTHLY_DATE and not 1 <= (data.get("day_of_month") or 0) <= 31:
            self.add_error("day_of_month", _("Choose a day between 1 and 31."))
        if not self.errors and data.get("start_date"):
            from . import rhythm

            concrete = {f.name for f in MeetingSeries._meta.concrete_fields}
            probe = MeetingSeries(**{k: v for k, v in data.items() if k in concrete})
            if not rhythm.rule(probe).after(rhythm.datetime.combine(data["start_date"], data["start_time"]), inc=True):
                raise forms.ValidationError(_("This rhythm gives no dates. Check the first and last date."))
        return data


class QuestionsField(forms.CharField):
    """One question per line, stored as a list of strings."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        lines = [line.strip() for line in (value or "").splitlines()]
        return [line for line in lines if line]

    def validate(self, value):
        super().validate(value)
        if len(value) > 12:
            raise forms.ValidationError(_("At most 12 questions."))
        if any(len(q) > 300 for q in value):
            raise forms.ValidationError(_("Keep each question under 300 characters."))


class SeriesUpdateForm(SeriesForm):
    """Everything of the create form, plus who else takes part and the before/after templates."""

    before_questions = QuestionsField(
        label=_("Before the meeting: questions to prepare"), required=False, help_text=_("One question per line.")
    )
    after_questions = QuestionsField(
        label=_("After the meeting: questions to reflect on"), required=False, help_text=_("One question per line.")
    )

    class Meta(SeriesForm.Meta):
        fields = [*SeriesForm.Meta.fields, "participant_sections", "participant_people"]
        widgets = {
            **SeriesForm.Meta.widgets,
            "participant_sections": forms.CheckboxSelectMultiple,
            "participant_people": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        series = self.instance
        if series.office_id:
            self.fields["participant_sections"].queryset = Section.objects.filter(office_id=series.office_id)
            members = User.objects.filter(memberships__office_id=series.office_id)
        else:
            self.fields["participant_sections"].queryset = Section.objects.none()
            del self.fields["participant_sections"]
            members = User.objects.filter(memberships__office__administration_id=series.administration_id)
        self.fields["participant_people"].queryset = members.distinct().order_by("full_name")
        self.fields["participant_roles"].initial = series.participant_roles
        self.fields["before_questions"].initial = series.before_questions
        self.fields["after_questions"].initial = series.after_questions

    def save(self, commit=True):
        series = super().save(commit=False)
        series.participant_roles = self.cleaned_data["participant_roles"]
        series.before_questions = self.cleaned_data["before_questions"]
        series.after_questions = self.cleaned_data["after_questions"]
        if commit:
            series.save()
            self.save_m2m()
        return series


class AgendaItemForm(VisibleLimitsMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "duration_minutes", "presenter", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        from .services import participant_list, participants

        presenter = self.fields["presenter"]
        presenter.queryset = participants(meeting)  # what a post is checked against
        # Offered from the participants the page has already fetched (no second query), on rendering only.
        empty = [("", presenter.empty_label)] if presenter.empty_label is not None else []
        presenter.choices = lambda: (
            empty + [(person.pk, presenter.label_from_instance(person)) for person in participant_list(meeting)]
        )

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        limit = self.meeting.duration_minutes * 2
        if not 1 <= minutes <= limit:
            raise forms.ValidationError(_("Choose between 1 and %(limit)s minutes.") % {"limit": limit})
        return minutes


class CommentForm(VisibleLimitsMixin, forms.ModelForm):
    class Meta:
        model = AgendaComment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": _("Your comment")}


class ProposalForm(VisibleLimitsMixin, forms.ModelForm):
    class Meta:
        model = TopicProposal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), max_length=300)


class MinutesForm(VisibleLimitsMixin, forms.Form):
    text = forms.CharField(
        label=_("Minutes"), required=False, max_length=20000, strip=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AnswersForm(VersionedFormMixin, forms.Form):
    """One text field per question of the series' before or after template."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        for i, row in enumerate(rows):
            self.fields[f"answer_{i}"] = visible_limit(
                forms.CharField(
                    label=row["question"],
                    required=False,
                    max_length=4000,
                    initial=row["answer"],
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            )
        self.rows = rows

    def answers(self) -> list[dict]:
        return [
            {"question": row["question"], "answer": self.cleaned_data[f"answer_{i}"].strip()}
            for i, row in enumerate(self.rows)
        ]


class MeetingTimeForm(SaneDatesMixin, forms.Form):
    """When and where a single meeting takes place: for moving one, or adding one ad hoc."""

    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=10, max_value=600)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)

    def __init__(self, *args, with_title=False, future_only=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.future_only = future_only
        if not with_title:
            del self.fields["title"]

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start_time"):
            starts = datetime.combine(data["date"], data["start_time"]).replace(tzinfo=TZ)
            if self.future_only and starts < timezone.now() - timedelta(minutes=5):
                self.add_error("date", _("Choose a time that has not passed."))
            data["starts_at"] = starts
        return data


class CarryForm(forms.Form):
    """What happens to an agenda item after the meeting took it up (or did not reach it)."""

    how = forms.ChoiceField(
        choices=[
            ("move", _("Move to the next meeting")),
            ("copy", _("Copy to the next meeting")),
            ("backlog", _("Back to the list of proposals")),
        ]
    )
