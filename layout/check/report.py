"""Check reports: readable text, JSON (schema `layout-check/1`, docs/check-report.md) and JUnit XML."""

from __future__ import annotations

import json
from collections import Counter
from typing import Sequence
from xml.etree import ElementTree as ET

from layout.check.copyfit import copyfit_summary, describe_module, story_fits, story_summary
from layout.check.run import CheckResult
from layout.diagnostics import Diagnostic, Severity
from layout.load.errors import InputError

SCHEMA = "layout-check/1"
BadInputs = Sequence[tuple[str, InputError]]  # (the issue as named on the command line, its error)


def counts(results: list[CheckResult]) -> Counter:
    return Counter(str(f.severity) for r in results for f in r.findings)


def summary_line(results: list[CheckResult]) -> str:
    tally = counts(results)
    articles = sum(len(story_fits(r.layout.copyfit)) for r in results)
    failing = sum(len(r.failing) for r in results)
    verdict = "FAIL" if failing else "pass"
    return f"{verdict}: {len(results)} issue(s), {articles} article(s): {tally['error']} error(s), {tally['warning']} warning(s), {tally['info']} info; {failing} failing"


def text_report(results: list[CheckResult], *, verbose: bool = True, errors: BadInputs = ()) -> str:
    """Grouped by page and article; the summary line last, unless some issue could not be read
    (then its errors stand instead: a verdict on the rest would mislead)."""
    out: list[str] = []
    for result in results:
        stories = {story.article: story for story in story_fits(result.layout.copyfit)}
        out.append(f"{result.issue}")
        by_article: dict[tuple[int | None, str | None], list[Diagnostic]] = {}
        for finding in result.findings:
            by_article.setdefault((finding.where.page, finding.where.article), []).append(finding)
        pages = sorted({fit.page for fit in result.layout.copyfit} | {p for p, _ in by_article if p is not None})
        for page in pages:
            out.append(f"  page {page}")
            for finding in by_article.get((page, None), []):
                if verbose or finding.severity >= result.fail_on:
                    out.append(f"    {_line(finding)}")
            for fit in (f for f in result.layout.copyfit if f.page == page):
                out.append(f"    {fit.article} ({describe_module(fit)}): {copyfit_summary(fit)}")
                if fit.parts > 1 and fit.part == fit.parts:
                    out.append(f"      {story_summary(stories[fit.article], fit.chars_per_line)}")
                for finding in by_article.get((page, fit.article), []):
                    if verbose or finding.severity >= result.fail_on:
                        out.append(f"      {_line(finding)}")
            stories_here = {fit.article for fit in result.layout.copyfit if fit.page == page}
            for (on_page, ref), found in by_article.items():  # picture modules, ads
                if on_page == page and ref is not None and ref not in stories_here:
                    shown = [f for f in found if verbose or f.severity >= result.fail_on]
                    out.extend([f"    {ref}"] * bool(shown) + [f"      {_line(f)}" for f in shown])
        for finding in by_article.get((None, None), []):
            out.append(f"  {_line(finding)}")
    if errors:
        out.append(f"not checked: {len(errors)} issue file(s) with bad input ({', '.join(issue for issue, _ in errors)}); the errors say what to fix")
    else:
        out.append(summary_line(results))
    return "\n".join(out) + "\n"


def _line(finding: Diagnostic) -> str:
    where = finding.where
    place = []
    if where.paragraph is not None:
        place.append(f"paragraph {where.paragraph}")
    if where.line is not None:
        place.append(f"line {where.line}")
    prefix = f"{finding.severity}[{finding.code}]"
    located = f" ({', '.join(place)})" if place else ""
    text = f" «{where.text}»" if where.text and where.text not in finding.message else ""
    return f"{prefix}{located}: {finding.message}{text}"


