from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from logbook import circles
from logbook.models import Attachment, CirclePhase, CircleStatus, CircleStep, Entry, LearningCircle, PhaseCard, StepKind
from meetings.models import Meeting
from tests.meetings.test_views import make_series

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def entry(world):
    return Entry.objects.create(
        office=world.a.office, author=world.a.resource_person, kind="note", title="Tal til mødet", date=date(2026, 3, 2)
    )


@pytest.fixture
def circle(world):
    c = LearningCircle(office=world.a.office, title="Sagsbehandlingstid", challenge="For lang tid")
    return circles.start_circle(c, world.a.resource_person)


def upload(client, world, entry, name, content, slug=None):
    url = reverse("logbook:entry-attachment-create", args=[slug or world.a.office.slug, entry.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_a_leader_attaches_a_pdf_and_members_download_it(login, world, entry):
    response = upload(login(world.a.resource_person), world, entry, "budget.pdf", PDF)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.name == "budget.pdf" and attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert "budget.pdf" not in attachment.file.name  # stored under a random name

    page = login(world.a.staff).get(entry.get_absolute_url()).content.decode()
    assert "budget.pdf" in page
    download = login(world.a.staff).get(
        reverse("logbook:attachment-download", args=[world.a.office.slug, attachment.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert "private" in download["Cache-Control"]
    assert 'attachment; filename="budget.pdf"' in download["Content-Disposition"]


def test_another_office_never_gets_the_file(login, world, entry):
    upload(login(world.a.resource_person), world, entry, "budget.pdf", PDF)
    attachment = Attachment.objects.get()
    for slug in (world.a.office.slug, world.b.office.slug, world.c.office.slug):
        url = reverse("logbook:attachment-download", args=[slug, attachment.pk])
        assert login(world.c.resource_person).get(url).status_code == 404
    assert (
        login(world.b.chief)
        .get(reverse("logbook:attachment-download", args=[world.b.office.slug, attachment.pk]))
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ\x90\x00", "Denne filtype er ikke tilladt"),
        ("fake.pdf", b"<html><script>alert(1)</script>", "passer ikke til dens navn"),
        ("photo.png", b"%PDF-1.7", "passer ikke til dens navn"),
        ("data.csv", b"a;b\x00\x00binary", "passer ikke til dens navn"),
        ("empty.txt", b"", "tom"),
    ],
)
def test_disallowed_or_misleading_files_are_refused_with_a_message(login, world, entry, name, content, message):
    response = upload(login(world.a.resource_person), world, entry, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_oversized_file_is_refused(login, world, entry, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    response = upload(login(world.a.resource_person), world, entry, "big.txt", b"x" * 2048)
    assert response.status_code == 400
    assert "Filen er for stor" in response.content.decode()
    assert not Attachment.objects.exists()


def test_staff_read_but_cannot_attach_or_remove(login, world, entry):
    assert upload(login(world.a.staff), world, entry, "a.txt", b"hej").status_code == 403
    upload(login(world.a.resource_person), world, entry, "a.txt", b"hej")
    attachment = Attachment.objects.get()
    delete = reverse("logbook:attachment-delete", args=[world.a.office.slug, attachment.pk])
    assert login(world.a.staff).post(delete).status_code == 403
    assert (
        login(world.b.resource_person)
        .post(reverse("logbook:attachment-delete", args=[world.b.office.slug, attachment.pk]))
        .status_code
        == 404
    )
    assert login(world.a.chief).post(delete).status_code == 302
    assert not Attachment.objects.exists()


def test_data_for_a_phase_is_attached_to_its_card(login, world, circle):
    url = reverse("logbook:card-attachment-create", args=[world.a.office.slug, circle.pk])
    response = login(world.a.section_leader).post(url, {"file": SimpleUploadedFile("tal.csv", b"uge;sager\n1;12\n")})
    assert response.status_code == 302
    card = PhaseCard.objects.get()
    assert card.phase == circle.phase and card.attachments.get().name == "tal.csv"
    assert "tal.csv" in login(world.a.staff).get(circle.get_absolute_url()).content.decode()


def test_pause_resume_complete_and_revisit_start_loop_two_keeping_loop_one(login, world, circle):
    rp = world.a.resource_person
    circles.save_card(circle, circle.phase, 1, "Data fra loop 1", 0, rp)
    client = login(rp)
    move = reverse("logbook:circle-move", args=[world.a.office.slug, circle.pk])
    client.post(move, {"direction": "forward"})
    assert client.post(move, {"direction": "pause"}).status_code == 302
    circle.refresh_from_db()
    assert circle.status == CircleStatus.PAUSED
    refused = client.post(move, {"direction": "forward"}, follow=True)
    assert "ikke aktiv" in refused.content.decode()
    circle.refresh_from_db()
    assert circle.phase.position == 2
    for direction in ("resume", "complete"):
        client.post(move, {"direction": direction})
    circle.refresh_from_db()
    assert circle.status == CircleStatus.COMPLETED
    refused = client.post(move, {"direction": "pause"}, follow=True)
    assert "kan ikke det" in refused.content.decode()
    client.post(move, {"direction": "revisit", "reason": "Nye tal"})
    circle.refresh_from_db()
    assert (circle.status, circle.loop, circle.phase.position) == (CircleStatus.ACTIVE, 2, 1)
    kinds = list(CircleStep.objects.filter(circle=circle).order_by("pk").values_list("kind", flat=True))
    assert kinds[-4:] == [StepKind.PAUSED, StepKind.RESUMED, StepKind.COMPLETED, StepKind.REVISITED]
    page = client.get(circle.get_absolute_url()).content.decode()
    assert "Data fra loop 1" in page  # loop 1 stays readable


def test_putting_a_circle_on_a_coming_agenda_links_both_ways(login, world, circle):
    series = make_series(world)
    meeting = Meeting.objects.filter(series=series).order_by("starts_at").first()
    client = login(world.a.resource_person)
    url = reverse("logbook:circle-agenda-add", args=[world.a.office.slug, circle.pk])
    assert client.post(url, {"meeting": meeting.pk}).status_code == 302
    item = meeting.agenda_items.get()
    assert item.title == "Læringscirkel: Sagsbehandlingstid"
    assert list(item.circles.all()) == [circle]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert circle.get_absolute_url() in page
    assert "Sagsbehandlingstid" in client.get(circle.get_absolute_url()).content.decode()
    # Another office's meeting can't be chosen.
    other = Meeting.objects.filter(series=make_series(world, world.b)).first()
    client.post(url, {"meeting": other.pk})
    assert not other.agenda_items.exists()


def test_an_agenda_item_is_pointed_to_a_circle_from_the_meeting_page(login, world, circle):
    series = make_series(world)
    meeting = Meeting.objects.filter(series=series).order_by("starts_at").first()
    item = meeting.agenda_items.create(title="Status på sagerne", duration_minutes=15, position=1)
    url = reverse("logbook:meeting-circle-link", args=[world.a.office.slug, meeting.pk])
    client = login(world.a.chief)
    assert client.post(url, {"circle-agenda_item": item.pk, "circle-circle": circle.pk}).status_code == 302
    assert list(circle.agenda_items.all()) == [item]
    other_circle = circles.start_circle(
        LearningCircle(office=world.b.office, title="Andet kontor", challenge="x"), world.b.resource_person
    )
    bad = client.post(url, {"circle-agenda_item": item.pk, "circle-circle": other_circle.pk})
    assert bad.status_code == 400 and "invalid-feedback" in bad.content.decode()
    assert login(world.a.staff).post(url, {}).status_code == 403
    assert not other_circle.agenda_items.exists()


def test_card_records_data_sources_and_the_meeting_where_it_was_discussed(login, world, circle):
    series = make_series(world)
    meeting = Meeting.objects.filter(series=series).order_by("starts_at").first()
    url = reverse("logbook:circle-card", args=[world.a.office.slug, circle.pk])
    response = login(world.a.resource_person).post(
        url, {"text": "Vi talte sager", "data_sources": "Udtræk fra ESDH", "meeting": meeting.pk, "version": 0}
    )
    assert response.status_code == 302
    card = PhaseCard.objects.get()
    assert (card.data_sources, card.meeting) == ("Udtræk fra ESDH", meeting)


def test_leaders_rename_reorder_and_add_phases_but_used_ones_stay(login, world, circle):
    url = reverse("logbook:phase-list", args=[world.a.office.slug])
    phases = CirclePhase.for_office(world.a.office)
    data = {"phases-TOTAL_FORMS": 6, "phases-INITIAL_FORMS": 5, "phases-MIN_NUM_FORMS": 0, "phases-MAX_NUM_FORMS": 1000}
    order = {0: 1, 1: 3, 2: 2, 3: 4, 4: 5}
    for i, phase in enumerate(phases):
        data |= {f"phases-{i}-id": phase.pk, f"phases-{i}-name": phase.name, f"phases-{i}-question": phase.question}
        data[f"phases-{i}-ORDER"] = order[i]
    data["phases-1-name"] = "Analysér"
    data |= {"phases-5-name": "Del med andre", "phases-5-question": "Hvem skal vide det?", "phases-5-ORDER": 6}
    assert login(world.a.staff).post(url, data).status_code == 403
    response = login(world.a.resource_person).post(url, data)
    assert response.status_code == 302
    names = list(CirclePhase.objects.filter(office=world.a.office).values_list("name", flat=True))
    assert names == ["Indsaml data", "Sæt mål", "Analysér", "Planlæg og afprøv handlinger", "Evaluer", "Del med andre"]

    # The first phase is in use by the circle: removing it is refused and nothing is saved.
    phases = CirclePhase.for_office(world.a.office)
    data = {"phases-TOTAL_FORMS": 6, "phases-INITIAL_FORMS": 6, "phases-MIN_NUM_FORMS": 0, "phases-MAX_NUM_FORMS": 1000}
    for i, phase in enumerate(phases):
        data |= {f"phases-{i}-id": phase.pk, f"phases-{i}-name": f"Ny {i}", f"phases-{i}-ORDER": i + 1}
    data["phases-0-DELETE"] = "on"
    data["phases-5-DELETE"] = "on"
    response = login(world.a.resource_person).post(url, data)
    assert response.status_code == 400
    assert "kan ikke fjernes" in response.content.decode()
    assert CirclePhase.objects.filter(office=world.a.office).count() == 6
    assert not CirclePhase.objects.filter(name__startswith="Ny").exists()

    # An unused phase can be removed; positions close up.
    data.pop("phases-0-DELETE")
    assert login(world.a.resource_person).post(url, data).status_code == 302
    positions = list(CirclePhase.objects.filter(office=world.a.office).values_list("position", "name"))
    assert positions == [(1, "Ny 0"), (2, "Ny 1"), (3, "Ny 2"), (4, "Ny 3"), (5, "Ny 4")]
    assert login(world.c.chief).get(url.replace(world.a.office.slug, world.a.office.slug)).status_code == 404
    assert "Ny 3" in login(world.a.staff).get(url).content.decode()


def test_circle_page_keeps_a_fixed_query_count(login, world, circle, django_assert_max_num_queries):
    rp = world.a.resource_person
    for loop_round in range(3):
        for _step in range(5):
            circles.save_card(circle, circle.phase, circle.loop, f"Runde {loop_round}", 0, rp)
            circle = circles.move(circle, rp, "forward")
    client = login(rp)
    client.get(circle.get_absolute_url())
    with django_assert_max_num_queries(12):  # 12 with the person's draft of the card (drafts/)
        response = client.get(circle.get_absolute_url())
    assert response.status_code == 200
    assert "Runde 2" in response.content.decode()  # the cards of the latest round are on the page
