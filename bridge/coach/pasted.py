"""One paste may hold one or several armored summaries: split it into the separate blocks."""

from __future__ import annotations

import re

from bridge.crypto.armor import BEGIN, END

__all__ = ["split_pasted"]

_BLOCK = re.compile(
    re.escape(BEGIN.decode("ascii")) + r".*?" + re.escape(END.decode("ascii")), re.DOTALL
)


def split_pasted(text: str) -> list[str]:
    """Each armored age block in ``text``, in order ([] when there is none).

    Text that holds no complete block but is not empty comes back whole, as one
    item, so the import can say what is wrong with it instead of ignoring it.
    Text between blocks (a greeting in a chat message) is left out.
    """
    blocks = [m.group(0) for m in _BLOCK.finditer(text)]
    if blocks:
        return blocks
    stripped = text.strip()
    return [stripped] if stripped else []
