"""Spreadsheet import and export: one .xlsx workbook or a folder of CSV files, all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import operator
import os
import re
import warnings
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from snhr_desktop.domain.fields import PartialDate, Problem, RecordInvalid, clean_text
from snhr_desktop.domain.ids import is_record_id
from snhr_desktop.domain.messages import Message, UserError
from snhr_desktop.domain.names import normalise_arabic
from snhr_desktop.domain.records import RECORD_TYPES, FacilityAttack, Incident, Record, Victim
from snhr_desktop.services.bulk import without_cycle_collection
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.store import RECORD_FIELDS, TABLES, Change

Progress = Callable[[int, int], None]

KINDS: Final = (Incident.kind, Victim.kind, FacilityAttack.kind)
CHILD_KINDS: Final = (Victim.kind, FacilityAttack.kind)
SHEET_NAMES: Final = {
    Incident.kind: "incidents",
    Victim.kind: "victims",
    FacilityAttack.kind: "facility_attacks",
}
SHEET_NAMES_AR: Final = {
    Incident.kind: "الحوادث",
    Victim.kind: "الضحايا",
    FacilityAttack.kind: "المنشآت",
}
# Other names under which a sheet (or a CSV file's stem) is recognised.
_SHEET_ALIASES: Final = {
    Incident.kind: ("incident",),
    Victim.kind: ("victim",),
    FacilityAttack.kind: ("facility_attack", "facilities", "الهجمات على المنشآت"),
}

# The fixed columns, in export order: (field, Arabic header, other accepted Arabic headers).
_LISTED: Final[dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]]] = {
    Incident.kind: (
        ("id", "المعرف", ()),
        ("date", "التاريخ", ()),
        ("governorate", "المحافظة", ()),
        ("district", "المنطقة", ()),
        ("subdistrict", "الناحية", ()),
        ("community", "التجمع السكاني", ("التجمع",)),
        ("place_ar", "المكان بالعربية", ()),
        ("place_en", "المكان بالإنكليزية", ()),
        ("perpetrator", "الجهة المرتكبة", ()),
        ("attack_type", "نوع الهجوم", ()),
        ("acknowledged", "اعتراف الجهة المرتكبة", ("اعتراف الجهة",)),
        ("description_ar", "الوصف بالعربية", ()),
        ("description_en", "الوصف بالإنكليزية", ()),
        ("sources", "المصادر", ()),
    ),
    Victim.kind: (
        ("id", "المعرف", ()),
        ("incident_id", "معرف الحادثة", ()),
        ("name_ar", "الاسم بالعربية", ()),
        ("name_en", "الاسم بالإنكليزية", ()),
        ("father_name", "اسم الأب", ()),
        ("family_name", "الكنية", ("اسم العائلة",)),
        ("sex", "الجنس", ()),
        ("age", "العمر", ()),
        ("age_group", "الفئة العمرية", ()),
        ("status", "الصفة", ("صفة الضحية",)),
        ("category", "الفئة الخاصة", ()),
        ("date_of_death", "تاريخ الوفاة", ()),
        ("governorate", "محافظة الوفاة", ("المحافظة",)),
        ("place_ar", "مكان الوفاة بالعربية", ("المكان بالعربية",)),
        ("place_en", "مكان الوفاة بالإنكليزية", ("المكان بالإنكليزية",)),
        ("origin_governorate", "محافظة الأصل", ()),
        ("notes", "ملاحظات", ()),
    ),
    FacilityAttack.kind: (
        ("id", "المعرف", ()),
        ("incident_id", "معرف الحادثة", ()),
        ("category", "فئة المنشأة", ("الفئة",)),
        ("name_ar", "اسم المنشأة بالعربية", ()),
        ("name_en", "اسم المنشأة بالإنكليزية", ()),
        ("damage", "الضرر", ("درجة الضرر",)),
        ("out_of_service", "خارج الخدمة", ()),
        ("date", "التاريخ", ()),
        ("governorate", "المحافظة", ()),
    ),
}
# Arabic headers of model fields outside the fixed list (written after it).
_EXTRA_AR: Final = {"researcher": "الباحث", "mother_name": "اسم الأم"}
# Model fields that are never columns: stamps, and the precision read from the date's text.
_NOT_COLUMNS: Final = frozenset({"created_at", "updated_at", "date_precision"})
# Columns without which new rows cannot be valid: reported once, in row 1 (a sheet that only
# updates stored records may leave them out).
_REQUIRED: Final[dict[str, tuple[tuple[str, ...], ...]]] = {
    Incident.kind: (("date",), ("governorate",)),
    Victim.kind: (("incident_id",), ("name_ar", "name_en")),
    FacilityAttack.kind: (("incident_id",), ("category",)),
}
# Problems of a missing required column that each row would repeat.
_ROW_CODES_OF_MISSING: Final = frozenset({"required", "name_required"})

PROBLEMS_COLUMN: Final = "problems"
_IGNORED_HEADERS: Final = (PROBLEMS_COLUMN, "مشكلات", "المشكلات")
_FILE_SUFFIXES: Final = frozenset({".csv", ".xls", ".ods", ".zip", ".json", ".txt", ".xlsm"})
_PROGRESS_EVERY: Final = 1000
_CHUNK: Final = 500
# Rows checked, then written, at a time (memory stays flat; writing overlaps checking).
_WRITE_CHUNK: Final = 5000

Write = Callable[[list[Change]], None]


@dataclass(frozen=True, slots=True)
class Column:
    """One spreadsheet column: the record field it holds and its headers in both languages."""

    field: str
    header_ar: str
    aliases: tuple[str, ...] = ()

    def header(self, lang: str) -> str:
        return self.header_ar if lang == "ar" else self.field


def _columns(kind: str) -> tuple[Column, ...]:
    listed = [Column(f, ar, aliases) for f, ar, aliases in _LISTED[kind]]
    named = {c.field for c in listed}
    extra = [
        Column(f, _EXTRA_AR.get(f, f))
        for f in RECORD_FIELDS[kind]
        if f not in named and f not in _NOT_COLUMNS
    ]
    return (*listed, *extra)


COLUMNS: Final[dict[str, tuple[Column, ...]]] = {kind: _columns(kind) for kind in KINDS}
"""The columns of each sheet in export order: the fixed list, then other model fields."""


def header_key(text: str) -> str:
    """The comparison key of a header or sheet name: case, spaces, _ and - and Arabic spelling
    variants (hamza, taa marbuta, harakat) do not matter."""
    return re.sub(r"[\s_\-]+", "", normalise_arabic(text).casefold())


def _header_variants(text: str) -> tuple[str, ...]:
    # Syrian usage writes الإنكليزية; much of the Arab world writes الإنجليزية.
    return (text, text.replace("الإنكليزية", "الإنجليزية"))


def _header_index(kind: str) -> dict[str, tuple[str, str]]:
    """header key -> (field, language of that header)."""
    index: dict[str, tuple[str, str]] = {}
    for column in COLUMNS[kind]:
        index[header_key(column.field)] = (column.field, "en")
    for column in COLUMNS[kind]:
        for text in (column.header_ar, *column.aliases):
            for variant in _header_variants(text):
                index.setdefault(header_key(variant), (column.field, "ar"))
    return index


_HEADERS: Final = {kind: _header_index(kind) for kind in KINDS}
_SHEET_KEYS: Final = {
    header_key(name): kind
    for kind in KINDS
    for name in (SHEET_NAMES[kind], SHEET_NAMES_AR[kind], *_SHEET_ALIASES[kind])
}
_IGNORED_KEYS: Final = frozenset(header_key(h) for h in _IGNORED_HEADERS)


def sheet_kind(name: str) -> str | None:
    """The record kind a sheet name (or CSV file stem) stands for, in English or Arabic."""
    return _SHEET_KEYS.get(header_key(name))


# ------------------------------------------------------------------------------------------------
# Reports
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One problem of the file: where (sheet, row as the user sees it, column) and what."""

    sheet: str
    row: int
    column: str  # the header as written in the file; "" when the whole row is concerned
    message: Message

    def render(self, lang: str) -> str:
        text = self.message.render(lang)
        if self.column:
            where = Message.of("sheet_problem_cell", sheet=self.sheet, row=self.row,
                               column=self.column, text=text)
        else:
            where = Message.of("sheet_problem_row", sheet=self.sheet, row=self.row, text=text)
        return where.render(lang)


