"""Realistic synthetic incidents, victims and facility attacks, the same for the same seed."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.ids import uuid7
from snhr_desktop.domain.messages import Message
from snhr_desktop.domain.records import FacilityAttack, Incident, Record, Victim
from snhr_desktop.domain.vocabularies import vocabulary
from snhr_desktop.services.bulk import without_cycle_collection
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.store import Change

T = TypeVar("T")

# Records per transaction: large enough that commits are rare, small enough to bound memory.
BATCH_RECORDS = 20_000
# Records handed to the database's background writer at a time, within a transaction.
WRITE_RECORDS = 5_000

FIRST_DAY = dt.date(2011, 3, 15)
LAST_DAY = dt.date(2024, 12, 31)

# -- names ---------------------------------------------------------------------------------------
# Arabic spelling, then the Latin spellings met in reports (the first is the most common).
Name = tuple[str, tuple[str, ...]]

MALE_NAMES: tuple[Name, ...] = (
    ("محمد", ("Mohammad", "Muhammad", "Mohammed", "Mohamad")),
    ("أحمد", ("Ahmad", "Ahmed")),
    ("محمود", ("Mahmoud", "Mahmud")),
    ("علي", ("Ali",)),
    ("حسن", ("Hasan", "Hassan")),
    ("حسين", ("Hussein", "Husein", "Hussain")),
    ("خالد", ("Khaled", "Khalid")),
    ("عمر", ("Omar", "Umar")),
    ("عبد الله", ("Abdullah", "Abdallah", "Abd al-Lah")),
    ("عبد الرحمن", ("Abdulrahman", "Abdul Rahman", "Abd al-Rahman")),
    ("عبد القادر", ("Abdulqader", "Abdul Qader", "Abdelkader")),
    ("عبد الكريم", ("Abdulkarim", "Abdul Karim")),
    ("يوسف", ("Yousef", "Yusuf", "Youssef")),
    ("إبراهيم", ("Ibrahim", "Ebrahim")),
    ("مصطفى", ("Mustafa", "Moustafa", "Mostafa")),
    ("عمار", ("Ammar",)),
    ("بلال", ("Bilal", "Belal")),
    ("سامر", ("Samer",)),
    ("باسل", ("Basel", "Bassel")),
    ("فراس", ("Firas", "Feras")),
    ("وليد", ("Walid", "Waleed")),
    ("رامي", ("Rami", "Ramy")),
    ("ماهر", ("Maher",)),
    ("زياد", ("Ziad", "Ziyad")),
    ("طارق", ("Tareq", "Tarek", "Tariq")),
    ("ياسر", ("Yaser", "Yasser")),
    ("أنس", ("Anas",)),
    ("حمزة", ("Hamza", "Hamzah")),
    ("جمعة", ("Jumaa", "Jumah", "Jomaa")),
    ("سليمان", ("Suleiman", "Sulaiman", "Sleiman")),
    ("عيسى", ("Issa", "Eisa")),
    ("نزار", ("Nizar", "Nezar")),
    ("هيثم", ("Haitham", "Haytham")),
    ("غياث", ("Ghiath", "Ghiyath")),
    ("مازن", ("Mazen",)),
    ("فادي", ("Fadi",)),
    ("جهاد", ("Jihad", "Jehad")),
    ("صالح", ("Saleh", "Salih")),
    ("قاسم", ("Qasem", "Kassem", "Qassim")),
    ("عدنان", ("Adnan",)),
    ("عثمان", ("Othman", "Uthman", "Osman")),
    ("معاذ", ("Moaz", "Muath", "Muaz")),
    ("أيهم", ("Ayham", "Aiham")),
    ("نور الدين", ("Nour al-Din", "Nureddin", "Noureddine")),
    ("جميل", ("Jamil", "Jameel")),
    ("رياض", ("Riad", "Riyad")),
    ("هاني", ("Hani", "Hany")),
    ("كريم", ("Karim", "Kareem")),
    ("شادي", ("Shadi", "Shady")),
    ("منير", ("Munir", "Mounir")),
)

FEMALE_NAMES: tuple[Name, ...] = (
    ("فاطمة", ("Fatima", "Fatma", "Fatmeh")),
    ("مريم", ("Maryam", "Mariam")),
    ("زينب", ("Zainab", "Zeinab")),
    ("عائشة", ("Aisha", "Aysha", "Aicha")),
    ("خديجة", ("Khadija", "Khadijeh")),
    ("نور", ("Nour", "Noor", "Nur")),
    ("هبة", ("Heba", "Hiba")),
    ("رهف", ("Rahaf",)),
    ("سارة", ("Sara", "Sarah")),
    ("ريم", ("Reem", "Rim")),
    ("آمنة", ("Amena", "Amina", "Aminah")),
    ("سلمى", ("Salma", "Selma")),
    ("جنى", ("Jana", "Janna")),
    ("شهد", ("Shahd",)),
    ("رنا", ("Rana",)),
    ("هدى", ("Huda", "Hoda")),
    ("منى", ("Mona", "Muna")),
    ("سعاد", ("Suad", "Souad")),
    ("وفاء", ("Wafaa", "Wafa")),
    ("ياسمين", ("Yasmin", "Yasmine", "Yasmeen")),
    ("غنى", ("Ghina", "Ghena")),
    ("لمى", ("Lama",)),
    ("دعاء", ("Duaa", "Doaa")),
    ("أسماء", ("Asmaa", "Asma")),
    ("رغد", ("Raghad",)),
    ("بتول", ("Batoul", "Batool")),
    ("سوسن", ("Sawsan", "Sousan")),
    ("نادية", ("Nadia", "Nadya")),
    ("سميرة", ("Samira", "Sameera")),
    ("رقية", ("Ruqaya", "Roqaya", "Rukaya")),
    ("إيمان", ("Iman", "Eman")),
    ("حنان", ("Hanan",)),
    ("ليلى", ("Layla", "Leila", "Laila")),
    ("عبير", ("Abeer", "Abir")),
    ("هالة", ("Hala",)),
    ("ميساء", ("Maysaa", "Maisa")),
)

FAMILY_NAMES: tuple[Name, ...] = (
    ("الخطيب", ("Al-Khatib", "Al-Khateeb", "Alkhatib")),
    ("الحمصي", ("Al-Homsi", "Al-Hamsi")),
    ("الحلبي", ("Al-Halabi", "Halabi")),
    ("الأحمد", ("Al-Ahmad", "Al-Ahmed")),
    ("العلي", ("Al-Ali", "Alali")),
    ("المحمد", ("Al-Mohammad", "Al-Muhammad")),
    ("الحسن", ("Al-Hasan", "Al-Hassan")),
    ("الحسين", ("Al-Hussein", "Al-Husain")),
    ("الشيخ", ("Al-Sheikh", "Al-Shaikh", "Alsheikh")),
    ("الخليل", ("Al-Khalil",)),
    ("العمر", ("Al-Omar", "Alomar")),
    ("السيد", ("Al-Sayed", "Al-Sayyid")),
    ("حمود", ("Hammoud", "Hamoud")),
    ("الزعبي", ("Al-Zoubi", "Al-Zubi", "Al-Zu'bi")),
    ("المصري", ("Al-Masri", "Al-Masry")),
    ("الشامي", ("Al-Shami", "Al-Chami")),
    ("الحريري", ("Al-Hariri", "Hariri")),
    ("المقداد", ("Al-Miqdad", "Al-Meqdad")),
    ("الإدلبي", ("Al-Idlibi", "Al-Edlebi")),
    ("الديري", ("Al-Deiri", "Al-Dairi")),
    ("الحموي", ("Al-Hamawi", "Al-Hamwi")),
    ("الجاسم", ("Al-Jasem", "Al-Jassim")),
    ("العبد الله", ("Al-Abdullah", "Al-Abdallah")),
    ("الصالح", ("Al-Saleh", "Al-Salih")),
    ("الدرويش", ("Al-Darwish", "Darwish")),
    ("النعسان", ("Al-Naasan", "Al-Nasan")),
    ("الرفاعي", ("Al-Rifai", "Al-Refaai")),
    ("العثمان", ("Al-Othman", "Al-Uthman")),
    ("الحاج", ("Al-Hajj", "Al-Haj")),
    ("البكور", ("Al-Bakkour", "Al-Bakour")),
    ("الكردي", ("Al-Kurdi", "Al-Kordi")),
    ("الخلف", ("Al-Khalaf",)),
    ("الفرج", ("Al-Faraj", "Al-Farj")),
    ("العيسى", ("Al-Issa", "Al-Eisa")),
    ("الموسى", ("Al-Mousa", "Al-Musa")),
    ("الحمد", ("Al-Hamad", "Al-Hamd")),
    ("الشهابي", ("Al-Shehabi", "Al-Shihabi")),
    ("الطويل", ("Al-Tawil", "Al-Taweel")),
    ("البيطار", ("Al-Bitar", "Al-Baytar")),
    ("الجندي", ("Al-Jundi", "Al-Jondi")),
    ("العبيد", ("Al-Obaid", "Al-Ubaid")),
    ("الأتاسي", ("Al-Atassi", "Atassi")),
    ("الهلال", ("Al-Hilal", "Al-Helal")),
    ("المطر", ("Al-Matar",)),
    ("الجمعة", ("Al-Jumaa", "Al-Jomaa")),
    ("الخضر", ("Al-Khodr", "Al-Khidr")),
    ("قطيني", ("Qutaini", "Kteini")),
    ("العكلة", ("Al-Akla", "Al-Ekla")),
)

UNIDENTIFIED = ("مجهول الهوية", "Unidentified")

# -- weights -------------------------------------------------------------------------------------
# Shares of documented deaths by governorate (the most-hit areas first); every governorate appears.
GOVERNORATE_WEIGHTS: dict[str, float] = {
    "SY02": 0.19,  # Aleppo
    "SY03": 0.17,  # Rural Damascus
    "SY07": 0.12,  # Idleb
    "SY04": 0.10,  # Homs
    "SY12": 0.09,  # Dar'a
    "SY09": 0.08,  # Deir-ez-Zor
    "SY05": 0.07,  # Hama
    "SY11": 0.05,  # Ar-Raqqa
    "SY01": 0.04,  # Damascus
    "SY08": 0.025,  # Al-Hasakeh
    "SY06": 0.015,  # Lattakia
    "SY13": 0.012,  # As-Sweida
    "SY14": 0.01,  # Quneitra
    "SY10": 0.01,  # Tartous
}

# Incidents per year: the worst years were 2012-2014.
YEAR_WEIGHTS: dict[int, float] = {
    2011: 0.04, 2012: 0.20, 2013: 0.21, 2014: 0.15, 2015: 0.12, 2016: 0.10, 2017: 0.07,
    2018: 0.05, 2019: 0.025, 2020: 0.015, 2021: 0.01, 2022: 0.006, 2023: 0.006, 2024: 0.005,
}

# Party -> (share of incidents, first day it is held responsible for attacks).
PERPETRATOR_WEIGHTS: dict[str, tuple[float, dt.date]] = {
    "syrian_regime": (0.60, FIRST_DAY),
    "russian_forces": (0.05, dt.date(2015, 9, 30)),
    "iranian_militias": (0.02, dt.date(2012, 6, 1)),
    "isis": (0.05, dt.date(2013, 4, 9)),
    "hts": (0.015, dt.date(2012, 1, 23)),
    "armed_opposition": (0.04, dt.date(2011, 9, 1)),
    "sdf": (0.02, dt.date(2012, 7, 19)),
    "international_coalition": (0.03, dt.date(2014, 9, 23)),
    "turkish_forces": (0.012, dt.date(2016, 8, 24)),
    "israeli_forces": (0.004, dt.date(2013, 1, 30)),
    "other": (0.03, FIRST_DAY),
    "unidentified": (0.08, FIRST_DAY),
}
OTHER_PERPETRATOR_WEIGHT = 0.005  # a party added to the vocabulary later

# How each party kills: attack type -> weight.
ATTACK_WEIGHTS: dict[str, dict[str, float]] = {
    "syrian_regime": {
        "shelling": 25, "airstrike": 15, "barrel_bomb": 10, "shooting": 12, "sniper": 5,
        "torture": 15, "execution": 6, "missile": 5, "cluster_munition": 2, "chemical": 0.5,
        "incendiary": 0.5, "ground_attack": 3, "landmine": 1, "other": 1, "unknown": 3,
    },
    "russian_forces": {
        "airstrike": 75, "cluster_munition": 8, "incendiary": 5, "missile": 7, "unknown": 5,
    },
    "iranian_militias": {
        "shelling": 30, "shooting": 30, "execution": 10, "ground_attack": 20, "sniper": 5,
        "unknown": 5,
    },
    "isis": {
        "car_bomb": 20, "ied": 15, "execution": 20, "shelling": 15, "shooting": 10,
        "landmine": 10, "sniper": 5, "unknown": 5,
    },
    "hts": {
        "shelling": 30, "shooting": 25, "execution": 10, "torture": 10, "ied": 10, "car_bomb": 5,
        "unknown": 10,
    },
    "armed_opposition": {
        "shelling": 45, "shooting": 20, "sniper": 5, "missile": 5, "execution": 5, "torture": 5,
        "ied": 5, "unknown": 10,
    },
    "sdf": {
        "shooting": 30, "shelling": 25, "torture": 10, "landmine": 10, "sniper": 10,
        "ground_attack": 5, "unknown": 10,
    },
    "international_coalition": {"airstrike": 85, "missile": 5, "drone_strike": 5, "unknown": 5},
    "turkish_forces": {
        "shelling": 35, "drone_strike": 30, "airstrike": 20, "shooting": 10, "unknown": 5,
    },
    "israeli_forces": {"airstrike": 60, "missile": 35, "unknown": 5},
    "other": {"shooting": 30, "ied": 20, "landmine": 20, "other": 20, "unknown": 10},
    "unidentified": {
        "ied": 20, "car_bomb": 10, "landmine": 25, "shooting": 20, "other": 5, "unknown": 20,
    },
}
DEFAULT_ATTACKS: dict[str, float] = {"shelling": 40, "shooting": 30, "unknown": 30}

# Attacks that kill one person at a time, and those that most often end in a massacre.
SINGLE_VICTIM_ATTACKS = frozenset({"torture", "sniper"})
MASS_CASUALTY_ATTACKS = frozenset(
    {"airstrike", "barrel_bomb", "chemical", "car_bomb", "execution", "missile", "cluster_munition"}
)
# Attacks that damage buildings (a facility attack is recorded with some of them).
BOMBARDMENT_ATTACKS = frozenset(
    {"airstrike", "drone_strike", "barrel_bomb", "shelling", "missile", "cluster_munition",
     "incendiary", "car_bomb", "ied", "ground_attack", "unknown", "other"}
)

FACILITY_WEIGHTS: dict[str, float] = {
    "school": 16, "mosque": 16, "hospital": 8, "health_centre": 4, "medical_point": 4,
    "ambulance": 2, "pharmacy": 1, "market": 10, "bakery": 6, "bridge": 6, "road": 2,
    "water_station": 4, "power_station": 3, "fuel_station": 2, "dam": 0.5, "telecom": 1,
    "university": 1, "kindergarten": 1.5, "educational_other": 1, "church": 1,
    "industrial_facility": 2, "cultural_centre": 1, "archaeological_site": 1, "idp_camp": 4,
    "government_building": 2, "civil_defence_centre": 3, "other": 2,
}
# Share of adult civilian victims in each special category.
SPECIAL_CATEGORY_SHARES: dict[str, float] = {
    "medical": 0.006, "media": 0.003, "civil_defence": 0.004, "humanitarian": 0.002,
}

UNNAMED_FACILITIES = frozenset({"other", "educational_other", "road", "ambulance"})

SOURCES = (
    "شهادة شاهد عيان", "ناشطون محليون", "مصدر طبي", "فرق الدفاع المدني", "صور ومقاطع مصورة",
    "ذوو الضحايا",
)
DIED_OF_WOUNDS = "توفي متأثراً بجراحه / died of wounds"


# -- the report ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DemoReport:
    """What :func:`fill_demo` added."""

    incidents: int = 0
    victims: int = 0
    facility_attacks: int = 0
    massacres: int = 0
    children: int = 0
    women: int = 0
    non_civilians: int = 0
    seconds: float = 0.0

    @property
    def records(self) -> int:
        return self.incidents + self.victims + self.facility_attacks

    def render(self, lang: str) -> str:
        return Message.of(
            "demo_filled",
            incidents=self.incidents,
            victims=self.victims,
            facility_attacks=self.facility_attacks,
            massacres=self.massacres,
            children=self.children,
            women=self.women,
            non_civilians=self.non_civilians,
            seconds=f"{self.seconds:.1f}",
        ).render(lang)


# -- drawing -------------------------------------------------------------------------------------
class _Weighted(Generic[T]):
    """A weighted choice prepared once and drawn many times."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        kept = [(item, weight) for item, weight in pairs if weight > 0]
        if not kept:
            raise ValueError("nothing to choose from")
        self.items = [item for item, _ in kept]
        self.cumulative = list(itertools.accumulate(weight for _, weight in kept))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


