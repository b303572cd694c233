"""The coach's public key as a QR code (PNG bytes for ``ft.Image(src=…)``), drawn by segno.

Always a full QR code (never a Micro QR, which many phone cameras cannot read),
error correction at least level M (segno raises it when that fits in the same
size), a quiet zone of 2 modules and 6 pixels per module.
"""

from __future__ import annotations

import io

import segno

__all__ = ["qr_png"]

SCALE = 6
BORDER = 2


def qr_png(text: str) -> bytes:
    """`text` as a QR code in PNG. Raises ValueError for empty text or text too long for a QR."""
    if not isinstance(text, str) or not text:
        raise ValueError("there is no text to put in a QR code")
    code = segno.make_qr(text, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=SCALE, border=BORDER)
    return buffer.getvalue()
