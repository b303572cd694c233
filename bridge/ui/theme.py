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
#: A calm note (a rule's limit, a draft waiting): dark text on a soft tint, never red.
NOTICE_BG = "#FFF4D6"
NOTICE_TEXT = "#3A2E00"
NOTICE_ICON = "#6B5A00"
#: Recognition of a step done.
SUCCESS_BG = "#E3F1E4"
#: A quiet panel (history rows, the bridge's deck).
PANEL_BG = "#F1F4F7"
NEUTRAL_TEXT = "#6B7580"

TAP_HEIGHT = 52  # comfortably above the 48 px minimum touch target
MIN_TARGET = 48  # the smallest control a finger hits reliably (WCAG 2.5.5, Material)

# Flutter web counts as a desktop platform: "compact" density and shrink-wrapped tap targets,
# so icon buttons come out 40 px, text buttons 32-40, switches 40 and chips 35. Flet 1.0.5 has
# no minimum size or tap-target setting in its themes, so the padding makes up the 48 px:
# an icon (24) + 2 x 12; a text line (20) + 2 x 14; a chip's label (20) + 2 x 14.
ICON_PADDING = ft.Padding.all(12)
TEXT_PADDING = ft.Padding.symmetric(horizontal=16, vertical=14)
CHIP_PADDING = ft.Padding.symmetric(horizontal=8, vertical=14)
SWITCH_PADDING = ft.Padding.symmetric(horizontal=4, vertical=8)


def theme() -> ft.Theme:
    # No sliding or fading between screens: calmer, faster on cheap phones, and a tap
    # always lands on what is shown.
    still = ft.PageTransitionTheme.NONE
    standard = ft.VisualDensity.STANDARD
    return ft.Theme(
        color_scheme_seed=SEED,
        use_material3=True,
        visual_density=standard,
        page_transitions=ft.PageTransitionsTheme(
            android=still, ios=still, linux=still, macos=still, windows=still
        ),
        icon_button_theme=ft.IconButtonTheme(
            style=ft.ButtonStyle(padding=ICON_PADDING, visual_density=standard)
        ),
        text_button_theme=ft.TextButtonTheme(
            style=ft.ButtonStyle(padding=TEXT_PADDING, visual_density=standard)
        ),
        outlined_button_theme=ft.OutlinedButtonTheme(
            style=ft.ButtonStyle(padding=TEXT_PADDING, visual_density=standard)
        ),
        filled_button_theme=ft.FilledButtonTheme(
            style=ft.ButtonStyle(padding=TEXT_PADDING, visual_density=standard)
        ),
        button_theme=ft.ButtonTheme(
            style=ft.ButtonStyle(padding=TEXT_PADDING, visual_density=standard)
        ),
        chip_theme=ft.ChipTheme(padding=CHIP_PADDING),
        switch_theme=ft.SwitchTheme(padding=SWITCH_PADDING),
        checkbox_theme=ft.CheckboxTheme(visual_density=standard),
        radio_theme=ft.RadioTheme(visual_density=standard),
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
