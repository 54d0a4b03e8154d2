"""A year of demo logbook entries for the seed offices. Idempotent."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from offices.models import LEADING_ROLES, Membership

from .models import AgreementStatus, Entry, EntryKind, LearningCircle, Measure

ACTIVITIES = [
    ("Oplæg om åben praksis på kontormødet", "Vi hørte om, hvordan Personale deler dagsordener før netværksmøder."),
    ("Øvelse: hvem ved hvad?", "Hver sektion tegnede et kort over opgaver og **snitflader**."),
    ("Dialog om feedback i teamet", "Vi talte om, hvordan vi giver hinanden feedback på budgetnotater."),
    ("Besøgsrunde i Regnskab", "Fem kolleger har været på besøg hos hinanden i 30 minutter."),
    ("Læringscirkel: data om sagsbehandlingstid", "Vi samlede data om, hvor lang tid budgetopfølgningen tager."),
]
AGREEMENTS = [
    ("Skabelon til referat af netværksmøder", "Vi laver en fælles skabelon og afprøver den i to måneder."),
    ("Fælles mappe til budgetmodeller", "Modellerne samles ét sted, så alle kan finde dem."),
    ("Dagsorden sendes ud en uge før", "Dagsordenen til SLF-mødet sendes ud senest en uge før."),
    ("Ordbog over økonomiske begreber", "Vi skriver ti begreber ned med forklaringer i et almindeligt sprog."),
    ("Sparring om prognoser hver torsdag", "Vi bruger torsdagsmødet til sparring om prognoser."),
    ("Sagsgang for lønrefusioner beskrives", "Sagsgangen beskrives, så nye kolleger kan følge den."),
]
DECISIONS = [
    ("Besøg er et fast punkt på kontormødet", "Vi følger op på besøgene på hvert kontormøde."),
    ("Næste læringsloop handler om feedback", "Det næste halve år arbejder vi med reflekterende dialoger."),
]


@transaction.atomic
def seed(stdout=None) -> None:
    if not Entry.objects.exists():
        _seed_entries()
    _seed_circles()
    if stdout:
        stdout.write(f"Logbook: {Entry.objects.count()} entries, {LearningCircle.objects.count()} learning circles.")


def _seed_entries():
    rng = random.Random(4)
    today = timezone.localdate()
    statuses = list(AgreementStatus.values)
    for slug in ("budget-og-regnskab", "personale"):
        members = list(Membership.objects.filter(office__slug=slug).select_related("person", "office"))
        if not members:
            continue
        office = members[0].office
        leaders = [m.person for m in members if m.role in LEADING_ROLES] or [members[0].person]
        headings = list(office.headings.all())
        for week in range(52):
            day = today - timedelta(days=7 * week + rng.randint(0, 4))
            kind = rng.choice([EntryKind.ACTIVITY, EntryKind.AGREEMENT, EntryKind.AGREEMENT, EntryKind.DECISION])
            pool = {EntryKind.ACTIVITY: ACTIVITIES, EntryKind.AGREEMENT: AGREEMENTS, EntryKind.DECISION: DECISIONS}
            title, text = rng.choice(pool[kind])
            entry = Entry(
                office=office,
                kind=kind,
                title=title,
                text=text,
                heading=rng.choice(headings),
                author=rng.choice(leaders),
                date=day,
            )
            if kind == EntryKind.AGREEMENT:
                entry.due_date = day + timedelta(days=rng.choice([14, 30, 45, 60]))
                status = statuses[week % len(statuses)] if week > 4 else AgreementStatus.OPEN
                entry.set_status(status, "Fulgt op på SLF-mødet." if status not in ("open", "in_progress") else "")
            entry.save()
            if kind == EntryKind.AGREEMENT:
                entry.responsible.set(rng.sample([m.person for m in members], k=rng.choice([1, 2])))


def _seed_circles():
    from . import circles

    specs = [
        (
            "budget-og-regnskab",
            "Hurtigere budgetopfølgning",
            "Budgetopfølgningen tager tre uger, og de decentrale ledere får tallene sent.",
            ["forward", ("back", "Vi mangler data om, hvor tiden går"), "forward", "forward"],
            "Vi har målt tiden i tre måneder: 40 % går med at rette fejl i indberetningerne.",
        ),
        (
            "personale",
            "Feedback på lønsager",
            "Nye kolleger får for lidt feedback på deres første lønsager.",
            ["forward"],
            "Fem nye kolleger har fortalt, hvad de savner. Tre nævner sparring om refusioner.",
        ),
        (
            "budget-og-regnskab",
            "Færre fejl i bilag",
            "Hvert tiende bilag kommer retur med fejl i kontering.",
            ["forward", "forward", "forward", "forward", "complete"],
            "Stikprøve på 200 bilag fra foråret: 21 havde fejl, de fleste i art og funktion.",
        ),
    ]
    for slug, title, challenge, moves, notes in specs:
        leader = Membership.objects.filter(office__slug=slug, role__in=LEADING_ROLES).select_related("person").first()
        if leader is None or LearningCircle.objects.filter(office__slug=slug, title=title).exists():
            continue
        circle = circles.start_circle(
            LearningCircle(office=leader.office, title=title, challenge=challenge), leader.person
        )
        past = _last_held_slf_meeting(leader.office)
        circles.save_card(
            circle,
            circle.phase,
            1,
            notes,
            0,
            leader.person,
            data_sources="Udtræk fra økonomisystemet og egne optællinger",
            meeting=past,
        )
        if past is not None:
            item = past.agenda_items.create(
                title=f"Læringscirkel: {title}",
                description=challenge,
                kind="dialogue",
                duration_minutes=20,
                position=(past.agenda_items.count() + 1),
            )
            circle.agenda_items.add(item)
        for step in moves:
            if isinstance(step, tuple):
                circle = circles.move(circle, leader.person, step[0], reason=step[1])
            else:
                circle = circles.move(circle, leader.person, step)
        circle.responsible.set([leader.person])
        if not circle.measures.exists() and not Measure.objects.filter(circle__office__slug=slug).exists():
            _seed_measure(circle, leader.person, slug)


def _last_held_slf_meeting(office):
    from meetings.models import Meeting

    return (
        Meeting.objects.filter(series__office=office, starts_at__lt=timezone.now())
        .exclude(status="cancelled")
        .order_by("-starts_at")
        .first()
    )


def _seed_measure(circle, person, slug):
    from .models import DataPoint, Measure

    rng = random.Random(slug)
    name, unit, base, later = (
        ("Dage til budgetopfølgning", "dage", 21, 14)
        if slug == "budget-og-regnskab"
        else ("Spørgsmål om refusion", "pr. uge", 9, 9)
    )
    measure = Measure.objects.create(circle=circle, name=name, unit=unit)
    today = timezone.localdate()
    DataPoint.objects.bulk_create(
        [
            DataPoint(
                measure=measure,
                date=today - timedelta(weeks=24 - i),
                value=(base if i < 14 else later) + rng.randint(-2, 2),
                author=person,
            )
            for i in range(24)
        ]
    )
    if later != base:  # the office tried something after the 14th value: the chart is split there (two medians)
        from .models import MeasurePart

        MeasurePart.objects.create(
            measure=measure,
            starts_on=today - timedelta(weeks=10),
            label="Fælles skabelon til budgetopfølgning",
            author=person,
        )
