"""Which views of the stack can stay as they are, and which must be built.

Going forward builds only the new top view; going back reuses the views below unless their data
changed since they were built (then the one that comes to the top is built again). Views below
the top are not visible, so they may be stale until they are shown. No Flet in here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(frozen=True)
class Built(Generic[V]):
    path: str
    view: V
    #: The session's data version and layout key when the view was built.
    stamp: tuple[object, ...]


def reusable(
    current: Sequence[Built[V]], wanted: Sequence[str], stamp: tuple[object, ...], *, refresh: bool
) -> list[Built[V] | None]:
    """For each wanted path, the built view to keep, or None where one must be built.

    `refresh` asks for the top view to be built again even if nothing changed (a screen that
    changed its own data and shows itself again).
    """
    by_path = {b.path: b for b in current}
    plan: list[Built[V] | None] = []
    for index, path in enumerate(wanted):
        built = by_path.get(path)
        top = index == len(wanted) - 1
        if built is not None and top and (refresh or built.stamp != stamp):
            built = None
        if built is not None and built.stamp[1:] != stamp[1:]:
            built = None  # the language or the layout changed: every view is built again
        plan.append(built)
    return plan
