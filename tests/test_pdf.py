"""The built issue read back with independent readers (pypdf, pdfplumber/pdfminer): the front page
for boxes and fonts, every page for text, line edges and overlaps, the issue PDF for all text."""

from __future__ import annotations

import collections
import os
import subprocess
import sys

import pdfplumber
import pypdf
import pytest

from conftest import ROOT, SAMPLE
from layout.load.issue import load_issue
from layout.text.classes import CLOSE_CHARS, MIDDLE_CHARS, OPEN_CHARS, PAUSE_CHARS, STOP_CHARS
from layout.text.normalize import normalize
from layout.units import to_pt

NO_START = set(PAUSE_CHARS + STOP_CHARS + CLOSE_CHARS)
NO_END = set(OPEN_CHARS)


def ink_span(char):
    """pdfplumber gives advance boxes; a zh-Hans full-width mark inks only half of its cell
    (closing marks and pauses the left half, opening marks the right; CJK-TYPOGRAPHY §2.1), and
    compression lets the blank half lie under a neighbour."""
    x0, x1 = char["x0"], char["x1"]
    if char["text"] in MIDDLE_CHARS:  # the interpunct sits centred in a half-em cell: a dot of ink
        middle = (x0 + x1) / 2
        return middle - 0.1 * char["size"], middle + 0.1 * char["size"]
    if char["text"] in NO_START and x1 - x0 > 0.9 * char["size"]:
        return x0, x0 + (x1 - x0) / 2
    if char["text"] in NO_END and x1 - x0 > 0.9 * char["size"]:
        return x0 + (x1 - x0) / 2, x1
    return x0, x1


def build(out_dir: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "layout", "build", SAMPLE, "-o", out_dir],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": ROOT, **env},
    )
    assert result.returncode == 0, result.stderr
    return os.path.join(out_dir, "2022-01-28-page01.pdf")


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory) -> str:
    return build(str(tmp_path_factory.mktemp("build")))


@pytest.fixture(scope="module")
def spec():
    return load_issue(SAMPLE)


@pytest.fixture(scope="module", params=range(1, 9), ids=lambda n: f"page{n}")
def page_number(request) -> int:
    return request.param


@pytest.fixture(scope="module")
def chars(pdf_path, page_number):
    with pdfplumber.open(pdf_path.replace("page01", f"page{page_number:02d}")) as pdf:
        return pdf.pages[0].chars


def test_boxes_are_the_configured_trim_and_bleed(pdf_path, spec):
    page = pypdf.PdfReader(pdf_path).pages[0]
    geometry = spec.style.page
    bleed, width, height = to_pt(geometry.bleed), to_pt(geometry.trim_width), to_pt(geometry.trim_height)
    assert [float(v) for v in page.trimbox] == pytest.approx([bleed, bleed, bleed + width, bleed + height], abs=0.01)
    assert [float(v) for v in page.bleedbox] == pytest.approx([0, 0, width + 2 * bleed, height + 2 * bleed], abs=0.01)
    assert [float(v) for v in page.mediabox] == pytest.approx([0, 0, width + 2 * bleed, height + 2 * bleed], abs=0.01)


