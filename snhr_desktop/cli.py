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
from typing import Any

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
        if args.repair:
            relinked, tallies = ws.repair()
            console.say("cli_repaired", links=relinked, tallies=tallies)
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


def _summary(args: argparse.Namespace, console: Console) -> Any:
    """The summary for the filters given on the command line (shared by summary and sheet)."""
    from snhr_desktop.services.summary import SummaryFilters, summarise

    filters = SummaryFilters.from_text(
        args.perpetrator, args.date_from, args.date_to, args.governorate, args.since
    )
    with _open(args, console) as ws:
        return summarise(ws, filters)


def cmd_summary(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.headline import headline, summary_report

    summary = _summary(args, console)
    if args.json:
        data = summary.to_json()
        data["headline"] = {lang: headline(summary, lang) for lang in ("ar", "en")}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(summary_report(summary, console.lang))
    return EXIT_OK


def cmd_sheet(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.ui.sheet import write_sheet

    summary = _summary(args, console)
    pages = write_sheet(summary, Path(args.out), args.sheet_lang or console.lang)
    console.say("summary_sheet_written", path=args.out, pages=pages)
    return EXIT_OK


def cmd_gui(args: argparse.Namespace, console: Console) -> int:
    try:
        from snhr_desktop.ui.app import run
    except ImportError as error:
        raise UserError.of("cli_gui_missing", detail=str(error)) from None
    return int(run(Path(args.db), lang=args.lang))


# -- sync: keys, bundles, conflicts (services/keyring.py, bundles.py, conflicts.py) --------------


def cmd_keys_create(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.keyring import Keyring, Recipient

    with _open(args, console) as ws:
        keyring = Keyring(ws.store)
        with ws.store.transaction():
            _, created = keyring.ensure_signing_key()
            recipient = keyring.create_identity() if args.coordinator else None
        signer = keyring.own_signer()
        assert signer is not None
        console.say(
            "keys_signing_created" if created else "keys_signing_exists",
            device=ws.device_id, fingerprint=signer.fingerprint,
        )
        if recipient is not None:
            console.say("keys_identity_created", recipient=recipient,
                        fingerprint=Recipient(recipient, "").fingerprint)
    return EXIT_OK


def cmd_keys_show(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.keyring import Keyring, Recipient

    with _open(args, console) as ws:
        keyring = Keyring(ws.store)
        signer = keyring.own_signer()
        own = [Recipient(r, ws.researcher) for r in keyring.own_recipients()]
        recipients, trusted = keyring.recipients(), keyring.trusted()
        if args.json:
            print(json.dumps({
                "device_id": ws.device_id,
                "researcher": ws.researcher,
                "signing_key": None if signer is None else
                {"key": signer.text, "fingerprint": signer.fingerprint},
                "identities": [{"recipient": r.recipient, "fingerprint": r.fingerprint} for r in own],
                "recipients": [{"name": r.name, "recipient": r.recipient,
                                "fingerprint": r.fingerprint} for r in recipients],
                "trusted": [{"name": k.name, "device_id": k.device_id, "key": k.text,
                             "fingerprint": k.fingerprint} for k in trusted],
            }, ensure_ascii=False, indent=2))
            return EXIT_OK
        console.say("keys_show_device", device=ws.device_id, researcher=ws.researcher)
        if signer is None:
            console.say("keys_show_no_signing")
        else:
            console.say("keys_show_signing", fingerprint=signer.fingerprint)
        sections = (
            ("keys_show_identities", [(r.name, r.recipient, r.fingerprint) for r in own]),
            ("keys_show_recipients", [(r.name, r.recipient, r.fingerprint) for r in recipients]),
            ("keys_show_trusted", [(k.name, k.device_id, k.fingerprint) for k in trusted]),
        )
        for title, lines in sections:
            console.say(title)
            for name, detail, fingerprint in lines:
                console.say("keys_fingerprint_line", name=name, detail=detail,
                            fingerprint=fingerprint)
            if not lines:
                console.say("keys_show_none")
    return EXIT_OK


def cmd_keys_export(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.keyring import (
        Keyring,
        Recipient,
        identity_file,
        recipients_file,
        signer_file,
        write_key_file,
    )

    target = Path(args.file)
    with _open(args, console) as ws:
        keyring = Keyring(ws.store)
        if args.identity or args.recipient:
            secrets = keyring.identity_secrets()
            if not secrets:
                raise UserError.of("bundle_no_identity")
            if args.identity:
                write_key_file(target, "".join(identity_file(s) for s in secrets), secret=True)
                console.say("keys_secret_written", path=str(target))
                return EXIT_OK
            own = [Recipient(r, ws.researcher) for r in keyring.own_recipients()]
            write_key_file(target, recipients_file(own))
            for r in own:
                console.say("keys_fingerprint_line", name=r.name, detail=r.recipient,
                            fingerprint=r.fingerprint)
        else:
            with ws.store.transaction():
                keyring.ensure_signing_key()
            signer = keyring.own_signer()
            assert signer is not None
            write_key_file(target, signer_file(signer))
            console.say("keys_fingerprint_line", name=signer.name, detail=signer.device_id,
                        fingerprint=signer.fingerprint)
        console.say("keys_written", path=str(target))
    return EXIT_OK


def cmd_keys_import(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.keyring import Keyring, read_key_file

    found = read_key_file(Path(args.file))
    if not (found.recipients or found.identities):
        raise UserError.of("keys_is_signing_key", path=args.file)
    with _open(args, console) as ws:
        keyring = Keyring(ws.store)
        with ws.store.transaction():
            added = [keyring.add_recipient(r.recipient, args.name or r.name)[0]
                     for r in found.recipients]
            identities = [keyring.add_identity(secret)[0] for secret in found.identities]
        for recipient in added:
            console.say("keys_recipient_added", name=recipient.name,
                        fingerprint=recipient.fingerprint)
        for text in identities:
            console.say("keys_identity_added", recipient=text)
    return EXIT_OK


def cmd_keys_trust(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.keyring import Keyring, read_key_file

    signers = read_key_file(Path(args.file)).signers
    if not signers:
        raise UserError.of("keys_is_not_signing_key", path=args.file)
    key = signers[0]
    details = {"name": key.name, "device": key.device_id, "fingerprint": key.fingerprint}
    if args.fingerprint is not None:
        if "".join(args.fingerprint.split()) != "".join(key.fingerprint.split()):
            raise UserError.of("keys_trust_fingerprint_differs", fingerprint=key.fingerprint)
    elif not args.yes:
        if not sys.stdin.isatty():
            raise UserError.of("keys_trust_needs_yes", fingerprint=key.fingerprint)
        answer = input(console.text("keys_trust_question", **details)).strip().lower()
        if answer not in ("y", "yes", "ن", "نعم"):
            console.say("keys_trust_declined")
            return EXIT_USER_ERROR
    with _open(args, console) as ws:
        keyring = Keyring(ws.store)
        with ws.store.transaction():
            added = keyring.trust(key)
        console.say("keys_trusted" if added else "keys_already_trusted", **details)
    return EXIT_OK


def cmd_bundle_export(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.bundles import export_bundle

    with _open(args, console) as ws:
        report = export_bundle(
            ws, Path(args.out), to=args.to, full=args.full, progress=_progress(console)
        )
        print(report.render(console.lang))
    return EXIT_OK


def cmd_bundle_import(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.bundles import import_bundles

    with _open(args, console) as ws:
        report = import_bundles(ws, [Path(f) for f in args.files], progress=_progress(console))
        if args.json:
            print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            print(report.render(console.lang))
    return EXIT_OK if report.ok else EXIT_USER_ERROR


def _conflict_value(console: Console, field: str, value: object) -> str:
    if field == "deleted":
        return console.text("conflict_value_deleted" if value else "conflict_value_kept")
    if value is None or value == "":
        return console.text("conflict_value_empty")
    return str(value)


def cmd_conflicts_list(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.domain.operation import Operation
    from snhr_desktop.services.conflicts import list_conflicts

    with _open(args, console) as ws:
        records = list_conflicts(ws, args.record_id)
    if args.json:
        print(json.dumps([r.as_json() for r in records], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not records:
        console.say("conflicts_none")
    for record in records:
        console.say("conflicts_record", kind=record.kind, record_id=record.record_id,
                    label=record.label)
        for dispute in record.disputes:
            console.say("conflicts_field", field=dispute.field,
                        reason=console.text(f"conflict_reason_{dispute.reason}"))
            if dispute.base is not None and dispute.field != "deleted":
                console.say("conflicts_before",
                            value=_conflict_value(console, dispute.field, dispute.base))
            for side in dispute.sides:
                when = Operation(side.op_id, side.device_id, 0, "", "", "", "", side.hlc, (), {})
                console.say(
                    "conflicts_side", number=side.number,
                    value=_conflict_value(console, dispute.field, side.value), author=side.author,
                    device=side.device_id, time=when.timestamp.strftime("%Y-%m-%d %H:%M UTC"),
                    shown=console.text("conflicts_shown") if side.shown else "",
                )
    return EXIT_OK


def cmd_conflicts_resolve(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.conflicts import resolve_conflicts

    choices: dict[str, int] = {}
    for item in args.choices:
        name, _, number = item.partition("=")
        if not name or not number.strip().isdigit():
            raise UserError.of("conflicts_bad_choice", value=item)
        choices[name.strip()] = int(number)
    if not choices and args.take is None:
        raise UserError.of("conflicts_usage")
    with _open(args, console) as ws:
        op = resolve_conflicts(ws, args.record_id, choices, take=args.take)
        console.say("conflicts_resolved", record_id=args.record_id, op_id=op.op_id)
    return EXIT_OK


def cmd_state_hash(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.storage.merge import state_hash

    with _open(args, console) as ws:
        print(state_hash(ws.store))
    return EXIT_OK


def _add_sync_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """keys, bundle, conflicts and state-hash (see docs/bundles.md)."""
    keys = sub.add_parser("keys", help="signing keys, coordinators' keys and trusted researchers")
    verbs = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    p = verbs.add_parser("create", help="make this installation's signing key")
    p.add_argument("--coordinator", action="store_true",
                   help="also make an encryption key (age) for receiving bundles")
    p.set_defaults(handler=cmd_keys_create)
    p = verbs.add_parser("show", help="fingerprints of every key this database knows")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_keys_show)
    p = verbs.add_parser("export", help="write the public signing key (default) to a file")
    p.add_argument("file")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--recipient", action="store_true",
                       help="the coordinator's public encryption key, for researchers")
    which.add_argument("--identity", action="store_true",
                       help="the coordinator's SECRET encryption key (age identity file)")
    p.set_defaults(handler=cmd_keys_export)
    p = verbs.add_parser("import", help="add a coordinator's key (or restore an identity file)")
    p.add_argument("file")
    p.add_argument("--name", help="the coordinator's name (default: the one in the file)")
    p.set_defaults(handler=cmd_keys_import)
    p = verbs.add_parser("trust", help="accept bundles signed with a researcher's key file")
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="the fingerprint was checked")
    p.add_argument("--fingerprint", help="trust only if the key has this fingerprint")
    p.set_defaults(handler=cmd_keys_trust)

    bundle = sub.add_parser("bundle", help="export or import signed, encrypted bundles")
    verbs = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    p = verbs.add_parser("export", help="this installation's new operations as a bundle")
    p.add_argument("--out", default=".", help="folder for the bundle (default: here)")
    p.add_argument("--to", action="append", default=[], metavar="NAME",
                   help="a coordinator (name or age1… key); default: every coordinator added")
    p.add_argument("--full", action="store_true",
                   help="every operation, not only those since the last bundle")
    p.set_defaults(handler=cmd_bundle_export)
    p = verbs.add_parser("import", help="merge bundles, in any order; bad ones are quarantined")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(handler=cmd_bundle_import)

    conflicts = sub.add_parser("conflicts", help="fields that two people changed differently")
    verbs = conflicts.add_subparsers(dest="conflicts_command", metavar="ACTION", required=True)
    p = verbs.add_parser("list", help="each conflict with every side's value")
    p.add_argument("record_id", nargs="?")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_conflicts_list)
    p = verbs.add_parser("resolve", help="decide: FIELD=NUMBER ..., or --take NUMBER")
    p.add_argument("record_id")
    p.add_argument("choices", nargs="*", metavar="FIELD=NUMBER")
    p.add_argument("--take", type=int, metavar="NUMBER", help="that side for every field")
    p.set_defaults(handler=cmd_conflicts_resolve)

    p = sub.add_parser("state-hash", help="digest of the records (equal on equal databases)")
    p.set_defaults(handler=cmd_state_hash)


# -- duplicate victims ----------------------------------------------------------------------

_VOCABULARY_OF_FIELD = {
    "sex": "sex", "age_group": "age_group", "status": "victim_status",
    "category": "special_category", "perpetrator": "perpetrator", "attack_type": "attack_type",
}


def _shown_value(console: Console, name: str, value: object) -> str:
    from snhr_desktop.domain.gazetteer import gazetteer
    from snhr_desktop.domain.vocabularies import vocabulary

    if value is None or value == "":
        return "—"
    text = str(value)
    if name in _VOCABULARY_OF_FIELD and text in vocabulary(_VOCABULARY_OF_FIELD[name]):
        return vocabulary(_VOCABULARY_OF_FIELD[name]).label(text, console.lang)
    if name in ("governorate", "origin_governorate") and text in gazetteer():
        return gazetteer().name(text, console.lang)
    return text


def _field_label(console: Console, key: str) -> str:
    """A field's name in the console's language: the spreadsheet header in Arabic."""
    from snhr_desktop.services.spreadsheet import COLUMNS

    if console.lang != "ar":
        return key
    kind, _, name = key.rpartition(".")
    for column in COLUMNS["incident" if kind else "victim"]:
        if column.field == name:
            return f"{console.text('duplicates_incident_field')} {column.header_ar}" if kind \
                else column.header_ar
    return key


def _print_candidate(console: Console, number: int, candidate: Any) -> None:
    console.say(
        "duplicates_pair", number=number, percent=f"{candidate.probability:.0%}",
        left=candidate.name_a, right=candidate.name_b,
        suggestion=console.text(f"duplicates_suggestion_{candidate.suggestion}"),
    )
    print(f"    {candidate.victim_a}  {candidate.victim_b}")
    if candidate.decision:
        print(f"    {console.text('duplicates_decision_' + candidate.decision)} "
              f"[{candidate.decision_id}]")


def cmd_duplicates_scan(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.duplicates import scan

    with _open(args, console) as ws:
        result = scan(ws, progress=_progress(console))
    if args.json:
        print(json.dumps({"records": result.records, "compared": result.compared,
                          "pairs": result.pairs, "pending": result.pending,
                          "scanned_at": result.scanned_at}, indent=2))
        return EXIT_OK
    console.say("duplicates_scanned", records=result.records, compared=result.compared,
                pairs=result.pairs, pending=result.pending)
    return EXIT_OK


def cmd_duplicates_list(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.duplicates import queue, queue_summary

    with _open(args, console) as ws:
        status = queue_summary(ws)
        found = queue(ws, args.status, limit=args.limit)
    if args.json:
        print(json.dumps({
            "status": args.status, "pending": status.pending, "unsure": status.unsure,
            "decided": status.decided, "linked_records": status.linked,
            "scanned_at": status.scanned_at,
            "pairs": [c.as_json(console.lang) for c in found],
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    if status.scanned_at is None:
        console.say("duplicates_never_scanned")
        return EXIT_OK
    console.say("duplicates_counts", pending=status.pending, unsure=status.unsure,
                decided=status.decided, linked=status.linked, time=status.scanned_at)
    for number, candidate in enumerate(found, 1):
        _print_candidate(console, number, candidate)
        if args.reasons:
            for line in candidate.explain(console.lang):
                print(f"      {line}")
    return EXIT_OK


def cmd_duplicates_show(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.duplicates import COMPARED_FIELDS, INCIDENT_FIELDS, compare

    with _open(args, console) as ws:
        view = compare(ws, args.first, args.second)
    if args.json:
        print(json.dumps({
            "victim_a": view.victim_a, "victim_b": view.victim_b,
            "incident_a": view.incident_a, "incident_b": view.incident_b,
            "differing": sorted(view.differing), "variants": sorted(view.variants),
            "missing": sorted(view.missing),
            "candidate": view.candidate.as_json(console.lang) if view.candidate else None,
            "decision": view.decision.as_json() if view.decision else None,
            "recorded_by": list(view.authors),
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    rows: list[tuple[str, str, object, object]] = [
        (name, name, view.victim_a.get(name), view.victim_b.get(name)) for name in COMPARED_FIELDS
    ]
    for name in INCIDENT_FIELDS:
        rows.append((f"incident.{name}", name, (view.incident_a or {}).get(name),
                     (view.incident_b or {}).get(name)))
    print(f"  {'':22} {view.victim_a['id']}  |  {view.victim_b['id']}")
    for key, name, left, right in rows:
        mark = ("≠" if key in view.differing else "~" if key in view.variants
                else "−" if key in view.missing else " ")
        label = _field_label(console, key)
        print(f"{mark} {label:22} {_shown_value(console, name, left)}  |  "
              f"{_shown_value(console, name, right)}")
    if view.candidate is not None:
        console.say("duplicates_evidence", percent=f"{view.candidate.probability:.0%}")
        for line in view.candidate.explain(console.lang):
            print(f"    {line}")
    if view.decision is not None:
        console.say("duplicates_decided", decision=console.text(
            f"duplicates_decision_{view.decision.decision}"), author=view.decision.author,
            decision_id=view.decision.id)
    return EXIT_OK


def cmd_duplicates_decide(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.duplicates import decide

    with _open(args, console) as ws:
        row = decide(ws, args.first, args.second, args.decision, note=args.note)
    console.say("duplicates_decision_saved",
                decision=console.text(f"duplicates_decision_{row.decision}"), decision_id=row.id)
    return EXIT_OK


def cmd_duplicates_undo(args: argparse.Namespace, console: Console) -> int:
    from snhr_desktop.services.duplicates import undo

    with _open(args, console) as ws:
        row = undo(ws, args.decision_id)
    console.say("duplicates_undone", decision=console.text(f"duplicates_decision_{row.decision}"),
                left=row.name_a, right=row.name_b)
    return EXIT_OK


def _add_duplicate_commands(sub: Any) -> None:
    duplicates = sub.add_parser("duplicates", help="review probable duplicate victims")
    verbs = duplicates.add_subparsers(dest="duplicates_command", metavar="ACTION", required=True)
    p = verbs.add_parser("scan", help="look for probable duplicates and refill the review queue")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_duplicates_scan)
    p = verbs.add_parser("list", help="pairs to review (or set aside, or decided), best first")
    p.add_argument("--status", choices=("pending", "unsure", "decided"), default="pending")
    p.add_argument("--limit", type=int, default=None, metavar="N")
    p.add_argument("--reasons", action="store_true", help="the evidence for each pair")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_duplicates_list)
    p = verbs.add_parser("show", help="two victim records side by side, with the evidence")
    p.add_argument("first", metavar="VICTIM_ID")
    p.add_argument("second", metavar="VICTIM_ID")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_duplicates_show)
    p = verbs.add_parser("decide", help="same person, different people, or unsure")
    p.add_argument("first", metavar="VICTIM_ID")
    p.add_argument("second", metavar="VICTIM_ID")
    p.add_argument("decision", choices=("same", "different", "unsure"))
    p.add_argument("--note", help="why (kept with the decision)")
    p.set_defaults(handler=cmd_duplicates_decide)
    p = verbs.add_parser("undo", help="withdraw a decision (the pair is proposed again)")
    p.add_argument("decision_id")
    p.set_defaults(handler=cmd_duplicates_undo)


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
    p.add_argument("--repair", action="store_true",
                   help="first derive again the person links and the summary tallies")
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

    for name, handler, text in (
        ("summary", cmd_summary, "the figures of a statement (civilians, massacres, facilities)"),
        ("sheet", cmd_sheet, "the printed summary sheet (A4 PDF) of those figures"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--perpetrator", action="extend", nargs="+", default=[], metavar="CODE")
        p.add_argument("--from", dest="date_from", metavar="DATE", help="YYYY-MM-DD, inclusive")
        p.add_argument("--to", dest="date_to", metavar="DATE", help="YYYY-MM-DD, inclusive")
        p.add_argument("--governorate", action="extend", nargs="+", default=[], metavar="PCODE")
        p.add_argument("--since", metavar="DATE", help="start of a sub-period (YYYY-MM-DD)")
        p.set_defaults(handler=handler)
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--lang", dest="sheet_lang", choices=("ar", "en"), default=None,
                   help="language of the sheet (default: the language of messages)")
    sub.choices["summary"].add_argument("--json", action="store_true", help="machine-readable")
    _add_sync_commands(sub)
    _add_duplicate_commands(sub)
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
    except BrokenPipeError:
        # The reader went away ("| head"): nothing left to say, and nobody to say it to.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until the exit
        return EXIT_OK
    except Exception as error:
        if os.environ.get("SNHR_DEBUG"):
            raise
        console.error(console.text("cli_unexpected", detail=type(error).__name__))
        return EXIT_BUG
