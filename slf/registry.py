"""Places where apps plug themselves into shared pages, without editing them.

An app registers in its ``AppConfig.ready()``::

    from slf.registry import register_nav_item

    register_nav_item("meetings", _("Meetings"), "meetings:index", order=20)

The main navigation shows only registered sections, so no link is ever dead.
A registry is kept only where a lower layer must call a higher one (the navigation
in base.html, the demo seeders, the meeting page's sections). Pages built from
several apps (My page, the calendar feed) live in ``home/`` above them and import
them directly.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    order: int


_nav_items: dict[str, NavItem] = {}


def register_nav_item(key: str, label: str, url_name: str, order: int = 50) -> None:
    _nav_items[key] = NavItem(key, label, url_name, order)


def nav_items() -> list[NavItem]:
    return sorted(_nav_items.values(), key=lambda item: item.order)


_demo_seeders: dict[str, tuple[int, Callable]] = {}


def register_demo_seeder(key: str, seed: Callable, order: int = 50) -> None:
    """``seed(stdout)`` adds an app's demo data; it must be idempotent (a second run adds nothing)."""
    _demo_seeders[key] = (order, seed)


def demo_seeders() -> list[tuple[str, Callable]]:
    return [(key, seed) for key, (order, seed) in sorted(_demo_seeders.items(), key=lambda kv: kv[1][0])]


@dataclass(frozen=True)
class MeetingSection:
    key: str
    template_name: str
    get_context: Callable
    order: int


_meeting_sections: dict[str, MeetingSection] = {}


def register_meeting_section(key: str, template_name: str, get_context: Callable, order: int = 50) -> None:
    """A part of the meeting page supplied by another app (e.g. the logbook's Follow-up).

    ``get_context(request, meeting, access)`` returns the template context, or
    ``None`` to leave the section out. It must use a fixed number of queries.
    """
    _meeting_sections[key] = MeetingSection(key, template_name, get_context, order)


def meeting_sections() -> list[MeetingSection]:
    return sorted(_meeting_sections.values(), key=lambda section: section.order)


# Between sibling domain apps, which may not import each other (pyproject's import contract): the visits' free
# slots ask the meetings app when people are busy, and the visits' suggestions ask the knowledge app what people
# know. Each is a list of sources, so the visits work (without these facts) when an app is not installed.

_busy_sources: dict[str, Callable] = {}


def register_busy_times(key: str, get_busy: Callable) -> None:
    """``get_busy(people, start, end)`` returns ``[(start, end), …]``: times in which any of ``people`` is taken
    by something of another app (a meeting they take part in) overlapping ``start``–``end``. A fixed number of
    queries, whatever the number of people (the booking page asks for host and visitor together).
    """
    _busy_sources[key] = get_busy


def busy_times(people, start, end) -> list[tuple]:
    return [span for get_busy in _busy_sources.values() for span in get_busy(people, start, end)]


_competence_sources: dict[str, Callable] = {}


def register_competences(key: str, get_competences: Callable) -> None:
    """``get_competences(person_ids, administration_id)`` returns ``{person_id: [name, …]}``: what each person
    knows about, in the administration's shared vocabulary. A fixed number of queries."""
    _competence_sources[key] = get_competences


def competences(person_ids, administration_id) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for get_competences in _competence_sources.values():
        for person_id, names in get_competences(person_ids, administration_id).items():
            found.setdefault(person_id, []).extend(names)
    return found
