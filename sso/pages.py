"""The pages single sign-on shows: a refusal that says why, and the page for someone no rule gives an office."""

from django.conf import settings
from django.shortcuts import render


def refused_page(request, reason, *, provider):
    return render(request, "sso/refused.html", {"reason": reason, "provider": provider}, status=403)


def no_access_page(request, person, *, provider):
    return render(
        request,
        "sso/no_access.html",
        {"person": person, "provider": provider, "contact": settings.SSO_ACCESS_CONTACT},
        status=403,
    )
