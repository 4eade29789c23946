"""Preflight: check any PDF against an output profile (PDF/X identification, boxes, fonts,
colour, ink, type size, rule weight, image resolution, transparency). Reads with pikepdf."""
