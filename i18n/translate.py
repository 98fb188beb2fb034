"""Fill Arabic translations into snhr_desktop_ar.ts from a JSON file, then rebuild the .qm files.

    python i18n/translate.py FILE.json

The JSON maps context -> source text -> Arabic text, e.g.
``{"VictimForm": {"Save": "حفظ", "%n victim(s)": ["…", "…", "…", "…", "…", "…"]}}``
(a list gives the six Arabic plural forms). The script refreshes the .ts files from the code
first (``update.py``), so new strings exist before they are filled, and holds a lock so two
people running it at once do not overwrite each other's work.
"""

from __future__ import annotations

import fcntl
import html
import json
import re
import subprocess
import sys
from pathlib import Path

I18N = Path(__file__).resolve().parent
LOCK = I18N / ".translate.lock"

CONTEXT = re.compile(r"<context>\s*<name>(.*?)</name>(.*?)</context>", re.DOTALL)
MESSAGE = re.compile(r"<message\b[^>]*>.*?</message>", re.DOTALL)
SOURCE = re.compile(r"<source>(.*?)</source>", re.DOTALL)
TRANSLATION = re.compile(r"<translation\b[^>]*?(?:/>|>.*?</translation>)", re.DOTALL)


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace('"', "&quot;").replace("'", "&apos;")


def fill(ts_text: str, wanted: dict[str, dict[str, str | list[str]]]) -> tuple[str, int]:
    filled = 0

    def in_context(match: re.Match[str]) -> str:
        nonlocal filled
        name = html.unescape(match.group(1))
        table = wanted.get(name, {})

        def in_message(message: re.Match[str]) -> str:
            nonlocal filled
            block = message.group(0)
            source = SOURCE.search(block)
            if source is None:
                return block
            key = html.unescape(source.group(1))
            if key not in table:
                return block
            value = table[key]
            if isinstance(value, list):
                forms = "".join(f"<numerusform>{_escape(v)}</numerusform>" for v in value)
                new = f"<translation>{forms}</translation>"
            else:
                new = f"<translation>{_escape(value)}</translation>"
            filled += 1
            return TRANSLATION.sub(lambda _: new, block, count=1)

        body = MESSAGE.sub(in_message, match.group(2))
        return f"<context>\n    <name>{match.group(1)}</name>{body}</context>"

    return CONTEXT.sub(in_context, ts_text), filled


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    wanted = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        update = [sys.executable, str(I18N / "update.py")]
        subprocess.run([*update, "--allow-unfinished"], check=True)
        ts = I18N / "snhr_desktop_ar.ts"
        text, filled = fill(ts.read_text(encoding="utf-8"), wanted)
        ts.write_text(text, encoding="utf-8")
        result = subprocess.run([*update, "--release"], check=False)
    print(f"filled {filled} Arabic entries", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
