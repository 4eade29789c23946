"""Shared fixtures: exact synthetic metrics for composition tests, the sample issue for the rest."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

import pytest

from layout.model.style import Composition, TextStyle
from layout.typeface.metrics import FaceMetrics, FontSet

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "issues", "2022-01-28.yaml")
EM = 9000  # 小五 in mpt


# Shared code points that a zh-Hans font draws full width (CJK-TYPOGRAPHY §3.6).
FULL_WIDTH_SHARED = set("“”‘’—…·–")


class GridAdvances(Mapping):
    """Every wide character 1000 units, everything else 500: the test font of the architecture notes."""

    def __getitem__(self, cp: int) -> int:
        char = chr(cp)
        return 1000 if char in FULL_WIDTH_SHARED or unicodedata.east_asian_width(char) in ("W", "F") else 500

    def __contains__(self, cp: object) -> bool:
        return isinstance(cp, int) and cp != 0xFFFF

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0


_SYNTHETIC = FontSet(MappingProxyType({"body": FaceMetrics("body", 1000, GridAdvances(), 880, 120)}))


def synthetic_fonts() -> FontSet:
    """One object for the whole run: the composer's caches are keyed on the FontSet."""
    return _SYNTHETIC


def body_style(size: int = EM) -> TextStyle:
    return TextStyle(name="body", font="body", size=size, colour="black", align="justify")


@pytest.fixture
def fonts() -> FontSet:
    return synthetic_fonts()


@pytest.fixture
def composition() -> Composition:
    return Composition()
