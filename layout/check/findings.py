"""Turning rule codes into findings with the severity the style sheet gives them."""

from __future__ import annotations

from layout.diagnostics import Diagnostic, Severity, Where
from layout.model.rules import RULES
from layout.model.style import CheckSettings

SEVERITY_BY_NAME = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


class Findings:
    """Collects findings, dropping rules switched off and applying the style sheet's severities."""

    def __init__(self, settings: CheckSettings):
        self.settings = settings
        self.items: list[Diagnostic] = []

    def add(self, code: str, message: str, where: Where) -> None:
        name = self.settings.severities.get(code, RULES[code].severity)
        if name == "off":
            return
        self.items.append(Diagnostic(code, SEVERITY_BY_NAME[name], message, where))
