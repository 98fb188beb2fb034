"""Benchmark: the main window on a million victims (start, first page, name search, scrolling memory).

    python bench/gui_1m.py [--db PATH] [--victims N] [--repeat R] [--scroll-steps S]

Uses the shared demo database (``common.demo_database``: built once, then reused; minutes for a
million victims) and prints ``name: ours X s, baseline Y s, ratio Z`` lines, each baseline being
the same operation done with plain SQL in the same run:

* ``start``: process start to the unlocked main window shown with the first page of the victims
  list painted, in a fresh process (offscreen Qt, the real Argon2id cost); baseline: a fresh
  process that imports sqlcipher3, unwraps the key the same way (Argon2id + AES-GCM) and runs the
  count and the first-page SQL;
* ``first page``: ``VictimTableModel`` on a fresh connection, its count and the text of every
  visible cell of the first page; baseline: the same count and ``SELECT … ORDER BY sort_name
  LIMIT 200`` on a fresh plain connection;
* ``search``: the same with a name search (``ListFilter(text=…)``); baseline: the count of the FTS
  ``MATCH`` with the same query string and the first page of the victims it finds in name order;
* ``scroll``: peak RSS of a fresh process whose victims table is scrolled from the first row to
  the last; baseline: peak RSS of a fresh process reading every victim row with plain SQL.

The children are this script run with ``--child``; they print one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import DEMO_CACHE, PASSPHRASE, ROOT, demo_database, peak_rss_mib, report

TARGETS = {"start": 1.5, "first page": 0.3, "search": 0.1, "scroll": 400.0}
# A first name as typed (a broad search), a family name in Latin script, a full name (a rare one).
SEARCHES = ("احمد", "khateeb", "محمد الخطيب")
PAGE = 200  # the models' page size, asserted below
SHOWN_COLUMNS = "id, name_ar, name_en, sex, age, status, date_of_death, governorate"
FIRST_PAGE_SQL = (
    f"SELECT {SHOWN_COLUMNS} FROM victims WHERE deleted = 0 ORDER BY sort_name, rowid LIMIT ?"
)
COUNT_SQL = "SELECT count(*) FROM victims WHERE deleted = 0"
SEARCH_COUNT_SQL = "SELECT count(*) FROM victim_search WHERE victim_search MATCH ?"
SEARCH_PAGE_SQL = (
    f"SELECT {SHOWN_COLUMNS} FROM victims WHERE deleted = 0 AND rowid IN "
    "(SELECT rowid FROM victim_search WHERE victim_search MATCH ?) "
    "ORDER BY sort_name, rowid LIMIT ?"
)


def now() -> float:
    # CLOCK_MONOTONIC is one clock for the whole machine on Linux: the parent's reading just
    # before it starts a child and the child's readings can be subtracted.
    return time.monotonic()


# -- plain SQL (the baselines) -------------------------------------------------------------------
def plain_key(path: Path, passphrase: str) -> bytes:
    """The database key unwrapped from the key file with Argon2id + AES-GCM, as the app does."""
    import base64

    from argon2.low_level import Type, hash_secret_raw
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    content = json.loads(Path(f"{path}.key").read_text(encoding="utf-8"))
    wrapping = hash_secret_raw(
        passphrase.encode(),
        base64.b64decode(content["salt"]),
        time_cost=int(content["time_cost"]),
        memory_cost=int(content["memory_kib"]),
        parallelism=int(content["parallelism"]),
        hash_len=32,
        type=Type.ID,
    )
    return AESGCM(wrapping).decrypt(
        base64.b64decode(content["nonce"]),
        base64.b64decode(content["wrapped_key"]),
        str(content["format"]).encode(),
    )


def plain_connect(path: Path, key: bytes) -> Any:
    import sqlcipher3

    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    # The page cache the application asks for: without it warm repeats would not compare.
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def plain_first_page(conn: Any) -> tuple[int, list[tuple[Any, ...]]]:
    total = conn.execute(COUNT_SQL).fetchone()[0]
    return total, conn.execute(FIRST_PAGE_SQL, [PAGE]).fetchall()


def plain_search(conn: Any, match: str) -> tuple[int, list[tuple[Any, ...]]]:
    total = conn.execute(SEARCH_COUNT_SQL, [match]).fetchone()[0]
    return total, conn.execute(SEARCH_PAGE_SQL, [match, PAGE]).fetchall()


# -- the children ----------------------------------------------------------------------------------
def child_start(path: Path, started: float, lang: str) -> dict[str, Any]:
    """The application's own start, from imports to the first paint of the victims list."""
    entered = now()
    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtWidgets import QApplication

    import snhr_desktop.cli  # noqa: F401  (what `python -m snhr_desktop` imports first)
    from snhr_desktop.i18n import LanguageManager
    from snhr_desktop.services import settings
    from snhr_desktop.services.workspace import Workspace
    from snhr_desktop.ui.app import APPLICATION, ORGANIZATION, choose_language, restore_drafts
    from snhr_desktop.ui.main_window import MainWindow

    imported = now()
    app = QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    preferences = settings.load_preferences()
    languages = LanguageManager(app)
    languages.install(app, choose_language(preferences, lang))
    qt_ready = now()
    ws = Workspace.open(path, PASSPHRASE)  # what the unlock dialog does with the typed passphrase
    unlocked = now()
    window = MainWindow(ws, languages, preferences)  # what Startup does once unlocked
    panel = window.show_kind("victim")
    built = now()

    painted: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(now())
            return False

    watch = PaintWatch()
    panel.view.viewport().installEventFilter(watch)
    window.show()
    window.activateWindow()
    window.start_idle_lock()
    restore_drafts(ws, window)
    deadline = now() + 60
    while not painted and now() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    shown = now()  # the paint event has been handled: the first rows are on screen
    return {
        "total": shown - started,
        "interpreter": entered - started,
        "imports": imported - entered,
        "qt": qt_ready - imported,
        "unlock": unlocked - qt_ready,
        "window": built - unlocked,
        "paint": shown - built,
        "painted": bool(painted) and 0 in panel.model.cached_pages,
        "rows": panel.model.rowCount(),
    }


