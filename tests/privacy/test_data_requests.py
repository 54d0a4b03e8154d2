"""The data protection officer: a person's export with known data, the access log, the public pages."""

import io
import json
import zipfile
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse
from django.utils import translation

from knowledge.models import Competence, PersonCompetence
from logbook.models import Entry
from meetings.models import Attendance, AttendanceStatus, Frequency, MeetingSeries
from privacy.models import AccessLogEntry
from tests import factories
from visits.models import Reflection, Visit

TZ = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def dpo(world):
    person = factories.make_user(full_name="Data Beskytter", email="dpo@test.example")
    person.user_permissions.add(Permission.objects.get(codename="serve_data_requests"))
    return person


@pytest.fixture
def visit(world):
    start = datetime(2026, 3, 3, 10, tzinfo=TZ)
    visit = Visit.objects.create(
        office=world.a.office,
        host=world.a.section_leader,
        visitor=world.a.staff,
        during=DateTimeTZRange(start, start + timedelta(minutes=30)),
        topic="Budgetopfølgning",
    )
    Reflection.objects.create(visit=visit, author=world.a.staff, learned="EGEN-REFLEKSION")
    Reflection.objects.create(visit=visit, author=world.a.section_leader, learned="ANDENS-REFLEKSION")
    return visit


def _read(response):
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return archive.read("oversigt.html").decode(), json.loads(archive.read("data.json"))


