from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User, normalise_email


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        "invalid_login": _("The e-mail address or password is not right. The password is case-sensitive."),
        "inactive": _("This account is not active."),
    }

    def clean_username(self):
        # The same form the lock-out counts (accounts.signin): "A@x" and " a@X " are one person.
        return normalise_email(self.cleaned_data["username"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "full_name",
            "initials",
            "preferred_language",
            "email_agendas",
            "email_minutes",
            "email_reminders",
            "email_visits",
        ]

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
