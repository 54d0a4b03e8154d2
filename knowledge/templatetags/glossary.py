from django import template

from knowledge.marking import mark_terms
from slf import search

register = template.Library()


@register.filter
def glossary(html, terms):
    """``{{ text|markdown|glossary:glossary_terms }}``: mark the glossary's terms in already-safe HTML."""
    return mark_terms(html, terms or [])


@register.filter
def found(text, query):
    """``{{ term.term|found:query }}``: the text escaped, with the searched words marked (also inside words)."""
    return search.mark(str(text or ""), search.words(query or ""))
