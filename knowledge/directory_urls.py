from django.urls import path

from . import directory_views

app_name = "directory"

urlpatterns = [
    path("", directory_views.people_search, name="people"),
    path("me/", directory_views.profile_update, name="profile"),
    path("me/suggestions/", directory_views.suggestion_take, name="suggestion"),
    path("merge/", directory_views.competence_merge, name="merge"),
    path("offices/<slug:slug>/only-one/", directory_views.single_holders, name="single-holders"),
]
