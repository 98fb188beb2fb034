"""What writing many records at once needs beyond the one write path: the cycle collector off."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off for the block, then as it was.

    An import or a fill makes millions of small objects (rows, records, snapshots) and keeps
    many of them to the end; the collector would walk that ever-growing heap again and again
    (a fifth of an import's time) for cycles such work hardly makes. Reference counting still
    frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
