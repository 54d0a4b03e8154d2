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
