"""The printed summary sheet: both languages written, and their text read back with pdftotext."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from snhr_desktop.cli import main
from snhr_desktop.services.demo import fill_demo
from snhr_desktop.services.headline import format_number, headline
from snhr_desktop.services.summary import Summary, SummaryFilters, summarise
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.sheet import write_sheet
from tests.conftest import PASSPHRASE

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")

FILTERS = SummaryFilters(
    date_from=dt.date(2012, 1, 1), date_to=dt.date(2016, 12, 31), since=dt.date(2015, 1, 1)
)
ISSUED = dt.date(2024, 6, 30)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sheet") / "demo.db"
    from snhr_desktop.storage import keys

    cheap = keys.KdfCost(time_cost=1, memory_kib=8 * 1024, parallelism=1)
    with Workspace.create(path, PASSPHRASE, "Test Researcher", cost=cheap) as ws:
        fill_demo(ws, victims=3000, seed=7)
    return path


@pytest.fixture
def summary(demo: Path) -> Summary:
    with Workspace.open(demo, PASSPHRASE) as ws:
        return summarise(ws, FILTERS, today=ISSUED)


def extract(pdf: Path) -> list[str]:
    """The text of each page as pdftotext gives it, without its bidi embedding marks."""
    assert PDFTOTEXT is not None
    out = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return [re.sub("[\u202a-\u202e\u200e\u200f]", "", page) for page in out.split("\f") if page.strip()]


def tokens(text: str) -> list[str]:
    """Words and numbers in reading order; punctuation, and the side pdftotext puts it on, aside.

    pdftotext places neutral characters (%, parentheses, colons) and the spaces beside numbers
    by their position on the page ("الصفحة  1من 5"), and writes a space before a mark over a
    final alif (مدنيا ً): none of this changes the order of the words and numbers, which is what
    is compared.
    """
    text = re.sub(r"\s+([\u064b-\u0652])", r"\1", text)
    return re.findall(r"\d+|(?:[^\W\d_]|[\u064b-\u0652])+", text.replace(",", ""))


def contains_in_order(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def test_english_sheet(qapp: object, summary: Summary, tmp_path: Path) -> None:
    pdf = tmp_path / "sheet-en.pdf"
    pages = write_sheet(summary, pdf, "en", issued=ISSUED)
    assert pages >= 2 and pdf.stat().st_size > 10_000
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    texts = extract(pdf)
    assert len(texts) == pages
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
        assert "CONFIDENTIAL" in text
        assert "massacre threshold 5 civilians, child age limit 18 years" in text
    everything = " ".join(texts)
    flat = " ".join(everything.split())
    assert " ".join(headline(summary, "en").split()) in flat
    assert "Documented civilian deaths and attacks" in flat
    assert "Issued 30 June 2024" in flat
    for figure in (summary.civilians_killed, summary.children, summary.women, summary.men,
                   summary.massacres, summary.facility_attacks):
        assert format_number(figure) in flat
    assert "Aleppo" in flat and "Civilians killed by governorate" in flat
    assert "A massacre is an incident in which at least 5 civilians were killed" in flat


@needs_pdftotext
def test_arabic_sheet_reads_back_in_logical_order(qapp: object, summary: Summary, tmp_path: Path) -> None:
    pdf = tmp_path / "sheet-ar.pdf"
    pages = write_sheet(summary, pdf, "ar", issued=ISSUED)
    texts = extract(pdf)
    assert len(texts) == pages >= 2
    everything = "\n".join(texts)
    # Letters, not presentation forms (ﻗﺘﻠﺖ): the text maps were rewritten.
    assert not re.search("[\ufb00-\ufdff\ufe70-\ufeff]", everything)
    for number, text in enumerate(texts, start=1):
        assert contains_in_order(tokens(text), ["الصفحة", str(number), "من", str(pages)])
        assert "سري" in text
    sentence = headline(summary, "ar")
    assert sentence.startswith("قتلت أطراف النزاع")
    assert contains_in_order(tokens(everything), tokens(sentence))
    flat = " ".join(everything.split())
    assert "حصيلة الضحايا المدنيين والهجمات الموثقة" in flat
    assert "الشبكة السورية لحقوق الإنسان" in flat  # a lam-alef ligature (الإ) read back in order
    assert "المدنيون القتلى" in flat and "على" in flat
    for figure in (summary.civilians_killed, summary.children, summary.women, summary.massacres,
                   summary.facility_attacks):
        assert format_number(figure) in flat
    assert "حلب" in flat and "ريف دمشق" in flat
    assert contains_in_order(tokens(everything), tokens("المجزرة حادثة قتل فيها 5 مدنيين على الأقل"))


@needs_pdftotext
def test_extraction_of_the_published_example_words(qapp: object, tmp_path: Path, demo: Path) -> None:
    """A party, a sub-period and a governorate filter, in Arabic: the words come back in order."""
    filters = SummaryFilters(perpetrators=("syrian_regime",), governorates=("SY02", "SY03"),
                             date_from=dt.date(2013, 1, 1), date_to=dt.date(2014, 12, 31),
                             since=dt.date(2014, 1, 1))
    with Workspace.open(demo, PASSPHRASE) as ws:
        s = summarise(ws, filters, today=ISSUED)
    pdf = tmp_path / "regime.pdf"
    write_sheet(s, pdf, "ar", issued=ISSUED)
    sentence = headline(s, "ar")
    assert "في محافظتي حلب وريف دمشق" in sentence
    assert contains_in_order(tokens("\n".join(extract(pdf))), tokens(sentence))


def test_cli_writes_both_sheets(qapp: object, demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SNHR_PASSPHRASE", PASSPHRASE)
    for lang in ("ar", "en"):
        out = tmp_path / f"{lang}.pdf"
        code = main(["--db", str(demo), "--lang", "en", "sheet", "--lang", lang, "--out", str(out),
                     "--perpetrator", "syrian_regime", "--from", "2013-01-01", "--to", "2013-12-31"])
        assert code == 0
        assert out.read_bytes().startswith(b"%PDF")
        assert f"Wrote {out}" in capsys.readouterr().out


def test_text_maps_become_letters() -> None:
    from snhr_desktop.ui.sheet import _letters

    assert _letters("\ufed7") == "ق"  # qaf, initial form
    assert _letters("\ufefb") == "ال"  # lam-alef: listed in visual order for pdftotext
    assert _letters("\ufe70") == "\u064b"  # fathatan, isolated form: the mark alone
    assert _letters("\t") == " "
    assert _letters("a") == "a"
    assert _letters("\ufb02") == "fl"  # Latin ligatures too (conﬂict)
    assert unicodedata.normalize("NFKC", "\ufefb") == "لا"


def test_the_printed_sheet_is_made_in_memory(qapp: object, summary: Summary, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from snhr_desktop.ui.sheet import sheet_pdf

    def no_temporary_files(*args: object, **kwargs: object) -> None:
        raise AssertionError("printing must not write a temporary file")

    for name in ("TemporaryDirectory", "NamedTemporaryFile", "mkstemp", "mkdtemp"):
        monkeypatch.setattr(tempfile, name, no_temporary_files)
    data = sheet_pdf(summary, "ar")
    written = tmp_path / "sheet.pdf"
    write_sheet(summary, written, "ar")
    assert data.startswith(b"%PDF") and len(data) == written.stat().st_size
    (tmp_path / "from_memory.pdf").write_bytes(data)
    assert extract(tmp_path / "from_memory.pdf") == extract(written)


@needs_pdftotext
def test_links_applied_are_stated_on_the_sheet(
    qapp: object, demo: Path, summary: Summary, tmp_path: Path
) -> None:
    """A pair linked as one person: the sheet counts them once and says how many were left out;
    a sheet with no link says nothing of it."""
    from snhr_desktop.domain.records import PairDecision
    from snhr_desktop.services.summary import drill
    from snhr_desktop.storage import keys

    copy = tmp_path / "linked.db"
    shutil.copy(demo, copy)
    shutil.copy(keys.key_file_for(demo), keys.key_file_for(copy))
    with Workspace.open(copy, PASSPHRASE) as ws:
        first, second = drill(ws, FILTERS, "children")[:2]
        ws.save(PairDecision.between(first, second, "same"))
        linked = summarise(ws, FILTERS, today=ISSUED)
    assert (linked.civilians_killed, linked.children) == (
        summary.civilians_killed - 1, summary.children - 1
    )
    assert linked.links_applied == 1
    english, arabic = tmp_path / "linked-en.pdf", tmp_path / "linked-ar.pdf"
    write_sheet(linked, english, "en", issued=ISSUED)
    write_sheet(linked, arabic, "ar", issued=ISSUED)
    flat = " ".join(" ".join(extract(english)).split())
    assert "left out, so that each person counts once: 1" in flat
    assert format_number(linked.civilians_killed) in flat
    note = tokens("السجلات المربوطة بسجل آخر للشخص نفسه والمستبعدة كي يحتسب كل شخص مرة واحدة: 1")
    assert contains_in_order(tokens("\n".join(extract(arabic))), note)
    plain = tmp_path / "plain-en.pdf"
    write_sheet(summary, plain, "en", issued=ISSUED)
    assert "same person" not in " ".join(extract(plain))
