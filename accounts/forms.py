from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import normalise_email


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
