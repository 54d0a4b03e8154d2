from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_index, name="index"),
    path("offices/<slug:slug>/", views.office_meetings, name="office-meetings"),
    path("offices/<slug:slug>/series/new/", views.series_create, name="series-create"),
    path("series/<int:pk>/", views.series_detail, name="series-detail"),
    path("series/<int:pk>/edit/", views.series_update, name="series-update"),
    path("series/<int:pk>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("series/<int:pk>/proposals/", views.proposal_create, name="proposal-create"),
    path("proposals/<int:proposal_pk>/support/", views.proposal_support, name="proposal-support"),
    path("proposals/<int:proposal_pk>/accept/", views.proposal_accept, name="proposal-accept"),
    path("proposals/<int:proposal_pk>/decline/", views.proposal_decline, name="proposal-decline"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/meeting.ics", views.meeting_ics, name="meeting-ics"),
    path("<int:pk>/move/", views.meeting_move, name="meeting-move"),
    path("<int:pk>/circulate/", views.meeting_circulate, name="meeting-circulate"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="meeting-cancel"),
    path("<int:pk>/mail/retry/", views.meeting_mail_retry, name="meeting-mail-retry"),
    path("<int:pk>/attendance/", views.attendance_update, name="attendance"),
    path("<int:pk>/room/", views.meeting_room, name="room"),
    path("<int:pk>/room/<int:item_pk>/", views.meeting_room, name="room-item"),
    path("<int:pk>/start/", views.meeting_start, name="meeting-start"),
    path("<int:pk>/finish/", views.meeting_finish, name="meeting-finish"),
    path("<int:pk>/answers/<str:part>/", views.answers_update, name="answers-update"),
    path("<int:pk>/agenda/", views.agenda_item_create, name="agenda-item-create"),
    path("<int:pk>/agenda/<int:item_pk>/edit/", views.agenda_item_update, name="agenda-item-update"),
    path("<int:pk>/agenda/<int:item_pk>/delete/", views.agenda_item_delete, name="agenda-item-delete"),
    path("<int:pk>/agenda/<int:item_pk>/move/", views.agenda_item_move, name="agenda-item-move"),
    path("<int:pk>/agenda/<int:item_pk>/carry/", views.agenda_item_carry, name="agenda-item-carry"),
    path("<int:pk>/agenda/<int:item_pk>/comments/", views.comment_create, name="comment-create"),
    path("<int:pk>/agenda/<int:item_pk>/minutes/", views.minutes_update, name="item-minutes-update"),
    path("<int:pk>/agenda/<int:item_pk>/agreements/", views.item_agreement_create, name="item-agreement-create"),
    path("<int:pk>/minutes/note/", views.minutes_update, name="notes-update"),
    path("<int:pk>/minutes/publish/", views.minutes_publish, name="minutes-publish"),
    path("<int:pk>/minutes/", views.minutes_detail, name="minutes-detail"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes-pdf"),
]
