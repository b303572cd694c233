"""The Flet screens. Only this package imports flet."""
