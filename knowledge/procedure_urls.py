from django.urls import path

from . import procedure_views

app_name = "procedures"

urlpatterns = [
    path("offices/<slug:slug>/", procedure_views.procedure_list, name="list"),
    path("offices/<slug:slug>/new/", procedure_views.procedure_create, name="create"),
    path("offices/<slug:slug>/<int:pk>/", procedure_views.procedure_detail, name="detail"),
    path("offices/<slug:slug>/<int:pk>/edit/", procedure_views.procedure_update, name="update"),
]
