from io import StringIO

from django.core.management import call_command

from logbook.models import Entry
from meetings.models import Meeting
from offices.models import Office
from visits.models import Visit, VisitParticipant


def test_seed_scale_builds_consistent_data_that_the_pages_can_read(db, client):
    out = StringIO()
    call_command("seed_scale", "--factor", "0.002", "--years", "1", stdout=out)
    assert "Done in" in out.getvalue()
    assert Office.objects.count() == 1
    assert Entry.objects.count() == 1000
    assert Visit.objects.count() == 400
    assert VisitParticipant.objects.count() == 800
    assert Meeting.objects.exists()
    # Search finds Danish word forms in the generated text.
    assert Entry.objects.filter(search="aftalerne").exists() or Entry.objects.filter(text__icontains="aftale").exists()
    office = Office.objects.get()
    chief = office.memberships.get(role="office_chief").person
    client.force_login(chief)
    assert client.get(f"/logbook/{office.slug}/?q=budget").status_code == 200
