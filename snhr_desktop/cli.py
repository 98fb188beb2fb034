"""The ``snhr-desktop`` command: the GUI with no subcommand, scriptable subcommands otherwise.

Subcommands use the same services as the GUI. The passphrase is read from ``SNHR_PASSPHRASE``
when set (for scripts), otherwise asked at a prompt. Messages follow ``--lang``, ``SNHR_LANG``
or the system locale (Arabic or English).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from snhr_desktop.domain.fields import RecordInvalid
from snhr_desktop.domain.messages import Message, UserError
from snhr_desktop.paths import default_database_path
from snhr_desktop.services.workspace import Workspace

EXIT_OK, EXIT_USER_ERROR, EXIT_BUG = 0, 1, 70


def detect_language(explicit: str | None = None) -> str:
    candidates = [explicit, os.environ.get("SNHR_LANG")]
    candidates += [os.environ.get(v) for v in ("LC_ALL", "LC_MESSAGES", "LANG")]
    for value in candidates:
        if value:
            return "ar" if value.lower().startswith("ar") else "en"
    return "en"


class Console:
    """Prints messages in the chosen language; reads passphrases from the environment or a prompt."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def say(self, code: str, **args: object) -> None:
        print(Message.of(code, **args).render(self.lang))

    def text(self, code: str, **args: object) -> str:
        return Message.of(code, **args).render(self.lang)

    def error(self, text: str) -> None:
        print(text, file=sys.stderr)

    def passphrase(
        self,
        variable: str = "SNHR_PASSPHRASE",
        *,
        confirm: bool = False,
        prompt: str = "cli_passphrase_prompt",
    ) -> str:
        value = os.environ.get(variable)
        if value is not None:
            return value
        if not sys.stdin.isatty():
            raise UserError.of("cli_no_terminal")
        first = getpass.getpass(self.text(prompt))
        if confirm and getpass.getpass(self.text("cli_repeat_prompt")) != first:
            raise UserError.of("passphrases_differ")
        return first


