"""The presentations' material: files checked like every attachment (type by name and content, size), or links;
served only to those who see the meeting, never from a public address."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cafe.models import Material

PDF = b"%PDF-1.4\n%%EOF\n"


def _post(client, cw, data, cafe_meeting=None):
    url = reverse("cafe:material-create", args=["cafe-a", (cafe_meeting or cw.coming).pk])
    return client.post(url, {f"material-{k}": v for k, v in data.items()})


def test_a_lead_adds_slides_and_everybody_downloads_them(cw, world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = cw.coming.meeting.agenda_items.create(title="Budgettet", duration_minutes=30, position=1)
    lead = login(world.a.resource_person)
    slides = SimpleUploadedFile("slides.pdf", PDF, content_type="application/pdf")
    response = _post(lead, cw, {"title": "Slides", "agenda_item": item.pk, "file": slides})
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.agenda_item == item and material.content_type == "application/pdf"
    assert "slides" not in material.file.name  # a random storage name
    reader = login(world.c.staff)
    page = reader.get(cw.coming.get_absolute_url()).content.decode()
    assert "Slides" in page
    download = reader.get(reverse("cafe:material-download", args=["cafe-a", cw.coming.pk, material.pk]))
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == PDF
    # Under another meeting's address it does not exist.
    assert reader.get(reverse("cafe:material-download", args=["cafe-a", cw.hidden.pk, material.pk])).status_code == 404


def test_a_file_that_is_not_what_its_name_says_is_refused(cw, world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lead = login(world.a.resource_person)
    fake = SimpleUploadedFile("slides.pdf", b"<html>not a pdf</html>")
    response = _post(lead, cw, {"title": "Slides", "file": fake})
    assert response.status_code == 400
    assert "Filens indhold passer ikke til dens navn" in response.content.decode()
    script = SimpleUploadedFile("run.exe", b"MZ")
    assert _post(lead, cw, {"title": "Program", "file": script}).status_code == 400
    assert not Material.objects.exists()


def test_a_file_over_the_limit_is_refused(cw, world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ATTACHMENT_MAX_BYTES = 10
    response = _post(login(world.a.resource_person), cw, {"title": "Stor", "file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 400 and not Material.objects.exists()


def test_a_link_or_a_file_but_not_both_nor_neither(cw, world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lead = login(world.a.resource_person)
    assert _post(lead, cw, {"title": "Intet"}).status_code == 400
    both = {"title": "Begge", "url": "https://intranet.example/x", "file": SimpleUploadedFile("a.pdf", PDF)}
    assert _post(lead, cw, both).status_code == 400
    assert _post(lead, cw, {"title": "Intranettet", "url": "https://intranet.example/"}).status_code == 302
    link = Material.objects.get()
    response = login(world.c.staff).get(reverse("cafe:material-download", args=["cafe-a", cw.coming.pk, link.pk]))
    assert response.status_code == 302 and response["Location"] == "https://intranet.example/"


def test_staff_cannot_add_material(cw, world, login):
    response = _post(login(world.a.staff), cw, {"title": "x", "url": "https://intranet.example/"})
    assert response.status_code == 403 and not Material.objects.exists()
