"""A victim: a person killed, documented under one incident."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import Field, ValidationInfo, field_validator, model_validator

from snhr_desktop.domain.fields import (
    Code,
    Day,
    Governorate,
    LongText,
    ShortText,
    parse_int,
    problem,
)
from snhr_desktop.domain.methodology import DEFAULT_METHODOLOGY
from snhr_desktop.domain.record import Record, RecordId


class Victim(Record):
    kind: ClassVar[str] = "victim"
    table: ClassVar[str] = "victims"

    incident_id: RecordId
    name_ar: ShortText = None
    # Validated even when absent, so a missing name is reported together with other problems.
    name_en: ShortText = Field(default=None, validate_default=True)
    father_name: ShortText = None
    family_name: ShortText = None
    mother_name: ShortText = None
    sex: Annotated[str, Code("sex")] = "unknown"
    age: int | None = None
    age_group: Annotated[str, Code("age_group")] = "unknown"
    status: Annotated[str, Code("victim_status")] = "unknown"
    category: Annotated[str, Code("special_category")] = "none"
    date_of_death: Day = None
    governorate: Governorate = None
    place_ar: ShortText = None
    place_en: ShortText = None
    origin_governorate: Governorate = None
    notes: LongText = None

    @field_validator("age", mode="before")
    @classmethod
    def _age(cls, value: Any) -> int | None:
        age = parse_int(value)
        if age is not None and not 0 <= age <= 120:
            raise problem("age_out_of_range", value=age)
        return age

    @model_validator(mode="before")
    @classmethod
    def _age_group_from_age(cls, data: Any, info: ValidationInfo) -> Any:
        """With a known age and no group given, the group follows from the age."""
        if not isinstance(data, dict) or data.get("age_group") not in (None, ""):
            return data
        try:
            age = parse_int(data.get("age"))
        except ValueError:
            return data
        if age is None:
            return data
        limit = _child_age_limit(info)
        return {**data, "age_group": "child" if age < limit else "adult"}

    @field_validator("age_group")
    @classmethod
    def _age_group_agrees(cls, group: str, info: ValidationInfo) -> str:
        age = info.data.get("age")
        if age is None or group == "unknown":
            return group
        expected = "child" if age < _child_age_limit(info) else "adult"
        if group != expected:
            labels = {"child": ("child", "طفل"), "adult": ("adult", "بالغ")}
            en, ar = labels.get(group, (group, group))
            raise problem("age_group_mismatch", age=age, group_en=en, group_ar=ar)
        return group

    @field_validator("name_en")
    @classmethod
    def _has_a_name(cls, name_en: str | None, info: ValidationInfo) -> str | None:
        if name_en is None and info.data.get("name_ar") is None and "name_ar" in info.data:
            raise problem("name_required")
        return name_en

    @property
    def display_name(self) -> str:
        return self.name_ar or self.name_en or ""

    def death_date(self) -> dt.date | None:
        return self.date_of_death


def _child_age_limit(info: ValidationInfo) -> int:
    context = info.context or {}
    limit = context.get("child_age_limit", DEFAULT_METHODOLOGY.child_age_limit)
    return int(limit)
