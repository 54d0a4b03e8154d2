"""The bootcamp demo tells Kalundborg's story, and a second run adds nothing."""

from accounts.models import User
from bootcamps import demo
from bootcamps.models import BootcampDay, Evaluation
from bootcamps.relations import new_relations
from offices import demo as offices_demo
from programmes.models import Group, GroupMember, Participant, Programme


def _counts(programme):
    return (
        Participant.objects.filter(programme=programme).count(),
        Group.objects.filter(programme=programme).count(),
        BootcampDay.objects.filter(programme=programme).count(),
        Evaluation.objects.filter(day__programme=programme).count(),
    )


def test_demo_bootcamp_is_idempotent_makes_new_relations_and_meets_the_demo_logins(db, client):
    offices_demo.seed()
    demo.seed()
    programme = Programme.objects.get(slug="ledelse-sammen")
    counts = _counts(programme)
    demo.seed()
    assert _counts(programme) == counts
    participants, groups, days, evaluations = counts
    assert 22 <= participants <= 26 and groups == 4 and days == 3 and evaluations > 10
    assert programme.owner_office.name == "Direktionssekretariatet"
    assert programme.owner_office.administration.name == "Borgmesterens Afdeling"
    assert programme.leads.filter(email="forvaltningschef@slf.example").exists()
    assert programme.themes.count() == 4
    people = set(Participant.objects.filter(programme=programme).values_list("person__email", flat=True))
    assert {"kontorchef@slf.example", "sektionsleder@slf.example"} <= people
    assert GroupMember.objects.filter(group__programme=programme).count() == participants
    assert new_relations([programme])[programme.pk].total > 0

    # The demo logins meet it: the named lead with the leads' part, kontorchef as a participant.
    for email, lead in (("forvaltningschef@slf.example", True), ("kontorchef@slf.example", False)):
        client.force_login(User.objects.get(email=email))
        response = client.get("/bootcamps/ledelse-sammen/")
        assert response.status_code == 200
        text = response.content.decode()
        assert "Sammenhængende borgerforløb" in text and "Gruppe 4" in text
        assert ("Tværgående kendskab" in text) is lead
