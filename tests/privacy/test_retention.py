"""Retention rules with known data: delete, anonymise, keep; the dry run and the job agree."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from drafts.models import Draft
from knowledge.models import Question, QuestionStep
from logbook.attachments import AttachmentForm
from logbook.models import Attachment, Entry
from notifications.models import Delivery
from privacy import retention
from privacy.models import AccessLogEntry, RetentionRule

TZ = ZoneInfo("Europe/Copenhagen")
TODAY = date(2030, 6, 1)
OLD = date(2020, 1, 6)  # past every default deadline on TODAY
MARK = "QX9DELETED"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _rules(settings, **rules):
    """The given rules; history kept unless given (its rows carry the database's real time, not the test's)."""
    settings.RETENTION = {**settings.RETENTION, "history": ("keep", 365), **rules}


def make_entry(world, title, day=OLD, office=None, **extra):
    office = office or world.a.office
    people = world.a if office == world.a.office else world.b
    entry = Entry.objects.create(
        office=office,
        author=people.resource_person,
        kind="agreement",
        title=title,
        text=f"{title} tekst",
        date=day,
        due_date=day + timedelta(days=14),
        status="open",
        **extra,
    )
    entry.responsible.set([people.staff])
    return entry


def text_left(marker: str) -> list[str]:
    """Every table.column of the database (text, varchar, json) that still holds ``marker``."""
    hits = []
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT table_name, column_name FROM information_schema.columns
               WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')"""
        )
        columns = cursor.fetchall()
        for table, column in columns:
            cursor.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}"::text LIKE %s', [f"%{marker}%"])
            if cursor.fetchone()[0]:
                hits.append(f"{table}.{column}")
    return hits


