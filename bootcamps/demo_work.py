"""Demo: what the groups of "Ledelse sammen" did with their problems (called at the end of bootcamps/demo.py's seed).

Every group has its problem, 3–4 barriers (most of them culture and mindset, a few first sorted as rules and law and
moved, as in Kalundborg), a journey map (group 1's in full: seven steps, two breaks; the others' shorter) and one or
two initiatives with next steps as agreements in the owner's office. Idempotent: a second run adds nothing.
"""

from datetime import timedelta

import pghistory
from django.db import transaction
from django.utils import timezone

from logbook.models import Entry
from offices.models import LEADING_ROLES, Membership
from programmes.models import Group, Initiative, InitiativeStatus, InitiativeStep, Participant

from .models import Barrier, BarrierKind, Feeling, JourneyMap, JourneyStep

SLUG = "ledelse-sammen"
R, C, U = BarrierKind.RULES, BarrierKind.CULTURE, BarrierKind.UNSORTED
G, N, F = Feeling.GLAD, Feeling.NEUTRAL, Feeling.FRUSTRATED

#: By theme position: the problem; barriers (text, kind, first sorted as); whose journey; steps (title, touchpoint,
#: action, feeling, meets, break note or ""); initiatives (title, goal, status, next steps (title, days to due)).
WORK = {
    1: {
        "problem": (
            "Familier, der flytter til kommunen med et barn med særlige behov, møder tre forvaltninger hver for sig. "
            "Oplysningerne skal gives igen og igen, og støtten er sjældent klar, når barnet starter i skole."
        ),
        "barriers": [
            ("Persondatareglerne forbyder os at dele oplysninger på tværs", C, R),
            ("Hver forvaltning har sit eget system", R, R),
            ("Vi tænker i egne budgetter frem for i borgerens forløb", C, C),
            ("Vi venter på, at en anden tager sagen", C, C),
        ],
        "persona": "Familie, der flytter til kommunen med et barn med særlige behov",
        "situation": "Forældrene flytter for et nyt job. Barnet på 9 år har ADHD og har haft støtte i den gamle skole.",
        "steps": [
            (
                "Beslutter at flytte",
                "Kommunens hjemmeside",
                "Leder efter skole, dagtilbud og hjælp til barnet",
                G,
                "Mange sider, hver forvaltning for sig",
                "",
            ),
            (
                "Melder flytning",
                "borger.dk",
                "Udfylder flytteanmeldelsen",
                N,
                "En selvbetjening, der ikke spørger til barnets behov",
                "",
            ),
            (
                "Søger skoleplads",
                "Pladsanvisningen",
                "Udfylder et nyt skema med de samme oplysninger",
                N,
                "En sagsbehandler, der ikke kender sagen fra den gamle kommune",
                "",
            ),
            (
                "Venter på afklaring",
                "Familieafdelingen",
                "Ringer flere gange for at høre, hvem der har sagen",
                F,
                "Ingen, der ved, hvem der har sagen",
                "Sagen fra den gamle kommune når ikke frem, og familien skal fortælle det hele igen.",
            ),
            (
                "Første møde",
                "Skolen, PPR og sagsbehandleren",
                "Fortæller barnets historie for tredje gang",
                N,
                "Tre fagpersoner, der mødes for første gang",
                "",
            ),
            (
                "Barnet starter i skole",
                "Skolen",
                "Følger barnet den første uge",
                F,
                "Støtten er ikke på plads fra første dag",
                "Bevillingen følger ikke skolestarten; en af forældrene må blive hjemme fra arbejde.",
            ),
            (
                "Hverdagen falder på plads",
                "Fast kontaktperson",
                "Har én at ringe til",
                G,
                "Én indgang til kommunen",
                "",
            ),
        ],
        "initiatives": [
            (
                "Én indgang for familier, der flytter til kommunen",
                "Familier med et barn med særlige behov får én kontaktperson fra første henvendelse, og støtten er "
                "klar til skolestarten.",
                InitiativeStatus.ACTIVE,
                [
                    ("Aftal fælles tilflytningsmøde med skole, PPR og familieafdeling", 14),
                    ("Beskriv overdragelsen fra den gamle kommune på én side", -3),
                ],
            ),
            (
                "Fælles samtykke ved tilflytning",
                "Ét samtykke, så oplysningerne kan deles mellem forvaltningerne med familiens accept.",
                InitiativeStatus.IDEA,
                [("Afklar samtykkeerklæringen med den juridiske enhed", 30)],
            ),
        ],
        "links": {"barrier": 0, "break": 3},
    },
    2: {
        "problem": (
            "Vi mister nyuddannede medarbejdere inden for det første år, især i hjemmeplejen og på skolerne. De "
            "møder en travl hverdag uden tid til at blive sat ind i opgaven."
        ),
        "barriers": [
            ("Overenskomsten låser arbejdstiden", R, R),
            ("Vi plejer at lade de nye klare sig selv", C, C),
            ("Nye medarbejdere får de tungeste ruter", C, C),
            ("Ledere deler ikke viden om, hvad der virker", U, U),
        ],
        "persona": "Nyuddannet social- og sundhedsassistent",
        "steps": [
            ("Søger job", "Jobportalen", "Læser opslaget", G, "Et opslag med mange krav", ""),
            (
                "Første arbejdsdag",
                "Hjemmeplejen, Team Nord",
                "Kører alene ud efter to dage",
                F,
                "Ingen fast kollega at spørge",
                "Introduktionen er for kort, og ingen har tid til at være makker.",
            ),
            ("Efter tre måneder", "Medarbejdersamtale", "Fortæller om travlheden", N, "En leder, der lytter", ""),
        ],
        "initiatives": [
            (
                "Makkerordning det første halve år",
                "Alle nye medarbejdere har en fast makker i de første seks måneder.",
                InitiativeStatus.ACTIVE,
                [("Find makkere i to teams til forsøget", 10)],
            ),
        ],
        "links": {"barrier": 1, "break": 1},
    },
    3: {
        "problem": (
            "Nye digitale løsninger bliver indført, men bliver ikke brugt i hverdagen. Medarbejderne oplever dem "
            "som ekstra arbejde."
        ),
        "barriers": [
            ("Vi indfører systemer uden at spørge brugerne", C, C),
            ("IT-sikkerhedsreglerne gør det umuligt at afprøve noget nyt", C, R),
            ("Udbudsreglerne binder os til én leverandør", R, R),
        ],
        "persona": "Medarbejder i hjemmeplejen med en ny app",
        "steps": [
            ("Får appen", "Teammødet", "Installerer appen på arbejdstelefonen", N, "En kort introduktion", ""),
            (
                "Dokumenterer hos borgeren",
                "Borgerens hjem",
                "Skriver besøget ind",
                F,
                "Ingen dækning i kælderen",
                "Appen kan ikke gemme uden net, så notatet skrives igen på kontoret.",
            ),
            ("Giver feedback", "Superbruger", "Fortæller, hvad der driller", G, "En kollega, der tager det med", ""),
        ],
        "initiatives": [
            (
                "Superbrugere i hvert team",
                "Hvert team har en superbruger, som samler erfaringer og tager dem med til leverandøren.",
                InitiativeStatus.IDEA,
                [("Udpeg superbrugere i de tre teams", 21)],
            ),
        ],
        "links": {"barrier": 0, "break": 1},
    },
    4: {
        "problem": (
            "Ledere bruger meget tid på at få godkendt små beslutninger. Interne regler er lagt oven på hinanden, og "
            "ingen ved længere, hvorfor de findes."
        ),
        "barriers": [
            ("Vi har en intern regel for alt", C, C),
            ("Kommunalfuldmagten kræver, at alt godkendes højt oppe", C, R),
            ("Vi stoler ikke på, at de andre gør det rigtige", C, C),
        ],
        "persona": "Leder, der skal have godkendt et indkøb",
        "steps": [
            ("Har brug for et nyt møbel", "Indkøbssystemet", "Finder varen", G, "Et stort katalog", ""),
            (
                "Venter på godkendelse",
                "Økonomi og chefen",
                "Rykker to gange",
                F,
                "Tre godkendelsesled",
                "Ingen kan svare på, hvorfor der er tre led til et indkøb på 2.000 kr.",
            ),
            ("Får varen", "Kontoret", "Pakker ud", N, "En uge senere end ventet", ""),
        ],
        "initiatives": [
            (
                "Ryd op i de interne regler",
                "Vi gennemgår de interne godkendelsesregler og fjerner dem, ingen kan forklare.",
                InitiativeStatus.ACTIVE,
                [("Lav en liste over interne godkendelsesregler", 7), ("Drøft listen på næste ledermøde", 28)],
            ),
        ],
        "links": {"barrier": 1, "break": 1},
    },
}


