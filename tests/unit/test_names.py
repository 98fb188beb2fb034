"""Name normalisation: Arabic and Latin match keys, cross-script skeletons and FTS5 queries."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

import pytest

from snhr_desktop.domain.names import (
    ARABIC_DIGITS,
    arabic_skeleton,
    article_variants,
    cross_script_key,
    fold_digits,
    fts_query,
    latin_article_variants,
    latin_skeleton,
    normalise_arabic,
    normalise_latin,
    search_key,
    search_terms,
)

# ---- digits ---------------------------------------------------------------------------------


def test_fold_digits_arabic_indic_and_persian() -> None:
    assert fold_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert fold_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert fold_digits("عمره ١٢ سنة - 2016/۰۵") == "عمره 12 سنة - 2016/05"


def test_fold_digits_changes_nothing_else() -> None:
    text = "أحمد، Ahmad  ١٢!"
    assert fold_digits(text) == "أحمد، Ahmad  12!"
    assert "٣".translate(ARABIC_DIGITS) == "3"


# ---- Arabic ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("مُحَمَّد", "محمد"),  # fatha, damma, shadda
        ("خالِدٌ", "خالد"),  # kasra, tanwin
        ("عَبْدُ", "عبد"),  # sukun
        ("هٰذا", "هذا"),  # superscript alef
        ("محمـــد", "محمد"),  # tatweel
        ("\u200fمحمد\u200e", "محمد"),  # RLM / LRM
        ("\u202bعلي\u202c", "علي"),  # bidi embedding
        ("\u2067حسن\u2069", "حسن"),  # bidi isolate
        ("\ufeffعمر", "عمر"),  # BOM
        ("\u061cسعد", "سعد"),  # Arabic letter mark
        ("زين\u200bب", "زينب"),  # zero-width space
        ("ﻣﺤﻤﺪ", "محمد"),  # presentation forms (NFKC)
    ],
)
def test_arabic_marks_and_invisibles_removed(raw: str, expected: str) -> None:
    assert normalise_arabic(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("آمنة", "امنه"),
        ("ٱلرحمن", "الرحمن"),
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("فاطمة", "فاطمه"),  # ta marbuta
        ("مؤمن", "مومن"),
        ("عائشة", "عايشه"),
        ("رائد", "رايد"),
        ("کمال", "كمال"),  # Persian kaf
        ("علی", "علي"),  # Persian yeh
        ("حمزہ", "حمزه"),  # heh goal
    ],
)
def test_arabic_letter_variants_folded(raw: str, expected: str) -> None:
    assert normalise_arabic(raw) == expected


def test_arabic_digits_whitespace_and_punctuation() -> None:
    assert normalise_arabic("  محمد   ١٢\tعلي ") == "محمد 12 علي"
    assert normalise_arabic("الخطيب، أحمد (أبو خالد)") == "الخطيب احمد ابوخالد"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("عبد الرحمن", "عبدالرحمن"),
        ("عبد الله", "عبدالله"),
        ("عبدُ الكريم", "عبدالكريم"),
        ("عبد ربه", "عبدربه"),
        ("أبو بكر", "ابوبكر"),
        ("ابو بكر", "ابوبكر"),
        ("محمد بن سلمان", "محمد بنسلمان"),
        ("ابن خلدون", "ابنخلدون"),
        ("أبو عبد الرحمن", "ابوعبدالرحمن"),
        ("محمد بن أبو بكر", "محمد بنابوبكر"),
    ],
)
def test_arabic_compound_names_joined(raw: str, expected: str) -> None:
    assert normalise_arabic(raw) == expected


def test_arabic_full_names_meet() -> None:
    a = normalise_arabic("أحمد عبد الرحمن الخطيب")
    b = normalise_arabic("احمد عبدالرحمن الخطيب")
    assert a == b == "احمد عبدالرحمن الخطيب"
    # The article stays in the key; search compares with and without it.
    assert normalise_arabic("احمد عبدالرحمن خطيب") == "احمد عبدالرحمن خطيب"


def test_arabic_keeps_words_not_to_be_glued() -> None:
    assert normalise_arabic("عبد") == "عبد"
    assert normalise_arabic("بنين") == "بنين"
    assert normalise_arabic("عبدو حسن") == "عبدو حسن"


def test_article_variants() -> None:
    assert article_variants("الخطيب") == ("الخطيب", "خطيب")
    assert article_variants("خطيب") == ("خطيب",)
    assert article_variants("ال") == ("ال",)
    assert article_variants("الف") == ("الف",)
    assert article_variants("alkhatib") == ("alkhatib",)


# ---- Latin ----------------------------------------------------------------------------------


def test_latin_lower_case_and_accents() -> None:
    assert normalise_latin("JOSÉ") == normalise_latin("jose")
    assert normalise_latin("Müller") == normalise_latin("Muller")
    assert normalise_latin("Çelik") == normalise_latin("celik")


def test_latin_punctuation_and_apostrophes() -> None:
    assert normalise_latin("Sa'id") == normalise_latin("Said") == normalise_latin("Saeed")
    assert normalise_latin("Dar’a") == normalise_latin("Daraa")
    assert normalise_latin("Hasan, (Abu Ali)") == normalise_latin("hasan abu ali")
    assert normalise_latin("Jean-Luc") == normalise_latin("Jean Luc")


@pytest.mark.parametrize(
    "variant", ["Al-Khatib", "al Khatib", "El-Khatib", "el khatib", "Khatib", "Khateeb"]
)
def test_latin_article_dropped(variant: str) -> None:
    assert normalise_latin(variant) == normalise_latin("Khatib")


def test_latin_sun_letter_articles() -> None:
    assert normalise_latin("Ar-Raqqa") == normalise_latin("Raqqa")
    assert normalise_latin("As-Sweida") == normalise_latin("Sweida")
    assert normalise_latin("Deir ez-Zor") == normalise_latin("Deir Zor")
    assert normalise_latin("Nur ad-Din") == normalise_latin("Nur Din")
    # Not an article when the next word does not start with the assimilated consonant.
    assert normalise_latin("at risk") != normalise_latin("risk")


@pytest.mark.parametrize(
    "variant", ["Abdul Rahman", "Abdulrahman", "Abd al-Rahman", "Abdel Rahman", "Abd el-Rahman",
                "Abdurrahman", "Abd Al Rahman", "Abdel-Rahman", "ABDUL RAHMAN"]
)
def test_latin_abd_compounds(variant: str) -> None:
    assert normalise_latin(variant) == "abdrahman"


def test_latin_abd_allah_and_abu() -> None:
    keys = {normalise_latin(v) for v in ("Abdullah", "Abdallah", "Abd Allah", "Abd-Allah")}
    assert len(keys) == 1
    assert normalise_latin("Abu Bakr") == normalise_latin("Abou Bakr") == normalise_latin("Abubakr")
    assert normalise_latin("Abdulhamid") == normalise_latin("Abd al-Hamid") == "abdhamid"


@pytest.mark.parametrize(
    "variant", ["Mohammed", "Muhammad", "Mohamad", "Mohammad", "Mohamed", "Muhammed", "Mhd"]
)
def test_latin_mohammed(variant: str) -> None:
    assert normalise_latin(variant) == normalise_latin("Muhammad")


def test_latin_transliteration_folds() -> None:
    assert normalise_latin("Ahmad") == normalise_latin("Ahmed")
    assert normalise_latin("Khateeb") == normalise_latin("Khatib") == normalise_latin("Al-Khatib")
    assert normalise_latin("Mahmoud") == normalise_latin("Mahmud") == normalise_latin("Mahmood")
    assert normalise_latin("Hussein") == normalise_latin("Husayn") == normalise_latin("Hussain")
    assert normalise_latin("Zeinab") == normalise_latin("Zainab") == normalise_latin("Zaynab")
    assert normalise_latin("Fatimah") == normalise_latin("Fatima")
    assert normalise_latin("Hasakeh") == normalise_latin("Hasakah") == normalise_latin("Hasaka")
    assert normalise_latin("Omar") == normalise_latin("Umar")
    assert normalise_latin("Fathy") == normalise_latin("Fathi")
    assert normalise_latin("Qasim") == normalise_latin("Kasim")
    assert normalise_latin("Sheikh") == normalise_latin("Shaykh") == normalise_latin("Cheikh")


def test_latin_digraphs_are_single_letters() -> None:
    # Each digraph becomes one letter, so "kh" and "k" + "h" stay apart.
    assert normalise_latin("Khalid") != normalise_latin("Kalid")
    assert normalise_latin("Shadi") != normalise_latin("Sadi")
    assert normalise_latin("Ghassan") == normalise_latin("Gassan")  # gh -> g
    assert normalise_latin("Haytham") == normalise_latin("Haytam")  # th -> t
    assert normalise_latin("Nimer") == normalise_latin("Nimmer")  # doubled letters collapse


def test_latin_keys_are_plain_tokens() -> None:
    key = normalise_latin("  Al-Sayyed  Mohammed Abdul-Karim O'Neil 3rd ")
    assert key == key.strip() and "  " not in key
    assert all(token.isalnum() and token == token.lower() for token in key.split())


# ---- search keys ----------------------------------------------------------------------------


def test_search_key_by_script() -> None:
    assert search_key("أحمد الخطيب") == normalise_arabic("أحمد الخطيب")
    assert search_key("Ahmad Al-Khatib") == normalise_latin("Ahmad Al-Khatib")
    assert search_key("أحمد Khatib") == "احمد " + normalise_latin("Khatib")
    assert search_key("حلب/Aleppo") == "حلب " + normalise_latin("Aleppo")
    assert search_key("") == ""


def test_search_terms() -> None:
    assert search_terms("  أحمد   احمد Ahmed ") == ["احمد", normalise_latin("Ahmed")]
    assert search_terms("،؛ - ") == []


def test_fts_query_shape() -> None:
    assert fts_query("") == ""
    assert fts_query("   ") == ""
    assert fts_query("Khatib") == '"xatib"*'
    assert fts_query("الخطيب") == '("الخطيب"* OR "خطيب"*)'
    assert fts_query("خطيب") == '("خطيب"* OR "الخطيب"*)'
    assert fts_query("أحمد Khatib").count(" AND ") == 1


def test_fts_query_is_safe() -> None:
    for hostile in ['"', 'a" OR "b', "NEAR(a b)", "x*", "col:val", "^start", "a AND", "- -"]:
        query = fts_query(hostile)
        with _FtsTable(["anything"]) as conn:
            if query:
                conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,)).fetchall()


class _FtsTable:
    """An in-memory FTS5 table (unicode61) holding the search keys of ``names``."""

    def __init__(self, names: list[str]) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute("CREATE VIRTUAL TABLE t USING fts5(names, tokenize='unicode61')")
        self.conn.executemany(
            "INSERT INTO t (rowid, names) VALUES (?, ?)",
            [(i, search_key(name)) for i, name in enumerate(names, 1)],
        )

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *_: object) -> None:
        self.conn.close()


NAMES = [
    "أحمد عبد الرحمن الخطيب",  # 1
    "محمد خطيب",  # 2
    "فاطمة الزهراء",  # 3
    "Mohammed Al-Khateeb",  # 4
    "Abdul Rahman Hasan",  # 5
    "خالد أبو بكر",  # 6
]


def _found(query: str) -> set[int]:
    with _FtsTable(NAMES) as conn:
        rows = conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts_query(query),))
        return {row[0] for row in rows}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("احمد", {1}),  # hamza on the alef ignored
        ("أحمد", {1}),
        ("الخطيب", {1, 2}),  # with the article finds without …
        ("خطيب", {1, 2}),  # … and without finds with
        ("خط", {1, 2}),  # prefix
        ("عبدالرحمن", {1}),
        ("عبد الرحمن", {1}),
        ("فاطمه", {3}),
        ("زهراء", {3}),
        ("ابو بكر", {6}),
        ("Muhammad", {4}),
        ("mohamed khatib", {4}),
        ("Khat", {4}),
        ("abdulrahman", {5}),
        ("Abd al-Rahman", {5}),
        ("أحمد الخطيب", {1}),
        ("Nobody", set()),
    ],
)
def test_fts_query_finds_names(query: str, expected: set[int]) -> None:
    assert _found(query) == expected


# ---- cross-script ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("أحمد", "Ahmad"),
        ("أحمد", "Ahmed"),
        ("محمد", "Mohammed"),
        ("محمد", "Muhammad"),
        ("خالد", "Khaled"),
        ("خالد", "Khalid"),
        ("عبد الرحمن", "Abdul Rahman"),
        ("عبدالرحمن", "Abd al-Rahman"),
        ("عبد الله", "Abdullah"),
        ("الخطيب", "Al-Khateeb"),
        ("يوسف", "Yousef"),
        ("يوسف", "Yusuf"),
        ("حسين", "Hussein"),
        ("فاطمة", "Fatima"),
        ("مصطفى", "Moustafa"),
        ("أبو بكر", "Abu Bakr"),
        ("عائشة", "Aisha"),
        ("صالح", "Saleh"),
        ("أحمد عبد الرحمن الخطيب", "Ahmad Abdulrahman Al-Khateeb"),
    ],
)
def test_cross_script_pairs_meet(arabic: str, latin: str) -> None:
    assert cross_script_key(arabic) == cross_script_key(latin) != ""


def test_cross_script_keeps_different_names_apart() -> None:
    assert cross_script_key("محمد") != cross_script_key("أحمد")
    assert cross_script_key("Khaled") != cross_script_key("Walid")
    assert cross_script_key("خالد") == "xld"


# ---- speed ----------------------------------------------------------------------------------


def _many_names() -> Iterator[tuple[str, str]]:
    first_ar = ["أحمد", "محمد", "خالد", "عبد الرحمن", "فاطمة", "أبو بكر", "يوسف", "زينب"]
    last_ar = ["الخطيب", "الحلبي", "العلي", "حسن", "الأحمد", "بن سعيد"]
    first_en = ["Ahmad", "Mohammed", "Khaled", "Abdul Rahman", "Fatima", "Abu Bakr", "Yousef"]
    last_en = ["Al-Khateeb", "Al-Halabi", "Al-Ali", "Hassan", "Al-Ahmad", "Bin Saeed"]
    for i in range(20_000):
        yield (
            f"{first_ar[i % 8]} {first_ar[i // 8 % 8]} {last_ar[i % 6]}",
            f"{first_en[i % 7]} {first_en[i // 7 % 7]} {last_en[i % 6]}",
        )


def test_normalisation_is_fast() -> None:
    names = list(_many_names())
    started = time.perf_counter()
    for arabic, latin in names:
        search_key(arabic)
        search_key(latin)
    per_name = (time.perf_counter() - started) / (2 * len(names))
    assert per_name < 50e-6  # a million names in well under a minute


# ---- skeletons of normalised words and the glued Latin article -------------------------------


@pytest.mark.parametrize(
    ("arabic", "skeleton"),
    [("الخطيب", "xtb"), ("عبدالرحمن", "bdrhmn"), ("ابوبكر", "bkr"), ("محمد", "mhmd"),
     ("فاطمه", "ftm"), ("علي", "l")],
)
def test_arabic_skeleton_of_a_normalised_word(arabic: str, skeleton: str) -> None:
    assert arabic_skeleton(arabic) == skeleton
    assert arabic_skeleton(normalise_arabic(arabic)) == cross_script_key(arabic)


@pytest.mark.parametrize(
    ("latin", "skeleton"),
    [("Al-Khateeb", "xtb"), ("Abdul Rahman", "bdrhmn"), ("Abu Bakr", "bkr"),
     ("Mohammed", "mhmd"), ("Fatima", "ftm"), ("Ali", "l")],
)
def test_latin_skeleton_of_a_normalised_word(latin: str, skeleton: str) -> None:
    assert latin_skeleton(normalise_latin(latin)) == skeleton == cross_script_key(latin)


def test_skeletons_meet_across_scripts_word_by_word() -> None:
    for arabic, latin in [("أحمد", "Ahmed"), ("خالد", "Khalid"), ("يوسف", "Yousef")]:
        assert arabic_skeleton(normalise_arabic(arabic)) == latin_skeleton(normalise_latin(latin))


@pytest.mark.parametrize(
    ("word", "variants"),
    [
        ("alxatib", ("alxatib", "xatib")),  # Alkhatib
        ("alali", ("alali", "ali")),  # Alali
        ("alumar", ("alumar", "umar")),  # Alomar
        ("ala", ("ala",)),  # Alaa keeps its letters
        ("ali", ("ali",)),
        ("xatib", ("xatib",)),
    ],
)
def test_latin_article_variants(word: str, variants: tuple[str, ...]) -> None:
    assert latin_article_variants(word) == variants


def test_glued_latin_article_meets_the_hyphenated_one() -> None:
    for glued, hyphenated in [("Alkhatib", "Al-Khatib"), ("Elomar", "El-Omar"),
                              ("Alsheikh", "Al-Sheikh")]:
        assert latin_article_variants(normalise_latin(glued))[-1] == normalise_latin(hyphenated)
