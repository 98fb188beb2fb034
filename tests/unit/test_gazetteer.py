"""Gazetteer: shipped data, hierarchy, name resolution and type-to-search."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from snhr_desktop import paths
from snhr_desktop.domain.gazetteer import Gazetteer, Place, gazetteer

FOLDER = paths.RESOURCES / "gazetteer"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def test_shipped_files_and_licence() -> None:
    for name in ("syria_admin.csv", "syria_admin_aliases.csv", "SOURCE.md",
                 "LICENSE-Open-Syria.md", "README.md"):
        assert (FOLDER / name).is_file(), name
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "OpenSyria" in readme
    assert "CC BY 3.0 IGO" in readme and "OCHA" in readme


def test_counts_per_level(gaz: Gazetteer) -> None:
    counts = Counter(place.level for place in gaz.places())
    assert counts == {1: 14, 2: 62, 3: 272, 4: 5251}
    assert len(gaz) == 5599
    assert len(gaz.places(1)) == 14


def test_every_place_is_complete_and_inside_syria(gaz: Gazetteer) -> None:
    for place in gaz.places():
        assert place.name_en and place.name_ar
        assert 32.0 < place.lat < 37.5 and 35.5 < place.lon < 42.5
        if place.level == 1:
            assert place.parent is None
        else:
            parent = gaz.get(place.parent or "")
            assert parent is not None and parent.level == place.level - 1


def test_get_contains_and_names(gaz: Gazetteer) -> None:
    raqqa = gaz.get("SY11")
    assert raqqa == Place("SY11", 1, "Ar-Raqqa", "الرقة", None, 36.0, 38.93333)
    assert raqqa.name("ar") == "الرقة" and raqqa.name("en") == "Ar-Raqqa"
    assert gaz.name("SY0205", "en") == "Menbij" and gaz.name("SY0205", "ar") == "منبج"
    assert "SY11" in gaz and "SY99" not in gaz and None not in gaz
    assert gaz.get("SY99") is None
    with pytest.raises(KeyError):
        gaz.name("SY99", "en")


def test_governorates_and_children(gaz: Gazetteer) -> None:
    governorates = gaz.governorates()
    assert len(governorates) == 14
    assert governorates == gaz.children(None)
    names = [place.name_en for place in governorates]
    assert names == sorted(names, key=str.casefold)
    assert [p.pcode for p in gaz.children("SY11")] == ["SY1101", "SY1103", "SY1102"]
    assert [p.name_en for p in gaz.children("SY11")] == ["Ar-Raqqa", "Ath-Thawrah", "Tell Abiad"]
    assert all(p.parent == "SY1103" and p.level == 3 for p in gaz.children("SY1103"))
    assert gaz.children("C5942") == [] and gaz.children("nowhere") == []


def test_ancestors(gaz: Gazetteer) -> None:
    assert gaz.ancestors("C5942") == {1: "SY11", 2: "SY1103", 3: "SY110301", 4: "C5942"}
    assert gaz.ancestors("C1767") == {1: "SY02", 2: "SY0205", 3: "SY020500", 4: "C1767"}
    assert gaz.ancestors("SY11") == {1: "SY11"}
    # Renumbered Qadmous subdistricts keep their communities.
    assert gaz.ancestors("SY100601")[2] == "SY1006"
    with pytest.raises(KeyError):
        gaz.ancestors("SY99")


@pytest.mark.parametrize(
    "text",
    ["SY11", "sy11", "Raqqa", "Ar-Raqqa", "ar raqqa", "AR-RAQQA", "Al-Raqqah", "Raqqah",
     "الرقة", "الرقه", "محافظة الرقة", "Raqqa Governorate", "  الرَّقَّة  "],
)
def test_resolve_raqqa(gaz: Gazetteer, text: str) -> None:
    assert gaz.resolve(text) == "SY11"


@pytest.mark.parametrize("text", ["Idlib", "Idleb", "إدلب", "ادلب", "محافظة إدلب"])
def test_resolve_idlib(gaz: Gazetteer, text: str) -> None:
    assert gaz.resolve(text) == "SY07"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deir-ez-Zor", "SY09"),
        ("Deir ez-Zor", "SY09"),
        ("دير الزور", "SY09"),
        ("Dar'a", "SY12"),
        ("Daraa", "SY12"),
        ("درعا", "SY12"),
        ("Tartus", "SY10"),
        ("Rural Damascus", "SY03"),
        ("ريف دمشق", "SY03"),
        ("As-Sweida", "SY13"),
        ("Hama", "SY05"),
        ("حماة", "SY05"),
        ("Manbij", "SY0205"),
        ("منبج", "SY0205"),
        ("Abu Kamal", "SY0902"),
        ("البوكمال", "SY0902"),
        ("Raqqa District", "SY1101"),
    ],
)
def test_resolve_names_and_aliases(gaz: Gazetteer, text: str, expected: str) -> None:
    assert gaz.resolve(text) == expected


def test_resolve_prefers_the_higher_level(gaz: Gazetteer) -> None:
    # "Ar-Raqqa" names a governorate, a district, a subdistrict and a community.
    assert gaz.resolve("Ar-Raqqa") == "SY11"
    assert gaz.resolve("Ar-Raqqa", level=2) == "SY1101"
    assert gaz.resolve("Ar-Raqqa", level=3) == "SY110100"
    assert gaz.resolve("Ar-Raqqa", level=4) == "C5710"
    assert gaz.resolve("Mansura") == "SY110301"
    assert gaz.resolve("Mansura", level=4) is None  # several communities
    assert gaz.resolve("Mansura", level=4, parent="SY110301") == "C5942"


def test_resolve_restricted_by_parent(gaz: Gazetteer) -> None:
    # The parent itself is excluded: inside SY11, "Raqqa" is the district.
    assert gaz.resolve("Raqqa", parent="SY11") == "SY1101"
    assert gaz.resolve("Ar-Raqqa", level=4, parent="SY11") == "C5710"
    assert gaz.resolve("Mansura", level=4, parent="SY1103") == "C5942"
    assert gaz.resolve("Menbij", level=4, parent="SY02") == "C1767"
    assert gaz.resolve("Menbij", parent="SY11") is None
    assert gaz.resolve("SY0205", parent="SY11") is None
    assert gaz.resolve("SY0205", level=3) is None


def test_resolve_ambiguous_and_unknown(gaz: Gazetteer) -> None:
    assert gaz.resolve("") is None
    assert gaz.resolve("   ") is None
    assert gaz.resolve("Atlantis") is None
    # Nine communities are called Jdideh / الجديدة: no single answer without a parent.
    assert gaz.resolve("Jdideh") is None
    assert gaz.resolve("الجديدة", level=4) is None
    assert gaz.resolve("Jdideh", parent="SY020405") == "C1662"
    assert gaz.resolve("الجديدة", level=4, parent="SY05") is None  # two in Hama
    assert gaz.resolve("الجديدة", parent="SY050303") == "C3294"


def test_search_type_ahead(gaz: Gazetteer) -> None:
    found = gaz.search("منب")
    assert found[0].pcode == "SY0205"
    assert {"SY0205", "SY020500", "C1767"} <= {p.pcode for p in found}
    assert [p.pcode for p in gaz.search("منب", level=2)] == ["SY0205"]
    assert gaz.search("raq")[0].pcode == "SY11"
    assert gaz.search("رقة")[0].pcode == "SY11"  # the article is optional
    assert gaz.search("الرق")[0].pcode == "SY11"
    assert gaz.search("Manb", level=2)[0].pcode == "SY0205"  # alias
    assert gaz.search("") == [] and gaz.search("   ") == []


def test_search_ranks_prefix_before_substring(gaz: Gazetteer) -> None:
    found = gaz.search("bij", limit=50)
    assert found and all("bij" in (p.name_en + " ".join(gaz.aliases(p.pcode))).lower()
                          for p in found)
    ranked = gaz.search("Deir", level=1)
    assert [p.pcode for p in ranked] == ["SY09"]


def test_search_restricted_and_limited(gaz: Gazetteer) -> None:
    inside = gaz.search("a", parent="SY1103", limit=500)
    assert inside and all(gaz.ancestors(p.pcode)[2] == "SY1103" for p in inside)
    assert "SY1103" not in {p.pcode for p in inside}
    assert len(gaz.search("a", limit=7)) == 7
    assert all(p.level == 3 for p in gaz.search("a", level=3))


def test_gazetteer_is_cached() -> None:
    assert gazetteer() is gazetteer()


def test_loading_reads_every_place() -> None:
    assert len(Gazetteer.load(FOLDER)) == 5599


def test_load_checks_the_hierarchy(tmp_path: Path) -> None:
    header = "level,pcode,name_en,name_ar,parent_pcode,lat,lon\n"
    (tmp_path / "syria_admin.csv").write_text(
        header + "1,SY01,Damascus,دمشق,,33.5,36.3\n2,SY0100,Damascus,دمشق,SY01,33.5,36.3\n",
        encoding="utf-8",
    )
    small = Gazetteer.load(tmp_path)
    assert small.resolve("Damascus") == "SY01" and small.aliases("SY01") == ()
    (tmp_path / "syria_admin.csv").write_text(
        header + "2,SY0100,Damascus,دمشق,SY01,33.5,36.3\n", encoding="utf-8"
    )
    with pytest.raises(ValueError):
        Gazetteer.load(tmp_path)
