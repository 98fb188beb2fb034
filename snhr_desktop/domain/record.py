"""What every documented record shares: a device-made id, stamps, and validation in both languages."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, ClassVar, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from snhr_desktop.domain.fields import RecordInvalid, clean_text, problem, problems_from
from snhr_desktop.domain.ids import is_record_id, uuid7


def _record_id(value: Any) -> str:
    text = clean_text(value)
    if text is None:
        raise problem("required")
    if not is_record_id(text.lower()):
        raise problem("not_a_uuid", value=text)
    return text.lower()


RecordId = Annotated[str, BeforeValidator(_record_id)]


class Record(BaseModel):
    """Base of incidents, victims and facility attacks."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=False)

    kind: ClassVar[str]
    table: ClassVar[str]
    # Fields that are stamps or links, not facts a researcher typed (excluded from spreadsheets' facts).
    stamp_fields: ClassVar[tuple[str, ...]] = ("created_at", "updated_at")

    id: RecordId = Field(default_factory=uuid7)
    created_at: str | None = None
    updated_at: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _blank_means_default(cls, data: Any) -> Any:
        """An empty cell or field means "not given": fields with a default take it."""
        if not isinstance(data, dict):
            return data
        values = data.values()
        try:  # the common case, checked at C speed: no blank value at all
            if None not in values and "" not in values and not any(map(str.isspace, values)):
                return data
        except TypeError:  # not all text (typed workbook cells, forms)
            pass
        optional = _optional_fields(cls)
        blank = [
            name
            for name, value in data.items()
            if (value is None or (isinstance(value, str) and not value.strip()))
            and name in optional
        ]
        if not blank:
            return data
        return {name: value for name, value in data.items() if name not in blank}

    @classmethod
    def parse(cls, data: dict[str, Any], *, context: dict[str, Any] | None = None) -> Self:
        """Validate ``data``; on failure raise :class:`RecordInvalid` with bilingual problems."""
        try:
            return cls.model_validate(data, context=context)
        except ValidationError as error:
            raise RecordInvalid(problems_from(error)) from None

    def snapshot(self) -> dict[str, Any]:
        """The full record as JSON-ready values (what the operations log stores)."""
        return self.model_dump(mode="json")

    def facts(self) -> dict[str, Any]:
        """The record without its stamps: what two copies must agree on to be the same."""
        data = self.snapshot()
        for name in self.stamp_fields:
            data.pop(name, None)
        return data


@cache
def _optional_fields(model: type[Record]) -> frozenset[str]:
    """The fields of ``model`` that have a default."""
    return frozenset(name for name, info in model.model_fields.items() if not info.is_required())
