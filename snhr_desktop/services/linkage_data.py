"""Synthetic victim lists with known truth, for measuring duplicate detection; seedable."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.services.demo import (
    FIRST_DAY,
    LAST_DAY,
    UNIDENTIFIED,
    DemoGenerator,
    Name,
)

# What this draws, and why (every share below is per record unless it says otherwise):
#
# * People come from the demonstration generator (services/demo.py): its incidents (date,
#   place, attack) and the sex, age and status of each person killed, and its name lists.
#   The names are drawn here, because the truth needs each part of a name: first, father,
#   grandfather, family, mother.
# * Families: in about half of the incidents with two or more dead, the dead are one family.
#   The children are siblings (one father, grandfather, family and mother, distinct first
#   names); the first adult man is often their father (his first name is their father's name:
#   the father/child pattern), the first adult woman often their mother, and other men of
#   the family are often the father's brothers (siblings again). These are the hard negatives
#   that share a father's name, a family name, a date and a place.
# * Namesakes: now and then a person gets a namesake (same first, father's and family name and
#   sex; the same grandfather half the time) killed in another incident, often within three days
#   and then mostly elsewhere in the same governorate.
# * Each person is documented one to three times, as researchers working apart would do it:
#   each record is a fresh spelling of the full name (Arabic habits: hamza dropped, ة/ه, ى/ي,
#   عبد joined, article dropped, marks, tatweel, Persian letters, typing slips; Latin: one of
#   several transliterations, article styles, capitals, slips), in a different form ("first
#   father grandfather family", "first father family", "first family", "first father"), with
#   or without the separate father's, family and mother's name fields, sometimes in Latin script
#   only or Arabic only; a date of death off by a day or two or missing, the age off by one,
#   estimated or missing, the sex or status unknown, now and then another governorate; the place
#   as the community, with a designation ("قرية …"), as its subdistrict, as another place of the
#   governorate, or not at all. A second researcher's records hang under their own copy of the
#   incident (its date now and then a day off), or under the first copy when bundles were
#   merged.
# * Unidentified people ("مجهول الهوية") are documented once: nothing could tie two records.

RECORDS_PER_PERSON = ((1, 0.50), (2, 0.35), (3, 0.15))
FAMILY_INCIDENT = 0.5  # share of incidents with 2+ dead in which the dead are one family
FATHER_OF_CHILDREN = 0.6  # the first adult man of a family incident is the children's father
MOTHER_OF_CHILDREN = 0.6
UNCLE = 0.5  # another adult man of a family incident is the father's brother
NAMESAKE = 0.02  # per person: a namesake killed in another incident
NAMESAKE_NEARBY = 0.4  # of namesakes: within three days (in the same governorate 60% of the time)
SHARED_INCIDENT = 0.3  # a later record hangs under the first researcher's copy of the incident

ARABIC_ARTICLE = "ال"
HARAKAT = "\u064e\u064f\u0650\u0651\u0652"
# Letters a tired hand confuses: neighbouring keys and letters that differ by a dot.
SLIPS: dict[str, str] = {
    "ح": "خج", "خ": "حج", "ج": "حخ", "س": "شص", "ش": "س", "ص": "ضس", "ض": "ص", "ط": "ظ",
    "ظ": "ط", "د": "ذ", "ذ": "د", "ر": "ز", "ز": "ر", "ع": "غ", "غ": "ع", "ف": "ق", "ق": "ف",
    "ت": "ثن", "ث": "ت", "ن": "تب", "ب": "نت", "ي": "ى", "م": "ك", "ك": "م", "ه": "ة",
    "ل": "ا", "ا": "ل", "و": "ر",
}
LATIN_VOWELS = "aeiou"
PLACE_WORDS = (("قرية", "village"), ("بلدة", "town"), ("مدينة", "city"))


@dataclass(frozen=True, slots=True)
class TrueName:
    """The parts of one person's name, each with its Arabic and Latin spellings."""

    first: Name
    father: Name
    grandfather: Name
    family: Name
    mother: Name | None


@dataclass(slots=True)
class _Person:
    number: int
    victim: dict[str, Any]  # the demonstration victim: sex, age, status, date, place
    incident: dict[str, Any]
    name: TrueName | None  # None: unidentified


