from django import forms
from django.conf import settings
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
        "password_login_off": _(
            "Sign in with the button above. E-mail and password are only for the administrator's emergency account."
        ),
    }

    def get_invalid_login_error(self):
        if not settings.PASSWORD_LOGIN:
            # The same words whoever tried (accounts.backends.PasswordSignInSwitch refused, or the password was
            # wrong): nothing tells which addresses are administrators'.
            return forms.ValidationError(self.error_messages["password_login_off"], code="password_login_off")
        return super().get_invalid_login_error()

    def clean_username(self):
        # The same form the lock-out counts (accounts.signin): "A@x" and " a@X " are one person.
        return normalise_email(self.cleaned_data["username"])
