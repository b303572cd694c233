"""One module per screen; each has build(app, ...) -> ft.View."""