@dataclass(slots=True)
class LinkageData:
    """Victim records as researchers wrote them, and who each one really is."""

    persons: int
    incidents: list[dict[str, Any]] = field(default_factory=list)
    victims: list[dict[str, Any]] = field(default_factory=list)
    person_of: dict[str, int] = field(default_factory=dict)  # victim id -> person number
    # (kind, person a, person b): "siblings", "father_child" or "namesake".
    relations: list[tuple[str, int, int]] = field(default_factory=list)

    def records_of(self) -> dict[int, list[str]]:
        """Person number -> ids of the records that document that person."""
        found: dict[int, list[str]] = {}
        for victim_id, person in self.person_of.items():
            found.setdefault(person, []).append(victim_id)
        return found

    def true_pairs(self) -> set[tuple[str, str]]:
        """Every pair of records (ids in sorted order) that document the same person."""
        pairs: set[tuple[str, str]] = set()
        for ids in self.records_of().values():
            pairs.update(combinations(sorted(ids), 2))
        return pairs

    def related_pairs(self, kind: str) -> set[tuple[str, str]]:
        """Pairs of records (sorted ids) of two different people related as ``kind``."""
        records = self.records_of()
        pairs: set[tuple[str, str]] = set()
        for relation, a, b in self.relations:
            if relation == kind:
                for left in records.get(a, ()):
                    for right in records.get(b, ()):
                        pairs.add((min(left, right), max(left, right)))
        return pairs


def generate(persons: int, seed: int = 1, *, child_age_limit: int = 18) -> LinkageData:
    """Victim lists documenting ``persons`` people, with the truth; the same for the same seed."""
    return _Generator(seed, child_age_limit).run(persons)


