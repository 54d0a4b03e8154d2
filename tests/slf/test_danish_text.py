"""The Danish pages read as Danish: no English month or weekday names, no number with the wrong plural.

One demo world (``seed_demo``, time frozen), the main pages rendered in Danish as the people who use
them, the visible text (tags stripped, each text node on its own line) searched for a short list of
mistakes. A hit names the page and shows the words around it.
"""

import re
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from logbook.models import Entry, LearningCircle
from meetings.models import Meeting, MeetingSeries, MeetingStatus
from offices.models import Administration

TZ = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 12, 10, 0, tzinfo=TZ)
OFFICE = "budget-og-regnskab"

ENGLISH_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
ENGLISH_SHORT_MONTHS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
ENGLISH_DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri"
#: Danish nouns whose plural differs from the singular, as (singular, plural).
NOUNS = [
    ("aftale", "aftaler"),
    ("møde", "møder"),
    ("dag", "dage"),
    ("uge", "uger"),
    ("måned", "måneder"),
    ("deltager", "deltagere"),
    ("punkt", "punkter"),
    ("person", "personer"),
    ("time", "timer"),
    ("minut", "minutter"),
    ("kommentar", "kommentarer"),
    ("begreb", "begreber"),
    ("kollega", "kolleger"),
    ("opgave", "opgaver"),
    ("medlem", "medlemmer"),
    ("post", "poster"),
    ("cirkel", "cirkler"),
    ("læringscirkel", "læringscirkler"),
    ("måling", "målinger"),
    ("kontor", "kontorer"),
    ("sektion", "sektioner"),
]
SINGULARS = "|".join(s for s, _p in NOUNS)
PLURALS = "|".join(p for _s, p in NOUNS)
MISTAKES = {
    "English month": re.compile(rf"\b(?:{ENGLISH_MONTHS}|{ENGLISH_SHORT_MONTHS})\b"),
    "English weekday": re.compile(rf"\b(?:{ENGLISH_DAYS})\b"),
    "plural after 1": re.compile(rf"(?<![\d.,])\b1[ \xa0](?:{PLURALS})\b"),
    "singular after another number": re.compile(rf"(?<![\d.,])\b(?:0|[2-9]|\d\d+)[ \xa0](?:{SINGULARS})\b"),
    "nothing counted": re.compile(r"\bi 0 dag"),
}


def visible_text(html: str) -> str:
    html = re.sub(r"(?is)<(script|style|svg|head)\b.*?</\1>", "\n", html)
    html = re.sub(r"(?s)<!--.*?-->", "\n", html)
    text = re.sub(r"<[^>]+>", "\n", html)
    text = text.replace("&nbsp;", "\xa0").replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def mistakes_in(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        for name, pattern in MISTAKES.items():
            for match in pattern.finditer(line):
                found.append(f"{name}: “{match.group(0)}” in “{line[:120]}”")
    return found


def test_the_patterns_catch_the_mistakes_they_name():
    wrong = ["3. Dec", "Sept 2026", "Thursday 3. december", "1 aftaler indgået", "i 0 dag", "3 møde", "1 møder"]
    assert all(mistakes_in(t) for t in wrong), [t for t in wrong if not mistakes_in(t)]
    right = ["3. december", "1 aftale indgået", "i dag", "1 besøg", "2 besøg", "kl. 9.00", "12 aftaler", "1,5 dage"]
    assert not any(mistakes_in(t) for t in right), [mistakes_in(t) for t in right]


def _pages():
    """(who, url) for the main pages of the demo's first office."""
    rp = User.objects.get(full_name="Signe Kjær Bonde")
    chief = User.objects.get(full_name="Dorthe Winther Lauridsen")
    head = User.objects.get(full_name="Henrik Bech Søgaard")
    entry = Entry.objects.filter(office__slug=OFFICE, kind="agreement").order_by("-date").first()
    circle = LearningCircle.objects.filter(office__slug=OFFICE).first()
    series = MeetingSeries.objects.filter(office__slug=OFFICE).first()
    held = Meeting.objects.filter(series__office__slug=OFFICE, status=MeetingStatus.MINUTES_PUBLISHED).last()
    administration = Administration.objects.get(offices__slug=OFFICE)
    pages = [
        (rp, reverse("home")),
        (rp, reverse("logbook:entry-list", args=[OFFICE])),
        (rp, entry.get_absolute_url()),
        (rp, reverse("logbook:circle-list", args=[OFFICE])),
        (rp, reverse("meetings:index")),
        (rp, series.get_absolute_url()),
        (rp, reverse("visits:index")),
        (rp, reverse("visits:coverage", args=[OFFICE])),
        (chief, reverse("progress:office", args=[OFFICE])),
        (head, reverse("progress:administration", args=[administration.slug])),
        (rp, reverse("knowledge:glossary", args=[administration.slug])),
        (rp, reverse("directory:people")),
        (rp, reverse("offices:office-detail", args=[OFFICE])),
        (rp, reverse("questions:list", args=[OFFICE])),
    ]
    if circle:
        pages.append((rp, circle.get_absolute_url()))
    if held:
        pages.append((rp, held.get_absolute_url()))
    return pages


def test_the_danish_pages_have_danish_dates_and_plurals(db, client):
    with time_machine.travel(NOW, tick=False):
        call_command("seed_demo", stdout=StringIO())
        problems = []
        for person, url in _pages():
            client.force_login(person)
            response = client.get(url, headers={"accept-language": "da"})
            assert response.status_code == 200, url
            problems += [f"{url}: {p}" for p in mistakes_in(visible_text(response.content.decode()))]
    assert not problems, "\n".join(problems)
