"""The people search is access-logged: one row per colleague shown, written in one INSERT, with what was searched."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knowledge import directory
from privacy.models import AccessLogEntry


def test_the_people_search_logs_each_colleague_shown_in_one_insert_with_the_search_but_not_oneself(login, world):
    for person in (world.a.staff, world.b.staff, world.a.chief):
        directory.set_competences(person, world.administration, ["Lønrefusion"])
    directory.set_competences(world.c.staff, world.other_administration, ["Lønrefusion"])  # not found from A
    client = login(world.a.chief)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("directory:people"), {"q": "lønrefusion"})

    assert response.status_code == 200 and world.b.staff.full_name in response.content.decode()
    inserts = [q["sql"] for q in queries.captured_queries if "privacy_accesslogentry" in q["sql"]]
    assert len(inserts) == 1 and "INSERT INTO privacy_accesslogentry" in inserts[0]
    rows = set(AccessLogEntry.objects.values_list("viewer", "person", "page", "path"))
    assert rows == {
        (world.a.chief.pk, world.a.staff.pk, "search", "/people/?q=lønrefusion"),
        (world.a.chief.pk, world.b.staff.pk, "search", "/people/?q=lønrefusion"),
    }


def test_a_search_that_shows_nobody_else_or_no_search_writes_nothing(login, world):
    directory.set_competences(world.a.chief, world.administration, ["Lønrefusion"])
    client = login(world.a.chief)
    assert client.get(reverse("directory:people"), {"q": "lønrefusion"}).status_code == 200  # only oneself
    assert client.get(reverse("directory:people"), {"q": "vejvedligehold"}).status_code == 200  # nobody
    assert client.get(reverse("directory:people")).status_code == 200  # the empty page
    assert not AccessLogEntry.objects.exists()
