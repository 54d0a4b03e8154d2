"""Who sees which progress page, the period chooser, sorting and the XLSX export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories


def office_url(world, ow=None):
    return reverse("progress:office", args=[(ow or world.a).office.slug])


def admin_url(world):
    return reverse("progress:administration", args=[world.administration.slug])


def test_anonymous_is_sent_to_sign_in(client, world):
    for url in (
        reverse("progress:index"),
        office_url(world),
        admin_url(world),
        reverse("progress:office-export", args=[world.a.office.slug]),
        reverse("progress:administration-export", args=[world.administration.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["chief", "section_leader", "resource_person"])
def test_leaders_and_resource_persons_see_the_whole_office(login, world, role):
    response = login(getattr(world.a, role)).get(office_url(world))
    assert response.status_code == 200
    body = response.content.decode()
    for heading in ("Rhythm kept", "Agreements", "Learning circles", "Visits", "Headings"):
        assert f">{heading}</h2>" in body


def test_staff_see_only_their_own_figures(login, world):
    response = login(world.a.staff).get(office_url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert ">My agreements</h2>" in body and ">My visits</h2>" in body
    assert ">Rhythm kept</h2>" not in body and ">Learning circles</h2>" not in body


def test_other_office_and_other_administration_get_404(login, world):
    assert login(world.b.chief).get(office_url(world)).status_code == 404
    assert login(world.c.chief).get(office_url(world)).status_code == 404
    other_head = factories.make_head(world.other_administration)
    assert login(other_head).get(office_url(world)).status_code == 404
    assert login(other_head).get(admin_url(world)).status_code == 404


def test_head_of_administration_sees_every_office_and_the_overview(login, world):
    client = login(world.head)
    assert client.get(office_url(world)).status_code == 200
    assert client.get(office_url(world, world.b)).status_code == 200
    response = client.get(admin_url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert world.a.office.name in body and world.b.office.name in body and world.c.office.name not in body
    assert reverse("progress:office", args=[world.a.office.slug]) in body


def test_only_heads_of_the_administration_see_the_overview(login, world):
    export = reverse("progress:administration-export", args=[world.administration.slug])
    for person in (world.a.chief, world.a.staff, world.c.chief):
        assert login(person).get(admin_url(world)).status_code == 404
        assert login(person).get(export).status_code == 404


def test_other_offices_cannot_export(login, world):
    export = reverse("progress:office-export", args=[world.a.office.slug])
    assert login(world.b.chief).get(export).status_code == 404
    assert login(world.c.staff).get(export).status_code == 404


def test_pages_are_get_only(login, world):
    client = login(world.a.chief)
    assert client.post(office_url(world)).status_code == 405
    assert login(world.head).post(admin_url(world)).status_code == 405


def test_index_sends_a_one_office_person_to_their_office(login, world):
    response = login(world.a.chief).get(reverse("progress:index"))
    assert response.status_code == 302 and response["Location"] == office_url(world)
    response = login(world.head).get(reverse("progress:index"))
    assert response.status_code == 200 and admin_url(world) in response.content.decode()


def test_period_chooser_and_a_bad_custom_period(login, world):
    client = login(world.a.chief)
    for period in ("quarter", "half", "year"):
        assert client.get(office_url(world), {"period": period}).status_code == 200
    response = client.get(office_url(world), {"period": "custom", "from": "2026-01-01", "to": "2026-02-15"})
    assert response.status_code == 200
    assert response.context["period"].days == 46 and response.context["previous"].days == 46
    response = client.get(office_url(world), {"period": "custom", "from": "2026-03-01", "to": "2026-02-01"})
    assert response.status_code == 400
    assert response.context["period"].kind == "quarter"


def test_sort_links_carry_aria_sort(login, world):
    client = login(world.head)
    body = client.get(admin_url(world), {"sort": "-kept_pct"}).content.decode()
    assert 'aria-sort="descending"><a href="?period=quarter&amp;sort=kept_pct"' in body
    body = client.get(admin_url(world), {"sort": "kept_pct"}).content.decode()
    assert 'aria-sort="ascending"><a href="?period=quarter&amp;sort=-kept_pct"' in body
    assert client.get(admin_url(world), {"sort": "1; drop table"}).context["sort"] == "name"


def test_office_export_has_a_sheet_per_section_in_the_readers_language(login, world):
    client = login(world.a.chief)
    response = client.get(reverse("progress:office-export", args=[world.a.office.slug]), {"period": "year"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["Period", "Rhythm kept", "Meeting series"]
    assert {"Agreements", "Learning circles", "Visits", "Headings"} <= set(book.sheetnames)
    client = login(world.a.chief, language="da")
    response = client.get(reverse("progress:office-export", args=[world.a.office.slug]))
    book = load_workbook(io.BytesIO(response.content))
    assert "Aftaler" in book.sheetnames


def test_staff_export_holds_only_their_own_sheets(login, world):
    response = login(world.a.staff).get(reverse("progress:office-export", args=[world.a.office.slug]))
    book = load_workbook(io.BytesIO(response.content))
    assert "Rhythm kept" not in book.sheetnames and "My visits" in book.sheetnames


def test_administration_export(login, world):
    response = login(world.head).get(reverse("progress:administration-export", args=[world.administration.slug]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Period", "Offices", "Cross-office meetings"]
    rows = list(book["Offices"].values)
    assert rows[0][0] == "Office" and len(rows) == 3
