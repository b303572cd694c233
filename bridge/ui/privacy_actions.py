"""What the privacy screens do with the data folder as a whole (used by lock and settings)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bridge.storage import StorageError
from bridge.ui.messages import message_for

if TYPE_CHECKING:
    from bridge.ui.app import BridgeApp

log = logging.getLogger(__name__)


def wipe(app: BridgeApp) -> None:
    """Deletes everything (asked and confirmed before) and starts again at the welcome."""
    try:
        app.ctx.data.delete_everything()
    except StorageError as exc:
        log.error("deleting failed: %s", exc)
        app.notify(message_for(app.t, exc, "privacy.delete_failed"))
        return
    app.notify(app.t("privacy.deleted"))
    app.go("/")
