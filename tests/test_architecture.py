"""The dependency rules of docs/ARCHITECTURE.md, checked by walking the imports."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

from conftest import ROOT, SAMPLE

PACKAGE = os.path.join(ROOT, "layout")
# model ← load ← typeface ← text ← page ← check, render ← preflight ← output ← pipeline ← cli
LAYERS = ["model", "load", "typeface", "text", "page", "plan", "check", "render", "preflight", "output", "pipeline", "desk", "cli"]
TOP_LEVEL_SHARED = {"units", "diagnostics", "cache", "__init__", "__main__"}


def imports_of(path: str) -> set[str]:
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules():
    for folder, _, files in os.walk(PACKAGE):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, PACKAGE)
                yield rel.split(os.sep)[0].removesuffix(".py"), path


def test_only_render_imports_reportlab():
    for layer, path in modules():
        if any(name.split(".")[0] == "reportlab" for name in imports_of(path)):
            assert layer == "render", f"{path} imports ReportLab"


def test_layers_only_import_downwards():
    rank = {name: i for i, name in enumerate(LAYERS)}
    for layer, path in modules():
        if layer in TOP_LEVEL_SHARED:
            continue
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] != "layout" or len(parts) < 2 or parts[1] in TOP_LEVEL_SHARED:
                continue
            target = parts[1]
            if layer in ("check", "render") and target in ("check", "render") and target != layer:
                raise AssertionError(f"{path}: check and render must not import each other")
            assert rank[target] <= rank[layer], f"{path} ({layer}) imports {name} ({target})"


def test_preflight_reads_pdfs_without_the_layout():
    for layer, path in modules():
        if layer == "preflight":
            for name in imports_of(path):
                parts = name.split(".")
                assert parts[0] != "layout" or parts[1] in ("model", "preflight", "diagnostics", "units"), f"{path} imports {name}"


def test_check_runs_without_reportlab():
    code = (
        "import sys; from layout.pipeline import check_path; check_path(sys.argv[1]); "
        "assert not any(m.split('.')[0] == 'reportlab' for m in sys.modules), 'reportlab imported'"
    )
    result = subprocess.run([sys.executable, "-c", code, SAMPLE], capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": ROOT})
    assert result.returncode == 0, result.stderr
