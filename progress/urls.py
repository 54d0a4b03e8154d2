from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("", views.progress_index, name="index"),
    path("offices/<slug:slug>/", views.office_progress, name="office"),
    path("offices/<slug:slug>/export.xlsx", views.office_progress_export, name="office-export"),
    path("administrations/<slug:slug>/", views.administration_progress, name="administration"),
    path(
        "administrations/<slug:slug>/export.xlsx",
        views.administration_progress_export,
        name="administration-export",
    ),
]