@dataclass(slots=True)
class KindCounts:
    """What happened to the rows of one kind of record."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass(slots=True)
class ImportReport:
    """The outcome of an import: counts per kind, every problem, and whether it went through."""

    source: Path
    ok: bool = True
    applied: bool = False
    counts: dict[str, KindCounts] = field(default_factory=lambda: {k: KindCounts() for k in KINDS})
    problems: list[ImportProblem] = field(default_factory=list)
    operations: int = 0
    rejects: Path | None = None

    @property
    def rejected(self) -> int:
        return sum(c.rejected for c in self.counts.values())

    def render(self, lang: str) -> str:
        lines: list[str] = []
        if not self.applied and self.problems:
            lines.append(Message.of("import_refused", count=len(self.problems)).render(lang))
        elif self.rejected:
            lines.append(Message.of("sheet_import_partial", path=str(self.source),
                                    rejected=self.rejected).render(lang))
        else:
            lines.append(Message.of("sheet_import_done", path=str(self.source)).render(lang))
        for kind in KINDS:
            c = self.counts[kind]
            lines.append("  " + Message.of(
                "sheet_import_counts", kind=Message.of(f"sheet_kind_{kind}").render(lang),
                created=c.created, updated=c.updated, unchanged=c.unchanged, rejected=c.rejected,
            ).render(lang))
        if self.rejects is not None:
            lines.append(Message.of("sheet_rejects_written", path=str(self.rejects)).render(lang))
        lines.extend("  - " + p.render(lang) for p in self.problems)
        return "\n".join(lines)


@dataclass(slots=True)
class ExportReport:
    """The outcome of an export: where, and how many records of each kind."""

    target: Path
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    def render(self, lang: str) -> str:
        return Message.of(
            "sheet_export_done", path=str(self.target), incidents=self.counts[Incident.kind],
            victims=self.counts[Victim.kind], facility_attacks=self.counts[FacilityAttack.kind],
        ).render(lang)


# ------------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Sheet:
    """The cells of one sheet (or CSV file) as read, before any interpretation."""

    kind: str
    name: str  # as the user sees it: the sheet's title or the CSV file's name
    title: str  # the sheet's title or the CSV file's stem (to name rejects after it)
    headers: list[Any]
    rows: list[tuple[int, tuple[Any, ...]]]  # (row number, header = 1; cells)


# Text in .xlsx files cannot hold control characters, and XML readers turn CR LF into LF; the
# format's own escape _xHHHH_ (as Excel writes it) keeps them. A literal "_xHHHH_" in the text
# gets its underscore escaped (_x005F_).
_XLSX_ESCAPES: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f]|_(?=x[0-9A-Fa-f]{4}_)")
_XLSX_ESCAPED: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xlsx_escape(text: str) -> str:
    """Text as an .xlsx cell stores it: CR and control characters as _xHHHH_."""
    return _XLSX_ESCAPES.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def xlsx_unescape(text: str) -> str:
    """The text an .xlsx cell stands for (``_x000D_`` is CR); openpyxl leaves the escapes in."""
    if "_x" not in text:
        return text
    return _XLSX_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _unescaped_rows(rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    for row in rows:
        if any(type(v) is str and "_x" in v for v in row):
            yield tuple(xlsx_unescape(v) if type(v) is str else v for v in row)
        else:
            yield row


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_xlsx(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"


def read_sheets(source: Path) -> list[Sheet]:
    """The known sheets of a workbook, a folder of CSV files or one CSV file; UserError if none."""
    if not source.exists():
        raise UserError.of("file_not_found", path=str(source))
    if source.is_dir():
        return _read_folder(source)
    if _is_xlsx(source):
        return _read_xlsx(source)
    if source.suffix.lower() == ".csv":
        kind = sheet_kind(source.stem)
        if kind is None:
            raise UserError.of("sheet_unknown_csv", path=str(source))
        return [_read_csv(source, kind)]
    raise UserError.of("unsupported_file", path=str(source))


def _read_xlsx(path: Path) -> list[Sheet]:
    # openpyxl warns about workbook features it does not keep (data validation, conditional
    # formatting, …); only the cells' values matter here.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        return _read_xlsx_sheets(path)


def _read_xlsx_sheets(path: Path) -> list[Sheet]:
    sheets: list[Sheet] = []
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise UserError.of("unreadable_file", path=str(path), detail=error.strerror or "") from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError,
            ParseError, EOFError, zlib.error):
        raise UserError.of("sheet_not_xlsx", path=str(path)) from None
    try:
        for title in workbook.sheetnames:
            kind = sheet_kind(title)
            if kind is None:
                continue
            worksheet = workbook[title]
            if not hasattr(worksheet, "iter_rows"):  # a chart sheet
                continue
            # Writers that omit or misstate the sheet's size would otherwise lose rows.
            worksheet.reset_dimensions()
            rows = _unescaped_rows(worksheet.iter_rows(values_only=True))
            sheets.append(_sheet(kind, title, title, rows))
    except OSError as error:
        raise UserError.of("unreadable_file", path=str(path), detail=error.strerror or "") from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, ParseError, EOFError, zlib.error):
        raise UserError.of("sheet_not_xlsx", path=str(path)) from None
    finally:
        workbook.close()
    if not sheets:
        raise UserError.of("missing_sheet")
    return sheets


def _read_folder(folder: Path) -> list[Sheet]:
    files = sorted(
        (p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file()),
        key=lambda p: (KINDS.index(sheet_kind(p.stem) or KINDS[0]), p.name),
    )
    sheets = [_read_csv(p, kind) for p in files if (kind := sheet_kind(p.stem)) is not None]
    if not sheets:
        raise UserError.of("sheet_missing_csv", path=str(folder))
    return sheets


def _delimiter(first_line: str) -> str:
    """Comma unless the header line is plainly separated by semicolons or tabs."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _read_csv(path: Path, kind: str) -> Sheet:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            reader = csv.reader(handle, delimiter=_delimiter(first))
            return _sheet(kind, path.name, path.stem, reader)
    except UnicodeDecodeError:
        raise UserError.of("sheet_csv_not_utf8", path=str(path)) from None
    except csv.Error as error:
        raise UserError.of("unreadable_file", path=str(path), detail=str(error)) from None
    except OSError as error:
        raise UserError.of("unreadable_file", path=str(path), detail=error.strerror or "") from None


