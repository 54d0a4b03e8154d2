from django.urls import path

from . import views

app_name = "logbook"

urlpatterns = [
    path("", views.logbook_index, name="index"),
    path("<slug:slug>/", views.entry_list, name="entry-list"),
    path("<slug:slug>/new/", views.entry_create, name="entry-create"),
    path("<slug:slug>/<int:pk>/", views.entry_detail, name="entry-detail"),
    path("<slug:slug>/<int:pk>/edit/", views.entry_update, name="entry-update"),
    path("<slug:slug>/<int:pk>/status/", views.agreement_status_update, name="agreement-status"),
]
