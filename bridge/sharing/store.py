"""What sharing needs from storage: the repository's generic records (see bridge.storage)."""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["RecordStore"]


class RecordStore(Protocol):
    """The part of :class:`bridge.storage.repository.Repository` that sharing uses."""

    def put_record(self, table: str, record_id: str, record: dict[str, Any]) -> None: ...

    def get_record(self, table: str, record_id: str) -> dict[str, Any] | None: ...

    def records(self, table: str) -> list[dict[str, Any]]: ...

    def remove_record(self, table: str, record_id: str) -> None: ...
