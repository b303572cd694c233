"""Where the client's data is kept: an atomic file under TinyDB, behind a small repository."""

from bridge.storage.errors import DamagedDataError, DataInUseError, NewerDataError, StorageError
from bridge.storage.repository import Repository, open_repository

__all__ = [
    "DamagedDataError",
    "DataInUseError",
    "NewerDataError",
    "Repository",
    "StorageError",
    "open_repository",
]
