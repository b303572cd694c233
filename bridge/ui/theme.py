"""Colours and sizes shared by every screen: calm, high contrast, big targets."""

import flet as ft

SEED = "#1F6F8B"
#: A filled step of the bridge: one calm hue (height shows the level, colour never judges).
STEP_FILLED = "#1F6F8B"
STEP_EMPTY = "#DCE3EA"
STEP_TEXT = "#FFFFFF"
PRIORITY = "#8A5A00"
DISCUSS = "#5B3F9A"
UP = "#1B6E20"
DOWN = "#8C1D18"
SAME = "#44505C"
MUTED = "#44505C"
CARD_BORDER = "#9AA8B5"
SELECTED_BG = "#D8ECF3"
ERROR = "#B3261E"

TAP_HEIGHT = 52  # comfortably above the 48 px minimum touch target


def theme() -> ft.Theme:
    # No sliding or fading between screens: calmer, faster on cheap phones, and a tap
    # always lands on what is shown.
    still = ft.PageTransitionTheme.NONE
    return ft.Theme(
        color_scheme_seed=SEED,
        use_material3=True,
        page_transitions=ft.PageTransitionsTheme(
            android=still, ios=still, linux=still, macos=still, windows=still
        ),
    )


#: A picture for each area, so the bridge can be read without reading words.
AREA_ICONS = {
    "housing": ft.Icons.HOME,
    "family": ft.Icons.FAMILY_RESTROOM,
    "health": ft.Icons.FAVORITE,
    "network": ft.Icons.GROUPS,
    "debts": ft.Icons.RECEIPT_LONG,
    "savings": ft.Icons.SAVINGS,
    "education": ft.Icons.SCHOOL,
    "work": ft.Icons.WORK,
}


def area_icon(area_id: str) -> ft.IconData:
    return AREA_ICONS.get(area_id, ft.Icons.CIRCLE)
