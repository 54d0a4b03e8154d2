"""The profile form: the person's own fields (accounts) and their e-mail choices (notifications) on one page,
so it sits in home/, above both."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications import choices
from notifications.models import NotificationChoice


class ProfileForm(forms.ModelForm):
    """Name, initials, language, and per kind of e-mail how it reaches me (``notify_<kind>`` radio groups,
    saved as ``notifications.NotificationChoice`` rows)."""

    class Meta:
        model = User
        fields = ["full_name", "initials", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = choices.chosen(self.instance)
        for kind in choices.CHOSEN:
            self.fields[f"notify_{kind}"] = forms.ChoiceField(
                label=choices.HEADINGS[kind],
                help_text=choices.EXPLANATIONS[kind],
                choices=choices.Channel.choices,
                initial=current[kind],
                widget=forms.RadioSelect,
            )

    def notification_fields(self):
        """The bound radio groups, one per kind, in order."""
        return [self[f"notify_{kind}"] for kind in choices.CHOSEN]

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            rows = [
                NotificationChoice(person=user, kind=kind, channel=self.cleaned_data[f"notify_{kind}"])
                for kind in choices.CHOSEN
            ]
            NotificationChoice.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["person", "kind"], update_fields=["channel"]
            )
            choices.forget(user)
        return user

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Please write your name."))
        return name

    def clean_initials(self):
        initials = self.cleaned_data["initials"].strip().upper()
        if initials and not initials.isalpha():
            raise forms.ValidationError(_("Initials are letters only."))
        return initials
