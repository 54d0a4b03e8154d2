from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.glossary_home, name="glossary-home"),
    path("<slug:slug>/", views.glossary, name="glossary"),
    path("<slug:slug>/new/", views.term_create, name="term-create"),
    path("<slug:slug>/<slug:term_slug>/", views.term_detail, name="term-detail"),
    path("<slug:slug>/<slug:term_slug>/edit/", views.term_update, name="term-update"),
    path("<slug:slug>/<slug:term_slug>/delete/", views.term_delete, name="term-delete"),
    path("<slug:slug>/<slug:term_slug>/owner/", views.term_handover, name="term-handover"),
]
