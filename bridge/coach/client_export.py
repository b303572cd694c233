"""Everything the coach holds for one client as one JSON file (the client's right of access)."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["EXPORT_FORMAT", "export_document"]

EXPORT_FORMAT = "bridge-coach-client-export"


def export_document(document: dict[str, Any], exported_at: str) -> bytes:
    """The client's document (bridges, summaries, sessions) as UTF-8 JSON; the latest
    summary's payload as JSON, not as a string of it. The document itself is not changed."""
    client = dict(document)
    latest = client.get("latest")
    if latest is not None:
        client["latest"] = {**latest, "payload": json.loads(latest["payload"])}
    export = {"format": EXPORT_FORMAT, "version": 1, "exported_at": exported_at, "client": client}
    return json.dumps(export, ensure_ascii=False, indent=1).encode("utf-8")
