"""Diagnostics: what a stage found, as data. Checks, `build` and `check` all print these."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Where:
    """Where a finding occurs; every field optional so one shape serves pages, articles and lines."""

    page: int | None = None
    article: str | None = None
    paragraph: int | None = None
    line: int | None = None
    text: str | None = None

    def describe(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.article is not None:
            parts.append(f"article {self.article}")
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    where: Where = field(default_factory=Where)

    def format(self) -> str:
        place = self.where.describe()
        head = f"{self.severity}: {place}: " if place else f"{self.severity}: "
        return f"{head}{self.message} [{self.code}]"

    def to_json(self) -> dict:
        where = {k: v for k, v in vars(self.where).items() if v is not None}
        return {"code": self.code, "severity": str(self.severity), "message": self.message, "where": where}
