"""What every search box shares: the typed words, and marking them in a text safely.

Danish writes compounds as one word, so every search here also finds a typed word at the start of a word
("aftal" in "aftalen") and inside one ("refusion" in "lønrefusion"); see ``logbook/search.py`` (full text
with tiers), ``knowledge/views.py`` (the glossary) and ``knowledge/directory.py`` (people).
"""

import re

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: A typed word: letters and digits only, so nothing in it is a LIKE, regex or tsquery operator.
WORD = re.compile(r"[^\W_]+")
#: A typed word this long or longer is also looked for inside longer words (a trigram needs three letters).
MIN_INSIDE = 3


def words(value: str, limit: int = 8) -> list[str]:
    """The distinct words of ``value``, lower case, in the order typed."""
    found = []
    for word in WORD.findall((value or "").lower()):
        if word not in found:
            found.append(word)
    return found[:limit]


def word_tier(field: str, typed: list[str]) -> Case:
    """How well ``field`` holds every typed word: 0 as a whole word, 1 at the start of a word ("aftal" in
    "aftalen"), 2 inside a word ("refusion" in "lønrefusion"), 3 not all of them.

    PostgreSQL's ``\\m`` and ``\\M`` are the start and end of a word; the typed words are letters and digits
    only (``WORD``), so nothing in them is a regular-expression operator.
    """

    def every(template: str) -> Q:
        q = Q()
        for word in typed:
            q &= Q(**{f"{field}__iregex": template.format(word)})
        return q

    return Case(
        When(every(r"\m{}\M"), then=Value(0)),
        When(every(r"\m{}"), then=Value(1)),
        When(every("{}"), then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


def holds_every(fields: list[str], typed: list[str]) -> Q:
    """Every typed word somewhere in one of ``fields`` (also inside a longer word)."""
    q = Q()
    for word in typed:
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__icontains": word})
        q &= either
    return q


def mark(text: str, typed: list[str] | None = None, markers: tuple[str, str] | None = None) -> SafeString:
    """``text`` escaped, with the ``typed`` words marked where they occur (also inside longer words).

    ``markers`` are a start and a stop string PostgreSQL's ``ts_headline`` put around its matches: what lies
    between them is marked too. Every piece of ``text`` is escaped on its own before a ``<mark>`` is put
    around it, so nothing in the text (nor in the typed words) can become markup.
    """
    text = text or ""
    pieces: list[tuple[str, bool]] = []
    if markers:
        start, stop = markers
        marked = False
        for piece in re.split(f"({re.escape(start)}|{re.escape(stop)})", text):
            if piece in (start, stop):
                marked = piece == start
            elif piece:
                pieces.append((piece, marked))
    else:
        pieces.append((text, False))
    inside = sorted({w for w in (typed or []) if len(w) >= MIN_INSIDE}, key=len, reverse=True)
    pattern = re.compile("(" + "|".join(re.escape(w) for w in inside) + ")", re.IGNORECASE) if inside else None
    html = []
    for piece, marked in pieces:
        if marked:
            html.append(f"<mark>{escape(piece)}</mark>")
        elif pattern is None:
            html.append(str(escape(piece)))
        else:
            for i, part in enumerate(pattern.split(piece)):
                html.append(f"<mark>{escape(part)}</mark>" if i % 2 else str(escape(part)))
    return mark_safe("".join(html))  # noqa: S308 - every piece escaped above
