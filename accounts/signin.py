"""The sign-in lock-out (django-axes): which name a failure counts against, and the two limits.

Failures are counted twice, in the records axes keeps per (e-mail address, client address):

* per person and address: ``AXES_FAILURE_LIMIT`` failures of one e-mail address from one client address;
* per address: ``AXES_ADDRESS_FAILURE_LIMIT`` failures of any e-mail addresses from one client address, so
  trying many people's addresses from one machine is stopped too. It is higher, because a whole town hall
  may reach the app through one address.

The e-mail address is counted in its normalised form (``accounts.models.normalise_email``), the same form
sign-in looks people up by, so "A@x" and " a@X " share one counter. The client address comes from
``slf.proxy.client_ip`` (a proxy's header only when one is configured as trusted).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from .models import normalise_email


def lockout_username(request, credentials=None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the normalised e-mail address of a sign-in attempt."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and credentials.get(field) is not None:
        value = credentials[field]
    else:
        value = getattr(request, "POST", {}).get(field)
    return None if value is None else normalise_email(str(value))


def _limit_for(parameter, request, credentials) -> int:
    if parameter in ("ip_address", ["ip_address"], ("ip_address",)):
        return settings.AXES_ADDRESS_FAILURE_LIMIT
    return get_failure_limit(request, credentials)


class SignInLockoutHandler(AxesDatabaseHandler):
    """axes' database handler with a limit of its own for each lock-out parameter.

    axes compares one number, ``get_failures()``, with one limit, ``AXES_FAILURE_LIMIT``. Here each
    parameter's count is shifted by the distance between its limit and ``AXES_FAILURE_LIMIT``, so the
    comparison axes makes ("failures >= AXES_FAILURE_LIMIT") holds exactly when some parameter has reached
    its own limit.
    """

    def get_failures(self, request, credentials=None) -> int:
        base = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        counts = [
            (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            - (_limit_for(parameter, request, credentials) - base)
            for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True)
        ]
        return max(counts, default=0)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful sign-in, forget that person's failures from this address only.

        axes would delete every record matching any parameter, so signing in to one's own account would
        wipe the address's count of failures against everybody else.
        """
        deleted, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials), ip_address=request.axes_ip_address
        ).delete()
        return deleted
