"""Demo glossary: 30 terms of municipal economy and HR, written for this project."""

from offices.models import Administration, Office

from .models import Term

#: (term, explanation, example, public, owner office slug)
TERMS = [
    (
        "Budgetopfølgning",
        "En gennemgang af, hvordan forbruget går i forhold til budgettet, så man i tide kan rette op.",
        "Kontoret laver budgetopfølgning hver måned med de decentrale ledere.",
        True,
        "budget-og-regnskab",
    ),
    (
        "Driftsbudget",
        "Pengene til den daglige drift: løn, husleje, materialer og ydelser, der bruges år efter år.",
        "Løn til pædagoger betales af driftsbudgettet.",
        True,
        "budget-og-regnskab",
    ),
    (
        "Anlægsbudget",
        "Pengene til byggeri og større anskaffelser, der holder i mange år.",
        "En ny skole betales over anlægsbudgettet.",
        True,
        "budget-og-regnskab",
    ),
    (
        "Bloktilskud",
        "Statens generelle tilskud til kommunerne, som kommunen selv bestemmer, hvad skal bruges til.",
        "",
        True,
        "budget-og-regnskab",
    ),
    (
        "Udligning",
        "Ordningen, hvor penge flyttes mellem kommuner, så forskelle i indtægter og udgiftsbehov jævnes ud.",
        "",
        True,
        "budget-og-regnskab",
    ),
    (
        "Serviceramme",
        "Det loft over kommunernes serviceudgifter, som regeringen og KL aftaler hvert år.",
        "",
        True,
        "budget-og-regnskab",
    ),
    (
        "Overførselsadgang",
        "Retten til at tage et uforbrugt beløb (eller et merforbrug) med fra ét år til det næste.",
        "Et institutionsområde må overføre op til 5 % af budgettet.",
        False,
        "budget-og-regnskab",
    ),
    (
        "Likviditet",
        "Hvor mange penge kommunen har til rådighed i kassen, set over de seneste 12 måneder.",
        "",
        True,
        "budget-og-regnskab",
    ),
    (
        "Afskrivning",
        "Den del af et aktivs værdi, der regnes som brugt op hvert år.",
        "En bil til 300.000 kr. afskrives over 5 år.",
        True,
        "budget-og-regnskab",
    ),
    (
        "Periodisering",
        "At bogføre en udgift eller indtægt i det år, den hører til, ikke når pengene betales.",
        "En regning for december, der betales i januar, periodiseres til december.",
        False,
        "budget-og-regnskab",
    ),
    ("Kontoplan", "Den fælles liste over konti, som alle kommuner bogfører efter.", "", True, "budget-og-regnskab"),
    (
        "Art",
        "Den del af kontoen, der fortæller, hvad pengene går til: løn, varer, tjenesteydelser og så videre.",
        "",
        True,
        "budget-og-regnskab",
    ),
    (
        "Funktion",
        "Den del af kontoen, der fortæller, hvilket område pengene bruges på, fx dagtilbud eller vejvedligehold.",
        "",
        True,
        "budget-og-regnskab",
    ),
    (
        "Hovedkonto",
        "Den øverste opdeling af kontoplanen i store områder, fx undervisning og kultur.",
        "",
        True,
        "budget-og-regnskab",
    ),
    (
        "Kommunal medfinansiering",
        "Kommunens betaling til regionen, når borgere bruger sundhedsvæsenet.",
        "",
        False,
        "budget-og-regnskab",
    ),
    (
        "Budgetomplacering",
        "At flytte budget fra ét område eller én konto til et andet i løbet af året.",
        "Midler til vikarer flyttes til efteruddannelse.",
        False,
        "budget-og-regnskab",
    ),
    (
        "Prognose",
        "Et skøn over, hvordan året ender, ud fra forbruget indtil nu og det, man ved om resten af året.",
        "",
        True,
        "budget-og-regnskab",
    ),
    ("Lønsum", "Den samlede udgift til løn for en enhed i en periode.", "", True, "personale"),
    (
        "Normering",
        "Hvor mange medarbejdere der er i forhold til opgaven eller antallet af borgere.",
        "Normeringen i vuggestuen er én voksen pr. tre børn.",
        True,
        "personale",
    ),
    (
        "Sygefravær",
        "Fravær på grund af egen sygdom, målt i dage eller som en procent af arbejdstiden.",
        "",
        True,
        "personale",
    ),
    (
        "MUS",
        "Medarbejderudviklingssamtalen: den årlige samtale mellem leder og medarbejder om trivsel og udvikling.",
        "",
        True,
        "personale",
    ),
    (
        "APV",
        "Arbejdspladsvurderingen: den lovpligtige kortlægning af arbejdsmiljøet og en plan for at forbedre det.",
        "",
        True,
        "personale",
    ),
    ("TR", "Tillidsrepræsentanten: medarbejdernes valgte repræsentant over for ledelsen.", "", True, "personale"),
    (
        "Arbejdstid",
        "Den tid, medarbejderen står til rådighed for arbejdet efter overenskomst og aftaler.",
        "",
        True,
        "personale",
    ),
    (
        "Overarbejde",
        "Arbejde ud over den aftalte arbejdstid, som giver afspadsering eller betaling.",
        "",
        True,
        "personale",
    ),
    ("Feriepenge", "Løn under ferie eller et tillæg, som medarbejderen optjener hver måned.", "", True, "personale"),
    (
        "Barsel",
        "Orlov i forbindelse med graviditet, fødsel og adoption, med eller uden løn efter reglerne.",
        "",
        True,
        "personale",
    ),
    (
        "Seniorordning",
        "Aftaler om nedsat tid, andre opgaver eller ekstra fridage for ældre medarbejdere.",
        "",
        False,
        "personale",
    ),
    (
        "Rekruttering",
        "Hele forløbet med at finde og ansætte en ny medarbejder: opslag, samtaler og ansættelse.",
        "",
        True,
        "personale",
    ),
    (
        "Onboarding",
        "Den første tid for en ny medarbejder: introduktion til opgaver, kolleger og systemer.",
        "Nye kolleger får en makker de første tre måneder.",
        True,
        "personale",
    ),
]


