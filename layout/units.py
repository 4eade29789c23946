"""Units: geometry inside layout is integer milli-points (1/1000 pt).

Floats appear only at the renderer's edge, so justified lines fill their measure exactly and
layout dumps stay stable across machines.
"""

from __future__ import annotations

import re
from fractions import Fraction

MPT_PER_PT = 1000
PT_PER_MM = Fraction(72 * 10, 254)
MPT_PER_INCH = 72 * MPT_PER_PT  # pixels per inch ↔ pixels per milli-point


def pt_to_mm(value: float) -> float:
    """Points as millimetres, for messages and reports."""
    return value / float(PT_PER_MM)

# Chinese point sizes (字号), GB/T 40070-2021 / ctex "word" system, in points (CJK-TYPOGRAPHY §5.1).
CHINESE_SIZES_PT: dict[str, Fraction] = {
    "初号": Fraction(42),
    "小初": Fraction(36),
    "一号": Fraction(26),
    "小一": Fraction(24),
    "二号": Fraction(22),
    "小二": Fraction(18),
    "三号": Fraction(16),
    "小三": Fraction(15),
    "四号": Fraction(14),
    "小四": Fraction(12),
    "五号": Fraction(21, 2),
    "小五": Fraction(9),
    "六号": Fraction(15, 2),
    "小六": Fraction(13, 2),
    "七号": Fraction(11, 2),
    "八号": Fraction(5),
}

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|pt|cm|in)?\s*$")
_UNIT_TO_PT = {
    "pt": Fraction(1),
    "mm": PT_PER_MM,
    "cm": PT_PER_MM * 10,
    "in": Fraction(72),
}


class UnitError(ValueError):
    """A length or size that cannot be read; the message says what is accepted."""


def pt(value: float | int | Fraction) -> int:
    """Points to milli-points, rounded half away from zero."""
    return round_half_up(Fraction(value) * MPT_PER_PT)


def mm(value: float | int | Fraction) -> int:
    """Millimetres to milli-points."""
    return round_half_up(Fraction(value) * PT_PER_MM * MPT_PER_PT)


def to_pt(mpt: int) -> float:
    """Milli-points to float points: only the renderer calls this."""
    return mpt / MPT_PER_PT



def round_half_up(value: Fraction) -> int:
    sign = -1 if value < 0 else 1
    return sign * int(abs(value) + Fraction(1, 2))


def parse_length(value: object, *, default_unit: str = "pt") -> int:
    """'3mm', '9pt', 12 (in default_unit) → milli-points."""
    if isinstance(value, bool):
        raise UnitError("expected a length such as 3mm or 9pt")
    if isinstance(value, (int, float)):
        return round_half_up(Fraction(str(value)) * _UNIT_TO_PT[default_unit] * MPT_PER_PT)
    if isinstance(value, str):
        match = _LENGTH.match(value)
        if match:
            number, unit = match.groups()
            return round_half_up(Fraction(number) * _UNIT_TO_PT[unit or default_unit] * MPT_PER_PT)
    raise UnitError("expected a length such as 3mm or 9pt")


def parse_font_size(value: object) -> int:
    """A type size: a Chinese size name (小五, 初号…), '9pt', '3.2mm' or a number of points."""
    if isinstance(value, str) and value.strip() in CHINESE_SIZES_PT:
        return pt(CHINESE_SIZES_PT[value.strip()])
    try:
        size = parse_length(value, default_unit="pt")
    except UnitError:
        raise UnitError("expected a type size: a size name (初号 … 八号), points such as 9pt, or a number") from None
    if size <= 0:
        raise UnitError("a type size must be positive")
    return size
