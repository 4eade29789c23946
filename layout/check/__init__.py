"""Checks: overflow, copyfit and typography rules read off the layout result (no ReportLab)."""
