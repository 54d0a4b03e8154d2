"""One test per class of hostile input that once answered 500: each is refused cleanly, and nothing half-saved.

The fuzzer (``test_fuzz_forms.py``) draws at random; these tests pin each class with the input that broke it:
control characters in query strings and posted fields, dates in the year 1 and 9999, ids that are not ids
or belong to another office, unique collisions, and header characters in e-mail subjects.
"""

from datetime import date, timedelta

import pytest
from django.core import mail as outbox
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from knowledge.forms import TermForm
from knowledge.models import Competence, Question, Term
from logbook.forms import DataPointForm, MeasureForm
from logbook.models import DataPoint, Entry, Measure
from meetings.models import AgendaItem, Meeting, MeetingSeries, MeetingStatus
from notifications.models import Delivery, DeliveryStatus
from slf.forms import ABSOLUTE_MAX, ABSOLUTE_MIN, SaneDateValidator
from slf.mail import clean_header
from tests.queue import deliver_queued
from tests.slf.test_fuzz_forms import _forms, _pages


def _slug(world):
    return world.a.office.slug


# NUL and control characters -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["\x00", "a\x00b", "\x01", "x\x1b[31m", "\x7f"])
def test_control_characters_in_query_parameters_get_a_clear_400_page_on_every_search(client, world, office_a, value):
    administration = world.administration.slug
    # The public glossary, signed out.
    response = client.get(reverse("knowledge:glossary", args=[administration]), {"q": value})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    client.force_login(world.a.resource_person)
    for url in (
        reverse("directory:people"),
        reverse("logbook:entry-list", args=[_slug(world)]),
        reverse("questions:list", args=[_slug(world)]),
        reverse("knowledge:glossary", args=[administration]),
    ):
        assert client.get(url, {"q": value}).status_code == 400, url
    assert client.get(reverse("directory:people"), {value: "x"}).status_code == 400  # in the name, too


def test_tabs_and_line_breaks_in_a_search_are_searched_for(client, world, office_a):
    client.force_login(world.a.resource_person)
    assert client.get(reverse("directory:people"), {"q": "moms\tløn\r\n"}).status_code == 200


def test_a_nul_in_a_posted_field_is_refused_and_nothing_is_saved(client, world, office_a):
    client.force_login(world.a.resource_person)
    before = Entry.objects.count()
    response = client.post(
        reverse("logbook:entry-create", args=[_slug(world)]),
        {"kind": "activity", "title": "a\x00b", "text": "tekst", "date": "2026-03-02"},
    )
    assert response.status_code == 400
    assert Entry.objects.count() == before
    # A value a view reads without a form (the name of a suggested competence) is refused the same way.
    response = client.post(reverse("directory:suggestion"), {"action": "accept", "name": "moms\x00"})
    assert response.status_code == 400
    assert not Competence.objects.filter(name__startswith="moms").exists()


# Dates ----------------------------------------------------------------------------------------------------------