def _sheet(kind: str, name: str, title: str, rows: Iterable[Sequence[Any]]) -> Sheet:
    iterator = iter(rows)
    header = next(iterator, None)
    headers = list(header) if header is not None else []
    while headers and _blank(headers[-1]):
        headers.pop()
    kept: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in enumerate(iterator, start=2):
        if any(not _blank(v) for v in cells):
            kept.append((number, tuple(cells)))
    return Sheet(kind, name, title, headers, kept)


# ------------------------------------------------------------------------------------------------
# Importing
# ------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Layout:
    """How a sheet's columns map to fields, and the problems of its header row."""

    kind: str
    fields: list[tuple[int, str]]  # (cell index, field)
    headers: dict[str, str]  # field -> header as written
    lang: str  # the language most headers are written in
    problems: list[ImportProblem]
    absent: list[tuple[str, ...]]  # required columns (or alternatives) the sheet lacks
    carried: list[str]  # fields an update keeps from the stored record (no column for them)
    missing: set[str] = field(default_factory=set)  # fields reported as missing columns

    def column(self, name: str) -> str:
        """The header to show for a field: as written, else in the sheet's language."""
        if name in self.headers:
            return self.headers[name]
        for column in COLUMNS[self.kind]:
            if column.field == name:
                return column.header(self.lang)
        return name


