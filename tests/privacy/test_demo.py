"""The demo shows the duties working: deadlines coming up, and colleagues who left through the leaving flow."""

from io import StringIO

from django.urls import reverse
from django.utils import timezone

import offices.demo
import privacy.demo
from accounts.models import User
from logbook.models import Entry
from offices.demo import email_for
from offices.models import Membership, Office
from privacy import retention
from privacy.leaving import FORMER_NAME
from privacy.models import Action, Departure
from visits.models import Reflection


def test_the_demo_has_deadlines_and_leavers_for_the_office_chief_and_a_second_run_adds_nothing(db, client):
    offices.demo.seed()
    privacy.demo.seed(stdout=StringIO())
    counts = (User.objects.count(), Entry.objects.count(), Reflection.objects.count(), Departure.objects.count())
    privacy.demo.seed()
    assert (User.objects.count(), Entry.objects.count(), Reflection.objects.count(), Departure.objects.count()) == (
        counts
    )

    office = Office.objects.get(slug=privacy.demo.OFFICE)
    deadlines = retention.upcoming(office)
    assert {(d.kind, d.action, d.count) for d in deadlines} == {
        ("entries", Action.ANONYMISE, 2),
        ("entries", Action.ANONYMISE, 1),
        ("reflections", Action.DELETE, 2),
    }
    today = timezone.localdate()
    assert all(today < d.day <= today + timezone.timedelta(days=retention.UPCOMING_DAYS) for d in deadlines)
    assert office.memberships.count() == 27  # the leavers came and went; the office is as the organisation made it

    waiting = Departure.objects.get(person__email=email_for(privacy.demo.LEAVERS[0][0]))
    assert waiting.anonymise_after > today and waiting.anonymised_at is None
    assert sum(waiting.handed_over.values()) == 1
    gone = Departure.objects.exclude(pk=waiting.pk).get()
    assert gone.anonymised_at and gone.person.full_name == FORMER_NAME and not gone.person.is_active
    assert not Membership.objects.filter(person__in=[waiting.person, gone.person]).exists()
    agreement = Entry.objects.get(title=privacy.demo.LEAVERS[1][2])
    assert list(agreement.responsible.all()) == [waiting.successor]  # handed over, and the name in the text
    assert privacy.demo.LEAVERS[1][1] not in agreement.text and FORMER_NAME in agreement.text

    client.force_login(User.objects.get(email=email_for("kontorchef")))
    page = client.get(reverse("privacy:retention", args=[office.slug])).content.decode()
    assert "2 poster slettes den" in page and "poster anonymiseres den" in page
    page = client.get(reverse("privacy:leaving", args=[office.slug])).content.decode()
    assert privacy.demo.LEAVERS[0][1] in page and "efter " in page and FORMER_NAME in page
