"""A passcode field: hidden by default with a show button; numbers and letters both allowed."""

from __future__ import annotations

import flet as ft


def passcode_field(label: str, *, autofocus: bool = False) -> ft.TextField:
    return ft.TextField(
        label=label,
        password=True,
        can_reveal_password=True,
        autocorrect=False,
        enable_suggestions=False,
        text_size=20,
        autofocus=autofocus,
    )


def busy_row(text: str) -> ft.Row:
    """'Opening…': shown while the slow key derivation runs off the event loop."""
    return ft.Row([ft.ProgressRing(width=22, height=22), ft.Text(text, size=16)], visible=False)
