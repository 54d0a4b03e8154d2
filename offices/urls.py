from django.urls import path

from . import views

app_name = "offices"

urlpatterns = [
    path("", views.office_list, name="office-list"),
    path("<slug:slug>/", views.office_detail, name="office-detail"),
    path("<slug:slug>/headings/", views.heading_list, name="heading-list"),
    path("<slug:slug>/headings/<int:pk>/edit/", views.heading_update, name="heading-update"),
]
