import pytest
from django.urls import reverse

from knowledge import library
from knowledge.models import SharedTemplate, TemplateKind, TemplateUse
from logbook import circles
from logbook.models import CirclePhase, LearningCircle
from meetings.models import Meeting
from tests.meetings.test_views import make_series


def test_an_office_shares_its_series_questions_and_another_office_copies_them(login, world):
    series = make_series(world, before_questions=["Hvad er målet?"], after_questions=["Hvad lærte vi?"])
    url = reverse("templates:share")
    data = {"kind": TemplateKind.MEETING_QUESTIONS, "title": "Før og efter", "series": series.pk}
    assert login(world.a.staff).post(url, data).status_code == 403
    missing = login(world.a.resource_person).post(url, {"kind": TemplateKind.MEETING_QUESTIONS, "title": "X"})
    assert missing.status_code == 400 and "Vælg den serie" in missing.content.decode()
    assert login(world.a.resource_person).post(url, data).status_code == 302
    template = SharedTemplate.objects.get()
    assert template.content == {"before": ["Hvad er målet?"], "after": ["Hvad lærte vi?"]}

    theirs = make_series(world, world.b, title="Torsdagsmøde")
    copy = reverse("templates:copy", args=[template.pk])
    assert login(world.b.chief).post(copy, {"series": theirs.pk}).status_code == 302
    theirs.refresh_from_db()
    assert theirs.before_questions == ["Hvad er målet?"]
    use = TemplateUse.objects.get()
    assert (use.office, use.target) == (world.b.office, "Torsdagsmøde")
    page = login(world.b.staff).get(template.get_absolute_url()).content.decode()
    assert "Torsdagsmøde" in page  # where it is used
    # Another administration sees nothing; a series of another office can't be the target.
    assert login(world.c.chief).get(template.get_absolute_url()).status_code == 404
    login(world.b.chief).post(copy, {"series": series.pk})
    assert TemplateUse.objects.count() == 1


def test_copying_phases_renames_used_ones_and_refuses_to_drop_them(world):
    template = SharedTemplate.objects.create(
        administration=world.administration,
        kind=TemplateKind.CIRCLE_PHASES,
        title="Tre faser",
        content={"phases": [{"name": "Undersøg", "question": "Hvad ved vi?"}, {"name": "Prøv", "question": ""}]},
        made_by=world.a.resource_person,
    )
    library.copy_phases(template, world.b.office, world.b.chief)
    assert list(CirclePhase.objects.filter(office=world.b.office).values_list("name", flat=True)) == [
        "Undersøg",
        "Prøv",
    ]
    circle = circles.start_circle(
        LearningCircle(office=world.a.office, title="C", challenge="x"), world.a.resource_person
    )
    for _ in range(3):
        circle = circles.move(circle, world.a.resource_person, "forward")  # now in phase 4, in use
    with pytest.raises(library.LibraryError, match="bruges af læringscirkler"):
        library.copy_phases(template, world.a.office, world.a.chief)
    assert CirclePhase.objects.filter(office=world.a.office).count() == 5


def test_an_agenda_is_copied_into_a_coming_meeting(login, world):
    source = Meeting.objects.filter(series=make_series(world)).order_by("starts_at").first()
    source.agenda_items.create(title="Runde", duration_minutes=10, position=1)
    source.agenda_items.create(title="Oplæg", duration_minutes=20, position=2)
    login(world.a.resource_person).post(
        reverse("templates:share"), {"kind": TemplateKind.AGENDA, "title": "Cafémøde", "meeting": source.pk}
    )
    template = SharedTemplate.objects.get()
    target = Meeting.objects.filter(series=make_series(world, world.b, title="Café")).order_by("starts_at").first()
    assert (
        login(world.b.resource_person)
        .post(reverse("templates:copy", args=[template.pk]), {"meeting": target.pk})
        .status_code
        == 302
    )
    assert list(target.agenda_items.order_by("position").values_list("title", flat=True)) == ["Runde", "Oplæg"]


def test_library_list_keeps_a_fixed_query_count(login, world, django_assert_max_num_queries):
    SharedTemplate.objects.bulk_create(
        SharedTemplate(
            administration=world.administration,
            kind="visit_guide",
            title=f"Guide {i}",
            content={"text": "x"},
            made_by=world.a.staff,
            made_in=world.a.office,
        )
        for i in range(30)
    )
    client = login(world.a.staff)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("templates:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Guide ") == 30
    assert "Guide 0<" in body and "Guide 29<" in body and world.a.office.name in body
