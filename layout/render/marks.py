"""Printer's marks outside the BleedBox: crop marks, registration targets and a slug line.

Drawn at their real size (the page is never scaled). Registration targets and crop marks are
set once in each process colour, overprinting, so they appear on every plate while no single
colour exceeds 100 %."""

from __future__ import annotations

from typing import Mapping

from reportlab.pdfgen.canvas import Canvas

from layout.model.layout import PageLayout
from layout.model.style import OutputProfile
from layout.units import mm, to_pt

PLATES = ((1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1))
MARK_LENGTH = mm(6)
MARK_WIDTH = 250  # mpt: 0.25 pt, the press's minimum rule
TARGET_RADIUS = mm(3)
SLUG_SIZE = 6000  # mpt


def draw_marks(canvas: Canvas, page: PageLayout, profile: OutputProfile, bleed: int, margin: int, slug: str, fonts: Mapping[str, str]) -> None:
    left, bottom = margin + bleed, margin + bleed
    right, top = left + page.trim_width, bottom + page.trim_height
    gap = bleed + mm(1)  # marks start outside the bleed
    canvas.setFillOverprint(True)
    canvas.setStrokeOverprint(True)
    canvas.setOverprintMask(True)
    canvas.setLineWidth(to_pt(MARK_WIDTH))
    for plate in PLATES:
        canvas.setStrokeColorCMYK(*plate)
        if profile.crop_marks:
            for x, y, dx, dy in ((left, bottom, -1, -1), (right, bottom, 1, -1), (left, top, -1, 1), (right, top, 1, 1)):
                _line(canvas, x + dx * gap, y, x + dx * (gap + MARK_LENGTH), y)
                _line(canvas, x, y + dy * gap, x, y + dy * (gap + MARK_LENGTH))
        if profile.registration_marks:
            middle_x, middle_y = (left + right) // 2, (bottom + top) // 2
            reach = gap + TARGET_RADIUS + mm(1)
            for cx, cy in ((middle_x, top + reach), (middle_x, bottom - reach), (left - reach, middle_y), (right + reach, middle_y)):
                canvas.circle(to_pt(cx), to_pt(cy), to_pt(TARGET_RADIUS * 2 // 3), stroke=1, fill=0)
                _line(canvas, cx - TARGET_RADIUS, cy, cx + TARGET_RADIUS, cy)
                _line(canvas, cx, cy - TARGET_RADIUS, cx, cy + TARGET_RADIUS)
    if profile.slug:
        canvas.setFillColorCMYK(0, 0, 0, 1)
        font = fonts.get("hei") or next(iter(fonts.values()))
        canvas.setFont(font, to_pt(SLUG_SIZE))
        canvas.drawString(to_pt(left), to_pt(bottom - gap - mm(4)), slug)


def _line(canvas: Canvas, x1: int, y1: int, x2: int, y2: int) -> None:
    canvas.line(to_pt(x1), to_pt(y1), to_pt(x2), to_pt(y2))