def child_start_sql(path: Path, started: float) -> dict[str, Any]:
    """The baseline start: import sqlcipher3, unwrap the key, count and read the first page."""
    entered = now()
    import sqlcipher3  # noqa: F401
    from argon2.low_level import hash_secret_raw  # noqa: F401
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: F401

    imported = now()
    key = plain_key(path, PASSPHRASE)
    unlocked = now()
    conn = plain_connect(path, key)
    total, rows = plain_first_page(conn)
    shown = now()
    return {
        "total": shown - started,
        "interpreter": entered - started,
        "imports": imported - entered,
        "unlock": unlocked - imported,
        "query": shown - unlocked,
        "rows": total,
        "page": len(rows),
    }


def rss_mib(field: str = "VmRSS") -> float:
    """This process's resident memory in MiB (Linux): current (VmRSS) or peak (VmHWM).

    The peak is read from ``/proc`` rather than ``getrusage``: a child's ``ru_maxrss`` starts at
    its parent's resident size when it was forked (Linux carries it over ``exec``), and the
    parent here holds Qt and a database; ``VmHWM`` counts this program's own memory only.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # kB
    return peak_rss_mib()  # not Linux


def child_scroll(path: Path, steps: int, tail_pages: int) -> dict[str, Any]:
    """The victims table scrolled from the top to the last row; peak and current memory."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from snhr_desktop.services.workspace import Workspace
    from snhr_desktop.ui.record_lists import RecordTableView
    from snhr_desktop.ui.table_models import VictimTableModel

    app = QApplication([sys.argv[0]])
    ws = Workspace.open(path, PASSPHRASE)
    model = VictimTableModel(ws)
    view = RecordTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()

    def settle() -> None:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        view.viewport().repaint()  # paint now: the visible rows are read from the model

    settle()
    before, resident = rss_mib("VmHWM"), rss_mib()
    bar = view.verticalScrollBar()
    slowest = 0.0
    started = now()
    # Like dragging the scroll bar's thumb down to the end: ``steps`` evenly spaced positions.
    for step in range(1, steps + 1):
        moved = now()
        bar.setValue(bar.maximum() * step // steps)
        settle()
        slowest = max(slowest, now() - moved)
    view.scrollToBottom()
    settle()
    # Then page by page over the last pages, up and back down, as with Page Up / Page Down.
    for direction in (-1, 1):
        for _ in range(tail_pages):
            moved = now()
            bar.setValue(bar.value() + direction * bar.pageStep())
            settle()
            slowest = max(slowest, now() - moved)
    last = view.rowAt(view.viewport().height() - 1)
    return {
        "peak": rss_mib("VmHWM"),
        "before_scrolling": before,
        "resident_before": resident,
        "current": rss_mib(),
        "seconds": now() - started,
        "slowest_step": slowest,
        "cached_pages": len(model.cached_pages),
        "last_visible_row": last,
        "rows": model.rowCount(),
    }


def child_scroll_sql(path: Path) -> dict[str, Any]:
    """The baseline: every victim row read in list order with plain SQL, none kept."""
    conn = plain_connect(path, plain_key(path, PASSPHRASE))
    started = now()
    rows = 0
    for _row in conn.execute(FIRST_PAGE_SQL.replace(" LIMIT ?", "")):
        rows += 1
    return {"peak": rss_mib("VmHWM"), "current": rss_mib(), "seconds": now() - started, "rows": rows}


def run_child(mode: str, path: Path, *extra: str) -> dict[str, Any]:
    """Run this script as a child in ``mode``; its JSON result (``started`` is read just before)."""
    with tempfile.TemporaryDirectory(prefix="snhr-bench-home-") as home:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            # Preferences, drafts and logs of the child go to a throwaway folder.
            XDG_CONFIG_HOME=home,
            XDG_DATA_HOME=home,
            XDG_CACHE_HOME=home,
            XDG_STATE_HOME=home,
        )
        started = now()
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--db", str(path),
             "--started", repr(started), *extra],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"child {mode} failed with status {done.returncode}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# -- in this process ---------------------------------------------------------------------------