def _members(group):
    return list(
        Participant.objects.filter(group_membership__group=group).select_related("person").order_by("person__full_name")
    )


def _leading_membership(members):
    """The first member who leads an office (the owner of the group's initiatives, whose logbook keeps the steps)."""
    people = [m.person for m in members]
    memberships = {
        ms.person_id: ms
        for ms in Membership.objects.filter(person__in=people, role__in=LEADING_ROLES).select_related("office")
    }
    for person in people:
        if person.pk in memberships:
            return memberships[person.pk]
    return None


def _barriers(group, items, members):
    for n, (text, kind, first) in enumerate(items):
        by = members[n % len(members)].person if members else None
        barrier, created = Barrier.objects.get_or_create(
            group=group, text=text, defaults={"kind": first, "raised_by": by}
        )
        if created and kind != first:
            # Sorted again once the group looked into it: the history keeps "moved from rules and law".
            with pghistory.context(user=by.pk if by else None):
                barrier.sort_as(kind)


def _journey(group, work):
    journey, _ = JourneyMap.objects.get_or_create(
        group=group, defaults={"persona": work["persona"], "situation": work.get("situation", "")}
    )
    if not journey.steps.exists():
        JourneyStep.objects.bulk_create(
            JourneyStep(
                journey=journey,
                position=position,
                title=title,
                touchpoint=touchpoint,
                action=action,
                feeling=feeling,
                meets=meets,
                breaks=bool(note),
                break_note=note,
            )
            for position, (title, touchpoint, action, feeling, meets, note) in enumerate(work["steps"], start=1)
        )
    return journey