def _columns_holding(day: date | None = None):
    """(table, column) of every date column holding ``day``, or (without it) a date outside the absolute bounds."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN ('date', 'timestamp with time zone')"
        )
        for table, column in cursor.fetchall():
            if day:
                cursor.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}"::date = %s', [day])
            else:
                cursor.execute(
                    f'SELECT count(*) FROM "{table}" WHERE "{column}"::date NOT BETWEEN %s AND %s',
                    [ABSOLUTE_MIN, ABSOLUTE_MAX],
                )
            if cursor.fetchone()[0]:
                found.append((table, column))
    return found


BAD_DATES = ["0001-01-01", "9999-12-31", "2099-01-02", "2001-01-02"]


def test_dates_outside_the_sane_range_are_refused_in_every_form(client, world, office_a):
    """Every form with a date field, posted with its real values and the date in the year 1, 9999 or far off.

    The pages are read once for all four dates (reading every page is most of the cost)."""
    client.force_login(world.a.resource_person)
    forms = _forms(client, _pages(office_a))
    dated = {
        action: form
        for action, form in forms.items()
        if any(field["type"] in ("date", "datetime-local") for field in form["fields"].values())
    }
    assert len(dated) >= 8, sorted(dated)
    for bad, (action, form) in ((bad, item) for bad in BAD_DATES for item in sorted(dated.items())):
        payload = {n: (v["options"][-1] if v["options"] else v["value"]) for n, v in form["fields"].items()}
        for name, field in form["fields"].items():
            if field["type"] == "date":
                payload[name] = bad
            elif field["type"] == "datetime-local":
                payload[name] = f"{bad}T10:00"
        with transaction.atomic():
            response = client.post(action, payload)
            assert response.status_code < 500, action
            assert _columns_holding() == [], f"{action} stored a date outside the bounds"
            assert _columns_holding(date.fromisoformat(bad)) == [], f"{action} stored {bad}"
            transaction.set_rollback(True)
        client.force_login(world.a.resource_person)


def test_an_entry_dated_9999_gets_a_message_next_to_the_date(client, world, office_a):
    client.force_login(world.a.resource_person)
    url = reverse("logbook:entry-create", args=[_slug(world)])
    response = client.post(
        url,
        {"kind": "agreement", "title": "Aftale", "text": "t", "date": "2026-03-02", "due_date": "9999-12-31"},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["due_date"]] == ["date_too_late"]
    response = client.post(url, {"kind": "activity", "title": "Aktivitet", "text": "t", "date": "0001-01-01"})
    assert [e.code for e in response.context["form"].errors.as_data()["date"]] == ["date_too_early"]
    assert not Entry.objects.filter(title__in=["Aftale", "Aktivitet"]).exists()


def test_a_logbook_filter_date_in_the_year_1_is_refused_next_to_the_field_and_ignored(client, world, office_a):
    client.force_login(world.a.resource_person)
    url = reverse("logbook:entry-list", args=[_slug(world)])
    response = client.get(url, {"date_from": "0001-01-01", "date_to": "9999-12-31"})
    assert response.status_code == 200
    errors = response.context["filter"].form.errors.as_data()
    assert [e.code for e in errors["date_from"]] == ["date_too_early"]
    assert [e.code for e in errors["date_to"]] == ["date_too_late"]
    assert "ZQ7A aftale" in response.content.decode()  # the refused dates filter nothing away


def test_the_sane_range_is_ten_years_back_and_five_ahead_by_default(frozen):
    validator = SaneDateValidator()
    low, high = validator.bounds(date(2026, 3, 2))
    assert (low, high) == (date(2016, 3, 2), date(2031, 3, 2))
    validator(date(2031, 3, 1))
    with pytest.raises(ValidationError) as refused:
        validator(date(2031, 3, 3))
    assert refused.value.code == "date_too_late"


@pytest.mark.parametrize(
    ("name", "params", "status"),
    [
        ("visits:book", {"week": "9999-12-31"}, 200),
        ("visits:book", {"week": "0001-01-01"}, 200),
        ("visits:book", {"week": "2100-12-31"}, 200),
        ("visits:book", {"slot": "9999-12-31T10:00"}, 200),
        ("progress:office", {"period": "custom", "from": "0001-01-01", "to": "0001-01-05"}, 400),
        ("progress:office", {"period": "custom", "from": "9999-12-01", "to": "9999-12-31"}, 400),
        ("progress:administration", {"period": "custom", "from": "0001-01-01", "to": "0001-02-01"}, 400),
        ("logbook:entry-list", {"date_from": "0001-01-01", "date_to": "9999-12-31"}, 200),
        ("meetings:office-meetings", {"series": "9999-12-31"}, 200),
    ],
)
def test_out_of_range_dates_in_query_parameters_fall_back_or_explain(client, world, office_a, name, params, status):
    client.force_login(world.head if name == "progress:administration" else world.a.resource_person)
    response = client.get(reverse(name, kwargs=office_a[name]), params)
    assert response.status_code == status


def test_the_database_refuses_a_date_outside_the_absolute_bounds(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(office=world.a.office, author=world.a.staff, title="x", date=date(9999, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(
            office=world.a.office, unit="u", asked_by="a", title="t", created_by=world.a.staff, due_date=date(1, 1, 1)
        )


def test_a_meeting_page_survives_the_last_date_the_database_allows(client, world, office_a):
    """The meeting pages once broke on a meeting in the year 9999; the bound itself must render."""
    meeting = Meeting.objects.get(pk=office_a["meetings:meeting-detail"]["pk"])
    last = meeting.starts_at.replace(year=ABSOLUTE_MAX.year, month=12, day=30)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=last, ends_at=last + timedelta(hours=1))
    client.force_login(world.a.resource_person)
    for name in ("meetings:meeting-detail", "meetings:series-detail", "meetings:office-meetings", "meetings:index"):
        assert client.get(reverse(name, kwargs=office_a[name])).status_code == 200, name
    assert client.get(reverse("home")).status_code == 200


# Ids ------------------------------------------------------------------------------------------------------------


HOSTILE_IDS = ["", "abc", "²", "１", "9" * 30, "-1", "1.5", " 1", "1 OR 1=1"]


def _other_office_meeting(world):
    series = MeetingSeries.objects.create(office=world.b.office, title="B møde", start_date=date(2026, 3, 2))
    return Meeting.objects.create(
        series=series, starts_at=office_meeting_time(), ends_at=office_meeting_time() + timedelta(hours=1)
    )


def office_meeting_time():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(2026, 4, 1, 10, tzinfo=ZoneInfo("Europe/Copenhagen"))


def test_non_numeric_and_foreign_ids_in_posted_fields_are_refused(client, world, office_a):
    client.force_login(world.a.resource_person)
    foreign = str(_other_office_meeting(world).pk)
    items = AgendaItem.objects.count()
    accept = reverse("meetings:proposal-accept", kwargs=office_a["meetings:proposal-accept"])
    agenda = reverse("logbook:circle-agenda-add", kwargs=office_a["logbook:circle-agenda-add"])
    for value in [*HOSTILE_IDS, foreign]:
        for url in (accept, agenda):
            response = client.post(url, {"meeting": value})
            assert response.status_code == 302, (url, value)
    assert AgendaItem.objects.count() == items
    assert not AgendaItem.objects.filter(meeting_id=int(foreign)).exists()


def test_non_numeric_ids_in_query_parameters_show_the_unfiltered_list(client, world, office_a):
    client.force_login(world.a.resource_person)
    for value in HOSTILE_IDS:
        for name, param in (("meetings:office-meetings", "series"), ("visits:people", "section")):
            response = client.get(reverse(name, kwargs=office_a[name]), {param: value})
            assert response.status_code == 200, (name, value)


def test_no_view_reads_an_id_from_the_request_without_a_form_field():
    """``filter(pk=request.POST…)`` is the pattern behind the class; ids go through ``slf.forms.choose``."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"(pk|_id|id)\s*=\s*(int\()?request\.(POST|GET)")
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for app in ("accounts", "offices", "meetings", "logbook", "visits", "knowledge", "progress", "slf")
        for path in (root / app).rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line) and "`" not in line
    ]
    assert offenders == []


