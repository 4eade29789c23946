"""bench/score_pdf.py on small PDFs drawn here with ReportLab and the pinned body font: each
character placed by hand, so every gap, edge and column is known."""

from __future__ import annotations

import json
import os
import sys

import pytest
import yaml
from conftest import ROOT

sys.path.insert(0, os.path.join(ROOT, "bench"))

import score_pdf

SIZE = 9.0
PAGE = (1122.52, 1556.22)            # the broadsheet page with bleed: the grid is centred on it
LEFT = (PAGE[0] - 999.0) / 2         # column 1's left edge; columns 126 pt apart, 117 pt wide
TOP = 1400.0                         # the first baseline
PITCH = 13.5


@pytest.fixture(scope="module")
def font() -> str:
    """The body face of the font manifest, registered with ReportLab."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with open(os.path.join(ROOT, "fonts", "fonts.yaml"), encoding="utf-8") as handle:
        manifest = yaml.safe_load(handle)
    body = next(f for f in manifest["fonts"] if f["role"] == "body")
    name = "ScoreTestBody"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, os.path.join(ROOT, "fonts", body["file"])))
    return name


def advance(font: str, char: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(char, font, SIZE)


def placed(font: str, text: str, x: float, gaps_em: list[float] | None = None) -> list[tuple[str, float]]:
    """`text` from `x`, each character after the gap (em) given for it (0 when not given)."""
    out = []
    for i, char in enumerate(text):
        if i:
            x += (gaps_em[i - 1] if gaps_em else 0.0) * SIZE
        out.append((char, x))
        x += advance(font, char)
    return out


def draw(path, font: str, lines: list[list[tuple[str, float]]], baselines: list[float] | None = None) -> str:
    """One page; each line a list of (character, x) on its baseline (TOP, TOP − 13.5, … unless
    given), drawn one character at a time in order."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=PAGE, invariant=1)
    for n, line in enumerate(lines):
        y = baselines[n] if baselines else TOP - n * PITCH
        for char, x in line:
            canvas.setFont(font, SIZE)
            canvas.drawString(x, y, char)
    canvas.showPage()
    canvas.save()
    return str(path)


def column(n: int) -> float:
    return LEFT + (n - 1) * 126.0


def test_justified_line_with_known_gaps(tmp_path, font):
    # 12 Han characters over the 117-pt measure: 11 gaps making up 9 pt, the widest 0.3 em
    gaps = [0.07] * 5 + [0.3] + [0.07] * 5
    line = placed(font, "国家经济发展计划执行情况", column(1), gaps)
    assert abs(line[-1][1] + SIZE - (column(1) + 117.0)) < 1e-6
    result = score_pdf.score_pdf(draw(tmp_path / "justified.pdf", font, [line]))
    total = result["total"]
    assert total["lines"] == 1 and total["justified_lines"] == 1 and total["overfull_lines"] == 0
    hh = total["gaps"]["han-han"]
    assert hh["lines"] == 1 and hh["gt_025"] == 1 and hh["le_0125"] == 0
    assert hh["max"] == pytest.approx(0.3, abs=0.005)
    worst = total["worst_lines"][0]
    assert (worst["page"], worst["column"], worst["class"], worst["pair"]) == (1, 1, "han-han", "展计")
    assert worst["extra_em"] == pytest.approx(0.3, abs=0.005)


