"""Bad input: one clear line naming file:line:column, exit status 2, no PDF, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT, copy_style

VALID = textwrap.dedent(
    """\
    style: {style}
    issue:
      paper: 测试报
      date: 2022-01-28
      page_count: 1
      serial_number: 1
    articles:
      - id: one
        headline: 标题
        body: |
          第一段文字。

          第二段文字。
    pages:
      - number: 1
        modules:
          - {{article: one, column: 1, span: 2, top: 1, height: 20}}
    """
)


def run_layout(*args: str, cwd: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "layout", *args], capture_output=True, text=True, cwd=cwd, env={**os.environ, "PYTHONPATH": ROOT})


def write_issue(tmp_path, text: str, name: str = "issue.yaml") -> str:
    path = tmp_path / name
    style = copy_style(tmp_path)
    path.write_text(text.format(style=style) if "{style}" in text else text, encoding="utf-8")
    return str(path)


def test_valid_minimal_issue_builds(tmp_path):
    issue = write_issue(tmp_path, VALID)
    result = run_layout("build", issue, "-o", str(tmp_path / "out"), cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "issue-page01.pdf").exists()


def _mutate(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


CASES = [
    # (name, issue text, expected line, text that must appear in the message)
    ("unknown top-level key", VALID + "colour: red\n", 18, "unknown key 'colour'"),
    ("unknown article key", _mutate("    headline: 标题\n", "    headline: 标题\n    hedline: 标题\n"), 10, "unknown key 'hedline'"),
    ("wrong type", _mutate("page_count: 1", "page_count: two"), 5, "expected a whole number"),
    ("missing required field", _mutate("    headline: 标题\n", ""), 8, "missing required key 'headline'"),
    ("unknown article id", _mutate("{{article: one,", "{{article: two,"), 17, "unknown article 'two'"),
    ("module outside the grid", _mutate("column: 1, span: 2", "column: 8, span: 2"), 17, "run past the grid's 8 columns"),
    ("module below the grid", _mutate("top: 1, height: 20", "top: 100, height: 20"), 17, "run past the grid's 104 lines"),
    (
        "article placed twice",
        _mutate(
            "      - {{article: one, column: 1, span: 2, top: 1, height: 20}}\n",
            "      - {{article: one, column: 1, span: 2, top: 1, height: 20}}\n  - number: 2\n    modules:\n      - {{article: one, column: 1, span: 2, top: 4, height: 20}}\n",
        ),
        20,
        "is already placed on page 1 (line 17)",
    ),
    ("wrong weekday", _mutate("  date: 2022-01-28\n", "  date: 2022-01-28\n  weekday: 星期一\n"), 5, "is a 星期五, not '星期一'"),
    ("wrong lunar date", _mutate("  date: 2022-01-28\n", "  date: 2022-01-28\n  lunar_date: 农历辛丑年十二月廿五\n"), 5, "农历辛丑年十二月廿六"),
    ("not a mapping", "- just\n- a list\n", 1, "must be a mapping"),
    ("python tag", "style: !!python/object/apply:os.system ['echo hi']\n", 1, "is not allowed"),
    ("yaml syntax", "style: [unclosed\n", 2, "YAML syntax: a [ ] list that is not closed"),
    ("cross-reference to page and article at once", _mutate("    headline: 标题\n", "    headline: 标题\n    see_also: {{page: 2, article: x}}\n"), 10, "exactly one of 'page' or 'article'"),
    ("missing body file", _mutate("    body: |\n      第一段文字。\n\n      第二段文字。\n", "    body_file: nowhere.txt\n"), 10, "'nowhere.txt' not found"),
    (
        "overlapping modules",
        _mutate(
            "      - {{article: one, column: 1, span: 2, top: 1, height: 20}}\n",
            "      - {{article: one, column: 1, span: 2, top: 1, height: 20}}\n      - {{article: two, column: 2, span: 2, top: 10, height: 5}}\n",
        ).replace("pages:", "  - id: two\n    headline: 二\n    body: 文字。\npages:"),
        21,
        "overlaps article 'one'",
    ),
    ("unknown style", _mutate("    headline: 标题\n", "    headline: 标题\n    headline_style: huge\n"), 10, "unknown text style 'huge'"),
]


@pytest.mark.parametrize("name, text, line, message", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, name, text, line, message):
    issue = write_issue(tmp_path, text)
    out = tmp_path / "out"
    result = run_layout("build", issue, "-o", str(out), cwd=str(tmp_path))
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert message in lines[0]
    prefix = "error: issue.yaml"
    assert lines[0].startswith(prefix), lines[0]
    if line is not None:
        assert lines[0].startswith(f"{prefix}:{line}:"), lines[0]
    assert not out.exists() or not any(out.iterdir())


def test_non_utf8_file_is_refused_with_its_position(tmp_path):
    path = tmp_path / "issue.yaml"
    path.write_bytes(VALID.format(style=copy_style(tmp_path)).encode("utf-8").replace("测试报".encode(), "测试报".encode("gbk")))
    result = run_layout("check", str(path), cwd=str(tmp_path))
    assert result.returncode == 2
    assert "issue.yaml:3:" in result.stderr and "not valid UTF-8" in result.stderr


def test_missing_issue_file(tmp_path):
    result = run_layout("check", str(tmp_path / "absent.yaml"), cwd=str(tmp_path))
    assert result.returncode == 2
    assert "not found" in result.stderr and "Traceback" not in result.stderr


def test_failed_build_keeps_the_previous_pdf(tmp_path):
    issue = write_issue(tmp_path, VALID)
    out = tmp_path / "out"
    assert run_layout("build", issue, "-o", str(out), cwd=str(tmp_path)).returncode == 0
    pdf = out / "issue-page01.pdf"
    before = pdf.read_bytes()
    write_issue(tmp_path, _mutate("page_count: 1", "page_count: two"))
    assert run_layout("build", issue, "-o", str(out), cwd=str(tmp_path)).returncode == 2
    assert pdf.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["issue-layout.json", "issue-page01.pdf", "issue.pdf"]
