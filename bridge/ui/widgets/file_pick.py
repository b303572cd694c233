"""Picking files in the browser: each file as its name and its bytes, read by the browser."""

from __future__ import annotations

from collections.abc import Sequence

import flet as ft

#: A picked file: its name, and its contents (empty when the browser could not read it, so a
#: file is refused as empty rather than silently left out).
Picked = tuple[str, bytes]


async def pick_files(
    picker: ft.FilePicker, title: str, extensions: Sequence[str], *, multiple: bool
) -> list[Picked]:
    """The files the person chose (none when they cancelled)."""
    files = await picker.pick_files(
        dialog_title=title,
        file_type=ft.FilePickerFileType.CUSTOM,
        allowed_extensions=list(extensions),
        allow_multiple=multiple,
        with_data=True,
    )
    return [(f.name, f.bytes if f.bytes is not None else b"") for f in files or []]
