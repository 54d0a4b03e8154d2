from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_index, name="index"),
    path("<slug:slug>/", views.programme_detail, name="programme-detail"),
    path("<slug:slug>/participants/", views.participant_list, name="participants"),
    path("<slug:slug>/participants/<int:pk>/remove/", views.participant_remove, name="participant-remove"),
    path("<slug:slug>/leads/", views.lead_list, name="leads"),
    path("<slug:slug>/leads/<int:pk>/remove/", views.lead_remove, name="lead-remove"),
    path("<slug:slug>/themes/", views.theme_list, name="themes"),
    path("<slug:slug>/themes/<int:pk>/edit/", views.theme_edit, name="theme-edit"),
    path("<slug:slug>/themes/<int:pk>/move/", views.theme_move, name="theme-move"),
    path("<slug:slug>/initiatives/", views.initiative_list, name="initiative-list"),
    path("<slug:slug>/initiatives/new/", views.initiative_create, name="initiative-create"),
    path("<slug:slug>/initiatives/<int:pk>/", views.initiative_detail, name="initiative-detail"),
    path("<slug:slug>/initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative-edit"),
    path("<slug:slug>/initiatives/<int:pk>/status/", views.initiative_status, name="initiative-status"),
    path("<slug:slug>/initiatives/<int:pk>/steps/new/", views.initiative_step_add, name="initiative-step-add"),
    path("<slug:slug>/initiatives/<int:pk>/measure/", views.initiative_measure, name="initiative-measure"),
]