def _layout(sheet: Sheet) -> _Layout:
    index = _HEADERS[sheet.kind]
    fields: list[tuple[int, str]] = []
    headers: dict[str, str] = {}
    problems: list[ImportProblem] = []
    languages: Counter[str] = Counter()
    named: set[int] = set()
    for position, raw in enumerate(sheet.headers):
        text = clean_text(raw)
        if text is None:
            continue
        named.add(position)
        key = header_key(text)
        if key in _IGNORED_KEYS:
            continue
        found = index.get(key)
        if found is None:
            problems.append(
                ImportProblem(sheet.name, 1, text, Message.of("unknown_column", value=text))
            )
            continue
        name, lang = found
        languages[lang] += 1
        if name in headers:
            problems.append(
                ImportProblem(sheet.name, 1, text, Message.of("sheet_duplicate_column", value=text))
            )
            continue
        headers[name] = text
        fields.append((position, name))
    lang = "ar" if languages["ar"] > languages["en"] else "en"
    absent = [
        alternatives
        for alternatives in _REQUIRED[sheet.kind]
        if not any(name in headers for name in alternatives)
    ]
    width = max((len(cells) for _, cells in sheet.rows), default=0)
    candidates = [p for p in range(width) if p not in named]
    unnamed = sorted({
        position
        for _, cells in sheet.rows
        for position in candidates
        if position < len(cells) and not _blank(cells[position])
    })
    for position in unnamed:
        letter = get_column_letter(position + 1)
        problems.append(
            ImportProblem(sheet.name, 1, letter, Message.of("sheet_unnamed_column", value=letter))
        )
    carried = _carried_fields(sheet.kind, set(headers))
    return _Layout(sheet.kind, fields, headers, lang, problems, absent, carried)


@dataclass(slots=True)
class _Row:
    sheet: Sheet
    layout: _Layout
    number: int
    cells: tuple[Any, ...]
    data: dict[str, Any]
    id_key: str | None
    record: Record | None = None
    problems: list[ImportProblem] = field(default_factory=list)

    def problem(self, name: str, message: Message) -> None:
        column = "" if name in ("", "*") else self.layout.column(name)
        self.problems.append(ImportProblem(self.sheet.name, self.number, column, message))


def _id_key(value: Any) -> str | None:
    text = clean_text(value)
    return text.lower() if text is not None else None


def _rows_of(sheet: Sheet, layout: _Layout) -> list[_Row]:
    rows: list[_Row] = []
    fields = layout.fields
    names = [name for _, name in fields]
    cells_of = operator.itemgetter(*(position for position, _ in fields)) if fields else None
    needed = max((position for position, _ in fields), default=-1) + 1
    for number, cells in sheet.rows:
        width = len(cells)
        # Blank text is left to the models, which treat it as "not given".
        if width >= needed and cells_of is not None and len(names) > 1:
            data = {
                name: value
                for name, value in zip(names, cells_of(cells), strict=True)
                if value is not None and value != ""
            }
        else:  # a short row (or a single column)
            data = {
                name: value
                for position, name in fields
                if position < width and (value := cells[position]) is not None and value != ""
            }
        rows.append(_Row(sheet, layout, number, cells, data, _id_key(data.get("id"))))
    return rows


