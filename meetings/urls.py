from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_index, name="index"),
    path("offices/<slug:slug>/", views.office_meetings, name="office-meetings"),
    path("offices/<slug:slug>/series/new/", views.series_create, name="series-create"),
    path("series/<int:pk>/", views.series_detail, name="series-detail"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/meeting.ics", views.meeting_ics, name="meeting-ics"),
    path("<int:pk>/circulate/", views.meeting_circulate, name="meeting-circulate"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="meeting-cancel"),
    path("<int:pk>/attendance/", views.attendance_update, name="attendance"),
    path("<int:pk>/agenda/", views.agenda_item_create, name="agenda-item-create"),
    path("<int:pk>/agenda/<int:item_pk>/delete/", views.agenda_item_delete, name="agenda-item-delete"),
    path("<int:pk>/agenda/<int:item_pk>/move/", views.agenda_item_move, name="agenda-item-move"),
]
