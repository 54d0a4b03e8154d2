"""Danish-like text for the scale data: stop words and Zipf-distributed content words, so search is realistic.

A few words are in many entries, most in few, as in real text; compounds are made as Danish makes them
(budget + opfølgning → budgetopfølgning). Pure Python, no Django, so the benchmark can import it.
"""

import itertools
import random

WORDS = [
    "aftale",
    "budget",
    "regnskab",
    "opfølgning",
    "møde",
    "kollega",
    "praksis",
    "sparring",
    "feedback",
    "refusion",
    "løn",
    "bilag",
    "kontering",
    "sagsbehandling",
    "borger",
    "decentral",
    "leder",
    "skabelon",
    "referat",
    "dagsorden",
    "læring",
    "cirkel",
    "data",
    "analyse",
    "mål",
    "handling",
    "evaluering",
    "overblik",
    "proces",
    "kvalitet",
    "fejl",
    "frist",
    "rapport",
    "likviditet",
    "driftsbudget",
    "anlæg",
    "overførsel",
    "prognose",
    "ferie",
    "fravær",
    "rekruttering",
    "onboarding",
    "introduktion",
    "vejledning",
    "tjekliste",
    "arbejdsgang",
    "systematik",
    "dialog",
    "refleksion",
    "erfaring",
    "viden",
    "deling",
    "netværk",
    "kontor",
    "sektion",
    "team",
    "uge",
    "måned",
    "kvartal",
    "år",
    "tal",
    "tabel",
    "økonomi",
    "personale",
    "indkøb",
    "faktura",
    "moms",
    "afstemning",
    "revision",
    "kontrakt",
    "leverandør",
    "tilskud",
    "puljer",
    "ansøgning",
]
STOPWORDS = [
    "og",
    "at",
    "vi",
    "der",
    "til",
    "med",
    "på",
    "for",
    "det",
    "er",
    "som",
    "en",
    "af",
    "har",
    "de",
    "skal",
    "om",
    "men",
    "kan",
    "ikke",
    "så",
    "blev",
]
#: Base words and two-word compounds, ranked once with a fixed seed (not secrets: reproducible data).
VOCABULARY = WORDS + [a + b for a in WORDS for b in WORDS if a != b]
random.Random(7).shuffle(VOCABULARY)  # noqa: S311
CUMULATIVE = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(VOCABULARY))))


def sentence(rng: random.Random, n: int) -> str:
    """``n`` words: every other one a stop word, the rest content words drawn by a Zipf-like weight."""
    content = rng.choices(VOCABULARY, cum_weights=CUMULATIVE, k=(n + 1) // 2)
    stop = rng.choices(STOPWORDS, k=n // 2)
    words = [w for pair in itertools.zip_longest(content, stop, fillvalue="") for w in pair if w]
    return " ".join(words).capitalize() + "."


def search_terms() -> list[str]:
    """Benchmark search words by how common they are: two common, two middling, two rare."""
    return [VOCABULARY[rank] for rank in (0, 3, 40, 200, 1000, 4000)]
