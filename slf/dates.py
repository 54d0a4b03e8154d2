"""Dates and times in the reader's language, from the format modules (slf/formats/<language>/formats.py).

Django's ``date`` filter knows its own format names (DATE_FORMAT, MONTH_DAY_FORMAT, ...). The few
more this app needs (a date with its weekday, a time in a sentence) live in the same modules and are
read here, so no template or view writes a format of its own:

    {{ meeting.starts_at|local_date:"WEEKDAY_DATETIME_FORMAT" }}
"""

from django import template
from django.utils import dateformat, formats
from django.utils.translation import get_language

register = template.Library()


def local_format(name: str) -> str:
    """The format called ``name`` for the active language (ours first, then Django's)."""
    for module in formats.get_format_modules(get_language()):
        if hasattr(module, name):
            return getattr(module, name)
    return formats.get_format(name)  # Django's own names, and an error-free fallback


def local(value, name: str) -> str:
    """``value`` (a date, datetime or time, already local) in the active language's format ``name``."""
    fmt = local_format(name)
    if hasattr(value, "year"):
        return dateformat.format(value, fmt)
    return dateformat.time_format(value, fmt)


@register.filter(expects_localtime=True, is_safe=False)
def local_date(value, name):
    if value in (None, ""):
        return ""
    return local(value, name)
