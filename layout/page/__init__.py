"""Placement: the grid, the masthead and boxes, article modules, headlines, body flow through columns."""