def test_a_deleted_entry_leaves_no_text_in_any_table_nor_its_file_on_disk(
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    _rules(settings, entries=("delete", 365), attachments=("keep", 365))
    entry = make_entry(world, f"{MARK} aftale")
    entry.title = f"{MARK} aftale, rettet"
    entry.save()  # a second history row
    form = AttachmentForm(files={"file": SimpleUploadedFile(f"{MARK}.txt", f"{MARK} data".encode())})
    assert form.is_valid()
    attachment = form.save(office=world.a.office, uploaded_by=world.a.resource_person, entry=entry)
    path = tmp_path / attachment.file.name
    assert path.exists()
    Draft.objects.create(person=world.a.staff, key=f"logbook.entry:{entry.pk}:text", text=f"{MARK} kladde")
    Delivery.objects.create(
        kind="reminder",
        recipient=world.a.staff,
        to=world.a.staff.email,
        subject=f"Påmindelse: {MARK}",
        body=f"{MARK} forfalder",
        content_type=ContentType.objects.get_for_model(Entry),
        object_id=entry.pk,
    )
    kept = make_entry(world, "Ny aftale", day=TODAY)
    assert text_left(MARK)  # the scan finds the marker while the record exists

    with (
        time_machine.travel(datetime(2030, 6, 1, 2, tzinfo=TZ), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        done = retention.apply()

    assert [(b.kind, b.action, b.count, b.office) for b in done if b.kind == "entries"] == [
        ("entries", "delete", 1, world.a.office.name)
    ]
    assert text_left(MARK) == []
    assert not path.exists()
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert Entry.objects.filter(pk=kept.pk).exists()


def test_an_anonymised_entry_keeps_its_text_without_the_people_also_in_its_history(world, settings):
    _rules(settings, entries=("anonymise", 365))
    entry = make_entry(world, "Gammel aftale")
    entry.title = "Gammel aftale, rettet"
    entry.save()
    new = make_entry(world, "Ny aftale", day=TODAY)

    retention.apply(TODAY)

    entry.refresh_from_db()
    placeholder = retention.placeholder_pk()
    assert entry.title == "Gammel aftale, rettet"
    assert entry.author_id == placeholder
    assert list(entry.responsible.all()) == []
    event_model = retention._event_models(Entry)[0]
    authors = set(event_model.objects.filter(pgh_obj_id=entry.pk).values_list("author_id", flat=True))
    assert authors == {placeholder}
    new.refresh_from_db()
    assert new.author == world.a.resource_person
    assert list(new.responsible.all()) == [world.a.staff]
    # Done once: the next run finds nothing more to anonymise.
    assert [b for b in retention.plan(TODAY) if b.kind == "entries"] == []


def test_a_question_anonymised_loses_the_asker_the_assignee_and_the_steps_people(world, settings):
    _rules(settings, questions=("anonymise", 365))
    question = Question.objects.create(
        office=world.a.office,
        unit="Skolen",
        asked_by="Skoleleder Hansen",
        title="Hvordan?",
        description="Sådan",
        created_by=world.a.staff,
        assignee=world.a.resource_person,
    )
    QuestionStep.objects.create(question=question, kind="assigned", person=world.a.chief, to=world.a.resource_person)
    Question.objects.filter(pk=question.pk).update(created_at=datetime(2020, 1, 6, tzinfo=TZ))

    retention.apply(TODAY)

    question.refresh_from_db()
    step = question.steps.get()
    assert (question.asked_by, question.assignee_id, question.created_by_id) == ("", None, retention.placeholder_pk())
    assert (step.person_id, step.to_id) == (retention.placeholder_pk(), None)
    assert question.description == "Sådan"


def test_a_keep_rule_changes_nothing(world, settings):
    _rules(settings, entries=("keep", 365))
    entry = make_entry(world, "Arkiveres")

    assert [b for b in retention.plan(TODAY) if b.kind == "entries"] == []
    retention.apply(TODAY)

    entry.refresh_from_db()
    assert entry.author == world.a.resource_person
    assert list(entry.responsible.all()) == [world.a.staff]


def test_an_administrations_own_rule_wins_over_the_default(world, settings):
    _rules(settings, entries=("delete", 365))
    RetentionRule.objects.create(administration=world.other_administration, kind="entries", action="keep", days=365)
    in_a = make_entry(world, "A")
    in_c = Entry.objects.create(office=world.c.office, author=world.c.staff, kind="note", title="C", date=OLD)

    retention.apply(TODAY)

    assert not Entry.objects.filter(pk=in_a.pk).exists()
    assert Entry.objects.filter(pk=in_c.pk).exists()


def test_the_dry_run_lists_what_the_job_then_does_per_office_and_kind(world, settings):
    _rules(settings, entries=("delete", 365), questions=("anonymise", 365), access_log=("delete", 30))
    make_entry(world, "A1")
    make_entry(world, "A2")
    make_entry(world, "B1", office=world.b.office)
    make_entry(world, "B ny", office=world.b.office, day=TODAY)
    Question.objects.create(
        office=world.b.office, unit="U", asked_by="X", title="T", description="D", created_by=world.b.staff
    )
    Question.objects.update(created_at=datetime(2020, 1, 6, tzinfo=TZ))
    AccessLogEntry.objects.create(viewer=world.a.chief, person=world.a.staff, page="visit", path="/visits/1/")
    AccessLogEntry.objects.update(at=datetime(2020, 1, 6, tzinfo=TZ))

    planned = retention.plan(TODAY)
    before = Entry.objects.count()
    assert Entry.objects.count() == before  # the dry run wrote nothing
    done = retention.apply(TODAY)

    summary = sorted((b.office, b.kind, b.action, b.count) for b in planned if b.kind != "history")
    assert summary == [
        ("", "access_log", "delete", 1),
        (world.a.office.name, "entries", "delete", 2),
        (world.b.office.name, "entries", "delete", 1),
        (world.b.office.name, "questions", "anonymise", 1),
    ]
    assert sorted((b.office, b.kind, b.action, b.count) for b in done if b.kind != "history") == summary
    assert [b for b in retention.plan(TODAY) if b.kind != "history"] == []


def test_the_command_dry_run_prints_per_office_and_changes_nothing(world, settings, capsys):
    _rules(settings, entries=("delete", 365))
    entry = make_entry(world, "A1")

    call_command("apply_retention", "--dry-run", "--date", TODAY.isoformat())

    out = capsys.readouterr().out
    assert f"{world.administration.name} · {world.a.office.name} · entries: 1 would be deleted (after 365 days)" in out
    assert Entry.objects.filter(pk=entry.pk).exists()
    call_command("apply_retention", "--date", TODAY.isoformat())
    assert "entries: 1 were deleted" in capsys.readouterr().out
    assert not Entry.objects.filter(pk=entry.pk).exists()


def test_history_rows_past_the_rule_are_deleted_and_newer_ones_stay(world, settings):
    _rules(settings, history=("delete", 365), entries=("keep", 365))
    event_model = retention._event_models(Entry)[0]
    entry = make_entry(world, "Gammel")
    event_model.objects.filter(pgh_obj_id=entry.pk).update(pgh_created_at=datetime(2020, 1, 6, 9, tzinfo=TZ))
    entry.title = "Rettet"
    entry.save()
    event_model.objects.filter(pgh_obj_id=entry.pk, title="Rettet").update(
        pgh_created_at=datetime(2030, 5, 1, tzinfo=TZ)
    )
    assert event_model.objects.filter(pgh_obj_id=entry.pk).count() == 2

    retention.apply(TODAY)

    assert list(event_model.objects.filter(pgh_obj_id=entry.pk).values_list("title", flat=True)) == ["Rettet"]


def test_a_manager_sees_how_many_records_go_on_which_day(login, world, settings, django_assert_max_num_queries):
    _rules(settings, entries=("delete", 365), questions=("anonymise", 30))
    for _ in range(3):
        make_entry(world, "Snart væk", day=date(2029, 6, 11))
    make_entry(world, "Længe endnu", day=date(2030, 1, 1))
    make_entry(world, "I kontor B", office=world.b.office, day=date(2029, 6, 11))
    with time_machine.travel(datetime(2030, 6, 1, 9, tzinfo=TZ)):
        client = login(world.a.chief)
        with django_assert_max_num_queries(14):
            response = client.get(reverse("privacy:retention", args=[world.a.office.slug]))

    assert response.status_code == 200
    text = response.content.decode()
    assert "3 poster slettes den 11. juni 2030" in text
    assert text.count("slettes den") == 1


def test_the_retention_job_runs_daily_on_the_queue():
    from procrastinate.contrib.django import app

    registered = {task.task.name: task.cron for task in app.periodic_registry.periodic_tasks.values()}
    assert registered["privacy.apply_retention"] == "30 1 * * *"


def test_the_job_anonymises_leavers_and_applies_the_rules(world, settings):
    from privacy import leaving
    from privacy.tasks import apply_retention

    _rules(settings, entries=("delete", 365))
    make_entry(world, "Gammel")
    departure = leaving.hand_over(
        person=world.a.staff, office=world.a.office, successor=world.a.chief, by=world.a.chief
    )
    with time_machine.travel(datetime.combine(departure.anonymise_after + timedelta(days=1), datetime.min.time(), TZ)):
        assert apply_retention.func.__wrapped__(timestamp=0) >= 2  # without with_database: the test transaction
    world.a.staff.refresh_from_db()
    assert world.a.staff.full_name == "Tidligere medarbejder"


def test_a_reflection_rule_cannot_anonymise(world):
    from django.core.exceptions import ValidationError

    rule = RetentionRule(administration=world.administration, kind="reflections", action="anonymise", days=30)
    with pytest.raises(ValidationError):
        rule.full_clean()


def test_old_minutes_anonymised_keep_the_text_without_attendance_comments_or_presenter(world, settings):
    from meetings.models import AgendaComment, Attendance, Frequency, MeetingSeries

    _rules(settings, minutes=("anonymise", 365))
    series = MeetingSeries.objects.create(
        office=world.a.office,
        title="SLF",
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=3,
        start_date=OLD,
        start_time=datetime(2020, 1, 6, 9).time(),
        duration_minutes=60,
    )
    start = datetime(2020, 1, 9, 9, tzinfo=TZ)
    meeting = series.meetings.create(starts_at=start, ends_at=start + timedelta(hours=1), held_by=world.a.chief)
    item = meeting.agenda_items.create(title="Punkt", minutes="Vi aftalte", position=1, presenter=world.a.staff)
    AgendaComment.objects.create(item=item, author=world.a.staff, text="Kommentar")
    Attendance.objects.create(meeting=meeting, person=world.a.staff, status="present")

    retention.apply(TODAY)

    meeting.refresh_from_db()
    item.refresh_from_db()
    assert (meeting.held_by, item.presenter, item.minutes) == (None, None, "Vi aftalte")
    assert not Attendance.objects.filter(meeting=meeting).exists()
    assert not AgendaComment.objects.filter(item=item).exists()
    assert [b for b in retention.plan(TODAY) if b.kind == "minutes"] == []


def test_old_reflections_are_deleted_and_old_measure_values_lose_their_author(world, settings):
    from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

    from logbook import circles
    from logbook.models import DataPoint, LearningCircle, Measure
    from visits.models import Reflection, Visit

    _rules(settings, reflections=("delete", 365), measures=("anonymise", 365))
    start = datetime(2020, 1, 7, 10, tzinfo=TZ)
    visit = Visit.objects.create(
        office=world.a.office,
        host=world.a.section_leader,
        visitor=world.a.staff,
        during=DateTimeTZRange(start, start + timedelta(minutes=30)),
        topic="Emne",
    )
    old = Reflection.objects.create(visit=visit, author=world.a.staff, learned="Gammel")
    new = Reflection.objects.create(visit=visit, author=world.a.section_leader, learned="Ny")
    Reflection.objects.filter(pk=old.pk).update(created_at=start)
    Reflection.objects.filter(pk=new.pk).update(created_at=datetime(2030, 5, 1, tzinfo=TZ))
    circle = circles.start_circle(LearningCircle(office=world.a.office, title="C", challenge="U"), world.a.chief)
    measure = Measure.objects.create(circle=circle, name="Dage")
    point = DataPoint.objects.create(measure=measure, date=OLD, value=3, author=world.a.staff)

    retention.apply(TODAY)

    assert list(Reflection.objects.values_list("pk", flat=True)) == [new.pk]
    point.refresh_from_db()
    assert (point.author_id, point.value) == (retention.placeholder_pk(), 3)
