from django import template

from knowledge.marking import mark_terms

register = template.Library()


@register.filter
def glossary(html, terms):
    """``{{ text|markdown|glossary:glossary_terms }}``: mark the glossary's terms in already-safe HTML."""
    return mark_terms(html, terms or [])
