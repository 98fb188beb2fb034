"""Helpers shared by the benchmarks: timing, peak memory, progress and the ratio line."""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python bench/x.py` from a checkout without installing
    sys.path.insert(0, str(ROOT))

T = TypeVar("T")

PASSPHRASE = "benchmark passphrase"


def timed(function: Callable[[], T]) -> tuple[T, float]:
    """The result of ``function()`` and the wall-clock seconds it took."""
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def timed_with_cpu(function: Callable[[], T]) -> tuple[T, float, float]:
    """The result of ``function()``, the wall-clock seconds it took and the CPU seconds the whole
    process spent meanwhile (all threads: more than the wall clock when work overlaps)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - started, time.process_time() - cpu


def best_of(function: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs, in seconds (for short operations such as opening)."""
    return min(timed(function)[1] for _ in range(repeat))


def peak_rss_mib() -> float:
    """The process's peak resident memory so far, in MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def traced_peak_mib(function: Callable[[], T]) -> tuple[T, float]:
    """The result of ``function()`` and the peak Python heap it allocated, in MiB.

    tracemalloc slows Python code several times over: use it for memory, never with timings.
    """
    tracemalloc.start()
    try:
        result = function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak / (1024 * 1024)


def files_mib(*paths: Path) -> float:
    """Total size of those of ``paths`` that exist, in MiB."""
    return sum(p.stat().st_size for p in paths if p.exists()) / (1024 * 1024)


def progress_line(label: str) -> Callable[[int, int], None]:
    """A progress callback that rewrites one line on stderr."""
    started = time.perf_counter()

    def show(done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        print(f"\r{label}: {done}/{total} ({elapsed:.0f} s)", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

    return show


def report(name: str, ours: float, baseline: float) -> float:
    """Print ``name: ours X s, baseline Y s, ratio Z`` and return the ratio."""
    ratio = ours / baseline if baseline > 0 else float("inf")
    print(f"{name}: ours {ours:.4g} s, baseline {baseline:.4g} s, ratio {ratio:.3g}")
    return ratio


DEMO_CACHE = ROOT / "bench" / "out" / "demo_1m.db"


def demo_database(
    path: Path = DEMO_CACHE, victims: int = 1_000_000, passphrase: str = PASSPHRASE
) -> Path:
    """``path``, a demo database of ``victims`` victims (seed 1, real Argon2id cost), built once.

    Benchmarks that only read share it: the first to need it builds it (minutes for a million
    victims) under a temporary name and renames it with its key file when the fill is complete,
    so an interrupted build leaves nothing that looks finished. A lock file next to it makes a
    second benchmark started meanwhile wait for the first instead of building its own. An existing
    file is reused as it is, whatever its size: delete it (and its ``.key``) to rebuild.
    """
    import fcntl

    from snhr_desktop.services.demo import fill_demo
    from snhr_desktop.services.workspace import Workspace
    from snhr_desktop.storage import keys

    if path.exists() and keys.key_file_for(path).exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another benchmark may be building it right now
        if path.exists() and keys.key_file_for(path).exists():
            return path
        building = path.with_name(path.name + ".building")
        for leftover in (building, keys.key_file_for(building),
                         Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
        ws = Workspace.create(building, passphrase, "Benchmark")
        try:
            fill_demo(ws, victims, 1, progress=progress_line(f"building {path.name}"))
            ws.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            ws.close()
        keys.key_file_for(building).replace(keys.key_file_for(path))
        building.replace(path)
    return path
