"""Command line: argument parsing, exit codes and printing only.

Exit status, the same for every command: 0 clean, 1 findings that fail (or changes, for diff),
2 bad input or an output that cannot be written, 3 an internal error (a bug; please report it).
"""

from __future__ import annotations

import os
import sys

import click

from layout import __version__
from layout.load.errors import InputError, OutputError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Guarded(click.Group):
    """Input and output errors become one line and exit 2 wherever they are raised; anything
    else is a bug in the tool, reported on one line too (LAYOUT_DEBUG=1 shows the traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (InputError, OutputError) as error:
            _echo_error(error)
            ctx.exit(EXIT_BAD_INPUT)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except MemoryError:
            click.echo("error: out of memory; the input is larger than this machine can lay out", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except Exception as exc:  # noqa: BLE001 - the last guard before a traceback
            if os.environ.get("LAYOUT_DEBUG"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {str(exc)[:200]!r}; this is a bug in layout: please report it with the input (LAYOUT_DEBUG=1 shows the traceback)", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="layout")
def main() -> None:
    """Print layout and PDF for Chinese newspapers."""


def _echo_error(error: InputError | OutputError) -> None:
    click.echo(f"error: {error.format()}", err=True)


def allow_paths(command):
    """--allow-path: folders outside the issue's project that style sheets and font manifests
    may name files in (ICC profiles, fonts); also LAYOUT_ALLOW_PATHS, separated by ':'."""
    return click.option(
        "--allow-path", "allowed", multiple=True, envvar="LAYOUT_ALLOW_PATHS", type=click.Path(file_okay=False),
        help="A folder outside the project that the style sheet may name ICC profiles or fonts in (repeatable; env LAYOUT_ALLOW_PATHS).",
    )(command)


@main.command()
@click.argument("issue")
@click.option("-o", "--output", "out_dir", default="output", show_default=True, help="Folder for the page PDFs.")
@click.option("--profile", default=None, help="Output profile of the style sheet (default: its output.profile, normally press).")
@click.option("--force", is_flag=True, help="Write the PDFs even when the check fails (it says so and still exits 1).")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, help="Processes that render pages side by side (default: the style sheet's output.jobs, else one per core).")
@allow_paths
def build(issue: str, out_dir: str, profile: str | None, force: bool, jobs: int | None, allowed: tuple[str, ...]) -> None:
    """Lay out ISSUE and write print PDFs, one per page.

    The check runs first: findings at the failing severity (overset text, by default) stop the
    build with nothing written, so the last good PDFs stay, unless --force. Every page is then
    preflighted against the output profile, and all pages are written together or none.
    Exit status: 0 written, 1 failing findings or a page that fails preflight, 2 bad input or
    an output folder that cannot be written."""
    from layout.check.report import failing_summary
    from layout.pipeline import PreflightFailed, build_issue

    display = _ProgressDisplay()
    try:
        result = build_issue(issue, out_dir, profile, force=force, allowed=allowed, jobs=jobs, progress=display.update)
    except PreflightFailed as failed:
        display.done()
        for number, finding in failed.findings:
            click.echo(f"preflight: {f'page {number}' if number is not None else 'issue PDF'}: {finding.format()}", err=True)
        click.echo(f"build stopped: {len(failed.findings)} preflight finding(s); nothing written, the last good PDFs stay", err=True)
        sys.exit(EXIT_FINDINGS)
    display.done()
    for line in failing_summary(result.check):
        click.echo(line, err=True)
    failing = result.check.failing
    articles = sorted({f.where.article for f in failing if f.where.article})
    named = f" in {', '.join(articles)}" if articles else ""
    if result.withheld:
        click.echo(f"build stopped: {len(failing)} failing finding(s){named}; no PDF written, the last good PDFs stay (fix them, or write anyway with --force)", err=True)
        sys.exit(EXIT_FINDINGS)
    for path in result.paths:
        click.echo(path)
    click.echo(stage_times(result), err=True)
    if result.forced:
        click.echo(f"written with --force despite {len(failing)} failing finding(s){named}", err=True)
        sys.exit(EXIT_FINDINGS)


def stage_times(result) -> str:
    """One line: where the build's time went, stage by stage."""
    parts = [f"{stage} {seconds:.2f} s" + (f" ({result.jobs} jobs)" if stage == "render" and result.jobs > 1 else "") for stage, seconds in result.times]
    return f"built {len(result.paths)} PDF(s) in {sum(s for _, s in result.times):.2f} s: " + " · ".join(parts)


