"""A reviewer's decision on two victim records proposed as probable duplicates.

"Same person" links the two records: both stay in the database and in the lists, and summaries
count the person once. "Different people" is remembered so the pair is not proposed again;
"unsure" keeps the pair out of the way until somebody decides. A decision is a record like any
other (a device-made id, operations in the log, carried by bundles): undoing it is deleting it,
changing one's mind is updating it.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Self

from pydantic import model_validator

from snhr_desktop.domain.fields import Code, LongText, problem
from snhr_desktop.domain.record import Record, RecordId


class PairDecision(Record):
    kind: ClassVar[str] = "pair_decision"
    table: ClassVar[str] = "pair_decisions"

    # The two victims, the smaller id first, so that one pair is written one way only.
    victim_a: RecordId
    victim_b: RecordId
    decision: Annotated[str, Code("pair_decision")]
    note: LongText = None
    # The match weight (log2 odds) the pair had when it was decided, for the record.
    weight: float | None = None

    @model_validator(mode="after")
    def _ordered_pair(self) -> Self:
        if self.victim_a == self.victim_b:
            raise problem("pair_same_record")
        if self.victim_a > self.victim_b:
            raise problem("pair_unordered")
        return self

    @classmethod
    def between(cls, first: str, second: str, decision: str, **more: object) -> PairDecision:
        """A new decision on ``first`` and ``second``, in whichever order they are given."""
        a, b = sorted((first.lower(), second.lower()))
        return cls.model_validate({"victim_a": a, "victim_b": b, "decision": decision, **more})
