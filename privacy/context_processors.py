from django.conf import settings
from django.urls import reverse


def footer(request):
    """The footer's links: the municipality's WAS statement when set, else the built-in one; the privacy notice."""
    return {
        "accessibility_url": settings.ACCESSIBILITY_STATEMENT_URL or reverse("privacy:accessibility"),
        "privacy_url": reverse("privacy:notice"),
    }
