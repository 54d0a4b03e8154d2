"""Demo visits: availability for the seed offices, past visits with reflections, some coming ones."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from offices.models import Membership

from .models import AvailabilityWindow, Reflection, Visit, VisitParticipant, VisitSettings
from .services import TZ

TOPICS = [
    "Hvordan I laver budgetopfølgning hver måned",
    "Jeres arbejdsgang for lønrefusioner",
    "Hvordan du forbereder møder med de decentrale ledere",
    "Det nye regnskabssystem og hvad der driller",
    "Hvordan I samarbejder med skolerne om prognoser",
    "Sagsgangen for ansættelser",
]
LEARNED = [
    "Jeg fik et klart billede af, hvor vores opgaver mødes, og hvem jeg skal spørge om refusioner.",
    "Vi laver næsten det samme regneark to steder. Det kan vi dele.",
    "Jeg lærte, hvordan prognosen bygges, og hvorfor tallene kommer sent.",
]
INTERFACES = ["Budgetopfølgning og lønudgifter", "Prognoser og elevtal", "Refusioner og regnskab"]


@transaction.atomic
def seed(stdout=None) -> None:
    if Visit.objects.exists():
        return
    rng = random.Random(5)
    for slug in ("budget-og-regnskab", "personale"):
        members = list(
            Membership.objects.filter(office__slug=slug).select_related("person", "office").order_by("person__email")
        )
        if not members:
            continue
        office = members[0].office
        VisitSettings.objects.get_or_create(office=office)
        for i, m in enumerate(members):
            AvailabilityWindow.objects.get_or_create(
                person=m.person, weekday=i % 5, start=time(9 + i % 3, 0), end=time(11 + i % 3, 0)
            )
            AvailabilityWindow.objects.get_or_create(person=m.person, weekday=(i + 2) % 5, start=time(13), end=time(15))
        today = timezone.localdate()
        used = set()
        for n in range(40 if slug == "budget-og-regnskab" else 20):
            visitor, host = rng.sample(members, 2)
            day = today + timedelta(days=rng.randint(-150, 25))
            if day.weekday() >= 5:
                day -= timedelta(days=2)
            start = datetime.combine(day, time(rng.choice([9, 10, 13, 14]), rng.choice([0, 30])), TZ)
            end = start + timedelta(minutes=30)
            key = (day, start.hour, start.minute)
            if key in used or abs((start - timezone.now()).total_seconds()) < 3 * 3600:
                continue
            used.add(key)
            during = DateTimeTZRange(start, end)
            visit = Visit.objects.create(
                office=office, host=host.person, visitor=visitor.person, during=during, topic=rng.choice(TOPICS)
            )
            VisitParticipant.objects.bulk_create(
                [
                    VisitParticipant(visit=visit, person=host.person, during=during),
                    VisitParticipant(visit=visit, person=visitor.person, during=during),
                ]
            )
            if end < timezone.now() and n % 3:
                Reflection.objects.create(
                    visit=visit,
                    author=visitor.person,
                    learned=rng.choice(LEARNED),
                    interfaces=rng.choice(INTERFACES),
                    competences="budget, lønrefusion",
                    shared=n % 2 == 0,
                )
    if stdout:
        stdout.write(f"Visits: {Visit.objects.count()}.")
