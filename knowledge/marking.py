"""Glossary terms in the app's texts explain themselves: marked on hover and keyboard focus.

The marking works on HTML that is already safe (escaped text or sanitised Markdown). It splits the HTML
into tags and text, changes text only, never inside links, buttons, code or an earlier mark, and marks
the first occurrence of each term as a whole word. Terms and explanations are escaped on the way in.
A character reference or entity (``&#x27;``, ``&#39;``, ``&amp;``, ``&quot;``) is never split: a match
may contain whole ones (the term "R&D" is ``R&amp;D``), but never start or end inside one.
"""

import re
from itertools import count

from django.utils.html import escape
from django.utils.safestring import mark_safe

_TAG = re.compile(r"(<[^>]*>)")
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_SKIP = {"a", "button", "code", "pre", "dfn", "script", "style", "textarea", "select", "h1", "h2", "h3"}
_ids = count(1)


def _pattern(terms):
    names = sorted({escape(term) for term, _explanation in terms}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w&])(" + "|".join(re.escape(name) for name in names) + r")(?!\w)", re.IGNORECASE)


def mark_terms(html: str, terms) -> str:
    """``terms``: (term, explanation) pairs. Returns safe HTML with each term's first occurrence marked."""
    pattern = _pattern(terms)
    if pattern is None or not html:
        return html
    explanations = {str(escape(term)).lower(): explanation for term, explanation in terms}
    done: set[str] = set()
    skipping: list[str] = []
    out = []

    def replace(match):
        key = match.group(0).lower()
        if key in done or key not in explanations:
            return match.group(0)
        done.add(key)
        tip = f"gl-{next(_ids)}"
        return (
            f'<span class="glossary"><dfn class="glossary-term" tabindex="0" aria-describedby="{tip}">'
            f'{match.group(0)}</dfn><span role="tooltip" id="{tip}" class="glossary-tip">'
            f"{escape(explanations[key])}</span></span>"
        )

    def mark(text):
        references = [reference.span() for reference in _REFERENCE.finditer(text)]

        def replace_whole(match):
            if any(start < edge < end for start, end in references for edge in match.span()):
                return match.group(0)  # would split a character reference
            return replace(match)

        return pattern.sub(replace_whole, text)

    for part in _TAG.split(str(html)):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if tag in _SKIP and not part.endswith("/>"):
                if part.startswith("</"):
                    if tag in skipping:
                        skipping.remove(tag)
                else:
                    skipping.append(tag)
            out.append(part)
        elif skipping:
            out.append(part)
        else:
            out.append(mark(part))
    return mark_safe("".join(out))  # noqa: S308 - only escaped text and our own markup were added