def test_the_export_holds_the_persons_data_and_not_the_other_persons_reflection(login, world, dpo, visit):
    staff = world.a.staff
    entry = Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind="agreement",
        title="AFTALE-ANSVAR",
        date=date(2026, 3, 2),
        due_date=date(2026, 4, 1),
        status="open",
    )
    entry.responsible.set([staff])
    Entry.objects.create(office=world.a.office, author=staff, kind="note", title="EGEN-NOTE", date=date(2026, 3, 2))
    Entry.objects.create(
        office=world.a.office, author=world.a.chief, kind="note", title="ANDRES-NOTE", date=date(2026, 3, 2)
    )
    series = MeetingSeries.objects.create(
        office=world.a.office,
        title="SLF",
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=3,
        start_date=date(2026, 3, 2),
        start_time=datetime(2026, 3, 2, 9).time(),
        duration_minutes=60,
    )
    meeting = series.meetings.create(
        starts_at=datetime(2026, 3, 5, 9, tzinfo=TZ), ends_at=datetime(2026, 3, 5, 10, tzinfo=TZ)
    )
    meeting.agenda_items.create(title="PUNKT", minutes=f"{staff.full_name} fremlagde tallene", position=1)
    Attendance.objects.create(meeting=meeting, person=staff, status="present")
    PersonCompetence.objects.create(
        person=staff, competence=Competence.objects.create(administration=world.administration, name="KOMPETENCE-X")
    )
    AccessLogEntry.objects.create(viewer=world.a.chief, person=staff, page="visit", path="/visits/1/")

    response = login(dpo).get(reverse("privacy:person-export", args=[staff.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    html, data = _read(response)
    sections = data["sections"]
    assert sections["profile"]["rows"][0][:2] == [staff.full_name, staff.email]
    assert [row[0] for row in sections["memberships"]["rows"]] == [world.a.office.name]
    titles = sorted(row[3] for row in sections["entries"]["rows"])
    assert titles == ["AFTALE-ANSVAR", "EGEN-NOTE"]
    assert [row[2] for row in sections["minutes"]["rows"]] == ["PUNKT"]
    with translation.override("da"):
        assert (
            [row[2] for row in sections["attendance"]["rows"]] == [str(AttendanceStatus.PRESENT.label)] != ["present"]
        )
    assert [row[1] for row in sections["reflections"]["rows"]] == ["EGEN-REFLEKSION"]
    assert [row[3] for row in sections["visits"]["rows"]] == ["Budgetopfølgning"]
    assert sections["competences"]["rows"] == [["KOMPETENCE-X"]]
    log = sections["access_log"]["rows"]
    assert [row[1] for row in log] == [world.a.chief.full_name]  # the export itself is logged after it is made
    for text in ("EGEN-REFLEKSION", "AFTALE-ANSVAR", "KOMPETENCE-X", "PUNKT", "Budgetopfølgning"):
        assert text in html
    assert "ANDENS-REFLEKSION" not in html + json.dumps(data)
    assert "ANDRES-NOTE" not in html + json.dumps(data)
    assert AccessLogEntry.objects.filter(person=staff, viewer=dpo, page="export").count() == 1


def test_only_the_data_protection_officer_reaches_a_persons_data(
    login, world, dpo, visit, django_assert_max_num_queries
):
    url = reverse("privacy:person-detail", args=[world.a.staff.pk])
    assert login(world.a.chief).get(url).status_code == 403
    client = login(dpo)
    with django_assert_max_num_queries(40):  # about one query per section, whatever the amount of data
        response = client.get(url)
    assert response.status_code == 200
    assert world.a.staff.email in response.content.decode()
    assert AccessLogEntry.objects.filter(person=world.a.staff, viewer=dpo, page="data_request").count() == 1


def test_opening_a_visit_logs_the_other_person_with_one_insert(login, world, visit, django_assert_num_queries):
    client = login(world.a.staff)
    url = reverse("visits:visit-detail", args=[visit.pk])
    client.get(url)
    AccessLogEntry.objects.all().delete()

    response = client.get(url)

    assert response.status_code == 200
    rows = list(AccessLogEntry.objects.values_list("viewer", "person", "page", "path"))
    assert rows == [(world.a.staff.pk, world.a.section_leader.pk, "visit", url)]
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 200
    assert AccessLogEntry.objects.count() == 1  # htmx fragments of the same page are not logged again


def test_the_log_costs_one_query_per_page(login, world, visit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.a.staff)
    url = reverse("visits:visit-detail", args=[visit.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    inserts = [q["sql"] for q in queries.captured_queries if "privacy_accesslogentry" in q["sql"]]
    assert len(inserts) == 1 and "INSERT INTO privacy_accesslogentry" in inserts[0]


def test_the_dpo_searches_the_access_log_in_a_fixed_number_of_queries(login, world, dpo, django_assert_max_num_queries):
    for i in range(60):
        AccessLogEntry.objects.create(viewer=world.a.chief, person=world.a.staff, page="visit", path=f"/visits/{i}/")
    AccessLogEntry.objects.create(viewer=world.a.chief, person=world.b.staff, page="visit", path="/visits/99/")
    client = login(dpo)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("privacy:access-log"), {"person": "a Staff"})

    assert response.status_code == 200
    text = response.content.decode()
    assert "61 rækker" not in text and "60 rækker" in text  # (a bare "61" may be in a random token)
    assert "/visits/99/" not in text
    assert "person=a+Staff&amp;page=2" in text
    second = client.get(reverse("privacy:access-log"), {"person": "a Staff", "kind": "visit", "page": "2"})
    assert second.status_code == 200 and second.content.decode().count("<code>/visits/") == 10
    assert client.get(reverse("privacy:access-log"), {"date_from": "0001-01-01"}).status_code == 400


def test_the_person_search_is_bounded(login, world, dpo, django_assert_max_num_queries):
    client = login(dpo)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("privacy:person-search"), {"q": "staff"})
    assert response.status_code == 200
    assert "a Staff" in response.content.decode()


def test_every_page_links_the_accessibility_statement_and_the_privacy_notice(client, settings):
    response = client.get(reverse("accounts:login"))
    text = response.content.decode()
    assert 'href="/privacy/accessibility/"' in text and 'href="/privacy/"' in text
    settings.ACCESSIBILITY_STATEMENT_URL = "https://www.was.digst.dk/kommune-example-slf"
    assert (
        'href="https://www.was.digst.dk/kommune-example-slf"' in client.get(reverse("accounts:login")).content.decode()
    )


def test_the_public_pages_speak_danish_and_show_the_rules_from_the_settings(client, settings, db):
    settings.RETENTION = {**settings.RETENTION, "reflections": ("delete", 400)}
    notice = client.get(reverse("privacy:notice"))
    assert notice.status_code == 200
    assert "Besøgsrefleksioner: slettes 400 dage efter postens dato." in notice.content.decode()
    statement = client.get(reverse("privacy:accessibility"))
    assert statement.status_code == 200
    assert settings.ACCESSIBILITY_CONTACT_EMAIL in statement.content.decode()


HOSTILE = [
    "",
    " ",
    "9" * 30,
    "-1",
    "0001-01-01",
    "9999-12-31",
    "x\r\nBcc: x@example.org",
    "' OR 1=1 --",
    "٣",
    "😀" * 60,
]


def test_hostile_values_into_the_leaving_form_and_the_log_search_never_break_nor_half_save(login, world, dpo):
    from offices.models import Membership
    from privacy.models import Departure

    chief = login(world.a.chief)
    url = reverse("privacy:leaving", args=[world.a.office.slug])
    members = Membership.objects.count()
    for value in HOSTILE:
        for data in (
            {"person": value, "successor": world.a.resource_person.pk},
            {"person": world.a.staff.pk, "successor": value},
        ):
            assert chief.post(url, data).status_code == 400
    assert (Membership.objects.count(), Departure.objects.count()) == (members, 0)
    client = login(dpo)
    for value in HOSTILE:
        for name in ("person", "viewer", "kind", "date_from", "date_to", "page"):
            assert client.get(reverse("privacy:access-log"), {name: value}).status_code in (200, 400)
        assert client.get(reverse("privacy:person-search"), {"q": value}).status_code == 200


def test_the_leaving_page_keeps_a_fixed_number_of_queries(login, world, django_assert_max_num_queries):
    from privacy import leaving

    for person in (world.a.staff, world.a.section_leader):
        leaving.hand_over(person=person, office=world.a.office, successor=world.a.resource_person, by=world.a.chief)
    client = login(world.a.chief)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("privacy:leaving", args=[world.a.office.slug]))
    assert response.status_code == 200
    assert "a Leader" in response.content.decode()
