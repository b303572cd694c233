"""The writer for the crash test: saves records until it is killed.

Run as ``python -m tests.storage.crash_writer FOLDER PASSCODE`` from the project root.
Starting Python and importing takes ~160 ms, longer than a whole round of the test,
so this process imports once and then *forks* one writer per round (a zygote).

Lines, one per message (stdin from the test, stdout to it):

    test   -> "go <round>"           fork a writer for this round
    zygote -> "pid <round> <pid>"    the writer's process id: the test kills it (SIGKILL)
    writer -> "ack <round> <id>"     written only after the save of record <id> returned
    zygote -> "done <round> <status>"  the writer is dead (waitpid status)

Every line goes out with one unbuffered os.write, so nothing is held in a buffer when
the writer is killed and no line is duplicated by fork.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from bridge.storage.encrypted import unlock
from bridge.storage.repository import open_repository

#: A word the test looks for in every file afterwards: it must never be on disk in plain.
WORD = "Kraaknet-geheim-woord"


def _say(line: str) -> None:
    os.write(1, (line + "\n").encode("ascii"))


def writer(folder: Path, passcode: str, round_no: int) -> None:
    repo = open_repository(folder, unlock(folder, passcode))
    n = 0
    while True:
        record_id = f"{round_no}-{n}"
        repo.put_record("crash", record_id, {"schema": 1, "round": round_no, "note": WORD})
        _say(f"ack {round_no} {record_id}")
        n += 1


def main() -> None:
    folder, passcode = Path(sys.argv[1]), sys.argv[2]
    _say("ready")
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        round_no = int(line.split()[1])
        pid = os.fork()
        if pid == 0:
            try:
                writer(folder, passcode, round_no)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)  # only reached when the writer failed before being killed
        _say(f"pid {round_no} {pid}")
        _, status = os.waitpid(pid, 0)
        _say(f"done {round_no} {status}")


if __name__ == "__main__":
    main()
