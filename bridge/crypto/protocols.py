"""What a recipient and an identity are, structurally.

Why protocols instead of a base class: recipient types are independent (X25519,
scrypt, maybe plugins later); :func:`~bridge.crypto.age.encrypt` and
:func:`~bridge.crypto.age.decrypt` only need these two methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from .header import Stanza
from .primitives import RandFunc

__all__ = ["Identity", "Recipient"]


class Recipient(Protocol):
    """Something a file can be encrypted to."""

    def wrap_file_key(self, file_key: bytes, rand: RandFunc) -> list[Stanza]:
        """Return the stanza(s) that let the matching identity recover ``file_key``."""
        ...


class Identity(Protocol):
    """Something that can decrypt files encrypted to its recipient."""

    def unwrap_file_key(self, stanzas: Sequence[Stanza]) -> bytes | None:
        """Return the file key, ``None`` if no stanza is for us.

        Raises an :class:`~bridge.crypto.errors.AgeError` for a stanza of our
        type that is malformed (the spec says such stanzas MUST be rejected).
        """
        ...
