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