#: Competences and tasks for the demo people, by office, in membership order.
COMPETENCES = {
    "budget-og-regnskab": [
        (["Budgetopfølgning", "Prognose", "Likviditet"], "Budgetopfølgning for skoler og dagtilbud"),
        (["Kontoplan", "Periodisering", "Årsregnskab"], "Årsregnskab og afstemninger"),
        (["Anlægsbudget", "Afskrivning"], "Anlægsregnskaber"),
        (["Refusion", "Moms"], "Refusioner og momsafløftning"),
        (["Budgetopfølgning", "Excel"], "Budgetmodeller og ledelsesinformation"),
        (["Indkøb", "Faktura"], "Fakturaer og betalinger"),
    ],
    "personale": [
        (["Lønsum", "Normering"], "Lønbudgetter og normeringer"),
        (["Sygefravær", "APV"], "Fraværsopfølgning og arbejdsmiljø"),
        (["Rekruttering", "Onboarding"], "Rekruttering og introduktion af nye kolleger"),
        (["Barsel", "Feriepenge"], "Barsel og ferie"),
    ],
}


def seed(stdout=None):
    administration = Administration.objects.filter(offices__slug="budget-og-regnskab").first()
    if administration is None:
        return
    _seed_competences(administration)
    _seed_questions()
    _seed_templates(administration)
    if Term.objects.filter(administration=administration).exists():
        return
    offices = {office.slug: office for office in Office.objects.filter(administration=administration)}
    terms = {}
    for term, explanation, example, public, owner in TERMS:
        terms[term] = Term.objects.create(
            administration=administration,
            term=term,
            explanation=explanation,
            example=example,
            public=public,
            owner=offices.get(owner),
        )
    for a, b in [
        ("Driftsbudget", "Anlægsbudget"),
        ("Budgetopfølgning", "Prognose"),
        ("Art", "Funktion"),
        ("Kontoplan", "Hovedkonto"),
        ("Sygefravær", "APV"),
        ("Rekruttering", "Onboarding"),
        ("Overførselsadgang", "Budgetomplacering"),
    ]:
        terms[a].related.add(terms[b])
    if stdout:
        stdout.write(f"Glossary: {len(terms)} terms.")


