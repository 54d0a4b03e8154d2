from django.urls import path

from . import views

app_name = "cafe"

urlpatterns = [
    path("<slug:slug>/", views.programme_detail, name="programme"),
    path("<slug:slug>/new/", views.meeting_create, name="meeting-create"),
    path("<slug:slug>/suggestions/", views.suggestion_create, name="suggestion-create"),
    path("<slug:slug>/suggestions/<int:proposal_pk>/support/", views.suggestion_support, name="suggestion-support"),
    path("<slug:slug>/suggestions/<int:proposal_pk>/accept/", views.suggestion_accept, name="suggestion-accept"),
    path("<slug:slug>/<int:meeting_pk>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/<int:meeting_pk>/edit/", views.meeting_update, name="meeting-update"),
    path("<slug:slug>/<int:meeting_pk>/publish/", views.meeting_publish, name="meeting-publish"),
    path("<slug:slug>/<int:meeting_pk>/register/", views.register, name="register"),
    path("<slug:slug>/<int:meeting_pk>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/<int:meeting_pk>/attendance/", views.attendance, name="attendance"),
    path("<slug:slug>/<int:meeting_pk>/presentations/", views.presentation_create, name="presentation-create"),
    path(
        "<slug:slug>/<int:meeting_pk>/presentations/<int:item_pk>/delete/",
        views.presentation_delete,
        name="presentation-delete",
    ),
    path("<slug:slug>/<int:meeting_pk>/material/", views.material_create, name="material-create"),
    path("<slug:slug>/<int:meeting_pk>/material/<int:material_pk>/", views.material_download, name="material-download"),
    path(
        "<slug:slug>/<int:meeting_pk>/material/<int:material_pk>/delete/",
        views.material_delete,
        name="material-delete",
    ),
]