def shown_cells(model: Any, rows: int) -> int:
    """Read the display text (and alignment, as a view does) of the first ``rows`` rows."""
    from PySide6.QtCore import Qt

    cells = 0
    for row in range(min(rows, model.rowCount())):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            model.data(index, Qt.ItemDataRole.DisplayRole)
            model.data(index, Qt.ItemDataRole.TextAlignmentRole)
            cells += 1
    return cells


def best(values: list[float]) -> float:
    return min(values)


def measure_lists(path: Path, repeat: int) -> dict[str, tuple[float, float, float, float]]:
    """First page and searches: (ours cold, baseline cold, ours warm, baseline warm) seconds.

    Cold: on a connection opened just before (SQLCipher's page cache empty, the file in the
    system's cache); warm: the same again on that connection.
    """
    from snhr_desktop.domain.names import fts_query
    from snhr_desktop.services.browse import ListFilter
    from snhr_desktop.services.workspace import Workspace
    from snhr_desktop.storage import keys
    from snhr_desktop.ui.table_models import VictimTableModel

    assert VictimTableModel.PAGE_SIZE == PAGE, VictimTableModel.PAGE_SIZE
    key = keys.unlock_key(keys.key_file_for(path), PASSPHRASE)
    cases: list[tuple[str, str]] = [("first page", "")] + [(f"search {q!r}", q) for q in SEARCHES]
    results: dict[str, tuple[float, float, float, float]] = {}
    for name, text in cases:
        match = fts_query(text) if text else ""
        timings: dict[str, list[float]] = {"ours": [], "plain": [], "ours warm": [], "plain warm": []}
        counts: set[tuple[str, int]] = set()
        for _ in range(repeat):
            with Workspace.open(path, PASSPHRASE) as ws:  # unlocking is not timed here
                for label in ("ours", "ours warm"):
                    started = now()
                    model = VictimTableModel(ws, list_filter=ListFilter(text=text))
                    shown_cells(model, PAGE)
                    timings[label].append(now() - started)
                    counts.add(("ours", model.rowCount()))
            conn = plain_connect(path, key)
            try:
                for label in ("plain", "plain warm"):
                    started = now()
                    total, _rows = plain_search(conn, match) if text else plain_first_page(conn)
                    timings[label].append(now() - started)
                    counts.add(("plain", total))
            finally:
                conn.close()
        found = dict(counts)
        assert len(counts) == 2 and found["ours"] == found["plain"], counts
        detail = f" (fts: {match})" if match else ""
        print(f"{name}: {found['ours']:,} rows{detail}")
        results[name] = (
            best(timings["ours"]),
            best(timings["plain"]),
            best(timings["ours warm"]),
            best(timings["plain warm"]),
        )
    return results


