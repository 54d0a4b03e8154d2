from django.urls import path

from . import views

app_name = "taskforce"

urlpatterns = [
    # The decentral units of an office and their contacts.
    path("<slug:office_slug>/units/", views.unit_list, name="units"),
    path("<slug:office_slug>/units/new/", views.unit_create, name="unit-create"),
    path("<slug:office_slug>/units/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("<slug:office_slug>/units/<int:pk>/edit/", views.unit_update, name="unit-update"),
    path("<slug:office_slug>/units/<int:pk>/contacts/new/", views.contact_create, name="contact-create"),
    path(
        "<slug:office_slug>/units/<int:pk>/contacts/<int:contact_pk>/edit/",
        views.contact_update,
        name="contact-update",
    ),
    # From the meeting page's section (a meeting with the decentral units).
    path("<slug:office_slug>/meetings/<int:meeting_pk>/tasks/", views.task_create, name="task-create"),
    path("<slug:office_slug>/meetings/<int:meeting_pk>/guests/", views.guest_attendance, name="guest-attendance"),
    # The task force (a programme of kind task force).
    path("<slug:slug>/", views.programme, name="programme"),
    path("<slug:slug>/settings/", views.taskforce_settings, name="settings"),
    path("<slug:slug>/initiatives/<int:pk>/units/", views.initiative_units, name="initiative-units"),
]
