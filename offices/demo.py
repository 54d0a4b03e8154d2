"""Demo organisation: fictional people in the seed offices. Idempotent."""

import random
import unicodedata

from django.db import transaction

from accounts.models import User

from .models import Administration, AdministrationLeader, Membership, Office, Role, Section

DEMO_PASSWORD = "slf-demo-2026"  # noqa: S105 - printed by `manage.py demo`, demo data only
DEMO_DOMAIN = "slf.example"

FIRST_NAMES = [
    "Anne",
    "Mette",
    "Louise",
    "Camilla",
    "Maria",
    "Sara",
    "Ida",
    "Julie",
    "Katrine",
    "Signe",
    "Line",
    "Birthe",
    "Rikke",
    "Tina",
    "Nanna",
    "Emma",
    "Lars",
    "Søren",
    "Jens",
    "Mads",
    "Henrik",
    "Thomas",
    "Peter",
    "Rasmus",
    "Mikkel",
    "Anders",
    "Kasper",
    "Niels",
    "Morten",
    "Jakob",
    "Frederik",
    "Ole",
    "Troels",
    "Bo",
    "Asger",
    "Vibeke",
    "Dorthe",
    "Pernille",
]
LAST_NAMES = [
    "Nørgaard",
    "Bech",
    "Krogh",
    "Vestergaard",
    "Dam",
    "Mortensen",
    "Lauridsen",
    "Skov",
    "Bonde",
    "Kjær",
    "Winther",
    "Friis",
    "Thygesen",
    "Holst",
    "Brandt",
    "Lykke",
    "Søgaard",
    "Toft",
    "Vinther",
    "Damgaard",
    "Sand",
    "Bundgaard",
    "Juhl",
    "Overgaard",
    "Kirk",
    "Hvid",
]

JOB_TITLES = {
    Role.STAFF: [
        "Økonomikonsulent",
        "Fuldmagtsassistent",
        "Specialkonsulent",
        "Controller",
        "HR-konsulent",
        "Lønkonsulent",
    ],
    Role.SECTION_LEADER: ["Sektionsleder", "Teamleder"],
    Role.OFFICE_CHIEF: ["Kontorchef"],
    Role.RESOURCE_PERSON: ["Specialkonsulent", "Chefkonsulent"],
}

#: The people with a known login, one per role (printed by `manage.py demo`).
DEMO_LOGINS = [
    ("ressourceperson", "Signe Kjær Bonde", "budget-og-regnskab", Role.RESOURCE_PERSON, "Budget"),
    ("sektionsleder", "Mads Overgaard", "budget-og-regnskab", Role.SECTION_LEADER, "Regnskab"),
    ("kontorchef", "Dorthe Winther Lauridsen", "budget-og-regnskab", Role.OFFICE_CHIEF, None),
    ("medarbejder", "Rasmus Toft", "budget-og-regnskab", Role.STAFF, "Analyse og Økonomistyring"),
    ("personale", "Nanna Friis Holst", "personale", Role.RESOURCE_PERSON, "Løn"),
]
HEAD_LOGIN = ("forvaltningschef", "Henrik Bech Søgaard")
ADMIN_LOGIN = ("admin", "Ida Vestergaard")

OFFICES = [
    {
        "administration": "okonomi-og-administration",
        "name": "Budget og Regnskab",
        "slug": "budget-og-regnskab",
        "address": "Grøndalsvej 2, 8260 Viby J",
        "sections": ["Budget", "Regnskab", "Analyse og Økonomistyring"],
        "staff": 27,
    },
    {
        "administration": "okonomi-og-administration",
        "name": "Personale",
        "slug": "personale",
        "address": "Grøndalsvej 2, 8260 Viby J",
        "sections": ["Løn", "HR-jura", "Rekruttering og Arbejdsmiljø"],
        "staff": 18,
    },
    {
        "administration": "okonomi-og-administration",
        "name": "Digitalisering og Data",
        "slug": "digitalisering-og-data",
        "address": "Værkmestergade 15, 8000 Aarhus C",
        "sections": ["Data og Analyse", "Systemer"],
        "staff": 12,
    },
    {
        "administration": "paedagogik-og-laering",
        "name": "Skoleudvikling",
        "slug": "skoleudvikling",
        "address": "Fiskergade 7, 8000 Aarhus C",
        "sections": ["Læring", "Inklusion"],
        "staff": 10,
    },
]
ADMINISTRATIONS = {
    "okonomi-og-administration": ("Økonomi og Administration", "Aarhus Kommune"),
    "paedagogik-og-laering": ("Pædagogik og Læring", "Aarhus Kommune"),
}


