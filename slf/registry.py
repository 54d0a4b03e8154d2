"""Places where apps plug themselves into shared pages, without editing them.

An app registers in its ``AppConfig.ready()``::

    from slf.registry import register_nav_item, register_my_page_panel

    register_nav_item("meetings", _("Meetings"), "meetings:index", order=20)
    register_my_page_panel("meetings", "meetings/_my_meetings.html", my_meetings_context, order=10)

The main navigation shows only registered sections, so no link is ever dead;
"My page" renders each registered panel with the context its function returns
(return ``None`` to hide the panel for this person).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    order: int


@dataclass(frozen=True)
class MyPagePanel:
    key: str
    template_name: str
    get_context: Callable
    order: int


_nav_items: dict[str, NavItem] = {}
_panels: dict[str, MyPagePanel] = {}


def register_nav_item(key: str, label: str, url_name: str, order: int = 50) -> None:
    _nav_items[key] = NavItem(key, label, url_name, order)


def nav_items() -> list[NavItem]:
    return sorted(_nav_items.values(), key=lambda item: item.order)


def register_my_page_panel(key: str, template_name: str, get_context: Callable, order: int = 50) -> None:
    _panels[key] = MyPagePanel(key, template_name, get_context, order)


def my_page_panels() -> list[MyPagePanel]:
    return sorted(_panels.values(), key=lambda panel: panel.order)


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


_calendar_sources: dict[str, Callable] = {}


def register_calendar_source(key: str, events_for: Callable) -> None:
    """``events_for(user)`` returns ``icalendar.Event`` objects for the person's calendar feed."""
    _calendar_sources[key] = events_for


def calendar_sources() -> list[tuple[str, Callable]]:
    return sorted(_calendar_sources.items())