def _initiatives(group, work, membership, today):
    made = []
    for title, goal, status, steps in work["initiatives"]:
        initiative, created = Initiative.objects.get_or_create(
            programme=group.programme,
            title=title,
            defaults={
                "office": membership.office,
                "theme": group.theme,
                "group": group,
                "goal": goal,
                "owner": membership.person,
                "status": status,
                "created_by": membership.person,
            },
        )
        made.append(initiative)
        if not created or initiative.steps.exists():
            continue
        for step_title, days in steps:
            entry = Entry.objects.create(
                office=membership.office,
                kind="agreement",
                title=step_title,
                text=f"Næste skridt for initiativet “{title}” fra {group.name} i Ledelse sammen.",
                author=membership.person,
                date=today - timedelta(days=20),
                due_date=today + timedelta(days=days),
                status="open",
            )
            entry.responsible.set([membership.person])
            InitiativeStep.objects.create(initiative=initiative, agreement=entry)
    return made


@transaction.atomic
def seed_work(stdout=None) -> None:
    today = timezone.localdate()
    groups = list(Group.objects.filter(programme__slug=SLUG).select_related("programme", "theme").order_by("name"))
    for group in groups:
        work = WORK.get(group.theme.position if group.theme else 1) or WORK[1]
        if not group.problem:
            group.problem = work["problem"]
            group.save(update_fields=["problem"])
        members = _members(group)
        _barriers(group, work["barriers"], members)
        journey = _journey(group, work)
        membership = _leading_membership(members)
        if membership is None:
            continue
        initiatives = _initiatives(group, work, membership, today)
        links = work["links"]
        first = initiatives[0]
        barrier = Barrier.objects.filter(group=group, text=work["barriers"][links["barrier"]][0]).first()
        if barrier and barrier.initiative_id is None:
            barrier.initiative = first
            barrier.save(update_fields=["initiative"])
        step = journey.steps.filter(position=links["break"] + 1, breaks=True, initiative__isnull=True).first()
        if step is not None:
            step.initiative = first
            step.save(update_fields=["initiative"])
    if stdout:
        summary = Barrier.objects.filter(group__programme__slug=SLUG).summary()
        stdout.write(
            f"Bootcamp groups' work: {len(groups)} groups, {summary['total']} barriers "
            f"({summary['culture']} culture and mindset)\n"
        )