# Unique collisions ----------------------------------------------------------------------------------------------


def test_two_terms_whose_addresses_come_out_equal_get_a_field_error(client, world, office_a):
    client.force_login(world.a.resource_person)
    url = reverse("knowledge:term-create", args=[world.administration.slug])
    payload = {"explanation": "Forklaring", "owner": world.a.office.pk}
    assert client.post(url, {**payload, "term": "Moms-sats"}).status_code == 302
    for twin in ("Moms sats", "moms sats!", "MOMS-SATS"):
        response = client.post(url, {**payload, "term": twin})
        assert response.status_code == 400, twin
        assert "term" in response.context["form"].errors
    assert Term.objects.filter(slug="moms-sats").count() == 1


def test_a_unique_violation_the_form_did_not_foresee_becomes_a_field_error(client, world, office_a, monkeypatch):
    """What two simultaneous submissions do: both pass the form's duplicate check, the database refuses one."""
    monkeypatch.setattr(TermForm, "clean_term", lambda self: self.cleaned_data["term"])
    monkeypatch.setattr(MeasureForm, "clean_name", lambda self: self.cleaned_data["name"])
    monkeypatch.setattr(DataPointForm, "clean_date", lambda self: self.cleaned_data["date"])
    client.force_login(world.a.resource_person)
    term_url = reverse("knowledge:term-create", args=[world.administration.slug])
    payload = {"term": "Likviditet", "explanation": "Penge", "owner": world.a.office.pk}
    assert client.post(term_url, payload).status_code == 302
    response = client.post(term_url, {**payload, "term": "likviditet"})
    assert response.status_code == 400
    assert response.context["form"].errors["term"]
    measure = Measure.objects.get(pk=office_a["logbook:datapoint-create"]["measure_pk"])
    measure_url = reverse("logbook:measure-create", kwargs=office_a["logbook:measure-create"])
    response = client.post(
        measure_url, {"measure-name": measure.name, "measure-unit": "dage", "measure-better": "lower"}
    )
    assert response.status_code == 400
    point_url = reverse("logbook:datapoint-create", kwargs=office_a["logbook:datapoint-create"])
    point = {f"point-{measure.pk}-date": "2026-03-01", f"point-{measure.pk}-value": "3"}
    assert client.post(point_url, point).status_code == 302
    assert client.post(point_url, point).status_code == 400
    assert DataPoint.objects.filter(measure=measure, date="2026-03-01").count() == 1  # the fixture has one of its own


