from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from logbook.models import AgreementStatus, Entry, EntryKind
from logbook.templatetags.logbook import highlight, markdown
from tests.conflict_helpers import conflict_view


def make_entry(world, office_world=None, **kw):
    ow = office_world or world.a
    kind = kw.pop("kind", EntryKind.ACTIVITY)
    responsible = kw.pop("responsible", None)
    defaults = {"title": "Oplæg om åben praksis", "text": "Vi talte om feedback.", "date": date(2026, 3, 2)}
    if kind == EntryKind.AGREEMENT:
        defaults.update(due_date=date(2026, 4, 1), status=AgreementStatus.OPEN)
    defaults.update(kw)
    entry = Entry.objects.create(office=ow.office, author=ow.resource_person, kind=kind, **defaults)
    if responsible:
        entry.responsible.set(responsible)
    return entry


def list_url(world):
    return reverse("logbook:entry-list", args=[world.a.office.slug])


def test_members_read_the_logbook_newest_first(login, world):
    make_entry(world, title="Gammel", date=date(2026, 1, 1))
    make_entry(world, title="Ny", date=date(2026, 3, 1))
    body = login(world.a.staff).get(list_url(world)).content.decode()
    assert body.index("Ny") < body.index("Gammel")


def test_other_office_gets_404_and_head_reads(login, world):
    make_entry(world)
    assert login(world.b.staff).get(list_url(world)).status_code == 404
    assert login(world.c.chief).get(list_url(world)).status_code == 404
    assert login(world.head).get(list_url(world)).status_code == 200


def test_danish_search_finds_inflected_words_and_highlights(login, world):
    make_entry(world, title="Aftale om budget", text="Vi indgik en aftale om budgetopfølgning.")
    make_entry(world, title="Noget andet", text="Intet her.")
    response = login(world.a.staff).get(list_url(world), {"q": "aftalerne"})
    body = response.content.decode()
    assert "<mark>Aftale</mark> om budget" in body
    assert "Noget andet" not in body
    assert "<mark>aftale</mark>" in body


def test_search_never_injects_html_from_the_text(world):
    assert highlight("<script>x</script> \u2063[[ord]]\u2063") == "&lt;script&gt;x&lt;/script&gt; <mark>ord</mark>"


def test_markdown_is_rendered_and_sanitised():
    html = markdown("**fed** <script>alert(1)</script> [link](javascript:alert(1))\n\n# Stor")
    assert "<strong>fed</strong>" in html
    assert "<script>" not in html
    assert 'href="javascript' not in html
    assert "<h3>Stor</h3>" in html


def test_filters_by_kind_and_status(login, world):
    make_entry(world, title="Aktivitet")
    make_entry(world, title="Holdt aftale", kind=EntryKind.AGREEMENT, status=AgreementStatus.KEPT)
    body = login(world.a.staff).get(list_url(world), {"kind": "agreement", "status": "kept"}).content.decode()
    assert "Holdt aftale" in body and "Aktivitet" not in body


