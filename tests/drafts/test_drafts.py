"""Drafts: the person's text is kept on the server while they type, comes back after a reload, and never
overwrites someone else's saved text (a save of a draft goes through the conflict check)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from drafts.models import Draft
from drafts.registry import key_for
from drafts.tasks import remove_old_drafts
from logbook import circles
from logbook.models import Entry, LearningCircle
from meetings.models import AgendaItem
from tests.conflict_helpers import conflict_view, editor

from ..meetings.test_views import first_meeting, make_series

HX = {"HX-Request": "true"}


@pytest.fixture
def item(world):
    meeting = first_meeting(make_series(world))
    return AgendaItem.objects.create(meeting=meeting, position=1, title="Åben praksis", duration_minutes=20)


def minutes_url(item):
    return reverse("meetings:item-minutes-update", args=[item.meeting_id, item.pk])


def save_url(key):
    return reverse("drafts:save", kwargs={"key": key})


def test_draft_is_saved_and_comes_back_in_the_minutes_form_with_a_notice(world, item):
    rp = editor(world.a.resource_person)
    key = key_for(item, "minutes")
    saved = rp.post(save_url(key), {"text": "Vi aftalte at dele sager.", "version": 0})
    assert saved.status_code == 200 and saved.json()["saved_at"]
    draft = Draft.objects.get(person=world.a.resource_person, key=key)
    assert (draft.text, draft.base_version) == ("Vi aftalte at dele sager.", 0)
    page = rp.get(minutes_url(item))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Vi aftalte at dele sager.</textarea>" in body
    assert "Du har en ikke-gemt kladde fra" in body and "Kassér kladde" in body
    assert f'data-draft-key="{key}"' in body
    item.refresh_from_db()
    assert item.minutes == ""  # a draft never changes the saved record


def test_one_persons_draft_is_never_shown_to_another(world, item):
    key = key_for(item, "minutes")
    assert (
        editor(world.a.resource_person).post(save_url(key), {"text": "Kun mit udkast.", "version": 0}).status_code
        == 200
    )
    page = editor(world.a.chief).get(minutes_url(item))
    body = page.content.decode()
    assert page.status_code == 200 and f'data-draft-key="{key}"' in body
    assert "Kun mit udkast." not in body and "Du har en ikke-gemt kladde" not in body


def test_draft_based_on_an_older_version_leads_to_the_conflict_view_and_overwrites_nothing(world, item):
    AgendaItem.objects.filter(pk=item.pk).update(minutes="Tidligere tekst.", minutes_version=3)
    rp, chief = editor(world.a.resource_person), editor(world.a.chief)
    key = key_for(item, "minutes")
    assert rp.post(save_url(key), {"text": "Mit udkast.", "version": 3}).status_code == 200
    # Meanwhile the chief saves: the minutes are now at version 4.
    assert chief.post(minutes_url(item), {"text": "Chefens referat.", "version": 3}).status_code == 302
    page = rp.get(minutes_url(item)).content.decode()
    assert "Mit udkast.</textarea>" in page and 'name="version" value="3"' in page  # the version it was based on
    clash = rp.post(minutes_url(item), {"text": "Mit udkast.", "version": 3})
    assert clash.status_code == 409
    view = conflict_view(clash)
    assert view["mine"] == ["Mit udkast."] and view["theirs"] == ["Chefens referat."]
    item.refresh_from_db()
    assert (item.minutes, item.minutes_version) == ("Chefens referat.", 4)


def test_saving_the_minutes_removes_the_draft(world, item):
    rp = editor(world.a.resource_person)
    key = key_for(item, "minutes")
    rp.post(save_url(key), {"text": "Udkast.", "version": 0})
    assert rp.post(minutes_url(item), {"text": "Udkast.", "version": 0}, headers=HX).status_code == 200
    assert not Draft.objects.filter(key=key).exists()
    item.refresh_from_db()
    assert item.minutes == "Udkast."


def test_discarding_the_draft_works_without_javascript(world, item):
    rp = editor(world.a.resource_person)
    key = key_for(item, "minutes")
    rp.post(save_url(key), {"text": "Væk med det.", "version": 0})
    back = minutes_url(item)
    response = rp.post(reverse("drafts:discard", kwargs={"key": key}), {"next": back, "text": "Væk med det."})
    assert response.status_code == 302 and response["Location"] == back
    assert not Draft.objects.filter(key=key).exists()
    page = rp.get(back).content.decode()
    assert "Væk med det." not in page and "Du har en ikke-gemt kladde" not in page


def test_another_offices_object_or_a_bad_key_is_not_found(world, item):
    neighbour = editor(world.b.resource_person)
    key = key_for(item, "minutes")
    assert neighbour.post(save_url(key), {"text": "Indtrængen."}).status_code == 404
    rp = editor(world.a.resource_person)
    for bad in [
        "meetings.agendaitem:999999:minutes",
        "meetings.agendaitem:x:minutes",
        "accounts.user:1:password",
        f"meetings.agendaitem:{item.pk}:title",
        "nonsense",
    ]:
        assert rp.post(save_url(bad), {"text": "x"}).status_code == 404, bad
    assert editor(world.a.staff).post(save_url(key), {"text": "x"}).status_code == 403
    assert not Draft.objects.exists()


def test_a_draft_over_the_fields_limit_is_refused(world, item):
    rp = editor(world.a.resource_person)
    key = key_for(item, "minutes")
    assert rp.post(save_url(key), {"text": "x" * 20001}).status_code == 400
    assert rp.post(save_url(key), {"text": "x" * 20000}).status_code == 200
    assert Draft.objects.get(key=key).text == "x" * 20000


def test_agenda_item_description_keeps_a_draft_and_saving_removes_it(world, item):
    rp = editor(world.a.resource_person)
    key = key_for(item, "description")
    url = reverse("meetings:agenda-item-update", args=[item.meeting_id, item.pk])
    rp.post(save_url(key), {"text": "Baggrund for punktet.", "version": 0})
    page = rp.get(url).content.decode()
    assert "Baggrund for punktet.</textarea>" in page and "Du har en ikke-gemt kladde" in page
    prefix = f"item-{item.pk}"
    data = {
        f"{prefix}-title": "Åben praksis",
        f"{prefix}-kind": "dialogue",
        f"{prefix}-duration_minutes": 20,
        f"{prefix}-description": "Baggrund for punktet.",
        f"{prefix}-version": 0,
    }
    assert rp.post(url, data).status_code == 302
    assert not Draft.objects.filter(key=key).exists()


def test_entry_text_keeps_a_draft_and_saving_removes_it(world):
    entry = Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind="activity",
        title="Temadag",
        text="Gemt tekst.",
        date=timezone.localdate(),
    )
    rp = editor(world.a.resource_person)
    key = key_for(entry, "text")
    rp.post(save_url(key), {"text": "Gemt tekst. Og mere.", "version": entry.version})
    url = reverse("logbook:entry-update", args=[world.a.office.slug, entry.pk])
    page = rp.get(url).content.decode()
    assert "Gemt tekst. Og mere.</textarea>" in page and "Du har en ikke-gemt kladde" in page
    assert editor(world.b.resource_person).post(save_url(key), {"text": "x"}).status_code == 404
    data = {
        "kind": "activity",
        "title": "Temadag",
        "text": "Gemt tekst. Og mere.",
        "date": timezone.localdate(),
        "version": entry.version,
    }
    assert rp.post(url, data).status_code == 302
    assert not Draft.objects.filter(key=key).exists()
    entry.refresh_from_db()
    assert entry.text == "Gemt tekst. Og mere."


def test_circle_card_keeps_a_draft_and_saving_removes_it(world):
    circle = circles.start_circle(
        LearningCircle(office=world.a.office, title="Sygefravær", challenge="Fraværet stiger"), world.a.resource_person
    )
    rp = editor(world.a.resource_person)
    key = key_for(circle, "card")
    rp.post(save_url(key), {"text": "Noter fra cirklen.", "version": 0})
    page = rp.get(circle.get_absolute_url()).content.decode()
    assert "Noter fra cirklen.</textarea>" in page and "Du har en ikke-gemt kladde" in page
    url = reverse("logbook:circle-card", args=[world.a.office.slug, circle.pk])
    assert rp.post(url, {"text": "Noter fra cirklen.", "data_sources": "", "version": 0}).status_code == 302
    assert not Draft.objects.filter(key=key).exists()


def test_old_drafts_are_removed_by_the_daily_job(world, item):
    now = timezone.now()
    old = Draft.objects.create(
        person=world.a.resource_person, key=key_for(item, "minutes"), text="gammel", updated_at=now - timedelta(days=31)
    )
    fresh = Draft.objects.create(
        person=world.a.chief, key=key_for(item, "minutes"), text="ny", updated_at=now - timedelta(days=2)
    )
    assert remove_old_drafts(now=now) == 1
    assert not Draft.objects.filter(pk=old.pk).exists() and Draft.objects.filter(pk=fresh.pk).exists()


def test_old_drafts_cleanup_is_a_daily_job_of_the_queue():
    from procrastinate.contrib.django import app

    registered = {task.task.name: task.cron for task in app.periodic_registry.periodic_tasks.values()}
    assert registered["drafts.remove_old_drafts"] == "30 3 * * *"


def test_procedure_body_and_term_explanation_keep_a_draft(world):
    from knowledge.models import Procedure, Term

    procedure = Procedure.objects.create(
        office=world.a.office, title="Sagsgang", body="Trin 1.", owner=world.a.staff, review_date=timezone.localdate()
    )
    owner = editor(world.a.staff)  # staff owns it, so may edit it
    key = key_for(procedure, "body")
    assert owner.post(save_url(key), {"text": "Trin 1. Trin 2.", "version": procedure.version}).status_code == 200
    page = owner.get(reverse("procedures:update", args=[world.a.office.slug, procedure.pk])).content.decode()
    assert "Trin 1. Trin 2.</textarea>" in page and "Du har en ikke-gemt kladde" in page
    assert editor(world.b.resource_person).post(save_url(key), {"text": "x"}).status_code == 404
    term = Term.objects.create(
        administration=world.administration, term="Budget", explanation="Penge.", owner=world.a.office
    )
    key = key_for(term, "explanation")
    rp = editor(world.a.resource_person)
    assert rp.post(save_url(key), {"text": "Penge til et år.", "version": term.version}).status_code == 200
    page = rp.get(reverse("knowledge:term-update", args=[world.administration.slug, term.slug])).content.decode()
    assert "Penge til et år.</textarea>" in page
    assert editor(world.c.resource_person).post(save_url(key), {"text": "x"}).status_code == 404
    assert editor(world.b.resource_person).post(save_url(key), {"text": "x"}).status_code == 403


def test_a_new_entrys_text_keeps_a_draft_until_the_entry_is_added(world):
    rp = editor(world.a.resource_person)
    key = key_for(world.a.office, "new_entry")
    assert rp.post(save_url(key), {"text": "Ny tekst til logbogen."}).status_code == 200
    url = reverse("logbook:entry-create", args=[world.a.office.slug])
    page = rp.get(url).content.decode()
    assert "Ny tekst til logbogen.</textarea>" in page and "Du har en ikke-gemt kladde" in page
    assert editor(world.b.resource_person).post(save_url(key), {"text": "x"}).status_code == 404
    assert editor(world.a.staff).post(save_url(key), {"text": "x"}).status_code == 403
    data = {"kind": "activity", "title": "Temadag", "text": "Ny tekst til logbogen.", "date": timezone.localdate()}
    assert rp.post(url, data).status_code == 302
    assert Entry.objects.filter(office=world.a.office, text="Ny tekst til logbogen.").exists()
    assert not Draft.objects.filter(key=key).exists()
