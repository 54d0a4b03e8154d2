from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from knowledge import directory
from knowledge.models import Procedure
from visits.models import Reflection, Visit


def test_procedures_have_owner_review_date_history_and_overdue_flags(login, world):
    url = reverse("procedures:create", args=[world.a.office.slug])
    data = {
        "title": "Månedlig budgetopfølgning",
        "body": "1. Træk tal\n2. Send til lederne",
        "owner": world.a.staff.pk,
        "review_date": (timezone.localdate() - timedelta(days=1)).isoformat(),
    }
    assert login(world.a.staff).post(url, data).status_code == 403
    assert login(world.a.resource_person).post(url, data).status_code == 302
    procedure = Procedure.objects.get()
    page = login(world.a.staff).get(reverse("procedures:list", args=[world.a.office.slug])).content.decode()
    assert "gennemgang overskredet" in page
    # The owner reviews it: a new date and a changed step, both kept in the history.
    update = reverse("procedures:update", args=[world.a.office.slug, procedure.pk])
    new = data | {
        "body": "1. Træk tal\n2. Send til lederne\n3. Følg op",
        "review_date": (timezone.localdate() + timedelta(days=365)).isoformat(),
    }
    assert login(world.a.staff).post(update, new).status_code == 302
    detail = login(world.a.chief).get(procedure.get_absolute_url()).content.decode()
    assert "Følg op" in detail and world.a.staff.full_name in detail
    assert detail.count("→") >= 2
    assert login(world.b.section_leader).post(update, new).status_code == 404
    bad = login(world.a.resource_person).post(update, new | {"owner": world.b.staff.pk})
    assert bad.status_code == 400


def test_a_host_is_offered_the_competences_a_visitor_noticed(login, world):
    tz = ZoneInfo("Europe/Copenhagen")
    start = datetime(2026, 3, 3, 10, tzinfo=tz)
    visit = Visit.objects.create(
        office=world.a.office,
        host=world.a.section_leader,
        visitor=world.a.staff,
        during=(start, start + timedelta(minutes=30)),
        topic="Refusion",
    )
    Reflection.objects.create(visit=visit, author=world.a.staff, learned="Meget", competences="Refusion, Moms")
    directory.set_competences(world.a.section_leader, world.administration, ["Moms"])
    assert directory.suggested_tags(world.a.section_leader, world.administration) == ["Refusion"]
    client = login(world.a.section_leader)
    assert "Refusion" in client.get(reverse("directory:profile")).content.decode()
    url = reverse("directory:suggestion")
    assert client.post(url, {"name": "Refusion", "action": "accept"}).status_code == 302
    assert directory.suggested_tags(world.a.section_leader, world.administration) == []
    Reflection.objects.filter(visit=visit).update(competences="Refusion, Moms, Bilag")
    client.post(url, {"name": "Bilag", "action": "ignore"})
    assert directory.suggested_tags(world.a.section_leader, world.administration) == []
    # Nobody else can take the host's suggestions.
    assert login(world.a.chief).post(url, {"name": "Bilag", "action": "accept"}).status_code == 302
    assert "Bilag" not in set(world.a.chief.competences.values_list("competence__name", flat=True))
