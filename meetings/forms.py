from django import forms
from django.utils.translation import gettext_lazy as _

from offices.models import Role

from .models import AgendaItem, Frequency, MeetingSeries


class SeriesForm(forms.ModelForm):
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

            probe = MeetingSeries(**{k: v for k, v in data.items() if k != "participant_roles"})
            if not rhythm.rule(probe).after(rhythm.datetime.combine(data["start_date"], data["start_time"]), inc=True):
                raise forms.ValidationError(_("This rhythm gives no dates. Check the first and last date."))
        return data


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "duration_minutes", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        limit = self.meeting.duration_minutes * 2
        if not 1 <= minutes <= limit:
            raise forms.ValidationError(_("Choose between 1 and %(limit)s minutes.") % {"limit": limit})
        return minutes