def test_htmx_filter_returns_only_the_results(login, world):
    make_entry(world)
    response = login(world.a.staff).get(
        list_url(world), {"q": "feedback"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert response.content.decode().lstrip().startswith('<section id="results"')


def test_logbook_query_count_does_not_grow_with_entries(login, world, django_assert_max_num_queries):
    for i in range(60):
        make_entry(world, title=f"Aftale {i}", kind=EntryKind.AGREEMENT, responsible=[world.a.staff])
    client = login(world.a.staff)
    with django_assert_max_num_queries(12):
        response = client.get(list_url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Side 1 af 3" in body
    assert body.count('class="entry card') == 25  # a full page of rows, newest first
    assert "Aftale 59" in body and "Aftale 34<" not in body


def test_resource_person_adds_an_agreement(login, world):
    response = login(world.a.resource_person).post(
        reverse("logbook:entry-create", args=[world.a.office.slug]),
        {
            "kind": "agreement",
            "title": "Skabelon til referat",
            "text": "Vi laver en skabelon.",
            "date": "2026-03-02",
            "responsible": [world.a.staff.pk],
            "due_date": "2026-04-01",
        },
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert entry.status == AgreementStatus.OPEN
    assert list(entry.responsible.all()) == [world.a.staff]


@pytest.mark.parametrize(
    ("data", "field", "field_error"),
    [
        ({"due_date": "2026-02-01"}, "due_date", "Datoen kan ikke ligge før indførslens dato."),
        ({"due_date": ""}, "due_date", "En aftale skal have en forfaldsdato."),
        ({"responsible": []}, "responsible", "Vælg hvem der er ansvarlig for aftalen."),
    ],
    ids=["due-before-entry", "no-due-date", "nobody-responsible"],
)
def test_bad_agreements_are_refused_next_to_the_field(login, world, data, field, field_error):
    form = {
        "kind": "agreement",
        "title": "Aftale",
        "date": "2026-03-02",
        "responsible": [world.a.staff.pk],
        "due_date": "2026-04-01",
    }
    form.update(data)
    response = login(world.a.resource_person).post(reverse("logbook:entry-create", args=[world.a.office.slug]), form)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [field_error]  # the form's own words, next to the field
    assert field_error in response.content.decode()
    assert not Entry.objects.exists()


def test_responsible_from_another_office_is_refused(login, world):
    response = login(world.a.resource_person).post(
        reverse("logbook:entry-create", args=[world.a.office.slug]),
        {
            "kind": "agreement",
            "title": "A",
            "date": "2026-03-02",
            "responsible": [world.b.staff.pk],
            "due_date": "2026-04-01",
        },
    )
    assert response.status_code == 400
    assert not Entry.objects.exists()


def test_staff_cannot_write_the_logbook(login, world):
    url = reverse("logbook:entry-create", args=[world.a.office.slug])
    assert login(world.a.staff).get(url).status_code == 403
    assert login(world.b.resource_person).get(url).status_code == 404


def test_responsible_staff_member_updates_status_in_place(login, world):
    entry = make_entry(world, kind=EntryKind.AGREEMENT, responsible=[world.a.staff])
    url = reverse("logbook:agreement-status", args=[world.a.office.slug, entry.pk])
    response = login(world.a.staff).post(url, {"status": "kept"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="entry-{entry.pk}"' in response.content.decode()
    assert "announce" in response["HX-Trigger"]
    entry.refresh_from_db()
    assert entry.status == AgreementStatus.KEPT and entry.closed_at is not None


def test_status_change_rules(login, world):
    entry = make_entry(world, kind=EntryKind.AGREEMENT, responsible=[world.a.resource_person])
    url = reverse("logbook:agreement-status", args=[world.a.office.slug, entry.pk])
    assert login(world.a.staff).post(url, {"status": "kept"}).status_code == 403
    assert login(world.b.chief).post(url, {"status": "kept"}).status_code == 404
    assert login(world.a.chief).get(url).status_code == 405
    assert login(world.a.chief).post(url, {"status": "bogus"}).status_code == 302
    assert Entry.objects.get(pk=entry.pk).status == AgreementStatus.OPEN


def test_history_shows_who_changed_what(login, world):
    entry = make_entry(world, kind=EntryKind.AGREEMENT, responsible=[world.a.staff])
    client = login(world.a.staff)
    client.post(reverse("logbook:agreement-status", args=[world.a.office.slug, entry.pk]), {"status": "in_progress"})
    body = client.get(entry.get_absolute_url()).content.decode()
    assert "a Staff" in body
    assert "“open” → “in_progress”" in body or "open" in body


def test_database_refuses_due_date_before_entry_date(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_entry(world, kind=EntryKind.AGREEMENT, due_date=date(2026, 1, 1))


def test_database_refuses_agreement_fields_on_notes(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_entry(world, kind=EntryKind.NOTE, due_date=date(2026, 4, 1))


def test_my_agreements_on_my_page_grouped(login, world):
    today = timezone.localdate()
    make_entry(
        world,
        title="Forsinket",
        kind=EntryKind.AGREEMENT,
        date=today - timedelta(days=30),
        due_date=today - timedelta(days=1),
        responsible=[world.a.staff],
    )
    make_entry(
        world,
        title="Snart",
        kind=EntryKind.AGREEMENT,
        date=today,
        due_date=today + timedelta(days=3),
        responsible=[world.a.staff],
    )
    body = login(world.a.staff).get("/").content.decode()
    assert body.index("Forsinket") < body.index("Snart")
    assert "Overskredet" in body


def test_two_people_editing_one_agreement_get_a_conflict_not_a_lost_update(login, world):
    entry = Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind="agreement",
        title="Skabelon",
        text="Første udgave",
        date=date(2026, 1, 5),
        due_date=date(2026, 2, 1),
        status="open",
    )
    entry.responsible.set([world.a.staff])
    url = reverse("logbook:entry-update", args=[world.a.office.slug, entry.pk])
    form = login(world.a.resource_person).get(url).context["form"]
    seen = form.initial["version"]
    data = {
        "kind": "agreement",
        "date": "2026-01-05",
        "due_date": "2026-02-01",
        "responsible": [world.a.staff.pk],
        "status": "open",
        "version": seen,
    }
    # The office chief opened the same version and saves first.
    second = login(world.a.chief)
    assert second.post(url, data | {"title": "Skabelon", "text": "Chefens tekst"}).status_code == 302
    # The resource person's save, based on the older version, is refused and shows both texts.
    first = login(world.a.resource_person)
    response = first.post(url, data | {"title": "Skabelon", "text": "Ressourcepersonens tekst"})
    assert response.status_code == 409
    view = conflict_view(response)  # the shared view: both texts, who saved
    assert view["theirs"] == ["Chefens tekst"] and view["mine"] == ["Ressourcepersonens tekst"]
    assert "a Chief" in view["saved_by"]
    assert Entry.objects.get(pk=entry.pk).text == "Chefens tekst"
    # Saving again from the conflict page is a deliberate choice and goes through.
    newer = response.context["form"].data["version"]
    assert (
        first.post(url, data | {"title": "Skabelon", "text": "Ressourcepersonens tekst", "version": newer}).status_code
        == 302
    )
    assert Entry.objects.get(pk=entry.pk).text == "Ressourcepersonens tekst"
