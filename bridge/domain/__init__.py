"""The app's rules as plain Python: no Flet, no storage."""
