"""A second app process for the lock tests: opens the data and keeps it open.

Run as ``python -m tests.storage.lock_holder FOLDER PASSCODE`` from the project root.
It prints "open" once the data is open (the lock held), then for each line
"save <id>" on stdin saves a record and prints "ack <id>" after the save returned.
At the end of stdin it closes the data and exits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bridge.storage.holder import DataHolder
from tests.storage.helpers import FAST


def main() -> None:
    folder, passcode = Path(sys.argv[1]), sys.argv[2]
    holder = DataHolder(folder, params=FAST)
    repo = holder.unlock(passcode)
    print("open", flush=True)
    for line in sys.stdin:
        record_id = line.split()[1]
        repo.put_record("notes", record_id, {"schema": 1, "text": record_id})
        print(f"ack {record_id}", flush=True)
    holder.close()


if __name__ == "__main__":
    main()
