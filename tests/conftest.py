"""Shared fixtures: exact synthetic metrics for composition tests, the sample issue for the rest."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

import pytest
from hypothesis import settings

from layout.model.style import Composition, TextStyle
from layout.typeface.metrics import FaceMetrics, FontSet

# Property tests draw the same examples on every run, so CI passes or fails on the code alone;
# HYPOTHESIS_PROFILE=explore draws new ones (and keeps the failures it finds in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "issues", "2022-01-28.yaml")
STYLE = os.path.join(ROOT, "styles", "broadsheet.yaml")


def copy_style(folder, patch=None, name: str = "broadsheet.yaml") -> str:
    """The repository's style sheet copied into `folder`, where an issue may name it (files an
    issue names lie inside its project), with the ICC profiles it names beside it;
    `patch(data)` edits it first. Returns the file name."""
    import shutil

    import yaml

    with open(STYLE, encoding="utf-8") as handle:
        text = handle.read().replace("../profiles/", "profiles/")
    shutil.copytree(os.path.join(ROOT, "profiles"), os.path.join(str(folder), "profiles"), dirs_exist_ok=True)
    if patch is not None:
        data = yaml.safe_load(text)
        patch(data)
        text = yaml.safe_dump(data, allow_unicode=True)
    with open(os.path.join(str(folder), name), "w", encoding="utf-8") as handle:
        handle.write(text)
    return name


def cmyk_output_icc(device_class: bytes = b"prtr", space: bytes = b"CMYK", tags=(b"desc", b"wtpt", b"A2B0", b"B2A0", b"cprt")) -> bytes:
    """A structurally valid ICC v2 output profile (header, tag table, small tag bodies): what
    the loader's ICC check looks at; no colour engine reads it in the tests."""
    body = b"".join(tag.ljust(4) + bytes(12) for tag in tags)  # 16 bytes of data per tag
    table = len(tags).to_bytes(4, "big")
    start = 128 + 4 + 12 * len(tags)
    for i, tag in enumerate(tags):
        table += tag + (start + 16 * i).to_bytes(4, "big") + (16).to_bytes(4, "big")
    header = bytearray(128)
    header[0:4] = (128 + len(table) + len(body)).to_bytes(4, "big")
    header[8] = 2
    header[12:16], header[16:20], header[20:24], header[36:40] = device_class, space, b"Lab ", b"acsp"
    return bytes(header) + table + body


def copy_sample(folder, style_patch=None) -> str:
    """The sample issue with its article files and (optionally patched) style sheet, in a folder
    of the test's own. Returns the issue's path."""
    import shutil

    folder = str(folder)
    shutil.copytree(os.path.join(ROOT, "issues", "2022-01-28"), os.path.join(folder, "2022-01-28"), dirs_exist_ok=True)
    style = copy_style(folder, style_patch)
    with open(SAMPLE, encoding="utf-8") as handle:
        text = handle.read().replace("style: ../styles/broadsheet.yaml", f"style: {style}")
    path = os.path.join(folder, "2022-01-28.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path
EM = 9000  # 小五 in mpt


# Shared code points that a zh-Hans font draws full width (CJK-TYPOGRAPHY §3.6).
FULL_WIDTH_SHARED = set("“”‘’—…·–")


class GridAdvances(Mapping):
    """Every wide character 1000 units, everything else 500: the test font of the architecture notes."""

    def __getitem__(self, cp: int) -> int:
        char = chr(cp)
        return 1000 if char in FULL_WIDTH_SHARED or unicodedata.east_asian_width(char) in ("W", "F") else 500

    def __contains__(self, cp: object) -> bool:
        return isinstance(cp, int) and cp != 0xFFFF

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0


_SYNTHETIC = FontSet(MappingProxyType({"body": FaceMetrics("body", 1000, GridAdvances(), 880, 120)}))


def synthetic_fonts() -> FontSet:
    """One object for the whole run: the composer's caches are keyed on the FontSet."""
    return _SYNTHETIC


def body_style(size: int = EM) -> TextStyle:
    return TextStyle(name="body", font="body", size=size, colour="black", align="justify")


@pytest.fixture
def fonts() -> FontSet:
    return synthetic_fonts()


@pytest.fixture
def composition() -> Composition:
    return Composition()


# --- the command line in-process ------------------------------------------------------------

import re as _re
from dataclasses import dataclass as _dataclass

# Every exit-2 line: `error: file:line:column: field: what is wrong; what to do`.
MESSAGE_FORM = _re.compile(r"^error: (?P<file>[^\n]+?):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): (?P<field>[^:;\n]+?): (?P<problem>[^\n]+?); (?P<fix>[^\n]+)$")


@_dataclass(frozen=True)
class CliRun:
    exit_code: int
    stdout: str
    stderr: str


def cli(*args: str) -> CliRun:
    """`layout ARGS` in this process (fonts stay loaded between calls). Any exception other than
    the exit fails the test: the tool must never end in a traceback."""
    from click.testing import CliRunner

    from layout.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return CliRun(result.exit_code, result.stdout, result.stderr)


def assert_one_line_error(run: CliRun, *, containing: str = "") -> "_re.Match":
    """Exit 2, one line on standard error in the message form, nothing on standard output."""
    assert run.exit_code == 2, (run.exit_code, run.stdout, run.stderr)
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    match = MESSAGE_FORM.match(lines[0])
    assert match, lines[0]
    assert containing in lines[0], lines[0]
    return match


def copy_project(folder) -> str:
    """A project of the test's own: copies of issues/ and styles/ (fonts stay the installed
    ones). Returns the sample issue's path inside it."""
    import shutil

    folder = str(folder)
    shutil.copytree(os.path.join(ROOT, "issues"), os.path.join(folder, "issues"))
    shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(folder, "styles"))
    shutil.copytree(os.path.join(ROOT, "profiles"), os.path.join(folder, "profiles"))
    return os.path.join(folder, "issues", "2022-01-28.yaml")