class _Generator:
    def __init__(self, seed: int, child_age_limit: int) -> None:
        self.demo = DemoGenerator(seed, child_age_limit=child_age_limit)
        self.rng = random.Random(f"linkage-{seed}")
        self.child_age_limit = child_age_limit
        self.data = LinkageData(0)
        self.next_person = 0

    # -- ids ----------------------------------------------------------------------------------
    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # -- people -------------------------------------------------------------------------------
    def run(self, persons: int) -> LinkageData:
        self.data.persons = persons
        left = persons
        while left > 0:
            group = self.demo.group(left)
            if not group.victims:
                continue
            incident = {**group.incident, "id": self.new_id()}
            people = self.people(incident, group.victims)
            for person in list(people):
                if (left - len(people) > 0 and person.name is not None
                        and self.rng.random() < NAMESAKE):
                    people.append(self.namesake(person))
            people = people[:left]
            left -= len(people)
            self.document(people)
        return self.data

    def person(self, victim: dict[str, Any], incident: dict[str, Any],
               name: TrueName | None) -> _Person:
        self.next_person += 1
        return _Person(self.next_person, victim, incident, name)

    def given(self, sex: str) -> Name:
        return (self.demo.female if sex == "female" else self.demo.male).pick(self.rng)

    def random_name(self, sex: str) -> TrueName:
        rng = self.rng
        mother = self.demo.female.pick(rng) if rng.random() < 0.6 else None
        return TrueName(self.given(sex), self.demo.male.pick(rng), self.demo.male.pick(rng),
                        self.demo.family.pick(rng), mother)

    def distinct_given(self, sex: str, taken: set[str]) -> Name:
        for _ in range(20):
            name = self.given(sex)
            if name[0] not in taken:
                return name
        return name

    def people(self, incident: dict[str, Any], victims: list[dict[str, Any]]) -> list[_Person]:
        rng = self.rng
        unidentified = [v.get("name_ar") == UNIDENTIFIED[0] for v in victims]
        if len(victims) < 2 or rng.random() >= FAMILY_INCIDENT:
            return [
                self.person(v, incident, None if unknown else self.random_name(v["sex"]))
                for v, unknown in zip(victims, unidentified, strict=True)
            ]
        demo = self.demo
        family, father, grandfather = demo.family.pick(rng), demo.male.pick(rng), demo.male.pick(rng)
        mother = demo.female.pick(rng)
        taken = {father[0], mother[0]}  # children are not named after their parents
        people: list[_Person] = []
        children: list[_Person] = []
        head: _Person | None = None
        wife_done = False
        uncles: list[_Person] = []
        for victim, unknown in zip(victims, unidentified, strict=True):
            sex, group = victim["sex"], victim["age_group"]
            if unknown:
                people.append(self.person(victim, incident, None))
                continue
            if group == "child" or (group != "adult" and sex == "unknown"):
                first = self.distinct_given(sex, taken)
                taken.add(first[0])
                person = self.person(
                    victim, incident, TrueName(first, father, grandfather, family, mother)
                )
                children.append(person)
            elif sex == "male" and head is None and rng.random() < FATHER_OF_CHILDREN:
                person = self.person(victim, incident, TrueName(
                    father, grandfather, demo.male.pick(rng), family,
                    demo.female.pick(rng) if rng.random() < 0.5 else None,
                ))
                head = person
            elif sex == "female" and not wife_done and rng.random() < MOTHER_OF_CHILDREN:
                wife_done = True
                maiden = family if rng.random() < 0.3 else demo.family.pick(rng)
                person = self.person(victim, incident, TrueName(
                    mother, demo.male.pick(rng), demo.male.pick(rng), maiden, None
                ))
            elif sex == "male" and rng.random() < UNCLE:
                first = self.distinct_given("male", taken)
                taken.add(first[0])
                person = self.person(victim, incident, TrueName(
                    first, grandfather, demo.male.pick(rng), family,
                    demo.female.pick(rng) if rng.random() < 0.5 else None,
                ))
                uncles.append(person)
            else:
                person = self.person(victim, incident, self.random_name(sex))
            people.append(person)
        relations = self.data.relations
        for a, b in combinations(children, 2):
            relations.append(("siblings", a.number, b.number))
        if head is not None:
            for child in children:
                relations.append(("father_child", head.number, child.number))
            for uncle in uncles:
                relations.append(("siblings", head.number, uncle.number))
        for a, b in combinations(uncles, 2):
            relations.append(("siblings", a.number, b.number))
        return people

    def namesake(self, person: _Person) -> _Person:
        """Someone else with the same name, killed in another incident."""
        rng = self.rng
        assert person.name is not None
        source = person.incident
        day: dt.date = source["date"]
        if rng.random() < NAMESAKE_NEARBY:
            day += dt.timedelta(days=rng.randint(-3, 3))
        else:
            day += dt.timedelta(days=rng.randint(-365, 365))
        day = min(max(day, FIRST_DAY), LAST_DAY)
        incident = {**source, "id": self.new_id(), "date_precision": "day", "date": day}
        if rng.random() < 0.6:  # elsewhere in the same governorate
            places = self.demo.communities[source["governorate"]]
            place = places[int(rng.random() * len(places))]
            incident.update(
                district=place.district, subdistrict=place.subdistrict, community=place.community,
                place_ar=place.name_ar, place_en=place.name_en,
            )
        else:
            other = self.demo.group(1).incident
            for key in ("governorate", "district", "subdistrict", "community", "place_ar",
                        "place_en"):
                incident[key] = other[key]
        sex = person.victim["sex"]
        age: int | None = None
        if rng.random() < 0.8:
            age = rng.randint(0, self.child_age_limit - 1) if rng.random() < 0.3 else rng.randint(
                self.child_age_limit, 80)
        victim = {
            "sex": sex,
            "age": age,
            "age_group": "unknown" if age is None else (
                "child" if age < self.child_age_limit else "adult"),
            "status": "civilian",
            "category": "none",
            "date_of_death": day,
            "governorate": incident["governorate"],
            "place_ar": incident["place_ar"],
            "place_en": incident["place_en"],
        }
        name = person.name
        keep_grandfather = rng.random() < 0.5
        twin = TrueName(
            name.first, name.father,
            name.grandfather if keep_grandfather else self.demo.male.pick(rng),
            name.family, self.demo.female.pick(rng) if rng.random() < 0.6 else None,
        )
        namesake = self.person(victim, incident, twin)
        self.data.relations.append(("namesake", person.number, namesake.number))
        return namesake

    # -- records ------------------------------------------------------------------------------
    def document(self, people: list[_Person]) -> None:
        """Records of ``people`` (of one incident, or a namesake's own) by one to three hands."""
        rng = self.rng
        copies: dict[str, list[dict[str, Any]]] = {}
        for person in people:
            count = 1 if person.name is None else _weighted(rng, RECORDS_PER_PERSON)
            source = person.incident
            made = copies.get(source["id"])
            if made is None:
                made = copies[source["id"]] = [source]
                self.data.incidents.append(source)
            for index in range(count):
                while len(made) <= index:
                    copy = {**source, "id": self.new_id()}
                    if source["date_precision"] == "day" and rng.random() < 0.1:
                        copy["date"] = source["date"] + dt.timedelta(days=rng.choice((-1, 1)))
                        copy["date"] = min(max(copy["date"], FIRST_DAY), LAST_DAY)
                    made.append(copy)
                    self.data.incidents.append(copy)
                incident = made[index] if index == 0 or rng.random() >= SHARED_INCIDENT else made[0]
                record = self.record(person, incident)
                self.data.victims.append(record)
                self.data.person_of[record["id"]] = person.number

    def record(self, person: _Person, incident: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        truth = person.victim
        record: dict[str, Any] = {
            "id": self.new_id(),
            "incident_id": incident["id"],
            "name_ar": None, "name_en": None, "father_name": None, "family_name": None,
            "mother_name": None,
            "sex": truth["sex"],
            "age": truth.get("age"),
            "age_group": truth["age_group"],
            "status": truth["status"],
            "category": truth.get("category", "none"),
            "date_of_death": truth.get("date_of_death"),
            "governorate": truth["governorate"],
            "place_ar": truth.get("place_ar"),
            "place_en": truth.get("place_en"),
        }
        if person.name is None:
            record["name_ar"], record["name_en"] = UNIDENTIFIED
        else:
            self.write_name(record, person.name)
        if record["sex"] != "unknown" and rng.random() < 0.04:
            record["sex"] = "unknown"
        if record["status"] != "unknown" and rng.random() < 0.05:
            record["status"] = "unknown"
        self.write_age(record)
        self.write_date(record)
        if rng.random() < 0.03:
            governorates = self.demo.governorates
            record["governorate"] = governorates[int(rng.random() * len(governorates))]
        self.write_place(record, incident)
        return record

    def write_place(self, record: dict[str, Any], incident: dict[str, Any]) -> None:
        """The place as this researcher wrote it: the community's name, now and then with a
        designation ("قرية …", "… village"), the name of its subdistrict or district instead,
        another place in the governorate, or nothing."""
        rng = self.rng
        r = rng.random()
        place_ar, place_en = incident.get("place_ar"), incident.get("place_en")
        if r < 0.15:
            place_ar = place_en = None
        elif r < 0.18:  # another place nearby: where the body was taken, or the home town
            places = self.demo.communities[incident["governorate"]]
            other = places[int(rng.random() * len(places))]
            place_ar, place_en = other.name_ar, other.name_en
        elif r < 0.23:
            area = incident.get("subdistrict") or incident.get("district")
            found = gazetteer().get(area) if area else None
            if found is not None:
                place_ar, place_en = found.name_ar, found.name_en
        elif r < 0.33 and place_ar and place_en:
            word_ar, word_en = rng.choice(PLACE_WORDS)
            place_ar, place_en = f"{word_ar} {place_ar}", f"{place_en} {word_en}"
        record["place_ar"] = place_ar
        record["place_en"] = place_en if rng.random() < 0.8 else None

    def write_age(self, record: dict[str, Any]) -> None:
        rng = self.rng
        age = record["age"]
        if age is not None:
            r = rng.random()
            if r < 0.2:
                age = None
            elif r < 0.32:
                age = max(0, age + rng.choice((-1, 1)))
            elif r < 0.35:
                age = max(0, age + rng.choice((-5, -3, -2, 2, 3, 5)))
        record["age"] = age
        if age is not None:
            record["age_group"] = "child" if age < self.child_age_limit else "adult"
        elif rng.random() < 0.1:
            record["age_group"] = "unknown"

    def write_date(self, record: dict[str, Any]) -> None:
        rng = self.rng
        day: dt.date | None = record["date_of_death"]
        if day is None:
            return
        r = rng.random()
        if r < 0.03:
            record["date_of_death"] = None
        elif r < 0.17:
            day += dt.timedelta(days=rng.choice((-1, 1)))
        elif r < 0.22:
            day += dt.timedelta(days=rng.choice((-2, 2)))
        if record["date_of_death"] is not None:
            record["date_of_death"] = min(max(day, FIRST_DAY), LAST_DAY)

    def write_name(self, record: dict[str, Any], name: TrueName) -> None:
        rng = self.rng
        r = rng.random()
        parts: tuple[Name, ...]
        # Which parts this researcher wrote: first father grandfather family / first father
        # family / first family / first father.
        if r < 0.12:
            parts = (name.first, name.father, name.grandfather, name.family)
        elif r < 0.77:
            parts = (name.first, name.father, name.family)
        elif r < 0.97:
            parts = (name.first, name.family)
        else:
            parts = (name.first, name.father)
        r = rng.random()
        latin_only, arabic_only = r < 0.06, r >= 0.85
        if not latin_only:
            habits = _ArabicHabits(rng)
            words = [habits.write(part[0], is_family=part is name.family) for part in parts]
            if rng.random() < 0.04:
                at = rng.randrange(len(words))
                words[at] = _arabic_slip(rng, words[at])
            record["name_ar"] = habits.join(words)
            if name.father in parts and rng.random() < 0.55:
                record["father_name"] = habits.write(name.father[0], is_family=False)
            if name.family in parts and rng.random() < 0.55:
                record["family_name"] = habits.write(name.family[0], is_family=True)
            if name.mother is not None and rng.random() < 0.35:
                record["mother_name"] = habits.write(name.mother[0], is_family=False)
        if not arabic_only:
            upper = rng.random() < 0.08
            article = rng.random()
            words = []
            for part in parts:
                word = _spelling(rng, part[1])
                if part is name.family and word.lower().startswith("al"):
                    word = _latin_article(article, word)
                words.append(word.upper() if upper else word)
            if rng.random() < 0.02:
                at = rng.randrange(len(words))
                words[at] = _latin_slip(rng, words[at])
            record["name_en"] = " ".join(words)


class _ArabicHabits:
    """One researcher's way of typing Arabic names in one record."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.no_hamza = rng.random() < 0.5
        self.heh = rng.random() < 0.15  # ة typed as ه
        self.yeh = rng.random() < 0.2  # ى typed as ي
        self.abd_joined = rng.random() < 0.4
        self.no_article = rng.random() < 0.12  # the family name without ال
        self.marks = rng.random() < 0.03
        self.tatweel = rng.random() < 0.02
        self.persian = rng.random() < 0.02
        self.spaces = rng.random() < 0.03

    def write(self, text: str, *, is_family: bool) -> str:
        rng = self.rng
        if self.no_hamza:
            text = text.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
        if self.heh:
            text = text.replace("ة", "ه")
        if self.yeh:
            text = text.replace("ى", "ي")
        if self.abd_joined:
            text = text.replace("عبد ال", "عبدال")
        if is_family and self.no_article and text.startswith(ARABIC_ARTICLE) and len(text) > 4:
            text = text[2:]
        if self.persian:
            text = text.replace("ي", "ی").replace("ك", "ک")
        if self.marks and len(text) > 2:
            at = 1 + rng.randrange(len(text) - 1)
            if text[at - 1] != " ":
                text = text[:at] + rng.choice(HARAKAT) + text[at:]
        if self.tatweel and len(text) > 3:
            at = 1 + rng.randrange(len(text) - 2)
            if " " not in text[at - 1 : at + 1]:
                text = text[:at] + "ـ" + text[at:]
        return text

    def join(self, words: list[str]) -> str:
        if self.spaces:
            return "  ".join(words) + " "
        return " ".join(words)


def _weighted(rng: random.Random, choices: tuple[tuple[int, float], ...]) -> int:
    r = rng.random()
    for value, share in choices:
        if r < share:
            return value
        r -= share
    return choices[-1][0]


def _spelling(rng: random.Random, variants: tuple[str, ...]) -> str:
    if len(variants) == 1 or rng.random() < 0.5:
        return variants[0]
    return variants[1 + int(rng.random() * (len(variants) - 1))]


def _latin_article(r: float, word: str) -> str:
    """A family name's article as this researcher writes it ("Al-Khatib" is the usual form)."""
    bare = word[3:] if word[2:3] in "- " else word[2:]
    if not bare:
        return word
    if r < 0.7:
        return word
    if r < 0.8:
        return "Al " + bare[0].upper() + bare[1:]
    if r < 0.85:
        return "El-" + bare[0].upper() + bare[1:]
    return bare[0].upper() + bare[1:]


def _arabic_slip(rng: random.Random, word: str) -> str:
    """One typing slip: a confused letter, a letter dropped or a letter doubled."""
    letters = [i for i, c in enumerate(word) if "\u0621" <= c <= "\u064a"]
    if len(letters) < 3:
        return word
    at = letters[1 + rng.randrange(len(letters) - 1)]
    r = rng.random()
    if r < 0.6 and word[at] in SLIPS:
        return word[:at] + rng.choice(SLIPS[word[at]]) + word[at + 1 :]
    if r < 0.85 and len(letters) > 3:
        return word[:at] + word[at + 1 :]
    return word[:at] + word[at] + word[at:]


def _latin_slip(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    at = 1 + rng.randrange(len(word) - 2)
    r = rng.random()
    if r < 0.4:
        return word[:at] + word[at + 1 :]
    if r < 0.7:
        return word[:at] + word[at] + word[at:]
    vowel = rng.choice(LATIN_VOWELS)
    return word[:at] + vowel + word[at + 1 :] if word[at].lower() in LATIN_VOWELS else word
