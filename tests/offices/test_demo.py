from io import StringIO

from django.core.management import call_command

from accounts.models import User
from offices.models import Membership, Office


def test_seed_demo_is_idempotent_and_builds_the_seed_offices(db):
    call_command("seed_demo", stdout=StringIO())
    counts = (User.objects.count(), Office.objects.count(), Membership.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (User.objects.count(), Office.objects.count(), Membership.objects.count()) == counts
    office = Office.objects.get(slug="budget-og-regnskab")
    assert office.memberships.count() == 27
    assert office.address.startswith("Grøndalsvej 2")
    assert office.sections.count() >= 2
    assert Office.objects.filter(name="Personale").exists()
    assert User.objects.filter(email="kontorchef@slf.example").exists()
    from knowledge.models import PersonCompetence, Term

    assert Term.objects.count() == 30 and Term.objects.filter(public=True).count() >= 20
    assert PersonCompetence.objects.filter(competence__name="Budgetopfølgning").count() == 2
    from privacy.models import Departure

    assert Departure.objects.count() == 2  # privacy's demo: two colleagues who left (tests/privacy/test_demo.py)
