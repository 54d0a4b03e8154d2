from django import forms
from django.utils.translation import gettext_lazy as _

from slf.forms import SaneDatesMixin

from .models import AvailabilityException, AvailabilityWindow, ExceptionKind, Reflection, VisitProfile, VisitSettings


class BookingForm(forms.Form):
    slot = forms.CharField(widget=forms.HiddenInput)
    topic = forms.CharField(
        label=_("What would you like to hear about?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A line or two, so your colleague can prepare."),
    )

    def clean_topic(self):
        topic = self.cleaned_data["topic"].strip()
        if not topic:
            raise forms.ValidationError(_("Write what you would like to hear about."))
        return topic


class EndVisitForm(forms.Form):
    message = forms.CharField(
        label=_("Message to your colleague"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class HeldForm(forms.Form):
    YES, NO = "yes", "no"
    held = forms.ChoiceField(choices=[(YES, _("held")), (NO, _("not held"))])


class AvailabilityWindowForm(forms.ModelForm):
    class Meta:
        model = AvailabilityWindow
        fields = ["weekday", "start", "end"]
        widgets = {"start": forms.TimeInput(attrs={"type": "time"}), "end": forms.TimeInput(attrs={"type": "time"})}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The window must end after it starts."))
        return data


class AvailabilityExceptionForm(SaneDatesMixin, forms.ModelForm):
    date_ranges = {"date": (1, 5)}

    class Meta:
        model = AvailabilityException
        fields = ["date", "kind", "start", "end"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "start": forms.TimeInput(attrs={"type": "time"}),
            "end": forms.TimeInput(attrs={"type": "time"}),
        }

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == ExceptionKind.BLOCKED:
            data["start"] = data["end"] = None
        elif kind == ExceptionKind.AVAILABLE:
            if not data.get("start"):
                self.add_error("start", _("An extra window needs a start time."))
            if not data.get("end"):
                self.add_error("end", _("An extra window needs an end time."))
            if data.get("start") and data.get("end") and data["end"] <= data["start"]:
                self.add_error("end", _("The window must end after it starts."))
        return data


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = Reflection
        fields = ["learned", "interfaces", "competences", "shared"]
        widgets = {"learned": forms.Textarea(attrs={"rows": 3}), "interfaces": forms.Textarea(attrs={"rows": 2})}

    def clean_learned(self):
        text = self.cleaned_data["learned"].strip()
        if not text:
            raise forms.ValidationError(_("Write at least a line about what you learned."))
        return text


class VisitProfileForm(forms.ModelForm):
    class Meta:
        model = VisitProfile
        fields = ["about", "allow_cross_office"]


class VisitSettingsForm(forms.ModelForm):
    class Meta:
        model = VisitSettings
        fields = ["length_minutes", "min_notice_minutes", "horizon_days", "monthly_cap"]

    def clean_length_minutes(self):
        value = self.cleaned_data["length_minutes"]
        if not 10 <= value <= 240:
            raise forms.ValidationError(_("A visit lasts between 10 and 240 minutes."))
        return value

    def clean_horizon_days(self):
        value = self.cleaned_data["horizon_days"]
        if not 1 <= value <= 365:
            raise forms.ValidationError(_("Choose between 1 and 365 working days."))
        return value
