from django.urls import path

from . import library_views

app_name = "templates"

urlpatterns = [
    path("", library_views.template_list, name="list"),
    path("share/", library_views.template_share, name="share"),
    path("<int:pk>/", library_views.template_detail, name="detail"),
    path("<int:pk>/copy/", library_views.template_copy, name="copy"),
]
