from django.urls import path

from . import views

app_name = "visits"

urlpatterns = [
    path("", views.visit_list, name="index"),
    path("availability/", views.availability_update, name="availability"),
    path("availability/<int:pk>/delete/", views.availability_delete, name="availability-delete"),
    path("availability/exceptions/<int:pk>/delete/", views.exception_delete, name="exception-delete"),
    path("<int:pk>/", views.visit_detail, name="visit-detail"),
    path("<int:pk>/cancel/", views.visit_cancel, name="visit-cancel"),
    path("<int:pk>/decline/", views.visit_decline, name="visit-decline"),
    path("<int:pk>/reschedule/", views.visit_reschedule, name="visit-reschedule"),
    path("<int:pk>/held/", views.visit_held, name="visit-held"),
    path("<int:pk>/reflection/", views.reflection_update, name="reflection-update"),
    path("<int:pk>/visit.ics", views.visit_ics, name="visit-ics"),
    path("offices/<slug:slug>/people/", views.people_list, name="people"),
    path("offices/<slug:slug>/coverage/", views.coverage, name="coverage"),
    path("offices/<slug:slug>/settings/", views.settings_update, name="settings"),
    path("book/<int:person_pk>/", views.visit_book, name="book"),
]
