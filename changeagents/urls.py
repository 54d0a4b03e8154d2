from django.urls import path

from . import views

app_name = "changeagents"

urlpatterns = [
    path("<slug:slug>/", views.programme_detail, name="programme"),
    path("<slug:slug>/projects/new/", views.project_create, name="project-create"),
    path("<slug:slug>/projects/<int:pk>/", views.project_detail, name="project"),
    path("<slug:slug>/projects/<int:pk>/edit/", views.project_edit, name="project-edit"),
    path("<slug:slug>/projects/<int:pk>/delete/", views.project_delete, name="project-delete"),
    path("<slug:slug>/projects/<int:pk>/status/", views.project_propose_status, name="project-status"),
    path("<slug:slug>/projects/<int:pk>/present/", views.project_present, name="project-present"),
    path("<slug:slug>/projects/<int:pk>/notes/new/", views.note_create, name="note-create"),
    path("<slug:slug>/projects/<int:pk>/notes/<int:note_pk>/edit/", views.note_edit, name="note-edit"),
    path(
        "<slug:slug>/projects/<int:pk>/notes/<int:note_pk>/reflection/", views.note_reflection, name="note-reflection"
    ),
    path("<slug:slug>/agents/<int:participant_pk>/sparring/", views.rhythm_edit, name="rhythm-edit"),
]