def _spelling(rng: random.Random, variants: tuple[str, ...]) -> str:
    """The usual Latin spelling most of the time, another one now and then."""
    if len(variants) == 1 or rng.random() < 0.6:
        return variants[0]
    return variants[1 + int(rng.random() * (len(variants) - 1))]


@dataclass(frozen=True, slots=True)
class _Place:
    district: str
    subdistrict: str | None
    community: str | None
    name_ar: str
    name_en: str


def _places(governorate: str) -> tuple[list[_Place], list[_Place]]:
    """Communities of a governorate (with their district and subdistrict), and its subdistricts."""
    gaz = gazetteer()
    communities: list[_Place] = []
    areas: list[_Place] = []
    for district in gaz.children(governorate):
        subdistricts = gaz.children(district.pcode)
        if not subdistricts:
            areas.append(_Place(district.pcode, None, None, district.name_ar, district.name_en))
        for sub in subdistricts:
            areas.append(_Place(district.pcode, sub.pcode, None, sub.name_ar, sub.name_en))
            communities.extend(
                _Place(district.pcode, sub.pcode, c.pcode, c.name_ar, c.name_en)
                for c in gaz.children(sub.pcode)
            )
    return communities or areas, areas


@dataclass(slots=True)
class _Tally:
    """The running counts behind :class:`DemoReport` (same fields, without the time)."""

    incidents: int = 0
    victims: int = 0
    facility_attacks: int = 0
    massacres: int = 0
    children: int = 0
    women: int = 0
    non_civilians: int = 0


