"""Weekday and Chinese lunar date for the masthead (星期五, 农历辛丑年十二月廿六)."""

from __future__ import annotations

import datetime as _dt

from lunardate import LunarDate

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
MONTHS = ("正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月")
DAY_TENS = ("初", "十", "廿", "三")
DIGITS = "一二三四五六七八九十"


def weekday(date: _dt.date) -> str:
    return WEEKDAYS[date.weekday()]


def lunar_date(date: _dt.date) -> str:
    """'农历辛丑年十二月廿六'. Raises ValueError outside 1900–2099, the range of the table."""
    convert = getattr(LunarDate, "from_solar_date", None) or LunarDate.fromSolarDate  # renamed in 0.3
    lunar = convert(date.year, date.month, date.day)
    cycle = (lunar.year - 4) % 60
    year = STEMS[cycle % 10] + BRANCHES[cycle % 12]
    leap = getattr(lunar, "is_leap_month", None)
    leap = lunar.isLeapMonth if leap is None else leap  # renamed in 0.3
    month = ("闰" if leap else "") + MONTHS[lunar.month - 1]
    return f"农历{year}年{month}{_lunar_day(lunar.day)}"


def _lunar_day(day: int) -> str:
    if day == 10:
        return "初十"
    if day == 20:
        return "二十"
    if day == 30:
        return "三十"
    return DAY_TENS[day // 10] + DIGITS[day % 10 - 1]
