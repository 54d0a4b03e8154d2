"""The profile page (``accounts:profile``: the person's fields and e-mail choices together) and the calendar
feed's addresses. They stay under /accounts/ with their old names (``accounts:calendar-feed``,
``accounts:calendar-token-regenerate``): people have subscribed to the feed's address. slf/urls.py mounts them
in the ``accounts`` namespace next to accounts.urls."""

from django.urls import path

from . import views

account_urlpatterns = [
    path("profile/", views.profile_update, name="profile"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("calendar/new-address/", views.calendar_token_regenerate, name="calendar-token-regenerate"),
]