# --- small inputs made by the tests ------------------------------------------------------------

def check_story(folder, article: dict, rect: dict, style_patch=None):
    """`layout check`, in this process, of a one-article issue (the article under id `story`) in
    `rect` on page 1, with the repository's style sheet copied beside it (`style_patch` may
    change the copy)."""
    import yaml

    from layout.check.run import check_issue
    from layout.load.issue import load_issue
    from layout.page.place import place_issue
    from layout.typeface.metrics import load_metrics

    issue = {
        "style": copy_style(folder, style_patch),
        "issue": {"paper": "测试报", "date": "2022-01-28", "page_count": 1, "serial_number": 1},
        "articles": [{"id": "story", **article}],
        "pages": [{"number": 1, "modules": [{"article": "story", **rect}]}],
    }
    path = os.path.join(str(folder), "issue.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(yaml.safe_dump(issue, allow_unicode=True, sort_keys=False))
    spec = load_issue(path)
    fonts = load_metrics(spec.fonts)
    return check_issue(path, spec, place_issue(spec, fonts), fonts)


def clean_pdf(draw=None, *, trim: bool = True) -> bytes:
    """A one-page CMYK PDF with embedded-font text and a rule that passes the press preflight once
    finished to PDF/X (not finished here), changed by `draw(canvas, fonts)`."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from layout.load.fonts import load_fonts
    from layout.render.fonts import register_fonts

    fonts = register_fonts(load_fonts())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 300), invariant=1, initialFontName=fonts["body"])
    if trim:
        canvas.setTrimBox((10, 10, 290, 290))
        canvas.setBleedBox((0, 0, 300, 300))
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setFont(fonts["body"], 9)
    canvas.drawString(20, 200, "报纸正文")
    canvas.setStrokeColorCMYK(0, 0, 0, 1)
    canvas.setLineWidth(0.5)
    canvas.line(20, 180, 200, 180)
    if draw is not None:
        draw(canvas, fonts)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# --- a small issue of three pages with a jumped story --------------------------------------------

HAN = "国家经济发展计划执行情况与民生实事项目研究部署会议强调要提高站位把准方向"


def filler_han(count: int, offset: int = 0) -> str:
    return "".join(HAN[(offset + i) % len(HAN)] for i in range(count))


def story(article_id: str, chars: int, **extra) -> dict:
    body = "\n\n".join(filler_han(120, n) for n in range(chars // 120))
    return {"id": article_id, "headline": f"{article_id}标题", "body": body, **extra}


def module(article: str, column: int, span: int, top: int, height: int, **extra) -> dict:
    return {"article": article, "column": column, "span": span, "top": top, "height": height, **extra}


def issue_file(folder, articles, pages, **top) -> str:
    """An issue of the given pages (a list of page mappings), the style sheet copied beside it."""
    data = {
        "style": copy_style(folder),
        "issue": {"paper": "测试报", "date": "2022-01-28", "page_count": len(pages), "serial_number": 1},
        **top,
        "articles": articles,
        "pages": pages,
    }
    import yaml

    path = os.path.join(str(folder), "issue.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path


def three_pages(folder, continuation_page: int = 3, **top) -> str:
    """`long` starts on page 1 (two columns, 20 lines) and continues on `continuation_page`."""
    pages = [
        {"number": 1, "modules": [module("long", 1, 2, 1, 20), module("other", 3, 2, 1, 20)]},
        {"number": 2, "section": "综合", "modules": [module("filler", 1, 2, 4, 20)]},
        {"number": 3, "section": "副刊", "credits": {"editor": "编辑甲", "designer": "版式乙", "proofreader": "校对丙"}, "modules": []},
    ]
    pages[continuation_page - 1]["modules"].append(module("long", 5, 2, 4, 40, part=2))
    articles = [story("long", 960), story("other", 240, see_also={"article": "long"}), story("filler", 360)]
    return issue_file(folder, articles, pages, **top)




# --- pages for the planner ---------------------------------------------------------------------

SAMPLE_FRONT_ORDER = ("liujie-epidemic", "jin-epidemic", "life-meeting", "edz-top-ten", "standing-committee", "government-meeting")


def unplace_page(path: str, number: int, order: tuple[str, ...], entries: dict[str, str] | None = None) -> None:
    """Page `number` of an issue file has its article modules (part 1) replaced by `stories:`
    in `order`, by editing the text (so every comment stays). `entries` gives an article's
    entry as written (default: its id)."""
    import re

    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    start = re.search(rf"^  - number: {number}\n", text, re.M).start()
    end = re.search(r"^  - number: ", text[start + 1:], re.M)
    end = start + 1 + end.start() if end else len(text)
    page = text[start:end]
    kept = [line for line in page.split("\n") if not re.match(r"\s+- \{article: ", line) or "part:" in line]
    page = "\n".join(kept).replace("    modules:\n", "    modules:\n" if any("part:" in line for line in kept) else "")
    listed = "".join(f"      - {(entries or {}).get(a, a)}\n" for a in order)
    body, _, tail = page.rstrip("\n").partition("\n  #")  # comments of the next page stay with it
    page = body + "\n    stories:            # in priority order: the first is the lead\n" + listed + ("  #" + tail + "\n" if tail else "")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text[:start] + page + text[end:])
