"""PASSWORD_LOGIN=off: a password signs in superusers only (the break-glass account), everyone else signs in at the
identity provider (sso/). Listed before ModelBackend, so the refusal holds for the admin site's sign-in too."""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from .models import User, normalise_email


class PasswordSignInSwitch:
    def authenticate(self, request, username=None, password=None, **kwargs):
        if settings.PASSWORD_LOGIN or username is None or password is None:
            return None
        person = User.objects.filter(email__iexact=normalise_email(username)).first()
        if person is None or not person.is_superuser:
            # Stops the other backends; counts as a failed sign-in for the lock-out like any other.
            raise PermissionDenied("Password sign-in is off for everyone but superusers.")
        return None
