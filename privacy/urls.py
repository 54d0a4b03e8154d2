from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.privacy_notice, name="notice"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("offices/<slug:slug>/retention/", views.retention_overview, name="retention"),
    path("offices/<slug:slug>/leaving/", views.leaving_create, name="leaving"),
    path("people/", views.person_search, name="person-search"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/export.zip", views.person_export, name="person-export"),
    path("access-log/", views.access_log, name="access-log"),
]