def _stored(
    ws: Workspace, kind: str, ids: Sequence[str], columns: Iterable[str] = ()
) -> dict[str, dict[str, Any]]:
    """Stored rows (deleted or not) of ``kind`` among ``ids``, with ``deleted`` and ``columns``."""
    found: dict[str, dict[str, Any]] = {}
    names = ["id", "deleted", *columns]
    selected = ", ".join(names)
    table = TABLES[kind]
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        cursor = ws.store.db.execute(
            f"SELECT {selected} FROM {table} WHERE id IN ({marks})", chunk
        )
        for row in cursor:
            found[row[0]] = dict(zip(names, row, strict=True))
    return found


def _carried_fields(kind: str, present: set[str]) -> list[str]:
    """Fields an update keeps from the stored record because the sheet has no column for them."""
    carried = [
        f for f in RECORD_FIELDS[kind]
        if f not in present and f not in ("id", "created_at", "updated_at")
    ]
    if "date" in present and "date_precision" in carried:
        carried.remove("date_precision")  # the precision is read from the date's text
    if "age" in present and "age_group" in carried:
        carried.remove("age_group")  # the group follows the new age
    return carried


class _Import:
    """One import: read rows are checked against each other and the database, then applied."""

    def __init__(self, ws: Workspace, sheets: list[Sheet], keep_valid: bool,
                 progress: Progress | None) -> None:
        self.ws = ws
        self.sheets = sheets
        self.keep_valid = keep_valid
        self.progress = progress
        self.total = sum(len(s.rows) for s in sheets)
        self.done = 0
        self.header_problems: list[ImportProblem] = []
        self.layouts: dict[int, _Layout] = {}  # by id() of the sheet
        self.rows: dict[str, list[_Row]] = {kind: [] for kind in KINDS}
        # The stored records whose ids the file names, per kind.
        self.stored: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in KINDS}
        # Incidents the file's victims and facility attacks name that are living in the database
        # (read before anything is written), and the valid and rejected incidents of the file.
        self.living: set[str] = set()
        self.queried: set[str] = set()
        self.valid_incidents: set[str] = set()
        self.rejected_incidents: set[str] = set()
        self.row_problems = False
        self.unreported = False  # progress not given yet: the writer was in a statement

    def _tick(self, count: int = 1) -> None:
        before = self.done
        self.done += count
        if self.progress is not None and before // _PROGRESS_EVERY != self.done // _PROGRESS_EVERY:
            self._report(wait=False)

    def _report(self, *, wait: bool) -> None:
        """Progress so far, given while rows are written only between the writer's statements
        (a window repainting meanwhile may read the database); without ``wait`` it is kept
        for later rather than waited for."""
        progress = self.progress
        if progress is None:
            return
        done, total = min(self.done, max(self.total - 1, 0)), self.total
        self.unreported = not self.ws.store.between_statements(
            lambda: progress(done, total), wait=wait
        )

    def run(self, report: ImportReport, write: Write | None = None) -> list[Change]:
        """Check every row; the changes to apply (none when nothing may be applied).

        With ``write``, valid rows are handed to it a chunk at a time as soon as they are
        checked, for as long as no problem has been found: the caller writes them in its
        transaction and rolls it back if the report is not ok in the end. What is found is the
        same either way.
        """
        for sheet in self.sheets:
            layout = _layout(sheet)
            self.layouts[id(sheet)] = layout
            self.header_problems.extend(layout.problems)
            self.rows[sheet.kind].extend(_rows_of(sheet, layout))
        self._check_ids()
        self._check_required_columns()
        self._read_living_incidents()
        # The context is read once: Workspace.validate would read the methodology for every row.
        context = self.ws.validation_context()
        # Smaller chunks for a small file, so that progress held back while the writer was in a
        # statement is still given several times along the way (it is, at the end of a chunk).
        size = min(_WRITE_CHUNK, max(_PROGRESS_EVERY // 2, self.total // 10))
        for kind in KINDS:
            rows = self.rows[kind]
            for start in range(0, len(rows), size):
                chunk = rows[start : start + size]
                self._validate(kind, chunk, context)
                if kind in CHILD_KINDS:
                    self._check_links(chunk)
                if write is not None and not (self.header_problems or self.row_problems):
                    changes = [Change(row.record) for row in chunk if row.record is not None]
                    if changes:
                        write(changes)
                if self.unreported:
                    self._report(wait=True)
            if kind == Incident.kind:
                self.valid_incidents = {row.record.id for row in rows if row.record is not None}
                self.rejected_incidents = {
                    row.id_key for row in rows if row.record is None and row.id_key
                }
        return self._changes(report)

    def _check_ids(self) -> None:
        """Duplicate ids in the file; ids of deleted records or of records of another kind."""
        seen = Counter(row.id_key for rows in self.rows.values() for row in rows if row.id_key)
        for rows in self.rows.values():
            for row in rows:
                if row.id_key and seen[row.id_key] > 1:
                    row.problem("id", Message.of("duplicate_id", value=row.id_key))
        for kind in KINDS:
            ids = [row.id_key for row in self.rows[kind] if row.id_key]
            if not ids:
                continue
            carried = {
                name
                for sheet in self.sheets
                if sheet.kind == kind
                for name in self.layouts[id(sheet)].carried
            }
            self.stored[kind] = _stored(self.ws, kind, ids, sorted(carried))
            for other in KINDS:
                if other == kind:
                    continue
                elsewhere = _stored(self.ws, other, ids)
                for row in self.rows[kind]:
                    if row.id_key in elsewhere:
                        row.problem("id", Message.of("sheet_id_of_other_kind", value=row.id_key))
            for row in self.rows[kind]:
                stored = self.stored[kind].get(row.id_key or "")
                if stored is not None and stored["deleted"]:
                    row.problem("id", Message.of("record_deleted", value=row.id_key))

    def _check_required_columns(self) -> None:
        """A required column may only be absent when every row updates a stored record."""
        for sheet in self.sheets:
            layout = self.layouts[id(sheet)]
            if not layout.absent:
                continue
            stored = self.stored[sheet.kind]
            if all(
                row.id_key in stored for row in self.rows[sheet.kind] if row.sheet is sheet
            ):
                continue
            for alternatives in layout.absent:
                layout.missing.update(alternatives)
                wanted = layout.column(alternatives[0])
                self.header_problems.append(ImportProblem(
                    sheet.name, 1, wanted, Message.of("missing_column", value=wanted)
                ))

    def _validate(self, kind: str, rows: list[_Row], context: dict[str, Any]) -> None:
        model = RECORD_TYPES[kind]
        stored = self.stored[kind]
        for row in rows:
            data = row.data
            carried = row.layout.carried
            before = stored.get(row.id_key or "") if carried and stored else None
            if before is not None and not before["deleted"]:
                kept = {n: before[n] for n in carried if before[n] is not None}
                data = {**kept, **data}
            try:
                record = model.parse(data, context=context)
            except RecordInvalid as invalid:
                self._add_problems(row, invalid.problems)
            else:
                if not row.problems:
                    row.record = record
                    row.data = {}  # the record holds it all now; large imports need the room
            self.row_problems = self.row_problems or bool(row.problems)
            self._tick()

    def _add_problems(self, row: _Row, problems: list[Problem]) -> None:
        missing = row.layout.missing
        for problem in problems:
            name = problem.field
            if problem.message.code in _ROW_CODES_OF_MISSING and (
                name in missing or (name == "*" and {"name_ar", "name_en"} <= missing)
            ):
                continue  # already reported once, in row 1
            row.problem(name, problem.message)

    def _read_living_incidents(self) -> None:
        """The living stored incidents among those the children's cells name."""
        named = {
            key
            for kind in CHILD_KINDS
            for row in self.rows[kind]
            if (key := _id_key(row.data.get("incident_id"))) is not None and is_record_id(key)
        }
        self.living = self.ws.store.live_ids(Incident.kind, sorted(named))
        self.queried = named

    def _check_links(self, rows: list[_Row]) -> None:
        """A victim or facility attack needs its incident: in the file or living in the database.

        Runs once every incident row has been validated.
        """
        valid, rejected = self.valid_incidents, self.rejected_incidents
        links: list[tuple[_Row, str]] = []
        for row in rows:
            if row.record is not None:
                links.append((row, row.record.incident_id))  # type: ignore[attr-defined]
            else:  # an invalid row is still checked, so that every problem is reported
                key = _id_key(row.data.get("incident_id"))
                if key is not None and is_record_id(key):
                    links.append((row, key))
        # An incident kept from the stored record (the sheet has no incident column) is not
        # among those read beforehand.
        unread = {i for _, i in links} - valid - self.queried
        living = self.living
        if unread:  # (a read waits for the rows being written)
            living = living | self.ws.store.live_ids(Incident.kind, sorted(unread))
        # Only a partial import leaves children behind with their incident; otherwise nothing is.
        partial = self.keep_valid and not self.header_problems
        for row, incident_id in links:
            if incident_id in valid or incident_id in living:
                continue
            if incident_id in rejected:
                if partial:
                    row.problem("incident_id",
                                Message.of("sheet_incident_rejected", value=incident_id))
                    row.record = None
                    self.row_problems = True
                continue
            row.problem("incident_id", Message.of("unknown_incident", value=incident_id))
            row.record = None
            self.row_problems = True

    def _changes(self, report: ImportReport) -> list[Change]:
        problems = list(self.header_problems)
        changes: list[Change] = []
        for kind in KINDS:
            for row in self.rows[kind]:
                if row.problems:
                    row.record = None
                    problems.extend(row.problems)
                    report.counts[kind].rejected += 1
                elif row.record is None:
                    report.counts[kind].rejected += 1  # its incident was rejected
                else:
                    changes.append(Change(row.record))
        report.problems = sorted(problems, key=lambda p: (self._sheet_order(p.sheet), p.row))
        report.ok = not problems
        if self.header_problems or (problems and not self.keep_valid):
            return []
        return changes

    def _sheet_order(self, name: str) -> int:
        for position, sheet in enumerate(self.sheets):
            if sheet.name == name:
                return position
        return len(self.sheets)

    def rejected_rows(self, sheet: Sheet) -> Iterator[tuple[tuple[Any, ...], str]]:
        """The rows of ``sheet`` not imported, each with its problems in the sheet's language."""
        for row in self.rows[sheet.kind]:
            if row.sheet is not sheet or (row.record is not None and not row.problems):
                continue
            lang = row.layout.lang
            texts = [
                (f"{p.column}: " if p.column else "") + p.message.render(lang) for p in row.problems
            ]
            yield row.cells, "\n".join(texts)


def import_spreadsheet(
    ws: Workspace,
    source: Path,
    *,
    keep_valid: bool = False,
    rejects: Path | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a workbook or CSV folder in one transaction: all rows, or (keep_valid) the valid ones.

    With problems and without ``keep_valid`` nothing changes and every problem is reported.
    ``rejects`` receives the rows not imported, with a ``problems`` column.
    """
    if rejects is not None and rejects.resolve() == source.resolve():
        raise UserError.of("sheet_rejects_is_source", path=str(rejects))
    with without_cycle_collection():
        return _import(ws, source, keep_valid, rejects, progress)


def _import(
    ws: Workspace,
    source: Path,
    keep_valid: bool,
    rejects: Path | None,
    progress: Progress | None,
) -> ImportReport:
    sheets = read_sheets(source)
    report = ImportReport(source)
    job = _Import(ws, sheets, keep_valid, progress)
    if rejects is None and not keep_valid:
        written = _import_checking_and_writing(ws, job, report)
        if written is not None:
            _count_applied(report, *written)
        if progress is not None:
            progress(job.total, job.total)
        return report
    changes = job.run(report)
    if rejects is not None:  # first: a rejects file that cannot be written stops the import
        _write_rejects(rejects, sheets, job)
        report.rejects = rejects
    if changes or (report.ok and not job.header_problems):
        actions = ws.apply_in_chunks(changes, progress=_writing(progress)) if changes else Counter()
        _count_applied(report, actions, Counter(change.record.kind for change in changes))
    if progress is not None:
        progress(job.total, job.total)
    return report


def _count_applied(
    report: ImportReport, actions: Counter[tuple[str, str]], accepted: Counter[str],
) -> None:
    """The report of a written import: operations by (kind, action) and valid rows by kind."""
    report.applied = True
    report.operations = sum(actions.values())
    for kind in KINDS:
        counts = report.counts[kind]
        counts.created = actions[(kind, "create")]
        counts.updated = actions[(kind, "update")]
        counts.unchanged = accepted[kind] - counts.created - counts.updated


class _Refused(Exception):
    """A problem was found after rows had been written: the transaction is rolled back."""


def _import_checking_and_writing(
    ws: Workspace, job: _Import, report: ImportReport
) -> tuple[Counter[tuple[str, str]], Counter[str]] | None:
    """All or nothing, in one transaction: rows are written as soon as they are checked (the
    database writes one chunk on a background thread while the next is checked), and everything
    is rolled back if any problem turns up. Returns the operations by (kind, action) and the
    rows accepted by kind, or None when nothing was applied."""
    actions: Counter[tuple[str, str]] = Counter()
    accepted: Counter[str] = Counter()

    def write(changes: list[Change]) -> None:
        for op in ws.store.write(changes, ws.researcher):
            actions[(op.record_kind, op.action)] += 1
        accepted.update(change.record.kind for change in changes)

    try:
        with ws.store.transaction(), ws.store.pipelined():
            job.run(report, write)
            if not report.ok:
                raise _Refused
    except _Refused:
        return None
    return actions, accepted


def _writing(progress: Progress | None) -> Progress | None:
    """Progress while writing, reported as its own pass over the accepted rows."""
    if progress is None:
        return None
    return lambda done, total: progress(done, total) if done < total else None


# ------------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------------


def _xlsx_value(worksheet: Any, value: Any) -> Any:
    """A cell value openpyxl writes as typed: text stays text even when it starts with "="."""
    if isinstance(value, str):
        value = xlsx_escape(value)
        if value.startswith("="):
            cell = WriteOnlyCell(worksheet, value)
            cell.data_type = "s"
            return cell
    return value


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


class _Writer:
    """Writes sheets to a new workbook or CSV folder, replacing the target only when complete."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.xlsx = _is_xlsx(target)
        self.done: list[tuple[Path, Path]] = []  # (temporary, final)
        if not self.xlsx:
            if target.suffix.lower() in _FILE_SUFFIXES or (target.exists() and not target.is_dir()):
                raise UserError.of("unsupported_file", path=str(target))
            self._guard(lambda: target.mkdir(parents=True, exist_ok=True))
            self.workbook = None
        else:
            if target.parent and not target.parent.exists():
                self._guard(lambda: target.parent.mkdir(parents=True, exist_ok=True))
            self.workbook = openpyxl.Workbook(write_only=True)
        self.bold = Font(bold=True)

    def _guard(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except OSError as error:
            raise UserError.of("sheet_unwritable", path=str(self.target),
                               detail=error.strerror or str(error)) from None

    def sheet(self, title: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
        if self.workbook is not None:
            worksheet = self.workbook.create_sheet(title)
            worksheet.freeze_panes = "A2"
            header_cells = []
            for text in headers:
                cell = WriteOnlyCell(worksheet, _csv_value(text))
                cell.font = self.bold
                header_cells.append(cell)
            worksheet.append(header_cells)
            for row in rows:
                worksheet.append([_xlsx_value(worksheet, v) for v in row])
            return
        final = self.target / f"{title}.csv"
        temporary = final.with_name(final.name + ".part")

        def write() -> None:
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                _write_csv(handle, headers, rows)

        self._guard(write)
        self.done.append((temporary, final))

    def finish(self) -> None:
        if self.workbook is not None:
            temporary = self.target.with_name(self.target.name + ".part")
            workbook = self.workbook
            self._guard(lambda: workbook.save(temporary))
            self.done.append((temporary, self.target))
        self._guard(self._replace_all)

    def _replace_all(self) -> None:
        for temporary, final in self.done:
            os.replace(temporary, final)

    def abandon(self) -> None:
        for temporary, _ in self.done:
            temporary.unlink(missing_ok=True)


def _write_csv(handle: IO[str], headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
    writer = csv.writer(handle)
    writer.writerow([_csv_value(v) for v in headers])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])


def _write_rejects(target: Path, sheets: list[Sheet], job: _Import) -> None:
    writer = _Writer(target)
    try:
        for sheet in sheets:
            width = max(
                [len(sheet.headers), *(len(cells) for _, cells in sheet.rows)], default=0
            )
            headers = [*sheet.headers, *([None] * (width - len(sheet.headers))), PROBLEMS_COLUMN]
            rows = (
                [*cells, *([None] * (width - len(cells))), problems]
                for cells, problems in job.rejected_rows(sheet)
            )
            writer.sheet(sheet.title, headers, rows)
        writer.finish()
    except BaseException:
        writer.abandon()
        raise


def _export_rows(ws: Workspace, kind: str, tick: Callable[[], None]) -> Iterator[list[Any]]:
    names = [c.field for c in COLUMNS[kind]]
    date_at = names.index("date") if kind == Incident.kind else -1
    for row in ws.store.rows(kind):
        values = [row.get(name) for name in names]
        if date_at >= 0:
            # The date at its precision, as Incident.date_text() writes it.
            date = PartialDate(dt.date.fromisoformat(row["date"]), row["date_precision"])
            values[date_at] = str(date)
        tick()
        yield values


def export_spreadsheet(
    ws: Workspace, target: Path, *, progress: Progress | None = None
) -> ExportReport:
    """Write every living record to ``target``: FILE.xlsx, or a folder of CSV files (UTF-8, BOM)."""
    report = ExportReport(target)
    for kind in KINDS:
        report.counts[kind] = ws.store.count(kind)
    total = sum(report.counts.values())
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(min(done, max(total - 1, 0)), total)

    writer = _Writer(target)
    try:
        for kind in KINDS:
            writer.sheet(SHEET_NAMES[kind], [c.field for c in COLUMNS[kind]],
                         _export_rows(ws, kind, tick))
        writer.finish()
    except BaseException:
        writer.abandon()
        raise
    if progress is not None:
        progress(total, total)
    return report
