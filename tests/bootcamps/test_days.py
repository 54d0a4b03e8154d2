"""Bootcamp days: leads plan them, everybody in the programme reads them; bad input is refused."""
# ruff: noqa: F811 - the fixtures are imported from days_world

from datetime import date, timedelta

import pytest
from django.urls import reverse

from bootcamps.models import BootcampDay
from drafts.models import Draft
from drafts.registry import key_for
from tests.bootcamps.days_world import DAY, camp, make_camp  # noqa: F401

pytestmark = pytest.mark.django_db


def _url(camp, name, **kwargs):
    return reverse(f"bootcamps:{name}", kwargs={"slug": camp.programme.slug, **kwargs})


def test_lead_creates_a_day(camp, login):
    response = login(camp.lead).post(_url(camp, "day-create"), DAY)
    day = BootcampDay.objects.get(place="Musikhuset")
    assert response.status_code == 302 and response["Location"] == day.get_absolute_url()
    assert day.agenda == "9.00 Velkomst"


def test_participant_may_not_create_a_day(camp, login):
    assert login(camp.participant).post(_url(camp, "day-create"), DAY).status_code == 403
    assert not BootcampDay.objects.filter(place="Musikhuset").exists()


def test_outsider_sees_no_programme(camp, login):
    assert login(camp.outsider).get(_url(camp, "programme")).status_code == 404
    assert login(camp.outsider).get(_url(camp, "day", pk=camp.held.pk)).status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": "08:00"}, "ends_at"),
        ({"date": "0001-01-01"}, "date"),
        ({"date": (date.today() + timedelta(days=3650)).isoformat()}, "date"),
        ({"place": ""}, "place"),
    ],
)
def test_bad_day_is_refused_next_to_the_field(camp, login, change, field):
    response = login(camp.lead).post(_url(camp, "day-create"), {**DAY, **change})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not BootcampDay.objects.filter(place="Musikhuset").exists()


def test_two_days_on_one_date_are_refused(camp, login):
    response = login(camp.lead).post(_url(camp, "day-create"), {**DAY, "date": camp.held.date.isoformat()})
    assert response.status_code == 400 and "date" in response.context["form"].errors


def test_lead_edits_a_day(camp, login):
    response = login(camp.lead).post(_url(camp, "day-update", pk=camp.coming.pk), {**DAY, "place": "Hallen 2"})
    assert response.status_code == 302
    camp.coming.refresh_from_db()
    assert camp.coming.place == "Hallen 2"


def test_another_programmes_day_is_not_found(camp, world, login):
    _other, held, _coming = make_camp(world, slug="anden-bootcamp")
    assert login(camp.lead).get(_url(camp, "day", pk=held.pk)).status_code == 404
    assert login(camp.lead).post(_url(camp, "day-update", pk=held.pk), DAY).status_code == 404


def test_programme_page_shows_days_themes_and_participants(camp, login):
    response = login(camp.participant).get(_url(camp, "programme"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Rådhuset" in text and "Hallen" in text and "Tillid frem for kontrol" in text
    assert [d.pk for d in response.context["held_days"]] == [camp.held.pk]
    assert [d.pk for d in response.context["coming_days"]] == [camp.coming.pk]
    assert [d.pk for d in response.context["to_evaluate"]] == [camp.held.pk]
    # The leads' part (figures and relations) is not shown to participants.
    assert "figures" not in response.context


def test_day_page_shows_the_agenda(camp, login):
    camp.coming.agenda = "10.00 Oplæg om borgerrejser"
    camp.coming.save()
    response = login(camp.other).get(_url(camp, "day", pk=camp.coming.pk))
    assert response.status_code == 200 and "Oplæg om borgerrejser" in response.content.decode()


def test_two_leads_editing_the_agenda_see_both_texts(camp, world, login):
    url = _url(camp, "day-update", pk=camp.coming.pk)
    seen = login(camp.lead).get(url).context["form"].initial["version"]
    fields = {**DAY, "date": camp.coming.date.isoformat(), "place": "Hallen"}
    assert login(world.a.section_leader).post(url, {**fields, "agenda": "Oplæg", "version": seen}).status_code == 302
    response = login(camp.lead).post(url, {**fields, "agenda": "Gruppearbejde", "version": seen})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Oplæg" in text and "Gruppearbejde" in text
    camp.coming.refresh_from_db()
    assert camp.coming.agenda == "Oplæg"
    again = login(camp.lead).post(url, {**fields, "agenda": "Oplæg og gruppearbejde", "version": seen + 1})
    assert again.status_code == 302
    camp.coming.refresh_from_db()
    assert camp.coming.agenda == "Oplæg og gruppearbejde"


def test_the_agendas_draft_is_kept_for_leads_restored_and_cleared_on_save(camp, login):
    key = key_for(camp.coming, "agenda")
    url = reverse("drafts:save", kwargs={"key": key})
    assert login(camp.lead).post(url, {"text": "9.00 Velkomst og"}).status_code == 200
    assert login(camp.participant).post(url, {"text": "Ikke min"}).status_code == 403
    assert login(camp.outsider).post(url, {"text": "Ikke min"}).status_code == 404
    edit = _url(camp, "day-update", pk=camp.coming.pk)
    form = login(camp.lead).get(edit).context["form"]
    assert form.initial["agenda"] == "9.00 Velkomst og"
    fields = {**DAY, "date": camp.coming.date.isoformat(), "agenda": "9.00 Velkomst og kaffe"}
    assert login(camp.lead).post(edit, fields).status_code == 302
    assert not Draft.objects.filter(key=key).exists()
