"""The one mechanism for texts two people edit (slf/conflicts.py), below the views that use it."""

import threading
from datetime import date

import pytest
from django.db import connection

from knowledge.models import Procedure, Term
from meetings.models import AgendaItem
from slf.conflicts import field_texts, save_unless_changed
from tests.meetings.test_views import first_meeting, make_series


def test_a_save_writes_its_fields_onto_the_fresh_row_and_never_undoes_another_writers_columns(world):
    meeting = first_meeting(make_series(world))
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Åben praksis", duration_minutes=20)
    # Someone writes minutes and moves the item after this instance was read.
    AgendaItem.objects.filter(pk=item.pk).update(minutes="Skrevet imens", minutes_version=1, position=7)
    item.title = "Nyt navn"
    assert save_unless_changed(item, 0, fields=["title"]) is None
    item.refresh_from_db()
    assert (item.title, item.minutes, item.position, item.version) == ("Nyt navn", "Skrevet imens", 7, 1)


def test_a_stale_version_returns_both_texts_and_who_saved_and_writes_nothing(world):
    procedure = Procedure.objects.create(
        office=world.a.office, title="Fakturaer", body="Gammel", owner=world.a.staff, review_date=date(2030, 1, 1)
    )
    theirs = Procedure.objects.get(pk=procedure.pk)
    theirs.body = "Deres"
    assert save_unless_changed(theirs, 0, fields=["body"], by=world.a.chief) is None
    procedure.body = "Min"
    conflict = save_unless_changed(procedure, 0, fields=["body"], by=world.a.staff)
    assert conflict is not None
    assert (conflict.mine, conflict.theirs, conflict.version, conflict.by) == ("Min", "Deres", 1, world.a.chief)
    procedure.refresh_from_db()
    assert (procedure.body, procedure.version, procedure.updated_by) == ("Deres", 1, world.a.chief)
    # Without the version read (an old form) the save goes through, as before the check existed.
    procedure.body = "Uden version"
    assert save_unless_changed(procedure, None, fields=["body"]) is None
    procedure.refresh_from_db()
    assert (procedure.body, procedure.version) == ("Uden version", 2)


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_saves_of_one_version_give_one_save_and_nine_conflicts(world):
    """Ten people save the same glossary term from the same version at the same moment, each on their own
    connection: the row lock lets exactly one through; the other nine get both texts, nothing is lost."""
    term = Term.objects.create(
        administration=world.administration, term="Likviditet", explanation="Første", owner=world.a.office
    )
    barrier = threading.Barrier(10)
    results = []

    def save(n):
        try:
            mine = Term.objects.get(pk=term.pk)
            mine.explanation = f"Udgave {n}"
            barrier.wait()
            conflict = save_unless_changed(mine, 0, fields=["explanation"])
            results.append("conflict" if conflict else "saved")
        except Exception as error:
            results.append(f"error: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict"] * 9 + ["saved"], results
    term.refresh_from_db()
    assert term.version == 1 and term.explanation.startswith("Udgave ")


def test_a_stale_save_that_would_undo_another_field_is_a_conflict_even_with_the_same_texts(world):
    term = Term.objects.create(
        administration=world.administration, term="Bevilling", explanation="Samme tekst", owner=world.a.office
    )
    theirs = Term.objects.get(pk=term.pk)
    theirs.public = True
    assert save_unless_changed(theirs, 0, fields=["explanation", "public"]) is None
    # public=False, read at version 0; only the explanation is shown as a text.
    conflict = save_unless_changed(term, 0, fields=["explanation", "public"], describe=field_texts(["explanation"]))
    assert conflict is not None and conflict.changed == [] and conflict.version == 1
    term.refresh_from_db()
    assert term.public is True
