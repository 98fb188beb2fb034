"""Hybrid logical clock: timestamps that order operations across devices despite skewed clocks."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class HLC:
    """Physical milliseconds plus a logical counter; text form sorts like the value."""

    millis: int
    counter: int

    def __str__(self) -> str:
        return f"{self.millis:015d}.{self.counter:05d}"

    @classmethod
    def parse(cls, text: str) -> HLC:
        millis, _, counter = text.partition(".")
        return cls(int(millis), int(counter or 0))


def wall_millis() -> int:
    return time.time_ns() // 1_000_000


def tick(last: HLC, now_ms: int | None = None) -> HLC:
    """The timestamp of a local event after ``last``."""
    now = wall_millis() if now_ms is None else now_ms
    if now > last.millis:
        return HLC(now, 0)
    return HLC(last.millis, last.counter + 1)


def receive(last: HLC, remote: HLC, now_ms: int | None = None) -> HLC:
    """The clock after seeing a remote timestamp (used when bundles are merged)."""
    now = wall_millis() if now_ms is None else now_ms
    top = max(now, last.millis, remote.millis)
    if top == last.millis == remote.millis:
        return HLC(top, max(last.counter, remote.counter) + 1)
    if top == last.millis:
        return HLC(top, last.counter + 1)
    if top == remote.millis:
        return HLC(top, remote.counter + 1)
    return HLC(top, 0)