def json_report(results: list[CheckResult], exit_code: int, errors: BadInputs = ()) -> str:
    """With bad input, `input_errors` lists what to fix and there is no `summary`."""
    if errors:
        payload = {"schema": SCHEMA, "exit_code": exit_code, "input_errors": [{"issue": issue, **e.to_json()} for issue, e in errors], "issues": [_issue_json(r) for r in results]}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    tally = counts(results)
    payload = {
        "schema": SCHEMA,
        "exit_code": exit_code,
        "summary": {
            "issues": len(results),
            "articles": sum(len(story_fits(r.layout.copyfit)) for r in results),
            "errors": tally["error"],
            "warnings": tally["warning"],
            "info": tally["info"],
            "failing": sum(len(r.failing) for r in results),
            "passed": all(r.passed for r in results),
        },
        "issues": [_issue_json(r) for r in results],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _issue_json(result: CheckResult) -> dict:
    return {
        "file": result.issue,
        "fail_on": str(result.fail_on),
        "passed": result.passed,
        "articles": [
            {
                "article": fit.article,
                "page": fit.page,
                "part": fit.part,
                "parts": fit.parts,
                "module": {"column": fit.module.column, "span": fit.module.span, "top": fit.module.top, "height": fit.module.height},
                "lines_available": fit.lines_available,
                "lines_used": fit.lines_used,
                "lines_over": fit.lines_over,
                "lines_short": fit.lines_short,
                "chars_over": fit.chars_over,
                "chars_room": fit.lines_short * fit.chars_per_line,
                "chars_per_line": fit.chars_per_line,
                "headline_lines": fit.headline_lines,
                "headline_fits": fit.headline_fits,
                "picture_lines": fit.picture_lines,
                "rows_short": fit.rows_short,
                "columns_short": list(fit.columns_short),
            }
            for fit in result.layout.copyfit
        ],
        "stories": [
            {"article": story.article, "pages": list(story.pages), "lines_available": story.lines_available, "lines_used": story.lines_used, "lines_over": story.lines_over, "lines_short": story.lines_short, "chars_over": story.chars_over}
            for story in story_fits(result.layout.copyfit)
        ],
        "findings": [dict(f.to_json(), failing=f.severity >= result.fail_on) for f in result.findings],
    }


def junit_report(results: list[CheckResult], errors: BadInputs = ()) -> str:
    """One test suite per issue, one test case per article (and one per page for page findings):
    failing findings are <failure>s, the rest go to <system-out>. An issue file with bad input
    is a suite with one test case in <error>."""
    suites = ET.Element("testsuites", name="layout check")
    for issue, error in errors:
        suite = ET.SubElement(suites, "testsuite", name=issue, tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname="input", name=error.field or "input")
        ET.SubElement(case, "error", type="bad-input", message=error.format()).text = error.format()
    for result in results:
        suite = ET.SubElement(suites, "testsuite", name=result.issue)
        cases = [(fit.page, fit.article) for fit in result.layout.copyfit]
        cases += sorted({(f.where.page, None) for f in result.findings if f.where.article is None})
        failures = 0
        for page, article in cases:
            mine = [f for f in result.findings if f.where.page == page and f.where.article == article]
            part = next((f"{c.article} (part {c.part} of {c.parts})" for c in result.layout.copyfit if c.article == article and c.page == page and c.parts > 1), article)
            case = ET.SubElement(suite, "testcase", classname=f"page {page}" if page is not None else "issue", name=part or f"page {page} (page-level)")
            failing = [f for f in mine if f.severity >= result.fail_on]
            if failing:
                failures += 1
                failure = ET.SubElement(case, "failure", type=failing[0].code, message=failing[0].message)
                failure.text = "\n".join(_line(f) for f in failing)
            rest = [f for f in mine if f.severity < result.fail_on]
            fit = next((c for c in result.layout.copyfit if c.article == article and c.page == page), None)
            notes = ([f"{copyfit_summary(fit)}"] if fit else []) + [_line(f) for f in rest]
            if notes:
                ET.SubElement(case, "system-out").text = "\n".join(notes)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def failing_summary(result: CheckResult) -> list[str]:
    """What `build` prints: the failing findings, then the summary line."""
    return [_line(f) if f.where.article is None else f"page {f.where.page} {f.where.article}: {_line(f)}" for f in result.failing] + [summary_line([result])]


__all__ = ["json_report", "junit_report", "text_report", "summary_line", "failing_summary", "Severity"]
