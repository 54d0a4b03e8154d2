from django.urls import path

from . import attachment_views, circle_views, measure_views, views

app_name = "logbook"

urlpatterns = [
    path("", views.logbook_index, name="index"),
    path("<slug:slug>/", views.entry_list, name="entry-list"),
    path("<slug:slug>/export.<str:fmt>", views.entry_export, name="entry-export"),
    path(
        "<slug:slug>/meetings/<int:meeting_pk>/agreements/",
        views.meeting_agreement_create,
        name="meeting-agreement-create",
    ),
    path(
        "<slug:slug>/meetings/<int:meeting_pk>/circles/",
        views.meeting_circle_link,
        name="meeting-circle-link",
    ),
    path("<slug:slug>/circles/", circle_views.circle_list, name="circle-list"),
    path("<slug:slug>/circles/new/", circle_views.circle_create, name="circle-create"),
    path("<slug:slug>/circles/phases/", circle_views.phase_list, name="phase-list"),
    path("<slug:slug>/circles/<int:pk>/", circle_views.circle_detail, name="circle-detail"),
    path("<slug:slug>/circles/<int:pk>/card/", circle_views.circle_card_save, name="circle-card"),
    path("<slug:slug>/circles/<int:pk>/move/", circle_views.circle_move, name="circle-move"),
    path("<slug:slug>/circles/<int:pk>/agenda/", circle_views.circle_agenda_add, name="circle-agenda-add"),
    path("<slug:slug>/circles/<int:pk>/measures/", circle_views.measure_create, name="measure-create"),
    path(
        "<slug:slug>/circles/<int:pk>/measures/<int:measure_pk>/points/",
        circle_views.datapoint_create,
        name="datapoint-create",
    ),
    path(
        "<slug:slug>/circles/<int:pk>/measures/<int:measure_pk>/",
        measure_views.measure_detail,
        name="measure-detail",
    ),
    path(
        "<slug:slug>/circles/<int:pk>/measures/<int:measure_pk>/values/",
        measure_views.measure_point_create,
        name="measure-point-create",
    ),
    path(
        "<slug:slug>/circles/<int:pk>/measures/<int:measure_pk>/values/<int:point_pk>/",
        measure_views.datapoint_update,
        name="datapoint-update",
    ),
    path(
        "<slug:slug>/circles/<int:pk>/measures/<int:measure_pk>/values/<int:point_pk>/remove/",
        measure_views.datapoint_delete,
        name="datapoint-delete",
    ),
    path(
        "<slug:slug>/circles/<int:pk>/measures/<int:measure_pk>/baseline/",
        measure_views.measure_baseline,
        name="measure-baseline",
    ),
    path(
        "<slug:slug>/circles/<int:pk>/measures/<int:measure_pk>/parts/",
        measure_views.measure_part_create,
        name="measure-part-create",
    ),
    path(
        "<slug:slug>/circles/<int:pk>/measures/<int:measure_pk>/parts/<int:part_pk>/remove/",
        measure_views.measure_part_delete,
        name="measure-part-delete",
    ),
    path(
        "<slug:slug>/circles/<int:pk>/attachments/",
        attachment_views.card_attachment_create,
        name="card-attachment-create",
    ),
    path("<slug:slug>/files/<int:pk>/", attachment_views.attachment_download, name="attachment-download"),
    path("<slug:slug>/files/<int:pk>/delete/", attachment_views.attachment_delete, name="attachment-delete"),
    path("<slug:slug>/<int:pk>/attachments/", attachment_views.entry_attachment_create, name="entry-attachment-create"),
    path("<slug:slug>/new/", views.entry_create, name="entry-create"),
    path("<slug:slug>/<int:pk>/", views.entry_detail, name="entry-detail"),
    path("<slug:slug>/<int:pk>/edit/", views.entry_update, name="entry-update"),
    path("<slug:slug>/<int:pk>/status/", views.agreement_status_update, name="agreement-status"),
]