def _seed_competences(administration):
    from offices.models import Membership

    from .directory import save_profile
    from .models import PersonCompetence

    if PersonCompetence.objects.filter(competence__administration=administration).exists():
        return
    for slug, profiles in COMPETENCES.items():
        members = list(Membership.objects.filter(office__slug=slug).select_related("person").order_by("pk"))
        for membership, (tags, tasks) in zip(members, profiles, strict=False):
            save_profile(membership.person, administration, tasks, f"Spørg mig om {tags[0].lower()}", tags)


def _seed_questions():
    from datetime import timedelta

    from django.utils import timezone

    from offices.models import Membership

    from . import routing
    from .models import Question

    office = Office.objects.filter(slug="budget-og-regnskab").first()
    rp = Membership.objects.filter(office=office, role="resource_person").select_related("person").first()
    if office is None or rp is None or Question.objects.filter(office=office).exists():
        return
    today = timezone.localdate()
    specs = [
        (
            "Skovbo Skole",
            "Skoleleder",
            "Hvordan søger vi refusion for langtidssyge?",
            "Tre medarbejdere har været syge i over 30 dage.",
            "high",
            3,
        ),
        (
            "Ældrecenter Lyngen",
            "Centerleder",
            "Må vi overføre uforbrugte midler til næste år?",
            "Vi har 200.000 kr. tilbage på vikarkontoen.",
            "normal",
            10,
        ),
        (
            "Børnehuset Mælkebøtten",
            "Daglig leder",
            "Hvordan læser vi den nye budgetopfølgning?",
            "Prognosen viser merforbrug, men vi forstår ikke hvorfor.",
            "normal",
            -2,
        ),
    ]
    for index, (unit, who, title, description, urgency, days) in enumerate(specs):
        question = Question.objects.create(
            office=office,
            unit=unit,
            asked_by=who,
            title=title,
            description=description,
            urgency=urgency,
            due_date=today + timedelta(days=days),
            created_by=rp.person,
        )
        suggested = routing.suggestions(question)
        if index < 2 and suggested:
            routing.assign(question, rp.person, suggested[0])
        if index == 0 and suggested:
            routing.answer(question, suggested[0], "Søg via NemRefusion senest 9 uger efter første fraværsdag.")
            routing.close(question, rp.person, publish=True)


def _seed_templates(administration):
    from meetings.models import Meeting, MeetingSeries
    from offices.models import Membership

    from .library import content_from
    from .models import SharedTemplate

    office = Office.objects.filter(slug="budget-og-regnskab").first()
    rp = Membership.objects.filter(office=office, role="resource_person").select_related("person").first()
    if office is None or rp is None or SharedTemplate.objects.filter(administration=administration).exists():
        return
    common = {"administration": administration, "made_by": rp.person, "made_in": office}
    series = MeetingSeries.objects.filter(office=office).first()
    if series:
        SharedTemplate.objects.create(
            kind="meeting_questions",
            title="Før og efter SLF-mødet",
            description="Mål, strategi og mandat før; erfaringer efter.",
            content=content_from("meeting_questions", office=office, series=series),
            **common,
        )
    SharedTemplate.objects.create(
        kind="circle_phases",
        title="VIA's fem faser",
        description="Læringscirklen, som vi bruger den.",
        content=content_from("circle_phases", office=office),
        **common,
    )
    meeting = Meeting.objects.filter(series__office=office, agenda_items__isnull=False).order_by("-starts_at").first()
    if meeting:
        SharedTemplate.objects.create(
            kind="agenda",
            title="Dagsorden til SLF-møde",
            content=content_from("agenda", office=office, meeting=meeting),
            **common,
        )
    SharedTemplate.objects.create(
        kind="visit_guide",
        title="Guide til 30 minutters praksisbesøg",
        content={
            "text": "1. Aftal på forhånd, hvad du gerne vil høre om.\n2. Se med i 20 minutter.\n"
            "3. Brug 10 minutter på spørgsmål: hvad gør du, og hvorfor?\n4. Skriv bagefter én ting, du tager med."
        },
        **common,
    )