def test_every_font_is_embedded_and_subset_with_tounicode(pdf_path):
    """Each face once, CID-keyed: Type0 over Identity-H, a CIDFontType2 with its W array and
    CIDToGIDMap, the TrueType subset in its descriptor, and a ToUnicode CMap."""
    reader = pypdf.PdfReader(pdf_path)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert len(fonts) > 0
    for name in fonts:
        font = fonts[name].get_object()
        assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H", f"{name}: {font['/Subtype']}"
        (cid,) = [d.get_object() for d in font["/DescendantFonts"]]
        assert cid["/Subtype"] == "/CIDFontType2" and "/W" in cid and "/CIDToGIDMap" in cid
        descriptor = cid["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
        assert "+" in str(font["/BaseFont"]) and descriptor["/FontName"] == font["/BaseFont"] == cid["/BaseFont"]
        assert "/ToUnicode" in font
    raw = open(pdf_path, "rb").read()
    assert b"Helvetica" not in raw


def _our_fonts(path: str) -> dict[str, set]:
    """BaseFont → the objects carrying it, over every page's fonts (ads' forms included)."""
    import pikepdf

    found: dict[str, set] = collections.defaultdict(set)

    def walk(resources, seen):
        if resources is None or resources.objgen in seen:
            return
        seen.add(resources.objgen)
        for font in (resources.get("/Font") or {}).values():
            found[str(font.BaseFont)].add(font.objgen)
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == pikepdf.Name.Form:
                walk(xobject.get("/Resources"), seen)

    with pikepdf.open(path) as pdf:
        seen: set = set()
        for page in pdf.pages:
            walk(page.obj.get("/Resources"), seen)
    return found


def test_the_issue_pdf_holds_each_face_once_under_a_name_of_its_own(pdf_path):
    """All eight pages share one font per pinned face, and no font name stands for two subsets,
    the ads' own fonts included (they are retagged from their content when embedded)."""
    issue = pdf_path.replace("-page01", "")
    fonts = _our_fonts(issue)
    assert all(len(objects) == 1 for objects in fonts.values()), {n: o for n, o in fonts.items() if len(o) > 1}
    rows = subprocess.run(["pdffonts", issue], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    type0 = [row.split()[0] for row in rows if "CID TrueType" in row and "Identity-H" in row]
    assert len(type0) == len({name.partition("+")[2] for name in type0}) == 4, type0  # the four pinned faces, once each
    assert len({row.split()[0] for row in rows}) == len(rows), rows
    tags = [row.split()[0].partition("+")[0] for row in rows]
    assert all(len(tag) == 6 and tag.isupper() and not tag.startswith("AAAA") for tag in tags), tags


def test_subset_tags_follow_the_subsets_content():
    from layout.render.cidfont import subset_tag

    assert subset_tag("Face", {0x4E00: "一", 0x4E01: "丁"}) == subset_tag("Face", {0x4E01: "丁", 0x4E00: "一"})
    assert subset_tag("Face", {0x4E00: "一"}) != subset_tag("Face", {0x4E00: "一", 0x4E01: "丁"})
    assert subset_tag("Face", {0x4E00: "一"}) != subset_tag("Other", {0x4E00: "一"})


def test_no_rgb_colour_anywhere(pdf_path):
    reader = pypdf.PdfReader(pdf_path)
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    operators = collections.Counter(token for token in content.split() if token in {"rg", "RG", "g", "G", "k", "K", "sc", "scn", "cs", "CS"})
    assert operators["rg"] == operators["RG"] == operators["g"] == operators["G"] == 0
    assert operators["k"] > 0
    assert b"DeviceRGB" not in open(pdf_path, "rb").read()


def test_all_text_of_the_issue_extracts_from_the_pdf(pdf_path, spec):
    expected = collections.Counter()
    for article in spec.articles:
        for text in (article.headline, article.kicker, article.subhead, article.section, article.dateline, *article.byline, *article.paragraphs):
            if text:
                expected.update(ch for ch in normalize(text) if "\u4e00" <= ch <= "\u9fff")
    issue_pdf = os.path.join(os.path.dirname(pdf_path), "2022-01-28.pdf")
    with pdfplumber.open(issue_pdf) as pdf:
        assert len(pdf.pages) == 8
        found = collections.Counter(ch for page in pdf.pages for ch in page.extract_text() if "\u4e00" <= ch <= "\u9fff")
    missing = expected - found
    assert sum(missing.values()) == 0, f"missing from the PDF: {''.join(missing.elements())[:80]}"


def body_lines(chars, spec):
    """9 pt characters grouped into column lines: same baseline, same grid column. A column runs
    from half an em before its left edge to half an em past its right edge (trimmed opening
    brackets and half-width line-end marks reach that far)."""
    grid = spec.style.grid
    bleed = to_pt(spec.style.page.bleed)
    em = to_pt(grid.body_size)
    lefts = [bleed + to_pt(grid.column_x(c)) for c in range(1, grid.columns + 1)]
    lines = collections.defaultdict(list)
    for char in chars:
        if abs(char["size"] - em) > 0.01:
            continue
        centre = (char["x0"] + char["x1"]) / 2
        column = max(i for i, left in enumerate(lefts) if centre >= left - em / 2)
        lines[(column, round(char["bottom"], 1))].append(char)
    for row in lines.values():
        yield sorted(row, key=lambda c: c["x0"])


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_mark(chars, spec):
    """Kinsoku on every page: 0 lines starting with a closing mark, 0 ending with an opening one."""
    checked = 0
    for line in body_lines(chars, spec):
        text = "".join(c["text"] for c in line)
        checked += 1
        assert text[0] not in NO_START, text
        assert text[-1] not in NO_END, text
    assert checked > 300


def test_no_text_overlaps_other_text_or_leaves_the_trim(chars, pdf_path, page_number, spec):
    from layout.page.place import place_issue
    from layout.typeface.metrics import load_metrics

    page_pdf = pdf_path.replace("page01", f"page{page_number:02d}")
    trim = [float(v) for v in pypdf.PdfReader(page_pdf).pages[0].trimbox]
    height = float(pypdf.PdfReader(page_pdf).pages[0].mediabox[3])
    # an advertiser's artwork may set its own text over its own shapes: only ours must not overlap
    page = place_issue(spec, load_metrics(spec.fonts)).pages[page_number - 1]
    ads = [frame.ad.slot for frame in page.frames if frame.ad is not None]
    cells = collections.defaultdict(list)
    for char in chars:
        x0, x1 = char["x0"], char["x1"]
        top, bottom = char["top"], char["bottom"]
        assert trim[0] <= x0 and x1 <= trim[2] and trim[1] <= height - bottom and height - top <= trim[3], char["text"]
        mid_x, mid_y = ((x0 + x1) / 2 - trim[0]) * 1000, ((top + bottom) / 2 - (height - trim[3])) * 1000
        if any(slot.x <= mid_x <= slot.right and slot.y <= mid_y <= slot.bottom for slot in ads):
            continue
        cells[(int(x0 // 20), int(top // 20))].append(char)
    overlaps = []
    for (cx, cy), group in cells.items():
        neighbours = [c for dx in (-1, 0, 1) for dy in (-1, 0, 1) for c in cells.get((cx + dx, cy + dy), ())]
        for a in group:
            for b in neighbours:
                if a is b:
                    continue
                (ax0, ax1), (bx0, bx1) = ink_span(a), ink_span(b)
                ox = min(ax1, bx1) - max(ax0, bx0)
                oy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                if ox > 0.1 and oy > 0.5:
                    overlaps.append((a["text"], b["text"], round(a["x0"]), round(a["top"])))
    assert not overlaps, overlaps[:5]


def test_two_builds_are_byte_identical(tmp_path, pdf_path):
    other = build(str(tmp_path / "again"), PYTHONHASHSEED="12345")
    first, second = os.path.dirname(pdf_path), os.path.dirname(other)
    names = sorted(name for name in os.listdir(first) if name.endswith(".pdf"))
    assert len(names) == 9  # eight pages (photos and ads among them) and the issue PDF
    for name in names:
        assert open(os.path.join(second, name), "rb").read() == open(os.path.join(first, name), "rb").read(), name


def test_poppler_sees_embedded_subset_fonts_with_unicode(pdf_path):
    output = subprocess.run(["pdffonts", pdf_path], capture_output=True, text=True, check=True).stdout
    rows = output.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5:-2] == ["yes", "yes", "yes"], row


def test_every_body_line_copies_out_exactly(chars, spec, page_number):
    from layout.page.place import place_issue
    from layout.typeface.metrics import load_metrics

    layout = place_issue(spec, load_metrics(spec.fonts))
    page = layout.pages[page_number - 1]
    kinds = ("body", "byline", "cross_reference", "jump_line", "verse_title")  # every 9 pt line of a story
    expected = collections.Counter(line.text for frame in page.frames if frame.kind == "article" for line in frame.lines if line.kind in kinds and line.text)
    bleed = to_pt(spec.style.page.bleed)
    articles = [frame.rect for frame in page.frames if frame.kind == "article"]

    def in_article(char):
        top = char["top"] - bleed  # pdfplumber measures from the top of the MediaBox
        # by the centre of the glyph's cell, within half an em: a trimmed opening bracket starts, and
        # a half-width line-end mark's cell ends, half an em outside its frame
        centre, slack = (char["x0"] + char["x1"]) / 2 - bleed, to_pt(spec.style.grid.body_size) / 2 - 0.5
        return any(to_pt(r.y) <= top <= to_pt(r.bottom) and to_pt(r.x) - slack <= centre <= to_pt(r.right) + slack for r in articles)

    found = collections.Counter("".join(c["text"] for c in line) for line in body_lines([c for c in chars if in_article(c)], spec))
    assert found == expected