def test_gap_classes_and_natural_widths(tmp_path, font):
    # 中 ␣ab␣cd ␣文…: Han–Latin gaps of 0.25 em (natural), a word space of 0.4 em (0.15 over),
    # letters set solid; Han filling the rest of the measure solid
    text = "中ab" + "cd" + "文"
    x = column(2)
    line = placed(font, text, x, [0.25, 0.0, 0.4, 0.0, 0.25])
    end = line[-1][1] + SIZE
    fill = placed(font, "字" * int((column(2) + 117.0 - end) // SIZE), end)
    line += fill
    last = line[-1][1] + SIZE
    # stretch the Han tail so that the line ends on the edge: the rest spread over its gaps
    spare = column(2) + 117.0 - last
    tail = len(fill)
    line = line[: len(line) - tail] + [(c, px + spare * (i + 1) / tail) for i, (c, px) in enumerate(fill)]
    result = score_pdf.score_pdf(draw(tmp_path / "classes.pdf", font, [line]))
    gaps = result["total"]["gaps"]
    assert result["total"]["justified_lines"] == 1
    assert result["total"]["worst_lines"][0]["column"] == 2
    assert gaps["han-latin"]["max"] == pytest.approx(0.0, abs=0.005)      # 0.25 is natural
    assert gaps["space"]["max"] == pytest.approx(0.15, abs=0.005)         # 0.4 − 0.25
    assert gaps["word"]["max"] == pytest.approx(0.0, abs=0.005)
    assert gaps["han-han"]["max"] == pytest.approx(spare / tail / SIZE, abs=0.005)


def test_line_starting_with_a_comma_is_kinsoku(tmp_path, font):
    lines = [placed(font, "中文中文中文中文中文中文中", column(1)), placed(font, "，中文的结束。", column(1))]
    result = score_pdf.score_pdf(draw(tmp_path / "kinsoku.pdf", font, lines))
    items = result["total"]["kinsoku"]["items"]
    assert result["total"]["kinsoku"]["count"] == 1
    assert items[0]["detail"] == "starts with ，" and items[0]["text"].startswith("，")


def test_line_ending_with_an_opening_bracket_is_kinsoku(tmp_path, font):
    result = score_pdf.score_pdf(draw(tmp_path / "open.pdf", font, [placed(font, "中文中文（", column(3))]))
    assert [i["detail"] for i in result["total"]["kinsoku"]["items"]] == ["ends with （"]
    assert result["total"]["kinsoku"]["items"][0]["column"] == 3


def test_ascii_comma_between_han(tmp_path, font):
    result = score_pdf.score_pdf(draw(tmp_path / "comma.pdf", font, [placed(font, "中文,中文", column(1))]))
    found = result["total"]["ascii_punct_between_han"]
    assert found["count"] == 1 and found["items"][0]["detail"] == "文,中"


def test_ascii_comma_between_latin_is_not_counted(tmp_path, font):
    result = score_pdf.score_pdf(draw(tmp_path / "latin.pdf", font, [placed(font, "中a,b中", column(1))]))
    assert result["total"]["ascii_punct_between_han"]["count"] == 0


def test_straight_quote_in_chinese_context(tmp_path, font):
    lines = [placed(font, '设为"today"的零点', column(1)), placed(font, 'say "hello" now', column(2))]
    result = score_pdf.score_pdf(draw(tmp_path / "quotes.pdf", font, lines))
    found = result["total"]["straight_quotes_chinese"]
    # both quotes of the first line have Han within 3 characters; the Latin line's have none
    assert found["count"] == 2 and {i["column"] for i in found["items"]} == {1}


def test_mixed_bracket_pair(tmp_path, font):
    lines = [placed(font, "中文（abc)中文", column(1)), placed(font, "中文（好）与(ok)", column(2))]
    result = score_pdf.score_pdf(draw(tmp_path / "brackets.pdf", font, lines))
    found = result["total"]["mixed_brackets"]
    assert found["count"] == 1
    assert found["items"][0]["column"] == 1 and found["items"][0]["detail"].startswith("（…)")


def test_mixed_pair_across_lines_of_one_paragraph(tmp_path, font):
    # a full-width line opens (, the paragraph's next line closes it with ）
    first = placed(font, "中文中文中文中文中文中(", column(1))
    spare = column(1) + 117.0 - (first[-1][1] + advance(font, "("))
    first = [(c, x + spare * i / (len(first) - 1)) for i, (c, x) in enumerate(first)]
    lines = [first, placed(font, "见上）。", column(1))]
    result = score_pdf.score_pdf(draw(tmp_path / "across.pdf", font, lines))
    assert result["total"]["mixed_brackets"]["count"] == 1
    assert result["total"]["kinsoku"]["count"] == 1          # the line ends with (


def test_doubled_space_at_han_latin_boundary(tmp_path, font):
    line = placed(font, "在/etc中", column(1), [0.6, 0, 0, 0, 0.25])
    found = score_pdf.score_pdf(draw(tmp_path / "double.pdf", font, [line]))["total"]["han_latin_doubled_space"]
    assert found["count"] == 1 and found["items"][0]["detail"].startswith("在|/ 0.60")


def test_columns_on_one_baseline_are_separate_lines(tmp_path, font):
    # two full lines side by side in columns 4 and 5, on one baseline
    lines = [placed(font, "中" * 13, column(4)) + placed(font, "文" * 13, column(5))]
    result = score_pdf.score_pdf(draw(tmp_path / "columns.pdf", font, lines))
    page = result["pages"][0]
    assert page["lines"] == 2 and page["justified_lines"] == 2
    assert sorted(w["column"] for w in page["worst_lines"]) == [4, 5]


def test_other_sizes_are_ignored(tmp_path, font):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "sizes.pdf"
    canvas = Canvas(str(path), pagesize=PAGE, invariant=1)
    canvas.setFont(font, 26)
    canvas.drawString(column(1), TOP + 40, "，标题")
    for char, x in placed(font, "正文", column(1)):
        canvas.setFont(font, SIZE)
        canvas.drawString(x, TOP, char)
    canvas.showPage()
    canvas.save()
    result = score_pdf.score_pdf(str(path))
    assert result["total"]["lines"] == 1 and result["total"]["kinsoku"]["count"] == 0


def test_command_line_json_and_text(tmp_path, font, capsys):
    pdf = draw(tmp_path / "cli.pdf", font, [placed(font, "中文,中文", column(1))])
    assert score_pdf.main([pdf, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"]["ascii_punct_between_han"]["count"] == 1 and len(data["pages"]) == 1
    assert score_pdf.main([pdf]) == 0
    text = capsys.readouterr().out
    assert "widest gap per justified line" in text and "ASCII , . ; : between Han: 1" in text


@pytest.mark.parametrize("content", [None, b"not a pdf at all\n", b"%PDF-1.4\n%broken"])
def test_unreadable_file_exits_2_with_one_line(tmp_path, capsys, content):
    path = tmp_path / "bad.pdf"
    if content is not None:
        path.write_bytes(content)
    assert score_pdf.main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert captured.err.startswith("score_pdf: ") and "Traceback" not in captured.err
