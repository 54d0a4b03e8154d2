import nh3
from django import template
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

from logbook.search import MARK_START, MARK_STOP
from slf.search import mark

register = template.Library()
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "code",
    "pre",
    "blockquote",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}


@register.filter
def markdown(text: str) -> str:
    """Markdown rendered, then sanitised: never raw HTML from the text."""
    html = _markdown.render(text or "")
    # Headings in entries sit under the page's own h1/h2: demote them.
    for level in ("h1", "h2"):
        html = html.replace(f"<{level}>", "<h3>").replace(f"</{level}>", "</h3>")
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}, link_rel="noopener"))  # noqa: S308


@register.filter
def highlight(snippet: str, typed: str = "") -> str:
    """A search snippet with the matched words in <mark>, everything else escaped.

    ts_headline's matches are marked, and so are the ``typed`` words (space-separated) where they occur
    inside longer words (Danish compounds, which ts_headline does not see)."""
    return mark(snippet, (typed or "").split(), markers=(MARK_START, MARK_STOP))


@register.filter
def marked_snippet(entry) -> str:
    """The search snippet of a found entry (``logbook.search``), marked; its typed words ride on the entry."""
    return highlight(getattr(entry, "snippet", ""), getattr(entry, "typed", ""))


@register.filter
def marked_title(entry) -> str:
    """The entry's title, escaped, with what the search found in <mark>.

    ts_headline's marks are used only when it kept the title as written (it drops what looks like an HTML
    tag); otherwise the typed words are marked where they occur."""
    marked, typed = getattr(entry, "title_marked", None), getattr(entry, "typed", "").split()
    if marked and marked.replace(MARK_START, "").replace(MARK_STOP, "") == entry.title:
        return mark(marked, typed, markers=(MARK_START, MARK_STOP))
    return mark(entry.title, typed)
