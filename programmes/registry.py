"""Where the practice apps (bootcamps, task force, competence development, café meetings, change agents) plug into
the programme pages and the progress pages, which are below or beside them.

An app registers in its ``AppConfig.ready()``::

    from programmes.registry import register_kind

    register_kind(ProgrammeKind.BOOTCAMP, url_name="bootcamps:programme", figures=bootcamp_figures)

``url_name`` is the page of a programme of this kind (called with the programme's slug); ``figures(programmes)``
returns ``{programme_id: [Figure, …]}`` for the programmes given, with a fixed number of queries whatever their number.
The progress pages show those figures to the programme's leads.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    label: str
    value: int | float | str
    #: What it counts, in a sentence (shown beside the figure).
    explanation: str = ""


@dataclass(frozen=True)
class KindHooks:
    url_name: str
    figures: Callable | None = None


_kinds: dict[str, KindHooks] = {}


def register_kind(kind: str, *, url_name: str, figures: Callable | None = None) -> None:
    _kinds[kind] = KindHooks(url_name=url_name, figures=figures)


def kind_hooks(kind: str) -> KindHooks | None:
    return _kinds.get(kind)


def figures_for(programmes) -> dict[int, list[Figure]]:
    """Every programme's figures, by programme id: one call per kind present."""
    by_kind: dict[str, list] = {}
    for programme in programmes:
        by_kind.setdefault(programme.kind, []).append(programme)
    found: dict[int, list[Figure]] = {}
    for kind, items in by_kind.items():
        hooks = _kinds.get(kind)
        if hooks and hooks.figures:
            found.update(hooks.figures(items))
    return found
