"""Logbook search: Danish full text, a prefix while typing, and a word inside a Danish compound.

Danish writes compounds as one word (budgetopfølgningen, lønrefusion) and the ``danish`` stemmer keeps them
whole, so full text alone finds none of them for "budget", and nothing for a half-typed "aftal". An entry
matches when

0. the Danish full-text query matches (``websearch_to_tsquery``: stems, "quoted phrases", -not, or), or
1. every typed word is the start of one of its words (the prefix tsquery ``'aftal':*``), or
2. every typed word is somewhere in its title or text ("budget" in "driftsbudgettet"):
   ``UPPER(title || ' ' || text) LIKE '%BUDGET%'``, served by the trigram index ``entry_words_trigram``.

Results come in that order (the tier), then by ``ts_rank``, then newest first. Tiers 0 and 1 are highlighted
by ``ts_headline``; the snippet of a tier-2 hit is the text around the word, and ``highlight`` marks the
typed words in it after escaping (``logbook/templatetags/logbook.py``).

A common word costs what a rare one does: only the newest ``RANKED`` matches are ranked. PostgreSQL then reads
the office's entries newest first (the ``entry_office_date`` index) and stops once it has that many, with
cheap tests per row, instead of ranking thousands; the page says so when there are that many. A rare word
costs one trigram index scan instead. The keys are fetched once, so the page's count and rows are
primary-key lookups. ``scripts/search_bench.py`` measures it on the scale data; measured and not chosen: a
word list of compound parts turned into one large OR tsquery (a 300-word query costs ~0.1 ms per row), and
looking up only a long word's first letters in the trigram index (a common first part made it slower).
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Greatest, StrIndex, Substr, Upper
from django.utils.functional import cached_property

from slf.search import MIN_INSIDE, WORD

from .models import HAYSTACK

#: Markers PostgreSQL puts around matches; the template escapes the text, then turns them into <mark>.
MARK_START, MARK_STOP = "\u2063[[", "]]\u2063"
#: At most this many typed words take part (the rest of a pasted paragraph is ignored).
MAX_WORDS = 8
#: Only the newest this many matches are ranked; a search finding more says so.
RANKED = 300
#: Characters of text shown before a word found inside a longer one.
BEFORE = 60


def typed_words(value: str) -> tuple[list[str], list[str]]:
    """The words to look for and the words to leave out (typed with a leading minus), lower case."""
    wanted, unwanted = [], []
    for chunk in value.lower().split():
        target = unwanted if chunk.startswith("-") else wanted
        for word in WORD.findall(chunk):
            if word != "or" and word not in target:  # "or" is websearch's OR, not a word
                target.append(word)
    return wanted[:MAX_WORDS], unwanted[:MAX_WORDS]


def lexeme(word: str, prefix: bool = False) -> str:
    """``word`` as one quoted tsquery operand: nothing in it can be read as an operator."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")


class Search:
    """The three tiers of one typed search on ``Entry``."""

    def __init__(self, value: str):
        self.value = value
        self.words, unwanted = typed_words(value)
        self.full = SearchQuery(value, config="danish", search_type="websearch")
        self.ranked_by = self.full
        self.prefix = None
        self.loose = Q(pk__in=[])
        if not self.words:
            return
        self.prefix = SearchQuery(
            " & ".join(lexeme(w, prefix=True) for w in self.words), config="danish", search_type="raw"
        )
        self.ranked_by = self.full | self.prefix
        loose = Q()
        for word in self.words:
            group = Q(search=SearchQuery(lexeme(word, prefix=True), config="danish", search_type="raw"))
            if len(word) >= MIN_INSIDE:
                group |= Q(haystack__contains=word.upper())
            loose &= group
        if unwanted:
            loose &= ~Q(search=SearchQuery(" | ".join(lexeme(w) for w in unwanted), config="danish", search_type="raw"))
        self.loose = loose

    def matches(self):
        return Q(search=self.full) | self.loose

    def tier(self):
        """0 for a full-text match, 1 when every word is a prefix, 2 for words inside longer words."""
        whens = [When(search=self.full, then=Value(0))]
        if self.prefix is not None:
            whens.append(When(search=self.prefix, then=Value(1)))
        return Case(*whens, default=Value(2), output_field=IntegerField())

    def headline(self, field: str, **options):
        return SearchHeadline(
            field, self.ranked_by, config="danish", start_sel=MARK_START, stop_sel=MARK_STOP, **options
        )

    def snippet(self):
        """ts_headline's fragment for tiers 0 and 1; for tier 2 the text from a little before the first word."""
        if not self.words:
            return self.headline("text", max_words=30, min_words=10)
        found = StrIndex(Upper("text"), Upper(Value(self.words[0])))
        around = Substr("text", Greatest(found - BEFORE, Value(1)), 240)
        return Case(
            When(tier=2, then=around),
            default=self.headline("text", max_words=30, min_words=10),
            output_field=TextField(),
        )

    def apply(self, queryset):
        """``queryset`` narrowed to the matches, best first, with ``snippet`` and ``title_marked`` for the page.

        Only the newest ``RANKED`` matches are ranked: for a word in half of all entries PostgreSQL reads the
        office's entries newest first and stops after that many, instead of ranking thousands.
        """
        matching = queryset.alias(haystack=Upper(HAYSTACK)).filter(self.matches())
        # Fetched once (not a subquery): the page's count and its rows then cost a primary-key lookup each.
        newest = list(matching.order_by("-date", "-pk").values_list("pk", flat=True)[:RANKED])
        self.found = len(newest)
        return (
            queryset.filter(pk__in=newest)
            .annotate(tier=self.tier(), rank=SearchRank(F("search"), self.ranked_by))
            .annotate(snippet=self.snippet(), title_marked=self.headline("title", highlight_all=True))
            .annotate(typed=Value(" ".join(self.words), output_field=TextField()))
            .order_by("tier", "-rank", "-date", "-pk")
        )


class FoundPaginator(Paginator):
    """A paginator that is told how many there are (a search knows: it fetched their keys), or counts."""

    def __init__(self, object_list, per_page, found=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.found = found

    @cached_property
    def count(self):
        return self.found if self.found is not None else super().count