def _progress(console: Console) -> Callable[[int, int], None]:
    """A terminal progress line on stderr, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return lambda done, total: None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end="", file=sys.stderr)
        if done >= total:
            print(file=sys.stderr)

    return show


def _open(args: argparse.Namespace, console: Console) -> Workspace:
    return Workspace.open(Path(args.db), console.passphrase())


def cmd_init(args: argparse.Namespace, console: Console) -> int:
    path = Path(args.db)
    researcher = args.researcher or os.environ.get("SNHR_RESEARCHER")
    if not researcher:
        if not sys.stdin.isatty():
            raise UserError.of("required")
        researcher = input(console.text("cli_researcher_prompt"))
    passphrase = console.passphrase(confirm=True)
    with Workspace.create(path, passphrase, researcher) as ws:
        console.say("cli_created", path=str(path), researcher=ws.researcher, device=ws.device_id)
    return EXIT_OK


def cmd_change_passphrase(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.storage.database import change_passphrase

    old = console.passphrase()
    new = console.passphrase(
        "SNHR_NEW_PASSPHRASE", confirm=True, prompt="cli_new_passphrase_prompt"
    )
    change_passphrase(Path(args.db), old, new)
    console.say("cli_passphrase_changed")
    return EXIT_OK


def cmd_history(args: argparse.Namespace, console: Console) -> int:
    with _open(args, console) as ws:
        entries = ws.history(args.record_id)
        if not entries:
            raise UserError.of("cli_no_history", value=args.record_id)
        if args.json:
            print(
                json.dumps(
                    [
                        {
                            "op_id": e.operation.op_id,
                            "action": e.operation.action,
                            "author": e.operation.author,
                            "time": e.operation.timestamp.isoformat(timespec="seconds"),
                            "hlc": e.operation.hlc,
                            "parents": list(e.operation.parents),
                            "changes": {k: [old, new] for k, (old, new) in e.changes.items()},
                        }
                        for e in entries
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return EXIT_OK
        for entry in entries:
            op = entry.operation
            when = op.timestamp.strftime("%Y-%m-%d %H:%M:%S UTC")
            action = console.text(f"action_{op.action}")
            print(f"{when}  {op.author}  {action}  [{op.op_id}]")
            for name, (old, new) in entry.changes.items():
                print(f"    {name}: {'' if old is None else old} → {'' if new is None else new}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, console: Console) -> int:
    with _open(args, console) as ws:
        problems = ws.check()
        if problems:
            console.say("cli_check_failed")
            for problem in problems:
                print(f"  - {problem}")
            return EXIT_USER_ERROR
        counts = ws.counts()
        console.say(
            "cli_check_ok",
            incidents=counts["incident"],
            victims=counts["victim"],
            facility_attacks=counts["facility_attack"],
            operations=ws.store.operation_count(),
        )
    return EXIT_OK


def cmd_import(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.spreadsheet import import_spreadsheet

    with _open(args, console) as ws:
        report = import_spreadsheet(
            ws,
            Path(args.source),
            keep_valid=args.keep_valid,
            rejects=Path(args.rejects) if args.rejects else None,
            progress=_progress(console),
        )
        print(report.render(console.lang))
        return EXIT_OK if report.ok else EXIT_USER_ERROR


def cmd_export(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.spreadsheet import export_spreadsheet

    with _open(args, console) as ws:
        report = export_spreadsheet(ws, Path(args.target), progress=_progress(console))
        print(report.render(console.lang))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.demo import fill_demo

    with _open(args, console) as ws:
        report = fill_demo(ws, victims=args.victims, seed=args.seed, progress=_progress(console))
        print(report.render(console.lang))
    return EXIT_OK


def cmd_gui(args: argparse.Namespace, console: Console) -> int:
    try:
        from snhr_desktop.ui.app import run
    except ImportError as error:
        raise UserError.of("cli_gui_missing", detail=str(error)) from None
    return int(run(Path(args.db), lang=args.lang))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="snhr-desktop",
        description="SNHR Desktop: document incidents, victims and attacks on vital facilities.",
    )
    parser.add_argument(
        "--db", default=str(default_database_path()), help="database file (default: %(default)s)"
    )
    parser.add_argument(
        "--lang",
        choices=("ar", "en"),
        default=None,
        help="language of messages (default: SNHR_LANG or the system locale)",
    )
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="create a new encrypted database")
    p.add_argument("--researcher", help="the researcher's name (else SNHR_RESEARCHER or a prompt)")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser(
        "change-passphrase",
        help="change the passphrase (new one from SNHR_NEW_PASSPHRASE or a prompt)",
    )
    p.set_defaults(handler=cmd_change_passphrase)

    p = sub.add_parser("history", help="who changed a record, what and when")
    p.add_argument("record_id")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("check", help="check the database's integrity")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("import", help="import an .xlsx workbook or a folder of .csv files")
    p.add_argument("source")
    p.add_argument(
        "--keep-valid",
        action="store_true",
        help="import the valid rows even when others are invalid",
    )
    p.add_argument(
        "--rejects", help="with --keep-valid: write rejected rows to this .xlsx or folder"
    )
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", help="export to an .xlsx workbook or a folder of .csv files")
    p.add_argument("target", help="FILE.xlsx, or a folder for incidents.csv, victims.csv, ...")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("demo", help="fill the database with realistic synthetic records")
    p.add_argument("--victims", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    console = Console(detect_language(args.lang))
    try:
        return int(args.handler(args, console))
    except UserError as error:
        console.error(error.render(console.lang))
        return EXIT_USER_ERROR
    except RecordInvalid as error:
        console.error(error.render(console.lang))
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        console.error(console.text("interrupted"))
        return EXIT_USER_ERROR
    except Exception as error:
        if os.environ.get("SNHR_DEBUG"):
            raise
        console.error(console.text("cli_unexpected", detail=type(error).__name__))
        return EXIT_BUG