@dataclass(slots=True)
class _Group:
    """One incident with its victims and facility attacks, as validated-to-be field values."""

    incident: dict[str, Any]
    victims: list[dict[str, Any]] = field(default_factory=list)
    facilities: list[dict[str, Any]] = field(default_factory=list)


class DemoGenerator:
    """Draws incidents with their victims and facility attacks from one seeded random source.

    Everything but the record ids (fresh UUIDv7s, as for any record made on this device) follows
    from the seed, so the same seed gives the same records in the same order.
    """

    def __init__(self, seed: int, *, child_age_limit: int = 18, massacre_threshold: int = 5,
                 researcher: str | None = None) -> None:
        self.rng = random.Random(seed)
        self.child_age_limit = child_age_limit
        self.massacre_threshold = massacre_threshold
        self.researcher = researcher
        gaz = gazetteer()
        governorates = [place.pcode for place in gaz.governorates()]
        self.governorates = governorates
        self.governorate = _Weighted(
            [(code, GOVERNORATE_WEIGHTS.get(code, 0.01)) for code in governorates]
        )
        self.communities: dict[str, list[_Place]] = {}
        self.areas: dict[str, list[_Place]] = {}
        for code in governorates:
            self.communities[code], self.areas[code] = _places(code)
        self.year = _Weighted(list(YEAR_WEIGHTS.items()))
        self.perpetrators = self._perpetrator_epochs()
        attack_terms = vocabulary("attack_type")
        self.attack_labels = {t.code: (t.label_ar, t.label_en) for t in attack_terms}
        self.attacks: dict[str, _Weighted[str]] = {}
        for term in vocabulary("perpetrator"):
            weights = ATTACK_WEIGHTS.get(term.code, DEFAULT_ATTACKS)
            known = [(code, w) for code, w in weights.items() if code in attack_terms]
            self.attacks[term.code] = _Weighted(known or [(c, 1.0) for c in attack_terms.codes()])
        facility_terms = vocabulary("facility_category")
        self.facility = _Weighted(
            [(t.code, FACILITY_WEIGHTS.get(t.code, 0.5)) for t in facility_terms]
        )
        self.facility_labels = {t.code: (t.label_ar, t.label_en) for t in facility_terms}
        special = vocabulary("special_category")
        self.special = [
            (code, share) for code, share in SPECIAL_CATEGORY_SHARES.items() if code in special
        ]
        self.male = _Weighted([(name, 1.0 / (1 + i / 8)) for i, name in enumerate(MALE_NAMES)])
        self.female = _Weighted([(name, 1.0 / (1 + i / 8)) for i, name in enumerate(FEMALE_NAMES)])
        self.family = _Weighted([(name, 1.0) for name in FAMILY_NAMES])

    def _perpetrator_epochs(self) -> tuple[list[int], list[_Weighted[str]]]:
        """The parties' weights between successive first days (as date ordinals)."""
        codes = vocabulary("perpetrator").codes()
        starts = {
            code: PERPETRATOR_WEIGHTS.get(code, (OTHER_PERPETRATOR_WEIGHT, FIRST_DAY))
            for code in codes
        }
        boundaries = sorted({start.toordinal() for _, start in starts.values()})
        epochs = [
            _Weighted([(code, w) for code, (w, start) in starts.items() if start.toordinal() <= b])
            for b in boundaries
        ]
        return boundaries, epochs

    # -- one incident ---------------------------------------------------------------------------
    def group(self, victims_left: int) -> _Group:
        """The next incident, with at most ``victims_left`` victims."""
        rng = self.rng
        random_ = rng.random
        year = self.year.pick(rng)
        first = max(dt.date(year, 1, 1), FIRST_DAY).toordinal()
        last = min(dt.date(year, 12, 31), LAST_DAY).toordinal()
        ordinal = first + int(random_() * (last - first + 1))
        day = dt.date.fromordinal(ordinal)
        boundaries, epochs = self.perpetrators
        perpetrator = epochs[bisect.bisect_right(boundaries, ordinal) - 1].pick(rng)
        attack = self.attacks[perpetrator].pick(rng)

        precision = "day"
        r = random_()
        if attack == "torture":  # deaths in detention are often known only to the month or year
            precision = "month" if r < 0.35 else "year" if r < 0.5 else "day"
        elif r < 0.03:
            precision = "month" if r < 0.022 else "year"
        if precision == "year" and year == FIRST_DAY.year:
            precision = "month"  # "2011" alone would reach back before the uprising
        if precision == "month":
            day = day.replace(day=1)
        elif precision == "year":
            day = day.replace(month=1, day=1)

        governorate = self.governorate.pick(rng)
        r = random_()
        pool = self.communities[governorate] if r < 0.88 else self.areas[governorate]
        place = pool[int(random_() * len(pool))]

        r = random_()
        if perpetrator == "international_coalition":
            acknowledged = "yes" if r < 0.08 else "no" if r < 0.4 else "unknown"
        else:
            acknowledged = "yes" if r < 0.002 else "no" if r < 0.15 else "unknown"

        # Victims: mostly one to four, sometimes none (a facility hit), sometimes a massacre.
        if attack in SINGLE_VICTIM_ATTACKS:
            massacre_chance = 0.0
        elif attack in MASS_CASUALTY_ATTACKS:
            massacre_chance = 0.06
        else:
            massacre_chance = 0.02
        facility_chance = 0.18 if attack in BOMBARDMENT_ATTACKS else 0.0
        has_facility = random_() < facility_chance
        massacre = random_() < massacre_chance
        if massacre:
            low = max(5, self.massacre_threshold)
            count = low + int((max(40, low) - low + 1) * random_() ** 2.5)
        elif attack in SINGLE_VICTIM_ATTACKS:
            count = 1
        else:
            r = random_()
            if has_facility and r < 0.4:
                count = 0
            else:
                r = random_()
                count = 1 if r < 0.55 else 2 if r < 0.77 else 3 if r < 0.9 else 4
        count = min(count, victims_left)

        incident: dict[str, Any] = {
            "id": uuid7(),
            "date_precision": precision,
            "date": day,
            "governorate": governorate,
            "district": place.district,
            "subdistrict": place.subdistrict,
            "community": place.community,
            "place_ar": place.name_ar,
            "place_en": place.name_en,
            "perpetrator": perpetrator,
            "attack_type": attack,
            "acknowledged": acknowledged,
            "researcher": self.researcher,
        }
        attack_ar, attack_en = self.attack_labels[attack]
        if massacre:
            incident["description_ar"] = f"مجزرة: {attack_ar} في {place.name_ar}"
            incident["description_en"] = f"Massacre: {attack_en.lower()} in {place.name_en}"
        elif random_() < 0.3:
            incident["description_ar"] = f"{attack_ar} في {place.name_ar}"
            incident["description_en"] = f"{attack_en} in {place.name_en}"
        if random_() < 0.6:
            first_source = int(random_() * len(SOURCES))
            second_source = int(random_() * len(SOURCES))
            chosen = dict.fromkeys((SOURCES[first_source], SOURCES[second_source]))
            incident["sources"] = "؛ ".join(chosen)

        group = _Group(incident)
        group.victims = self._victims(incident, count, massacre)
        if has_facility:
            group.facilities = [
                self._facility(incident, place) for _ in range(2 if random_() < 0.1 else 1)
            ]
        return group

    def _victims(
        self, incident: dict[str, Any], count: int, massacre: bool
    ) -> list[dict[str, Any]]:
        rng = self.rng
        random_ = rng.random
        # In many incidents the dead are one family: one family name, children of one father.
        family: tuple[Name, str, Name] | None = None
        if count >= 2 and random_() < 0.55:
            family_name = self.family.pick(rng)
            family = (family_name, _spelling(rng, family_name[1]), self.male.pick(rng))
        attack = incident["attack_type"]
        precision = incident["date_precision"]
        day: dt.date = incident["date"]
        victims: list[dict[str, Any]] = []
        for _ in range(count):
            r = random_()
            if massacre:
                status = "civilian"
            elif attack in ("torture", "execution"):
                status = "civilian" if r < 0.8 else "non_civilian" if r < 0.95 else "unknown"
            else:
                status = "civilian" if r < 0.84 else "non_civilian" if r < 0.95 else "unknown"

            age: int | None = None
            category = "none"
            r = random_()
            if status == "non_civilian":
                sex, group = "male", "adult"
                if random_() < 0.6:
                    age = 18 + int(random_() * 33)
            elif status == "unknown":
                sex = "male" if r < 0.8 else "unknown"
                group = "unknown"
            else:
                adults_only = attack in ("torture", "execution")
                if not adults_only and r < 0.32:
                    sex = "male" if random_() < 0.52 else "female"
                    group = "child"
                    if random_() < 0.8:
                        age = int(random_() * self.child_age_limit)
                elif r < (0.1 if adults_only else 0.505):
                    sex, group = "female", "adult"
                elif r < 0.985:
                    sex, group = "male", "adult"
                else:
                    sex, group = "unknown", "unknown"
                if group == "adult":
                    r = random_()
                    if r < 0.65:  # skewed towards the young, up to 89
                        span = 90 - self.child_age_limit
                        age = self.child_age_limit + int(span * random_() ** 1.8)
                    elif r < 0.92 or sex == "female":
                        group = "adult"
                    else:
                        group = "unknown"
                    if self.special and group == "adult":
                        r = random_()
                        for code, share in self.special:
                            if r < share:
                                category = code
                                break
                            r -= share
            victims.append(self._named(
                incident, family, sex, age, group, status, category, precision, day
            ))
        return victims

    def _named(self, incident: dict[str, Any], family: tuple[Name, str, Name] | None, sex: str,
               age: int | None, group: str, status: str, category: str, precision: str,
               day: dt.date) -> dict[str, Any]:
        rng = self.rng
        random_ = rng.random
        victim: dict[str, Any] = {
            "id": uuid7(),
            "incident_id": incident["id"],
            "sex": sex,
            "age": age,
            "age_group": group,
            "status": status,
            "category": category,
            "governorate": incident["governorate"],
            "place_ar": incident["place_ar"],
            "place_en": incident["place_en"],
        }
        if sex == "unknown" and random_() < 0.7:
            victim["name_ar"], victim["name_en"] = UNIDENTIFIED
        else:
            first = (self.female if sex == "female" else self.male).pick(rng)
            if family is not None and random_() < 0.85:
                family_name, family_latin, family_father = family
                father = family_father if group == "child" else self.male.pick(rng)
            else:
                family_name = self.family.pick(rng)
                family_latin = _spelling(rng, family_name[1])
                father = self.male.pick(rng)
            first_ar, first_latin = first[0], _spelling(rng, first[1])
            father_latin = _spelling(rng, father[1])
            r = random_()
            if r < 0.02:  # known only from a Latin-script source
                victim["name_en"] = f"{first_latin} {father_latin} {family_latin}"
            else:
                victim["name_ar"] = f"{first_ar} {father[0]} {family_name[0]}"
                victim["father_name"] = father[0]
                victim["family_name"] = family_name[0]
                if r > 0.08:
                    victim["name_en"] = f"{first_latin} {father_latin} {family_latin}"
                if random_() < 0.3:
                    victim["mother_name"] = self.female.pick(rng)[0]
        if precision == "day":
            if random_() < 0.05:
                later = min(day + dt.timedelta(days=1 + int(random_() * 30)), LAST_DAY)
                victim["date_of_death"] = later
                victim["notes"] = DIED_OF_WOUNDS
            else:
                victim["date_of_death"] = day
        r = random_()
        if r < 0.72:
            victim["origin_governorate"] = incident["governorate"]
        elif r < 0.85:
            governorates = self.governorates
            victim["origin_governorate"] = governorates[int(random_() * len(governorates))]
        return victim

    def _facility(self, incident: dict[str, Any], place: _Place) -> dict[str, Any]:
        rng = self.rng
        random_ = rng.random
        category = self.facility.pick(rng)
        r = random_()
        if r < 0.25:
            damage = "destroyed"
        elif r < 0.55:
            damage = "severe"
        else:
            damage = "partial" if r < 0.9 else "unknown"
        r = random_()
        out_of_service = "yes" if r < 0.45 else "no" if r < 0.7 else "unknown"
        facility: dict[str, Any] = {
            "id": uuid7(),
            "incident_id": incident["id"],
            "category": category,
            "damage": damage,
            "out_of_service": out_of_service,
            "governorate": incident["governorate"],
        }
        if incident["date_precision"] == "day":
            facility["date"] = incident["date"]
        if category not in UNNAMED_FACILITIES and random_() < 0.8:
            label_ar, label_en = self.facility_labels[category]
            facility["name_ar"] = f"{label_ar} {place.name_ar}"
            facility["name_en"] = f"{place.name_en} {label_en.lower()}"
        return facility

    def groups(self, victims: int) -> Iterator[_Group]:
        """Incidents until exactly ``victims`` victims have been drawn."""
        left = victims
        while left > 0:
            group = self.group(left)
            left -= len(group.victims)
            yield group


