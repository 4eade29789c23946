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
@click.option("--profile", default=None, help="Output profile of the style sheet (default: its output.profile, normally press).")
def build(issue: str, out_dir: str, profile: str | None) -> None:
    """Lay out ISSUE and write print PDFs, one per page.

    Every page is preflighted against the output profile before anything is written. Prints the
    check's failing findings and summary on standard error, the PDF paths on standard output.
    Exit status: 0 written, 1 a page failed preflight (nothing written), 2 bad input (nothing
    written)."""
    from layout.check.report import failing_summary
    from layout.pipeline import PreflightFailed, build_issue

    try:
        result = build_issue(issue, out_dir, profile)
    except InputError as error:
        _input_error(error)
        sys.exit(EXIT_BAD_INPUT)
    except KeyError as error:
        click.echo(f"error: unknown output profile {error}; see output.profiles in the style sheet", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except PreflightFailed as failed:
        for number, finding in failed.findings:
            click.echo(f"preflight: page {number}: {finding.format()}", err=True)
        click.echo(f"build stopped: {len(failed.findings)} preflight finding(s); nothing written", err=True)
        sys.exit(EXIT_FINDINGS)
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


@main.command()
@click.argument("pdf", type=click.Path(dir_okay=False))
@click.option("--profile", default=None, help="Output profile to check against (default: the style sheet's, normally press).")
@click.option("--style", "style_path", default=None, type=click.Path(dir_okay=False), help="Style sheet holding the profiles (default: styles/broadsheet.yaml of this repository).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def preflight(pdf: str, profile: str | None, style_path: str | None, fmt: str) -> None:
    """Check any PDF against an output profile: PDF/X identification and output intent, page
    boxes, embedded fonts, colour spaces, ink limit, minimum type size and rule weight, image
    resolution, transparency.

    Exit status: 0 clean, 1 findings, 2 bad input (no such file, unknown profile, bad style sheet)."""
    import json

    from layout.load.fonts import load_fonts
    from layout.load.styles import load_style
    from layout.preflight.inspect import preflight_pdf

    if not os.path.isfile(pdf):
        click.echo(f"error: {pdf}: no such file", err=True)
        sys.exit(EXIT_BAD_INPUT)
    style_file = style_path or os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "styles", "broadsheet.yaml")
    try:
        style = load_style(style_file, load_fonts().roles)
    except InputError as error:
        _input_error(error)
        sys.exit(EXIT_BAD_INPUT)
    if profile is not None and profile not in style.profiles:
        click.echo(f"error: unknown profile '{profile}'; the style sheet has {', '.join(style.profiles)}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    chosen = style.profile(profile)
    findings = preflight_pdf(pdf, chosen)
    if fmt == "json":
        click.echo(json.dumps({"file": pdf, "profile": chosen.name, "passed": not findings, "findings": [f.to_json() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(f"{pdf}: {finding.format()}")
        click.echo(f"{'FAIL' if findings else 'pass'}: {pdf} against profile {chosen.name}: {len(findings)} finding(s)")
    sys.exit(EXIT_FINDINGS if findings else EXIT_CLEAN)


@main.command()
@click.argument("issue", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False), help="Directory for the proof PDF and PNGs.")
@click.option("--overlay", default="grid,modules,diagnostics", show_default=True, help="Comma-separated overlays: grid, modules, diagnostics (or none).")
@click.option("--dpi", default=60, show_default=True, type=click.IntRange(10, 600), help="Resolution of the PNG previews.")
def proof(issue: str, out_dir: str, overlay: str, dpi: int) -> None:
    """Proof ISSUE for editors: a PDF of every page with the column and baseline grid, module
    outlines with lines used/available, overset text in the margin, and the check's findings
    marked; a PNG per page and a contact sheet. Exit status: 0 written, 2 bad input."""
    from layout.pipeline import proof_issue
    from layout.render.proof import OVERLAYS

    chosen = frozenset() if overlay.strip() == "none" else frozenset(part.strip() for part in overlay.split(",") if part.strip())
    unknown = chosen - set(OVERLAYS)
    if unknown:
        click.echo(f"error: unknown overlay {', '.join(sorted(unknown))}; use {', '.join(OVERLAYS)} or none", err=True)
        sys.exit(EXIT_BAD_INPUT)
    try:
        result = proof_issue(issue, out_dir, chosen, dpi)
    except InputError as error:
        _input_error(error)
        sys.exit(EXIT_BAD_INPUT)
    from layout.check.report import summary_line

    click.echo(summary_line([result.check]), err=True)
    for path in (result.pdf, *result.pngs, result.contact_sheet):
        click.echo(path)


@main.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", default=None, type=click.Path(file_okay=False), help="Write a PNG per changed page, changed articles outlined (two issue files only).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--dpi", default=60, show_default=True, type=click.IntRange(10, 600))
def diff(old: str, new: str, out_dir: str | None, fmt: str, dpi: int) -> None:
    """Compare OLD and NEW (issue files, or the -layout.json a build writes) story by story:
    text, module, lines, overflow, page. Exit status: 0 no article changed, 1 changes, 2 bad input."""
    import json

    from layout.check.diff import DIFF_SCHEMA, diff_text
    from layout.pipeline import diff_issues

    try:
        result = diff_issues(old, new, out_dir, dpi)
    except InputError as error:
        _input_error(error)
        sys.exit(EXIT_BAD_INPUT)
    if fmt == "json":
        payload = {"schema": DIFF_SCHEMA, "old": old, "new": new, "changed": [c.to_json() for c in result.changes], "pngs": list(result.pngs)}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(diff_text(list(result.changes), old, new), nl=False)
        for path in result.pngs:
            click.echo(path)
    sys.exit(EXIT_FINDINGS if result.changes else EXIT_CLEAN)


@main.command()
@click.argument("issue", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False))
@click.option("--dpi", default=60, show_default=True, type=click.IntRange(10, 600))
@click.option("--interval", default=0.25, show_default=True, type=click.FloatRange(0.05, 10), help="Seconds between looks at the files.")
@click.option("--max-builds", default=0, type=click.IntRange(0), help="Stop after this many proofs (0: run until interrupted).")
def watch(issue: str, out_dir: str, dpi: int, interval: float, max_builds: int) -> None:
    """Rebuild the proof of ISSUE whenever the issue, its article files, the style sheet or the
    fonts change; print how long each rebuild took and which findings appeared or went away."""
    import time

    from layout.pipeline import proof_issue, watched_files

    def stamps(files: list[str]) -> dict[str, int]:
        found = {}
        for path in files:
            try:
                found[path] = os.stat(path).st_mtime_ns
            except OSError:
                found[path] = -1
        return found

    previous: set[str] | None = None
    builds = 0
    files = watched_files(issue)  # looked up again after each build: the issue may name new files
    seen: dict[str, int] | None = None
    try:
        while True:
            current = stamps(files)
            if current != seen:
                started = time.perf_counter()
                try:
                    result = proof_issue(issue, out_dir, None, dpi)
                except InputError as error:
                    _input_error(error)
                else:
                    elapsed = time.perf_counter() - started
                    findings = {f.format() for f in result.check.findings}
                    click.echo(f"rebuilt {result.pdf} in {elapsed:.2f} s: {len(findings)} finding(s)")
                    if previous is not None:
                        for line in sorted(findings - previous):
                            click.echo(f"  + {line}")
                        for line in sorted(previous - findings):
                            click.echo(f"  - {line}")
                    previous = findings
                builds += 1
                if max_builds and builds >= max_builds:
                    return
                new_files = watched_files(issue)
                # stamps taken before the build: a save during the build still triggers the next
                seen = current if new_files == files else stamps(new_files)
                files = new_files
            time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("stopped")
