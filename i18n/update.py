"""Refresh the Qt Linguist translations (.ts) from the Qt modules and build the .qm files.

    python i18n/update.py                      # lupdate the .ts files, then lrelease the .qm files
    python i18n/update.py --release            # only build the .qm files from the .ts files
    python i18n/update.py --check              # verify everything is up to date; writes nothing
    python i18n/update.py --allow-unfinished   # (with any mode) do not fail on untranslated text

English is the source language: every English entry is finished with its source text
automatically. Arabic entries are translated by hand (Qt Linguist or an editor); the script
exits non-zero and lists every Arabic entry still marked unfinished.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path

I18N = Path(__file__).resolve().parent
ROOT = I18N.parent
PACKAGE = ROOT / "snhr_desktop"
BASENAME = "snhr_desktop"
LANGUAGES = ("ar", "en")
SOURCE_LANGUAGE = "en"

# Only modules that use Qt hold translatable Qt strings; the Qt-free core has its own catalogue
# (snhr_desktop/domain/messages.py) and lupdate would misread its str.translate() calls.
QT_IMPORT = re.compile(r"^\s*(?:from|import)\s+PySide6\b", re.MULTILINE)

MESSAGE = re.compile(r"<message\b[^>]*>.*?</message>", re.DOTALL)
SOURCE = re.compile(r"<source>(.*?)</source>", re.DOTALL)
UNFINISHED = re.compile(r'<translation type="unfinished"\s*(?:/>|>(.*?)</translation>)', re.DOTALL)
NUMERUSFORM = re.compile(r"<numerusform(?:\s*/>|>.*?</numerusform>)", re.DOTALL)


class ToolMissing(RuntimeError):
    """A Qt Linguist tool (pyside6-lupdate, pyside6-lrelease) is not installed."""


def ts_path(lang: str, folder: Path = I18N) -> Path:
    return folder / f"{BASENAME}_{lang}.ts"


def qm_path(lang: str, folder: Path = I18N) -> Path:
    return folder / f"{BASENAME}_{lang}.qm"


def shown(path: Path) -> str:
    """``path`` as printed in messages: relative to the repository when inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def tool(name: str) -> str:
    """The tool from this interpreter's environment (an unactivated venv works), else PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise ToolMissing(f"{name} not found; install the project with: pip install -e '.[test]'")
    return found


def qt_sources() -> list[Path]:
    """Every module of the package that imports PySide6, sorted."""
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if QT_IMPORT.search(path.read_text(encoding="utf-8"))
    ]


def bare_tr_calls(sources: Iterable[Path]) -> list[str]:
    """Calls like ``tr("Context", "text")``: lupdate would read them as ``QObject.tr`` and store
    the context as the text, so marked strings must go through ``translate()`` instead."""
    found = []
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            is_bare = isinstance(func, ast.Name) and func.id == "tr"
            is_module = (
                isinstance(func, ast.Attribute)
                and func.attr == "tr"
                and isinstance(func.value, ast.Name)
                and func.value.id == "i18n"
            )
            has_literal = any(
                isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in node.args
            )
            if (is_bare or is_module) and has_literal:
                found.append(
                    f"{shown(path)}:{node.lineno}: use translate(context, text) for "
                    "literal strings; lupdate reads a bare tr() as QObject.tr()"
                )
    return found


def run_lupdate(sources: Sequence[Path], ts: Path, lang: str) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "relative",
            "-source-language",
            SOURCE_LANGUAGE,
            "-target-language",
            lang,
            *(str(path) for path in sources),
            "-ts",
            str(ts),
        ],
        check=True,
    )


def build_qm(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def finish_source_language(ts: Path) -> int:
    """Give every unfinished entry its source text as translation; return how many changed.

    Edits lupdate's own text rather than re-serialising the XML, so the file keeps the exact
    layout lupdate writes and the next run produces no spurious diff.
    """
    text = ts.read_text(encoding="utf-8")
    changed = 0

    def finish(block: re.Match[str]) -> str:
        nonlocal changed
        source = SOURCE.search(block.group(0))
        if source is None:
            return block.group(0)

        def translation(match: re.Match[str]) -> str:
            nonlocal changed
            changed += 1
            inner = match.group(1) or ""
            if "<numerusform" in inner:
                forms = NUMERUSFORM.sub(lambda _: f"<numerusform>{source[1]}</numerusform>", inner)
                return f"<translation>{forms}</translation>"
            return f"<translation>{source[1]}</translation>"

        return UNFINISHED.sub(translation, block.group(0))

    new_text = MESSAGE.sub(finish, text)
    if changed:
        ts.write_text(new_text, encoding="utf-8")
    return changed


def _messages(ts: Path) -> dict[tuple[str, str, str], tuple[str, tuple[str, ...]]]:
    """Each message's (context, source, comment) -> (translation type, translation texts)."""
    result: dict[tuple[str, str, str], tuple[str, tuple[str, ...]]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            texts: tuple[str, ...] = ()
            if translation is None:
                kind = "missing"
            else:
                kind = translation.get("type", "finished")
                forms = translation.findall("numerusform")
                texts = tuple(f.text or "" for f in forms) if forms else (translation.text or "",)
            key = (name, message.findtext("source", ""), message.findtext("comment", ""))
            result[key] = (kind, texts)
    return result


def untranslated(ts: Path) -> list[str]:
    """Entries of ``ts`` that are unfinished or empty, one readable line each."""
    problems = []
    for (context, source, _comment), (kind, texts) in _messages(ts).items():
        if kind in ("vanished", "obsolete"):
            continue
        if kind != "finished":
            problems.append(f"{ts.name}: [{context}] {source!r} is {kind}")
        elif not all(texts):
            problems.append(f"{ts.name}: [{context}] {source!r} has an empty translation")
    return problems


def update(sources: Sequence[Path]) -> None:
    for lang in LANGUAGES:
        run_lupdate(sources, ts_path(lang), lang)
        if lang == SOURCE_LANGUAGE:
            finish_source_language(ts_path(lang))


def release() -> None:
    for lang in LANGUAGES:
        build_qm(ts_path(lang), qm_path(lang))


def check(sources: Sequence[Path]) -> list[str]:
    """What is out of date, in a scratch folder: the .ts against the sources, the .qm against
    the .ts (by content, since a git checkout gives every file the same new mtime)."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="snhr-i18n-") as scratch:
        folder = Path(scratch)
        for lang in LANGUAGES:
            ts, qm = ts_path(lang), qm_path(lang)
            if not ts.exists():
                problems.append(f"{shown(ts)} is missing")
                continue
            fresh = ts_path(lang, folder)
            shutil.copyfile(ts, fresh)
            run_lupdate(sources, fresh, lang)
            if lang == SOURCE_LANGUAGE:
                finish_source_language(fresh)
            committed, current = _messages(ts), _messages(fresh)
            if committed != current:
                added = len(current.keys() - committed.keys())
                removed = len(committed.keys() - current.keys())
                problems.append(
                    f"{shown(ts)} is out of date with the sources ({added} new, "
                    f"{removed} gone, or changed entries)"
                )
            built = qm_path(lang, folder)
            build_qm(ts, built)
            if not qm.exists():
                problems.append(f"{shown(qm)} is missing")
            elif qm.read_bytes() != built.read_bytes():
                problems.append(f"{shown(qm)} was not built from the current .ts")
    if problems:
        problems.append("run: python i18n/update.py")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--release", action="store_true", help="only build .qm from .ts")
    mode.add_argument("--check", action="store_true", help="verify without writing anything")
    parser.add_argument(
        "--allow-unfinished", action="store_true", help="do not fail on untranslated entries"
    )
    args = parser.parse_args(argv)

    try:
        sources = qt_sources()
        problems = bare_tr_calls(sources)
        if problems and not args.check:
            # lupdate would file these under the wrong context; stop before writing anything.
            print("\n".join(problems), file=sys.stderr)
            return 1
        if args.check:
            problems += check(sources)
        elif args.release:
            release()
        else:
            update(sources)
            release()
    except (ToolMissing, subprocess.CalledProcessError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    if not args.allow_unfinished:
        missing = [
            line
            for lang in LANGUAGES
            if ts_path(lang).exists()
            for line in untranslated(ts_path(lang))
        ]
        if missing:
            problems += [*missing, f"{len(missing)} entries need a translation (Qt Linguist)"]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
