"""Counting rules, explicit and configurable: what makes a massacre, a child, a woman."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

FIRST_DATE_ISO = "2011-03-01"


class Methodology(BaseModel):
    """The settings a published figure depends on; stored in the database, printed on sheets."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    massacre_threshold: int = Field(
        default=5,
        ge=2,
        le=100,
        description="An incident is a massacre when at least this many civilians were killed.",
    )
    child_age_limit: int = Field(
        default=18, ge=1, le=25, description="A victim younger than this is a child."
    )

    def is_child_age(self, age: int) -> bool:
        return age < self.child_age_limit


DEFAULT_METHODOLOGY = Methodology()
