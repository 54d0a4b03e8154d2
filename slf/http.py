"""Typed request for views: ``request.user`` is a signed-in person, ``request.htmx`` is set."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from accounts.models import User


class AuthedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