def measure_last_page(path: Path) -> tuple[float, float]:
    """The last page of the list (the end of a scroll), ours and plain SQL, on a warm connection."""
    from snhr_desktop.services.workspace import Workspace
    from snhr_desktop.storage import keys
    from snhr_desktop.ui.table_models import VictimTableModel

    with Workspace.open(path, PASSPHRASE) as ws:
        model = VictimTableModel(ws)
        shown_cells(model, PAGE)  # warm, as after the first page
        count = model.rowCount()
        started = now()
        model.data(model.index(count - 1, 0))
        ours = now() - started
    conn = plain_connect(path, keys.unlock_key(keys.key_file_for(path), PASSPHRASE))
    try:
        plain_first_page(conn)
        started = now()
        conn.execute(FIRST_PAGE_SQL + " OFFSET ?", [PAGE, (count - 1) // PAGE * PAGE]).fetchall()
        plain = now() - started
    finally:
        conn.close()
    return ours, plain


def verdict(name: str, value: float) -> str:
    target = TARGETS[name]
    return f"{'under' if value < target else 'OVER'} the target of {target:g}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEMO_CACHE, help="the demo database (cached)")
    parser.add_argument("--victims", type=int, default=1_000_000, help="when it must be built")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing (best kept)")
    parser.add_argument("--scroll-steps", type=int, default=100,
                        help="scroll bar positions from the top to the end")
    parser.add_argument("--tail-pages", type=int, default=20,
                        help="pages stepped one at a time at the end, up then down")
    parser.add_argument("--lang", default="ar", help="interface language at start")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        if args.child == "start":
            result = child_start(args.db, args.started, args.lang)
        elif args.child == "start-sql":
            result = child_start_sql(args.db, args.started)
        elif args.child == "scroll":
            result = child_scroll(args.db, args.scroll_steps, args.tail_pages)
        else:
            result = child_scroll_sql(args.db)
        print(json.dumps(result), flush=True)
        os._exit(0)  # the timings are printed; Qt's and SQLite's teardown is not measured

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path = demo_database(args.db, args.victims, PASSPHRASE)
    from PySide6.QtWidgets import QApplication

    from snhr_desktop.i18n import LanguageManager
    from snhr_desktop.services.workspace import Workspace

    app = QApplication([sys.argv[0]])
    LanguageManager(app).install(app, args.lang)
    with Workspace.open(path, PASSPHRASE) as ws:  # applies pending migrations before any timing
        print(f"database: {path} ({path.stat().st_size / 2**30:.2f} GiB), {ws.counts()}")

    # 1. Process start to the first page painted.
    ours_runs = [run_child("start", path, "--lang", args.lang) for _ in range(args.repeat)]
    plain_runs = [run_child("start-sql", path) for _ in range(args.repeat)]
    ours = min(ours_runs, key=lambda r: r["total"])
    plain = min(plain_runs, key=lambda r: r["total"])
    assert all(r["painted"] for r in ours_runs), ours_runs
    report("start (process start to first page painted)", ours["total"], plain["total"])
    print("  ours: " + ", ".join(f"{k} {ours[k]:.3f} s" for k in
                                 ("interpreter", "imports", "qt", "unlock", "window", "paint")))
    print("  plain: " + ", ".join(f"{k} {plain[k]:.3f} s" for k in
                                  ("interpreter", "imports", "unlock", "query")))
    ours_all = ", ".join(f"{r['total']:.3f}" for r in ours_runs)
    plain_all = ", ".join(f"{r['total']:.3f}" for r in plain_runs)
    print(f"  all runs, ours: {ours_all} s; plain: {plain_all} s; "
          f"{verdict('start', ours['total'])} s")

    # 2 and 3. First page and name searches, cold (fresh connection) and warm.
    for name, (cold, plain_cold, warm, plain_warm) in measure_lists(path, args.repeat).items():
        report(f"{name} (fresh connection)", cold, plain_cold)
        report(f"{name} (again, warm)", warm, plain_warm)
        print(f"  {verdict('first page' if name == 'first page' else 'search', cold)} s")
    last, plain_last = measure_last_page(path)
    report("last page (jump to the end, warm)", last, plain_last)

    # 4. Peak memory while scrolling to the end.
    scrolled = run_child("scroll", path, "--scroll-steps", str(args.scroll_steps),
                         "--tail-pages", str(args.tail_pages))
    read_all = run_child("scroll-sql", path)
    assert scrolled["last_visible_row"] == scrolled["rows"] - 1, scrolled
    print(f"scroll peak RSS: ours {scrolled['peak']:.0f} MiB, baseline {read_all['peak']:.0f} MiB, "
          f"ratio {scrolled['peak'] / read_all['peak']:.3g}; {verdict('scroll', scrolled['peak'])} "
          "MiB")
    print(f"  ours: {scrolled['before_scrolling']:.0f} MiB peak before scrolling (the Argon2id "
          f"unlock included), {scrolled['resident_before']:.0f} MiB resident then, "
          f"{scrolled['current']:.0f} MiB at the end, {scrolled['cached_pages']} pages cached, "
          f"{args.scroll_steps} positions + {2 * args.tail_pages} page steps in "
          f"{scrolled['seconds']:.1f} s (slowest step {scrolled['slowest_step']:.3f} s)")
    print(f"  plain: {read_all['rows']:,} rows read in {read_all['seconds']:.1f} s, "
          f"{read_all['current']:.0f} MiB at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
