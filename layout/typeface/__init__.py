"""Typefaces: metrics and coverage of the pinned fonts, read with fontTools (no ReportLab here)."""
