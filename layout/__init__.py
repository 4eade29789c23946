"""Print layout and PDF for Chinese newspapers.

The pipeline (see docs/ARCHITECTURE.md): load → compose text → place on the grid → check → render.
"""

__version__ = "0.1.0"
