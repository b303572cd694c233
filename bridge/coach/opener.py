"""Opening a big batch of summaries on the computer's other cores, ahead of filing them.

Decrypting, checking the signature and checking the payload (``open_summary``) is about
two thirds of an import and needs nothing but the summary and the coach's key, so a
batch of hundreds of summaries (a coach moving years of them to a new laptop) opens them
in worker processes while the store files them one by one in its one writer.

A worker runs the very checks of a single import and hands back only what the store
files (a :class:`~bridge.coach.filing.Filing`: plain values, cheap to send), so the
store does not parse and check the payload a second time. A summary a worker could not
open (any error), an old version 1 summary, or a pool that broke, is opened again in
the store the usual way, so its verdict and its message are exactly those of a single
import.

Worker processes get the coach's key once, when they start, and live as long as the open
store (closed with it: locking the app ends them). Where a Python cannot start worker
processes (a phone, a packed desktop app, one core), nothing changes: every summary is
opened in the store.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from bridge.coach.filing import Filing, filing_of
from bridge.crypto import X25519Identity
from bridge.sharing.envelope import open_summary
from bridge.sharing.errors import SummaryError

__all__ = ["PARALLEL_FROM", "Ahead", "Opener", "parallel_possible"]

#: A batch smaller than this is opened in the store: starting workers costs about a second.
PARALLEL_FROM = 100
#: At most this many worker processes (each holds Python and `cryptography`, about 40 MB).
MAX_WORKERS = 4
#: Summaries opened ahead of the store at most (each opened one holds about 300 KB).
LOOKAHEAD = 64


def parallel_possible() -> bool:
    """Whether this Python can start worker processes of itself."""
    if sys.platform in ("android", "ios", "emscripten", "wasi") or hasattr(
        sys, "getandroidapilevel"
    ):
        return False
    if getattr(sys, "frozen", False) or not Path(sys.executable or "").is_file():
        return False
    if os.environ.get("BRIDGE_OPEN_IN_PARALLEL", "1") == "0":
        return False
    return (os.cpu_count() or 1) >= 2


_IDENTITY: X25519Identity | None = None


def _start_worker(secret: str) -> None:
    global _IDENTITY
    _IDENTITY = X25519Identity.parse(secret)


def _open_in_worker(data: bytes | str) -> Filing | None:
    """Runs in a worker: what the store files of it, or None (the store opens it again)."""
    if _IDENTITY is None:
        return None
    try:
        opened = open_summary(data, _IDENTITY)
    except (SummaryError, ValueError, RecursionError):
        return None
    if opened.envelope_version < 2 or not opened.payload_json:
        return None
    return filing_of(opened)


class Opener:
    """Worker processes that open summaries for one open store."""

    def __init__(self, identity: X25519Identity, workers: int | None = None) -> None:
        count = workers or min(MAX_WORKERS, os.cpu_count() or 1)
        self.workers = count
        self.from_workers = 0  # summaries the workers opened (the rest: opened in the store)
        self.taken_ahead = 0  # of them, begun before the store asked (see expect)
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=count,
            mp_context=multiprocessing.get_context("spawn"),  # never fork a threaded server
            initializer=_start_worker,
            initargs=(identity.to_string(),),
        )
        self._queue_lock = threading.RLock()
        self._expected: deque[bytes | str] = deque()  # told of, not yet given to a worker
        self._ahead: deque[tuple[bytes | str, Future[Filing | None]]] = deque()  # being opened

    @property
    def working(self) -> bool:
        return self._pool is not None

    def expect(self, items: Sequence[bytes | str]) -> None:
        """The data of a batch about to be imported, in order: opened ahead of the store.

        At most :data:`LOOKAHEAD` are opened ahead at a time, so the workers are busy
        while the store files and writes, across the chunks it is given, without holding
        a whole big batch's opened summaries in memory.
        """
        with self._queue_lock:
            self._drop_ahead()
            self._expected = deque(items)
            self._top_up()

    def _drop_ahead(self) -> None:
        for _, future in self._ahead:
            future.cancel()
        self._ahead.clear()
        self._expected.clear()

    def _top_up(self) -> None:
        """Keeps up to LOOKAHEAD being opened; a pool that broke is let go (opened in the store)."""
        try:
            while self._pool is not None and self._expected and len(self._ahead) < LOOKAHEAD:
                data = self._expected.popleft()
                self._ahead.append((data, self._pool.submit(_open_in_worker, data)))
        except (BrokenProcessPool, RuntimeError, OSError):
            self.close()

    def expects(self, data: bytes | str) -> bool:
        """Whether ``data`` is the next item of the batch this opener was told of."""
        with self._queue_lock:
            head = self._ahead[0][0] if self._ahead else None
            return head is data

    def submit(self, items: list[bytes | str]) -> list[Future[Filing | None]] | None:
        """A future per item, in order; None when the pool cannot take work (open them here).

        Items of the batch given to :meth:`expect` (the same objects, in the same order)
        take what is being opened ahead; any other item drops what was ahead."""
        try:
            with self._queue_lock:
                futures: list[Future[Filing | None]] = []
                for data in items:
                    pool = self._pool
                    if pool is None:  # it broke (maybe while topping up): open them here
                        return None
                    if self._ahead and self._ahead[0][0] is data:
                        futures.append(self._ahead.popleft()[1])
                        self.taken_ahead += 1
                        self._top_up()
                        continue
                    if self._ahead or self._expected:
                        self._drop_ahead()  # not the batch expected: open as given
                    futures.append(pool.submit(_open_in_worker, data))
                return futures
        except (BrokenProcessPool, RuntimeError, OSError):
            self.close()
            return None

    def result(self, future: Future[Filing | None]) -> Filing | None:
        """What to file, or None: open it in the store (a failure, or the pool broke)."""
        try:
            found = future.result()
        except (BrokenProcessPool, OSError, RuntimeError):
            self.close()
            return None
        except Exception:  # an error the worker did not catch: the store's own open tells it
            return None
        if isinstance(found, Filing):
            self.from_workers += 1
            return found
        return None

    def close(self) -> None:
        pool, self._pool = self._pool, None
        with self._queue_lock:
            self._drop_ahead()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


class Ahead:
    """The store's workers: made when a big batch is coming, ended after it or at lock."""

    def __init__(
        self, identity: Callable[[], X25519Identity], threshold: int = PARALLEL_FROM
    ) -> None:
        self._identity = identity
        self._threshold = threshold
        self._lock = threading.Lock()
        self._opener: Opener | None = None

    def prepare(self, items: Sequence[bytes | str]) -> None:
        """A batch is coming (its data, in order): start workers if it is worth it, and open
        it ahead. The same batch told again, or a part of it that comes next, is left as it is
        (the import screen tells the whole batch, then gives the store a chunk at a time)."""
        with self._lock:
            if self._opener is None and len(items) >= self._threshold and parallel_possible():
                try:
                    self._opener = Opener(self._identity())
                except (OSError, RuntimeError, ValueError, ImportError):
                    self._opener = None  # opened in the store, as for a small batch
            opener = self._opener
        if opener is not None and items and not opener.expects(items[0]):
            opener.expect(items)

    @property
    def opener(self) -> Opener | None:
        with self._lock:
            return self._opener if self._opener is not None and self._opener.working else None

    def close(self) -> None:
        with self._lock:
            opener, self._opener = self._opener, None
        if opener is not None:
            opener.close()
