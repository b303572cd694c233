"""Coach mode without any screens: the coach's key, imported summaries and the caseload.

* :mod:`~bridge.coach.identity` — the coach's X25519 key (and its backup);
* :mod:`~bridge.coach.store` — :class:`~bridge.coach.store.CoachStore`: importing summaries,
  the caseload index and one encrypted file per client (the UI gets it from
  ``DataHolder.coach_store()``, or ``coach_store(holder)``);
* :mod:`~bridge.coach.types` — the values the store hands out (results, entries, history);
* :mod:`~bridge.coach.caseload` — flags, stress trend, search, sort and filter of the caseload;
* :mod:`~bridge.coach.pasted` — one or several armored summaries in one paste.

Nothing here knows Flet.
"""