# -- filling a database --------------------------------------------------------------------------
def fill_demo(
    ws: Workspace,
    victims: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> DemoReport:
    """Add ``victims`` synthetic victims with their incidents and facility attacks to ``ws``.

    Records go through the one write path (:meth:`Store.write`), so every one has its
    operation in the log and every victim its entry in the search index. They are written in
    transactions of about :data:`BATCH_RECORDS` records, so memory stays bounded however many
    are asked for; an interruption keeps the batches already written. Within a transaction the
    database writes one chunk on a background thread while the next is drawn and validated.
    """
    started = time.perf_counter()
    methodology = ws.methodology
    generator = DemoGenerator(
        seed,
        child_age_limit=methodology.child_age_limit,
        massacre_threshold=methodology.massacre_threshold,
        researcher=ws.researcher or None,
    )
    context = ws.validation_context()
    tally = _Tally()
    groups = generator.groups(victims)
    with without_cycle_collection():
        while _fill_batch(ws, groups, context, tally, methodology.massacre_threshold):
            if progress is not None:
                progress(tally.victims, victims)
    if progress is not None:
        progress(tally.victims, victims)
    return DemoReport(**dataclasses.asdict(tally), seconds=time.perf_counter() - started)


def _fill_batch(
    ws: Workspace,
    groups: Iterator[_Group],
    context: dict[str, Any],
    tally: _Tally,
    massacre_threshold: int,
) -> bool:
    """One transaction of about :data:`BATCH_RECORDS` records; False once the groups ran out."""
    written = 0
    pending: list[Change] = []
    with ws.store.transaction(), ws.store.pipelined():
        for group in groups:
            # An incident is written with (or before) its victims and facility attacks.
            pending.append(Change(_record(Incident, group.incident, context)))
            pending.extend(Change(_record(Victim, v, context)) for v in group.victims)
            pending.extend(Change(_record(FacilityAttack, f, context)) for f in group.facilities)
            _count(tally, group, massacre_threshold)
            if len(pending) >= WRITE_RECORDS or written + len(pending) >= BATCH_RECORDS:
                ws.store.write(pending, ws.researcher)
                written += len(pending)
                pending = []
            if written >= BATCH_RECORDS:
                return True
        if pending:
            ws.store.write(pending, ws.researcher)
    return False


def _record(model: type[Record], data: dict[str, Any], context: dict[str, Any]) -> Record:
    return model.model_validate(data, context=context)


def _count(tally: _Tally, group: _Group, massacre_threshold: int) -> None:
    tally.incidents += 1
    tally.victims += len(group.victims)
    tally.facility_attacks += len(group.facilities)
    civilians = 0
    for victim in group.victims:
        status = victim["status"]
        if status == "civilian":
            civilians += 1
        elif status == "non_civilian":
            tally.non_civilians += 1
        if victim["age_group"] == "child":
            tally.children += 1
        elif victim["sex"] == "female" and victim["age_group"] == "adult":
            tally.women += 1
    if civilians >= massacre_threshold:
        tally.massacres += 1
