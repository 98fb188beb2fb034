"""Pure work on the second core: pieces of a stream checked in a worker process, used in order.

A large import spends as much time validating what it reads as writing it, and both are Python
holding the GIL, so a thread would not help: a process does. The worker only computes (it never
touches the database) and the caller consumes its results strictly in the order the pieces were
handed in, so what is written, and which problem is reported first, is exactly what the same
work done in the caller's thread gives.

The worker is started on demand (a fresh interpreter, never a fork of a process that holds a
database connection and GUI threads); until it is up, and if it cannot be started or dies, the
pieces are processed in the caller's thread instead.
"""

from __future__ import annotations

import contextlib
import importlib
import marshal
import multiprocessing
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# Memory stays bounded: at most IN_FLIGHT pieces in the worker (enough to keep it busy while
# the caller writes a batch), and at most AHEAD more done here, waiting for their turn.
IN_FLIGHT = 16
AHEAD = 4


def _ready(module: str) -> bool:
    """The worker's first job: import what the real jobs need while the caller starts alone."""
    importlib.import_module(module)
    return True


def _packed(fn: Callable[..., Any], args: tuple[Any, ...]) -> bytes:
    # Results are plain data (the same interpreter reads them back: marshal is the quickest)
    # and travel as one string of bytes, read by the caller when it consumes them: what waits
    # in the queue stays compact, and the executor's own thread does not hold the GIL for it.
    return marshal.dumps(fn(*args))


class Offload:
    """One worker process for pure functions, shared by the streams of one task.

    The functions' results must be plain data: text, bytes, numbers, None, and tuples, lists and
    dicts of them.
    """

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._warm: Future[bool] | None = None
        self.broken = False

    def start(self, module: str) -> None:
        """Start the worker (once), importing ``module`` in it."""
        if self._pool is not None or self.broken:
            return
        try:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self._warm = self._pool.submit(_ready, module)
        except (OSError, RuntimeError, NotImplementedError):  # no processes here: work alone
            self.broken = True

    def wait_ready(self) -> bool:
        """Wait until the worker is up (or failed to start); whether it is."""
        if self._warm is not None:
            with contextlib.suppress(Exception):
                self._warm.result()
        return self.ready

    @property
    def ready(self) -> bool:
        warm = self._warm
        return (
            not self.broken
            and warm is not None
            and warm.done()
            and not warm.cancelled()
            and warm.exception() is None
        )

    def submit(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> Future[bytes] | None:
        """``fn(*args)`` in the worker, or None when the caller must do it itself."""
        if self._pool is None or not self.ready:
            return None
        try:
            return self._pool.submit(_packed, fn, args)
        except (BrokenProcessPool, RuntimeError):
            self.broken = True
            return None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class OrderedWork(Generic[T]):
    """Pieces of one stream through ``fn``, each result handed to ``use`` in the pieces' order.

    A piece goes to the worker while fewer than ``limit`` are there; otherwise (no worker yet, or
    it is behind) the caller does it at once rather than wait, so both cores keep busy. At most
    ``limit + AHEAD`` results wait to be used, so memory stays bounded. ``use`` runs in the caller's
    thread, from :meth:`put` (for results already there) and :meth:`drain`; an exception from
    ``fn`` is raised in its piece's turn, and an exception from either stops the stream there
    (what is still pending is dropped with this object).
    """

    def __init__(
        self,
        offload: Offload | None,
        fn: Callable[..., T],
        use: Callable[[T], None],
        limit: int | None = None,
    ) -> None:
        self._offload = offload
        self._fn = fn
        self._use = use
        self._limit = IN_FLIGHT if limit is None else limit
        # Per piece: its arguments, and the worker's job or the outcome computed here.
        self._pending: deque[tuple[tuple[Any, ...], Future[bytes] | None, _Outcome]] = deque()
        self._in_worker = 0

    def put(self, *args: Any) -> None:
        job = None
        if self._offload is not None and self._in_worker < self._limit:
            job = self._offload.submit(self._fn, args)
        if job is None:
            self._pending.append((args, None, self._here(args)))
        else:
            self._pending.append((args, job, None))
            self._in_worker += 1
        self._consume(keep=self._limit + AHEAD)

    def drain(self) -> None:
        self._consume(keep=0)

    def _consume(self, keep: int) -> None:
        """Use the results at the head that are there; wait for the worker while more than
        ``keep`` pieces are pending."""
        pending = self._pending
        while pending:
            args, job, outcome = pending[0]
            if job is not None:
                if not job.done() and len(pending) <= keep:
                    return
                outcome = self._from_worker(job, args)
                self._in_worker -= 1
            pending.popleft()
            assert outcome is not None
            done, value = outcome
            if not done:
                raise value
            self._use(value)

    def _here(self, args: tuple[Any, ...]) -> _Outcome:
        try:
            return True, self._fn(*args)
        except Exception as error:  # raised in its turn
            return False, error

    def _from_worker(self, job: Future[bytes], args: tuple[Any, ...]) -> _Outcome:
        try:
            data = job.result()
        except BrokenProcessPool:  # the worker died (killed, out of memory): do it here
            if self._offload is not None:
                self._offload.broken = True
            return self._here(args)
        except Exception as error:
            return False, error
        return True, marshal.loads(data)


_Outcome = tuple[bool, Any] | None  # (True, result) or (False, the exception); None: in the worker
