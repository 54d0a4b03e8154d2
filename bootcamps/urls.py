from django.urls import path

from . import views, work_urls

app_name = "bootcamps"

urlpatterns = [
    path("<slug:slug>/", views.programme_page, name="programme"),
    path("<slug:slug>/days/new/", views.day_create, name="day-create"),
    path("<slug:slug>/days/<int:pk>/", views.day_detail, name="day"),
    path("<slug:slug>/days/<int:pk>/edit/", views.day_update, name="day-update"),
    path("<slug:slug>/days/<int:pk>/evaluate/", views.day_evaluate, name="day-evaluate"),
    path("<slug:slug>/groups/builder/", views.group_builder, name="group-builder"),
    path("<slug:slug>/groups/<int:pk>/", views.group_detail, name="group"),
    # The groups' work
    *work_urls.urlpatterns,
]
