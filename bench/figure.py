"""One benchmark figure: what a person waits for, its measured value and its target.

Every bench module that contributes to the suite (bench/run.py) exposes
``figures(quick: bool) -> list[Figure]``. In quick mode ``met`` is None: tiny data makes no
timing claims.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A measured figure with its target; ``met`` is None when there is no target or in quick mode."""

    name: str
    value: float
    unit: str
    target: str
    met: bool | None
    detail: str = ""

    def as_json(self) -> dict[str, object]:
        """The figure as a JSON-ready mapping (the suite writes these to bench/latest.json)."""
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "target": self.target,
            "met": self.met,
            "detail": self.detail,
        }