def email_for(local: str) -> str:
    ascii_local = (
        unicodedata.normalize("NFKD", local.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
        .encode("ascii", "ignore")
        .decode()
    )
    return f"{ascii_local.replace(' ', '.')}@{DEMO_DOMAIN}"


_password_hash: dict[str, str] = {}


def demo_password_hash() -> str:
    """Hash the demo password once; every demo person shares it (hashing costs ~0.2 s)."""
    if "hash" not in _password_hash:
        from django.contrib.auth.hashers import make_password

        _password_hash["hash"] = make_password(DEMO_PASSWORD)
    return _password_hash["hash"]


def _person(email: str, full_name: str, **extra) -> User:
    user, _ = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "password": demo_password_hash(), **extra}
    )
    return user


@transaction.atomic
def seed(stdout=None) -> None:
    rng = random.Random(2026)
    administrations = {}
    for slug, (name, municipality) in ADMINISTRATIONS.items():
        administrations[slug], _ = Administration.objects.get_or_create(
            slug=slug, defaults={"name": name, "municipality": municipality}
        )
    offices = {}
    sections = {}
    for spec in OFFICES:
        office, _ = Office.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "administration": administrations[spec["administration"]],
                "name": spec["name"],
                "address": spec["address"],
            },
        )
        offices[spec["slug"]] = office
        for section_name in spec["sections"]:
            sections[(spec["slug"], section_name)], _ = Section.objects.get_or_create(office=office, name=section_name)

    for local, full_name, office_slug, role, section_name in DEMO_LOGINS:
        person = _person(email_for(local), full_name)
        Membership.objects.get_or_create(
            person=person,
            office=offices[office_slug],
            defaults={"role": role, "section": sections.get((office_slug, section_name))},
        )
    head = _person(email_for(HEAD_LOGIN[0]), HEAD_LOGIN[1])
    AdministrationLeader.objects.get_or_create(person=head, administration=administrations["okonomi-og-administration"])
    _person(email_for(ADMIN_LOGIN[0]), ADMIN_LOGIN[1], is_staff=True, is_superuser=True)

    # The rest of each office: fictional people with generated names.
    used = set(User.objects.values_list("full_name", flat=True))
    for spec in OFFICES:
        office = offices[spec["slug"]]
        have = Membership.objects.filter(office=office).count()
        section_names = spec["sections"]
        leaders_needed = dict.fromkeys(section_names, True)
        for m in Membership.objects.filter(office=office, role=Role.SECTION_LEADER).select_related("section"):
            if m.section:
                leaders_needed[m.section.name] = False
        index = 0
        while have < spec["staff"]:
            full_name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if full_name in used:
                continue
            used.add(full_name)
            section_name = section_names[index % len(section_names)]
            if leaders_needed.get(section_name):
                role = Role.SECTION_LEADER
                leaders_needed[section_name] = False
            elif not Membership.objects.filter(office=office, role=Role.OFFICE_CHIEF).exists():
                role = Role.OFFICE_CHIEF
            elif not Membership.objects.filter(office=office, role=Role.RESOURCE_PERSON).exists():
                role = Role.RESOURCE_PERSON
            else:
                role = Role.STAFF
            person = _person(email_for(f"{full_name}.{spec['slug'][:3]}"), full_name)
            Membership.objects.get_or_create(
                person=person,
                office=office,
                defaults={
                    "role": role,
                    "section": None if role == Role.OFFICE_CHIEF else sections[(spec["slug"], section_name)],
                },
            )
            have += 1
            index += 1
    if stdout:
        stdout.write(f"Organisation: {Office.objects.count()} offices, {User.objects.count()} people.")


def demo_logins() -> list[tuple[str, str]]:
    """(e-mail, what the login is) for the README and `manage.py demo`."""
    labels = {
        "ressourceperson": "resource person, Budget og Regnskab",
        "sektionsleder": "section leader, Budget og Regnskab",
        "kontorchef": "office chief, Budget og Regnskab",
        "medarbejder": "staff member, Budget og Regnskab",
        "personale": "resource person, Personale",
        "forvaltningschef": "head of administration, Økonomi og Administration",
        "admin": "Django admin (superuser)",
    }
    return [(email_for(local), label) for local, label in labels.items()]