def test_two_people_adding_the_same_new_competence_in_different_case_share_one_tag(world):
    from knowledge.directory import set_competences

    set_competences(world.a.staff, world.administration, ["Budgetopfølgning"])
    set_competences(world.a.chief, world.administration, ["budgetopfølgning"])
    assert Competence.objects.filter(name__iexact="budgetopfølgning").count() == 1


# E-mail headers -------------------------------------------------------------------------------------------------


def test_clean_header_makes_one_short_line():
    assert clean_header("Møde\r\nBcc: x@example.org\x00\u2028slut") == "Møde Bcc: x@example.org slut"
    assert len(clean_header("x" * 1000)) == 200


def test_line_breaks_in_a_meeting_title_never_reach_the_subject_and_the_circulation_holds(client, world, office_a):
    meeting = Meeting.objects.get(pk=office_a["meetings:meeting-circulate"]["pk"])
    MeetingSeries.objects.filter(pk=meeting.series_id).update(title="SLF\r\nBcc: spam@example.org")
    Meeting.objects.filter(pk=meeting.pk).update(title="SLF\r\nBcc: spam@example.org")
    client.force_login(world.a.resource_person)
    response = client.post(reverse("meetings:meeting-circulate", kwargs=office_a["meetings:meeting-circulate"]))
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.AGENDA_CIRCULATED
    deliver_queued()
    assert outbox.outbox, "the agenda went to the participants"
    for message in outbox.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert "Bcc" not in message.message().get("Bcc", "")


def test_a_question_title_with_line_breaks_is_assigned_and_mailed(
    client, world, office_a, django_capture_on_commit_callbacks
):
    question = Question.objects.get(pk=office_a["questions:assign"]["pk"])
    Question.objects.filter(pk=question.pk).update(title="Hjælp\nBcc: spam@example.org")
    client.force_login(world.a.resource_person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("questions:assign", kwargs=office_a["questions:assign"]), {"person": world.a.staff.pk, "note": ""}
        )
    assert response.status_code == 302
    deliver_queued()
    assert outbox.outbox
    assert all("\n" not in m.subject for m in outbox.outbox)


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_a_mail_server_failing_after_the_change_is_committed_gives_no_500(
    client, world, office_a, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.slf.test_hostile_input.BrokenBackend"
    client.force_login(world.a.resource_person)
    url = reverse("meetings:meeting-circulate", kwargs=office_a["meetings:meeting-circulate"])
    assert client.post(url).status_code == 302
    meeting = Meeting.objects.get(pk=office_a["meetings:meeting-circulate"]["pk"])
    assert meeting.status == MeetingStatus.AGENDA_CIRCULATED
    response = client.post(
        reverse("questions:assign", kwargs=office_a["questions:assign"]), {"person": world.a.staff.pk, "note": ""}
    )
    assert response.status_code == 302
    # The request only queued the mail; the queue's job meets the broken server and records it.
    assert Delivery.objects.filter(status=DeliveryStatus.WAITING).count() >= 2
    deliver_queued()
    assert not Delivery.objects.filter(status=DeliveryStatus.SENT).exists()
    assert set(Delivery.objects.values_list("last_error", flat=True)) == {
        "ConnectionRefusedError: the mail server is down"
    }
