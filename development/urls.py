from django.urls import path

from . import views

app_name = "development"

urlpatterns = [
    path("<slug:slug>/", views.programme_detail, name="programme"),
    path("<slug:slug>/self-assessment/", views.self_assessment, name="self-assessment"),
    path("<slug:slug>/clarifications/<int:pk>/", views.clarification_detail, name="clarification"),
    path("<slug:slug>/clarifications/<int:pk>/dialogue/", views.dialogue_update, name="dialogue"),
    path(
        "<slug:slug>/clarifications/<int:pk>/recommendations/new/",
        views.recommendation_create,
        name="recommendation-create",
    ),
    path("<slug:slug>/clarifications/<int:pk>/clarified/", views.clarification_done, name="clarified"),
    path("<slug:slug>/cohorts/<int:pk>/", views.cohort_detail, name="cohort"),
    path("<slug:slug>/cohorts/<int:pk>/enrol/", views.cohort_enrol, name="enrol"),
    path(
        "<slug:slug>/cohorts/<int:pk>/enrolments/<int:enrolment_pk>/withdraw/",
        views.enrolment_withdraw,
        name="withdraw",
    ),
    path(
        "<slug:slug>/cohorts/<int:pk>/enrolments/<int:enrolment_pk>/result/",
        views.enrolment_result,
        name="result",
    ),
    path("<slug:slug>/units/<int:unit_pk>/weeks/", views.unit_weeks_view, name="unit-weeks"),
    path("<slug:slug>/substitutes/", views.substitute_list, name="substitutes"),
    path("<slug:slug>/substitutes/covers/new/", views.cover_create, name="cover-create"),
    path("<slug:slug>/substitutes/<int:pk>/", views.substitute_update, name="substitute-update"),
    path("<slug:slug>/networks/", views.network_list, name="networks"),
    path("<slug:slug>/offers/", views.offer_list, name="offers"),
    path("<slug:slug>/offers/areas/new/", views.area_create, name="area-create"),
    path("<slug:slug>/offers/new/", views.offer_create, name="offer-create"),
    path("<slug:slug>/offers/cohorts/new/", views.cohort_create, name="cohort-create"),
]
