from django.urls import path

from . import views

app_name = "drafts"

urlpatterns = [
    path("<str:key>/", views.draft_save, name="save"),
    path("<str:key>/discard/", views.draft_discard, name="discard"),
]
