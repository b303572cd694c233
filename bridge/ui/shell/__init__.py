"""The app shell: routes and their guards, per-feature state, the clock, pending saves."""