class _ProgressDisplay:
    """On a terminal, one line that counts the pages as they render, erased when done; under CI
    or into a pipe nothing until the build's closing line of times (no carriage returns in a log,
    and an error stays the only line)."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty() and not os.environ.get("CI")
        self.shown = False

    def update(self, stage: str, done: int, total: int) -> None:
        if self.live:
            click.echo(f"\r{stage}: page {done} of {total}", nl=False, err=True)
            self.shown = True

    def done(self) -> None:
        if self.shown:
            click.echo("\r\033[K", nl=False, err=True)
            self.shown = False


@main.command()
@click.argument("issues", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True, help="Report format.")
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option("--output", "output", help="Write the report to FILE (standard output keeps the summary line).")
@click.option("--quiet", is_flag=True, help="Text format: list only failing findings.")
@allow_paths
def check(issues: tuple[str, ...], fmt: str, strict: bool, output: str | None, quiet: bool, allowed: tuple[str, ...]) -> None:
    """Check ISSUE(s) without rendering: overflow and copyfit per article, typography rules.

    Exit status: 0 clean, 1 findings at or above the failing severity (the style sheet's
    checks.fail_on; warnings too with --strict), 2 bad input. After bad input no verdict is
    printed: the errors say what to fix."""
    from layout.check.report import json_report, junit_report, summary_line, text_report
    from layout.output import write_atomically
    from layout.pipeline import check_path

    results = []
    errors: list[tuple[str, InputError]] = []
    for issue in issues:
        try:
            results.append(check_path(issue, strict=strict, allowed=allowed))
        except InputError as error:
            _echo_error(error)
            errors.append((issue, error))
    if errors:
        exit_code = EXIT_BAD_INPUT
    else:
        exit_code = EXIT_FINDINGS if any(not r.passed for r in results) else EXIT_CLEAN
    if fmt == "json":
        report = json_report(results, exit_code, errors)
    elif fmt == "junit":
        report = junit_report(results, errors)
    else:
        report = text_report(results, verbose=not quiet, errors=errors)
    if output:
        write_atomically(output, report.encode("utf-8"))
        if not errors:
            click.echo(summary_line(results))
    elif report:
        click.echo(report, nl=False)
    sys.exit(exit_code)


@main.command()
@click.argument("pdf")
@click.option("--profile", default=None, help="Output profile to check against (default: the style sheet's, normally press).")
@click.option("--style", "style_path", default=None, help="Style sheet holding the profiles (default: styles/broadsheet.yaml of this repository).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@allow_paths
def preflight(pdf: str, profile: str | None, style_path: str | None, fmt: str, allowed: tuple[str, ...]) -> None:
    """Check any PDF against an output profile: PDF/X identification and output intent, page
    boxes, embedded fonts, colour spaces, ink limit, minimum type size and rule weight, image
    resolution and ink, transparency. Every image is listed with its colour space, pixels,
    effective ppi at the size it is drawn, compression and (CMYK) its highest total ink.

    Exit status: 0 clean, 1 findings, 2 bad input (no such file, unknown profile, bad style sheet)."""
    import json

    from layout.pipeline import preflight_file

    chosen, findings, images = preflight_file(pdf, style_path, profile, allowed)
    if fmt == "json":
        click.echo(json.dumps({"file": pdf, "profile": chosen.name, "passed": not findings, "findings": [f.to_json() for f in findings], "images": [i.to_json() for i in images]}, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(f"{pdf}: {finding.format()}")
        for image in images:
            click.echo(f"{pdf}: {image.format()}")
        click.echo(f"{'FAIL' if findings else 'pass'}: {pdf} against profile {chosen.name}: {len(findings)} finding(s)")
    sys.exit(EXIT_FINDINGS if findings else EXIT_CLEAN)


@main.command()
@click.argument("issue")
@click.option("--page", type=click.IntRange(1), default=None, help="Plan this page only (default: every page that lists stories).")
@click.option("--write", is_flag=True, help="Write the proposal into the issue file (at: per story), keeping its comments and formatting.")
@click.option("--seed", type=click.IntRange(0), default=0, show_default=True, help="The solver's random seed: the same input and seed give the same placement.")
@click.option("--time-limit", type=click.FloatRange(0.05, 600), default=2.0, show_default=True, help="Seconds of search a page (the solver's deterministic time).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@allow_paths
def place(issue: str, page: int | None, write: bool, seed: int, time_limit: float, fmt: str, allowed: tuple[str, ...]) -> None:
    """Propose a module for every story of the pages that list them (stories:, in priority
    order): every story fitting to the line, no hole, no overlap, pins, masthead, boxes and ads
    kept. Prints each page's modules and score terms. Exit status: 0 every page placed, 1 a
    page that cannot be (the story and the nearest change are printed), 2 bad input."""
    from layout.pipeline import place_path
    from layout.plan.report import json_report, text_report

    result = place_path(issue, page=page, seed=seed, time_limit=time_limit, write=write, allowed=allowed)
    written = issue if result.written else None
    report = json_report if fmt == "json" else text_report
    click.echo(report(result.plans, result.measure_seconds, written), nl=False)
    sys.exit(EXIT_CLEAN if all(plan.placed for plan in result.plans) else EXIT_FINDINGS)


@main.command()
@click.argument("issue")
@click.option("-o", "--output", "out_dir", default="output", show_default=True, help="Folder for the proof PDF and PNGs.")
@click.option("--overlay", default="grid,modules,diagnostics,jumps,pictures", show_default=True, help="Comma-separated overlays: grid, modules, diagnostics, jumps, pictures (photo frames with their ppi, ad slots) (or none).")
@click.option("--dpi", default=60, show_default=True, type=click.IntRange(10, 600), help="Resolution of the PNG previews.")
@allow_paths
def proof(issue: str, out_dir: str, overlay: str, dpi: int, allowed: tuple[str, ...]) -> None:
    """Proof ISSUE for editors: a PDF of every page with the column and baseline grid, module
    outlines with lines used/available, overset text in the margin, and the check's findings
    marked; a PNG per page and a contact sheet. Proofs are written whatever the check finds.
    Exit status: 0 written, 2 bad input or an output folder that cannot be written."""
    from layout.check.report import summary_line
    from layout.pipeline import proof_issue
    from layout.render.proof import OVERLAYS

    chosen = frozenset() if overlay.strip() == "none" else frozenset(part.strip() for part in overlay.split(",") if part.strip())
    unknown = chosen - set(OVERLAYS)
    if unknown:
        raise click.BadParameter(f"unknown overlay {', '.join(sorted(unknown))}; use {', '.join(OVERLAYS)} or none", param_hint="--overlay")
    result = proof_issue(issue, out_dir, chosen, dpi, allowed)
    click.echo(summary_line([result.check]), err=True)
    for path in (result.pdf, *result.pngs, result.contact_sheet):
        click.echo(path)


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("-o", "--output", "out_dir", default=None, help="Write a PNG per changed page, changed articles outlined (two issue files only).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--dpi", default=60, show_default=True, type=click.IntRange(10, 600))
@allow_paths
def diff(old: str, new: str, out_dir: str | None, fmt: str, dpi: int, allowed: tuple[str, ...]) -> None:
    """Compare OLD and NEW (issue files, or the -layout.json a build writes) story by story:
    text, module, lines, overflow, page. Exit status: 0 no article changed, 1 changes, 2 bad input."""
    import json

    from layout.check.diff import DIFF_SCHEMA, diff_text
    from layout.pipeline import diff_issues

    result = diff_issues(old, new, out_dir, dpi, allowed)
    if fmt == "json":
        payload = {"schema": DIFF_SCHEMA, "old": old, "new": new, "changed": [c.to_json() for c in result.changes], "pngs": list(result.pngs)}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(diff_text(list(result.changes), old, new), nl=False)
        for path in result.pngs:
            click.echo(path)
    sys.exit(EXIT_FINDINGS if result.changes else EXIT_CLEAN)


@main.command()
@click.argument("issue")
@click.option("--port", type=click.IntRange(0, 65535), default=8800, show_default=True, help="Port to listen on (0: any free port; the URL printed says which).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind: this machine only, unless you name another.")
@click.option("--interval", default=0.25, show_default=True, type=click.FloatRange(0.05, 10), help="Seconds between looks at the issue's files for changes.")
@allow_paths
def serve(issue: str, port: int, host: str, interval: float, allowed: tuple[str, ...]) -> None:
    """The layout desk in the browser: every page of ISSUE as the engine renders it, with the
    proof overlays; drag a story's module to move or resize it with live copyfit, and each drop
    is written back into the issue file (comments kept; undo and redo). Edits on disk reload
    the desk. Runs until Ctrl-C. Exit status: 2 when the issue file cannot be read or the port
    cannot be bound."""
    import time

    from layout.desk.server import loopback, serve as start_desk
    from layout.load.boundary import Blame, check_kind, display_path
    from layout.load.errors import quote
    from layout.load.limits import ISSUE_FILE

    shown = display_path(issue)
    check_kind(issue, Blame.whole(shown, ISSUE_FILE), ISSUE_FILE, quote(shown))
    try:
        server = start_desk(issue, host, port, allowed, interval)
    except OSError as exc:
        raise OutputError(f"{host}:{port}", f"cannot listen there: {exc.strerror or exc}", "choose another port with --port (0 picks a free one)") from None
    if server.session.error is not None:
        _echo_error(server.session.error)
    click.echo(f"layout desk for {shown}: {server.url}")
    if not loopback(host):
        click.echo(f"warning: the desk listens on {host}, beyond this machine; anyone who reaches it can change the issue file", err=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
        click.echo("stopped")


@main.command()
@click.argument("issue")
@click.option("-o", "--output", "out_dir", default="output", show_default=True)
@click.option("--dpi", default=60, show_default=True, type=click.IntRange(10, 600))
@click.option("--interval", default=0.25, show_default=True, type=click.FloatRange(0.05, 10), help="Seconds between looks at the files.")
@click.option("--max-builds", default=0, type=click.IntRange(0), help="Stop after this many proofs (0: run until interrupted).")
@allow_paths
def watch(issue: str, out_dir: str, dpi: int, interval: float, max_builds: int, allowed: tuple[str, ...]) -> None:
    """Rebuild the proof of ISSUE whenever the issue, its article files, the style sheet or the
    fonts change; print how long each rebuild took and which findings appeared or went away.
    Bad input and output faults are printed and watching goes on."""
    import time

    from layout.pipeline import file_stamps as stamps, proof_issue, watched_files

    previous: set[str] | None = None
    builds = 0
    files = watched_files(issue, allowed)  # looked up again after each build: the issue may name new files
    seen: dict[str, int] | None = None
    try:
        while True:
            current = stamps(files)
            if current != seen:
                started = time.perf_counter()
                try:
                    result = proof_issue(issue, out_dir, None, dpi, allowed)
                except (InputError, OutputError) as error:
                    _echo_error(error)
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
                new_files = watched_files(issue, allowed)
                # stamps taken before the build: a save during the build still triggers the next
                seen = current if new_files == files else stamps(new_files)
                files = new_files
            time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("stopped")
