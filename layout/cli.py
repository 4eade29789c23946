"""Command line: argument parsing, exit codes and printing only."""

from __future__ import annotations

import json
import sys

import click

from layout import __version__
from layout.diagnostics import Severity
from layout.load.errors import InputError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="layout")
def main() -> None:
    """Print layout and PDF for Chinese newspapers."""


def _fail_input(error: InputError) -> None:
    click.echo(f"error: {error.format()}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _report(layout, *, stream_err: bool) -> None:
    for diagnostic in layout.diagnostics:
        click.echo(diagnostic.format(), err=stream_err)


@main.command()
@click.argument("issue", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False), help="Directory for the page PDFs.")
def build(issue: str, out_dir: str) -> None:
    """Lay out ISSUE and write print PDFs, one per page."""
    from layout.pipeline import build_issue

    try:
        result = build_issue(issue, out_dir)
    except InputError as error:
        _fail_input(error)
        return
    _report(result.layout, stream_err=True)
    for path in result.paths:
        click.echo(path)


@main.command()
@click.argument("issue", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(issue: str, fmt: str) -> None:
    """Check ISSUE without rendering: overflow and copyfit per article, composition problems.

    Exit status: 0 clean, 1 findings, 2 bad input."""
    from layout.pipeline import layout_issue

    try:
        _, layout = layout_issue(issue)
    except InputError as error:
        _fail_input(error)
        return
    findings = [d for d in layout.diagnostics if d.severity >= Severity.WARNING]
    if fmt == "json":
        payload = {
            "issue": issue,
            "copyfit": [
                {
                    "article": c.article,
                    "page": c.page,
                    "lines_available": c.lines_available,
                    "lines_used": c.lines_used,
                    "lines_over": c.lines_over,
                    "lines_short": c.lines_short,
                    "chars_over": c.chars_over,
                }
                for c in layout.copyfit
            ],
            "diagnostics": [d.to_json() for d in layout.diagnostics],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for c in layout.copyfit:
            state = f"over by {c.lines_over} lines (cut about {c.chars_over} 字)" if c.lines_over else f"fits, {c.lines_short} lines to spare"
            click.echo(f"page {c.page} {c.article}: {c.lines_used}/{c.lines_available} lines, {state}")
        _report(layout, stream_err=False)
        click.echo(f"{len(findings)} finding(s)")
    sys.exit(EXIT_FINDINGS if findings else EXIT_CLEAN)
