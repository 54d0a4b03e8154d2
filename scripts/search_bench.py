"""Time the logbook search in-process on the scale data: common and rare words, compounds, prefixes.

    SLF_DATABASE=slf_scale uv run python scripts/search_bench.py            # the search as the page runs it
    SLF_DATABASE=slf_scale uv run python scripts/search_bench.py --pages    # ... and the whole page (test client)
    SLF_DATABASE=slf_scale uv run python scripts/search_bench.py --compare  # ... and the approaches not chosen

Per word: how many entries of the first office match (full text, as a prefix, as a substring), and the p50
and p95 of what the page does for a search: count the matches and fetch the first 25, ranked, with
snippets. ``--compare`` times the alternatives measured for docs/performance.md: full text alone (before),
a prefix tsquery alone, and the chosen tiers with every match ranked (no newest-first bound). Read-only.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slf.settings")
os.environ.setdefault("SLF_EMBEDDED_DB", "1")
os.environ.setdefault("SLF_DEV_SECRET_KEY", "1")

#: (label, word): common and rare whole words of the scale text, words inside compounds, half-typed words.
WORDS = [
    ("common word (≈47 % of entries)", "datarevision"),
    ("rare word (≈0.3 %)", "bilagkontrakt"),
    ("inside compounds (≈43 %)", "budget"),
    ("inside compounds (≈38 %)", "refusion"),
    ("half-typed (prefix of ≈22 %)", "aftal"),
    ("half-typed, rare", "driftsbudgetonb"),
]


def _page(queryset):
    """What the logbook page asks of a result: its count and the first page of 25."""
    count = queryset.count()
    rows = list(queryset[:25])
    return count, rows


def approaches(office):
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
    from django.db.models import F, Value
    from django.db.models.functions import Upper

    from logbook import search as logbook_search
    from logbook.filters import EntryFilter
    from logbook.models import HAYSTACK, Entry
    from logbook.search import Search, lexeme
    from logbook.views import _entries

    def chosen(word):
        return _page(EntryFilter({"q": word}, queryset=_entries(office), office=office).qs)

    def ranked_all(queryset, query, tier=None):
        annotated = queryset.filter(search=query) if tier is None else queryset
        annotated = annotated.annotate(
            rank=SearchRank(F("search"), query),
            snippet=SearchHeadline("text", query, config="danish"),
            tier=tier if tier is not None else Value(0),
        )
        return _page(annotated.order_by("tier", "-rank", "-date", "-pk"))

    def full_text_only(word):
        return ranked_all(_entries(office), SearchQuery(word, config="danish", search_type="websearch"))

    def prefix_only(word):
        return ranked_all(_entries(office), SearchQuery(lexeme(word, prefix=True), config="danish", search_type="raw"))

    def all_ranked(word):
        search = Search(word)
        queryset = _entries(office).alias(haystack=Upper(HAYSTACK)).filter(search.matches())
        return ranked_all(queryset, search.ranked_by, tier=search.tier())

    return {
        f"chosen: tiers, newest {logbook_search.RANKED} ranked": chosen,
        "before: full text only": full_text_only,
        "prefix tsquery only": prefix_only,
        "tiers, every match ranked": all_ranked,
    }, Entry


def _time(function, words, rounds):
    """p50 and p95 in ms per word, the words taken in turn in every round (the machine's load hits all alike)."""
    for word in words:
        function(word)  # warm the caches and the plans
    times = {word: [] for word in words}
    for _ in range(rounds):
        for word in words:
            started = time.perf_counter()
            function(word)
            times[word].append((time.perf_counter() - started) * 1000)
    result = {}
    for word, values in times.items():
        values.sort()
        result[word] = (statistics.median(values), values[min(len(values) - 1, round(0.95 * (len(values) - 1)))])
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--pages", action="store_true", help="also time the whole logbook page (test client)")
    parser.add_argument("--compare", action="store_true", help="also time the approaches not chosen")
    parser.add_argument("--ranked", type=int, help="rank the newest this many matches (default: logbook.search.RANKED)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from offices.models import Membership, Office

    if args.ranked:
        from logbook import search

        search.RANKED = args.ranked
    office = Office.objects.order_by("pk").first()
    functions, Entry = approaches(office)
    if not args.compare:
        functions = dict(list(functions.items())[:1])
    print(f"{Entry.objects.filter(office=office).count():,} entries in the office, {Entry.objects.count():,} in all")
    words = [word for _label, word in WORDS]
    timings = {name: _time(function, words, args.rounds) for name, function in functions.items()}
    print(f"| word | matches (full text / prefix / substring) | {' | '.join(functions)} |")
    print("|---|---|" + "---|" * len(functions))
    with connection.cursor() as cursor:
        for label, word in WORDS:
            cursor.execute(
                "SELECT count(*) FILTER (WHERE search @@ websearch_to_tsquery('danish', %s)),"
                " count(*) FILTER (WHERE search @@ to_tsquery('danish', quote_literal(%s) || ':*')),"
                " count(*) FILTER (WHERE lower(title || ' ' || text) LIKE '%%' || %s || '%%')"
                " FROM logbook_entry WHERE office_id = %s",
                [word, word, word, office.pk],
            )
            counts = " / ".join(f"{n:,}" for n in cursor.fetchone())
            cells = [f"{timings[name][word][0]:.1f} / {timings[name][word][1]:.1f}" for name in functions]
            print(f"| {label}: `{word}` | {counts} | {' | '.join(cells)} |", flush=True)
    if args.pages:
        from django.test import Client
        from django.urls import reverse

        person = Membership.objects.filter(office=office, role="resource_person").first().person
        client = Client()
        client.force_login(person)
        url = reverse("logbook:entry-list", args=[office.slug])
        print("\nThe whole logbook page, in-process (test client), p50 / p95 ms:")

        def page(word):
            response = client.get(url, {"q": word} if word else {})
            assert response.status_code == 200

        page_words = ["", *words]
        page_times = _time(page, page_words, args.rounds)
        for label, word in [("no search", ""), *WORDS]:
            p50, p95 = page_times[word]
            print(f"| {label} `{word}` | {p50:.1f} / {p95:.1f} |", flush=True)


if __name__ == "__main__":
    main()
