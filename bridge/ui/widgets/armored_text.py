"""Sealed text (an age file as armored text) shown whole, to read and select: the client's
summary and the coach's plan look the same."""

from __future__ import annotations

import flet as ft


def armored_text(label: str, armored: str) -> ft.TextField:
    return ft.TextField(
        label=label,
        value=armored,
        read_only=True,
        multiline=True,
        min_lines=4,
        max_lines=8,
        text_size=12,
        text_style=ft.TextStyle(font_family="monospace"),
    )
