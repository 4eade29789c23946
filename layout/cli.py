"""Command line: argument parsing, exit codes and printing only."""

from __future__ import annotations

import os
import sys

import click

from layout import __version__
from layout.load.errors import InputError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="layout")
def main() -> None:
    """Print layout and PDF for Chinese newspapers."""


def _input_error(error: InputError) -> None:
    click.echo(f"error: {error.format()}", err=True)


@main.command()
@click.argument("issue", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False), help="Directory for the page PDFs.")
def build(issue: str, out_dir: str) -> None:
    """Lay out ISSUE and write print PDFs, one per page.

    Prints the check's failing findings and summary on standard error, the PDF paths on standard
    output. Exit status: 0 written, 2 bad input (nothing written)."""
    from layout.check.report import failing_summary
    from layout.pipeline import build_issue

    try:
        result = build_issue(issue, out_dir)
    except InputError as error:
        _input_error(error)
        sys.exit(EXIT_BAD_INPUT)
    for line in failing_summary(result.check):
        click.echo(line, err=True)
    for path in result.paths:
        click.echo(path)


@main.command()
@click.argument("issues", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True, help="Report format.")
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option("--output", "output", type=click.Path(dir_okay=False), help="Write the report to FILE (standard output keeps the summary line).")
@click.option("--quiet", is_flag=True, help="Text format: list only failing findings.")
def check(issues: tuple[str, ...], fmt: str, strict: bool, output: str | None, quiet: bool) -> None:
    """Check ISSUE(s) without rendering: overflow and copyfit per article, typography rules.

    Exit status: 0 clean, 1 findings at or above the failing severity (the style sheet's
    checks.fail_on; warnings too with --strict), 2 bad input."""
    from layout.check.report import json_report, junit_report, summary_line, text_report
    from layout.pipeline import check_path, write_atomically

    results = []
    bad_input = False
    for issue in issues:
        try:
            results.append(check_path(issue, strict=strict))
        except InputError as error:
            _input_error(error)
            bad_input = True
    if bad_input:
        exit_code = EXIT_BAD_INPUT
    else:
        exit_code = EXIT_FINDINGS if any(not r.passed for r in results) else EXIT_CLEAN
    if fmt == "json":
        report = json_report(results, exit_code)
    elif fmt == "junit":
        report = junit_report(results)
    else:
        report = text_report(results, verbose=not quiet)
    if output:
        os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
        write_atomically(output, report.encode("utf-8"))
        click.echo(summary_line(results))
    else:
        click.echo(report, nl=False)
    sys.exit(exit_code)
