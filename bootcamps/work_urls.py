"""The groups' work (bootcamps/work_views.py), included in bootcamps/urls.py."""

from django.urls import path

from . import work_views

group = "<slug:slug>/groups/<int:pk>/"

urlpatterns = [
    path("<slug:slug>/barriers/", work_views.barrier_summary, name="barriers"),
    path(f"{group}problem/", work_views.group_problem, name="group-problem"),
    path(f"{group}barriers/new/", work_views.barrier_create, name="barrier-create"),
    path(f"{group}barriers/<int:barrier_pk>/edit/", work_views.barrier_update, name="barrier-update"),
    path(f"{group}barriers/<int:barrier_pk>/sort/", work_views.barrier_sort, name="barrier-sort"),
    path(f"{group}barriers/<int:barrier_pk>/delete/", work_views.barrier_delete, name="barrier-delete"),
    path(f"{group}journey/", work_views.group_journey, name="journey"),
    path(f"{group}journey/edit/", work_views.journey_update, name="journey-update"),
    path(f"{group}journey/steps/new/", work_views.step_create, name="step-create"),
    path(f"{group}journey/steps/<int:step_pk>/edit/", work_views.step_update, name="step-update"),
    path(f"{group}journey/steps/<int:step_pk>/move/", work_views.step_move, name="step-move"),
    path(f"{group}journey/steps/<int:step_pk>/delete/", work_views.step_delete, name="step-delete"),
]
