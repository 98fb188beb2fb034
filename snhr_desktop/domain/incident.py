"""An incident: one attack at one date and place by one perpetrator party."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import ValidationInfo, field_validator, model_validator

from snhr_desktop.domain.fields import (
    Code,
    LongText,
    PartialDate,
    ShortText,
    check_pcode,
    check_period,
    clean_text,
    parse_partial_date,
    precision_mismatch,
    problem,
)
from snhr_desktop.domain.record import Record


def period_start(value: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return value.replace(month=1, day=1)
    if precision == "month":
        return value.replace(day=1)
    return value


class Incident(Record):
    kind: ClassVar[str] = "incident"
    table: ClassVar[str] = "incidents"

    # date_precision comes before date so the date validator can see it.
    date_precision: Annotated[str, Code("date_precision")] = "day"
    date: dt.date
    governorate: str
    district: str | None = None
    subdistrict: str | None = None
    community: str | None = None
    place_ar: ShortText = None
    place_en: ShortText = None
    perpetrator: Annotated[str, Code("perpetrator")] = "unidentified"
    attack_type: Annotated[str, Code("attack_type")] = "unknown"
    acknowledged: Annotated[str, Code("tristate")] = "unknown"
    description_ar: LongText = None
    description_en: LongText = None
    sources: LongText = None
    researcher: ShortText = None

    @model_validator(mode="before")
    @classmethod
    def _precision_from_text(cls, data: Any) -> Any:
        """A typed date carries its own precision ("2016-05" is a month) unless one is given."""
        if not isinstance(data, dict) or clean_text(data.get("date_precision")) is not None:
            return data
        try:
            partial = parse_partial_date(data.get("date"))
        except ValueError:
            return data  # reported against the date field
        if partial is None:
            return data
        return {**data, "date_precision": partial.precision}

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any, info: ValidationInfo) -> dt.date:
        partial = parse_partial_date(value)
        if partial is None:
            raise problem("required")
        precision = info.data.get("date_precision", "day")
        order = ("day", "month", "year")
        if order.index(partial.precision) > order.index(precision):
            raise precision_mismatch(precision)
        result = PartialDate(period_start(partial.value, precision), precision)
        check_period(result)
        return result.value

    @field_validator("governorate", mode="before")
    @classmethod
    def _governorate(cls, value: Any) -> str:
        pcode = check_pcode(value, 1)
        if pcode is None:
            raise problem("required")
        return pcode

    @field_validator("district", mode="before")
    @classmethod
    def _district(cls, value: Any, info: ValidationInfo) -> str | None:
        return check_pcode(value, 2, info.data.get("governorate"))

    @field_validator("subdistrict", mode="before")
    @classmethod
    def _subdistrict(cls, value: Any, info: ValidationInfo) -> str | None:
        parent = info.data.get("district") or info.data.get("governorate")
        return check_pcode(value, 3, parent)

    @field_validator("community", mode="before")
    @classmethod
    def _community(cls, value: Any, info: ValidationInfo) -> str | None:
        parent = (
            info.data.get("subdistrict")
            or info.data.get("district")
            or info.data.get("governorate")
        )
        return check_pcode(value, 4, parent)

    @property
    def partial_date(self) -> PartialDate:
        return PartialDate(self.date, self.date_precision)

    def date_text(self) -> str:
        """The date written to its precision: 2016-05-03, 2016-05 or 2016."""
        return str(self.partial_date)
