"""Where the client's data is kept: an atomic file under TinyDB, behind a small repository.

The package itself exports only the errors, so that a module which needs an error (the sharing
records, for one) does not pull the repository in and close an import cycle through the record
registry (`bridge.storage.record_kinds`). Import `bridge.storage.repository` for the rest.
"""

from bridge.storage.errors import DamagedDataError, DataInUseError, NewerDataError, StorageError

__all__ = [
    "DamagedDataError",
    "DataInUseError",
    "NewerDataError",
    "StorageError",
]
