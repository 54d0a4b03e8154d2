from django.urls import path

from . import question_views

app_name = "questions"

urlpatterns = [
    path("offices/<slug:slug>/", question_views.question_list, name="list"),
    path("offices/<slug:slug>/new/", question_views.question_create, name="create"),
    path("offices/<slug:slug>/<int:pk>/", question_views.question_detail, name="detail"),
    path("offices/<slug:slug>/<int:pk>/assign/", question_views.question_assign, name="assign"),
    path("offices/<slug:slug>/<int:pk>/answer/", question_views.question_answer, name="answer"),
    path("offices/<slug:slug>/<int:pk>/close/", question_views.question_close, name="close"),
]
