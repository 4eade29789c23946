"""Headlines broken between words and phrases (jieba), never inside a word; the editor still wins.

The widths are real: the pinned fonts and the broadsheet style sheet."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path
from unittest.mock import patch

import pytest

from layout.load.fonts import load_fonts
from layout.load.styles import load_style
from layout.page import headline
from layout.text.phrases import break_candidates, words_of
from layout.typeface.metrics import load_metrics

ROOT = Path(__file__).resolve().parent.parent
REVIEWERS = "学习贯彻中央和省市有关工作精神，听取五大党组工作汇报"


@lru_cache(maxsize=1)
def setting():
    manifest = load_fonts()
    return load_style("styles/broadsheet.yaml", manifest.roles), load_metrics(manifest)


def lines_of(text: str, style: str, span: int) -> tuple[list[str], headline.HeadlineLines]:
    sheet, fonts = setting()
    block = headline.compose_headline(text, sheet.style(style), sheet.grid.span_width(span), fonts, sheet.grid, sheet.composition)
    assert all(line.width <= sheet.grid.span_width(span) for line in block.lines)
    return [line.text for line in block.lines], block


def word_boundaries(text: str) -> set[int]:
    offsets, at = set(), 0
    for word in words_of(text):
        at += len(word)
        offsets.add(at)
    return offsets


def breaks_of(lines: list[str]) -> list[int]:
    offsets, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        offsets.append(at)
    return offsets


def test_the_reviewers_headline_breaks_at_its_comma_not_inside_a_phrase():
    # 一号 across four columns: 19 characters a line, the headline is 26: two lines
    lines, block = lines_of(REVIEWERS, "headline", 4)
    assert lines == ["学习贯彻中央和省市有关工作精神，", "听取五大党组工作汇报"]
    assert block.fits and all(line.emergency is None for line in block.lines)
    assert set(breaks_of(lines)) <= word_boundaries(REVIEWERS)
    assert "工作精神" in lines[0]


@pytest.mark.parametrize(("style", "span"), [("headline", 2), ("headline", 3), ("major_headline", 2), ("major_headline", 3), ("minor_headline", 1), ("minor_headline", 2)])
def test_no_line_ends_inside_a_segmenter_word(style, span):
    for text in (REVIEWERS, "全力以赴打赢打好疫情防控大战大考", "区政府党组（扩大）会议和区政府常务会议召开", "坚持稳中求进工作总基调，推动经济高质量发展"):
        lines, block = lines_of(text, style, span)
        assert "".join(lines) == text
        assert set(breaks_of(lines)) <= word_boundaries(text), lines
        assert all(line.emergency is None for line in block.lines)


def test_a_headline_with_punctuation_breaks_after_it():
    lines, _ = lines_of("坚持稳中求进工作总基调，推动经济高质量发展", "headline", 3)
    assert lines == ["坚持稳中求进工作总基调，", "推动经济高质量发展"]


def test_candidates_rank_punctuation_first_and_never_cut_a_word_or_a_latin_run():
    costs = dict(break_candidates(REVIEWERS))
    comma = REVIEWERS.index("，") + 1
    assert costs[comma] == min(costs.values())
    assert costs[comma] < costs[REVIEWERS.index("精神")]  # between the words of 工作精神: allowed, dearer
    assert REVIEWERS.index("作") not in costs and REVIEWERS.index("神") not in costs  # inside 工作, 精神
    assert REVIEWERS.index("，") not in costs  # a comma never starts a line
    latin = "从GNU/Linux到Debian"
    assert [offset for offset, _ in break_candidates(latin)] == [1, latin.index("到"), latin.index("D")]
    # a break before 的 (it binds to the word before) is dearer than one after it
    text = "一个软件包的“稳定”之路"
    costs = dict(break_candidates(text))
    assert costs[text.index("的")] > costs[text.index("的") + 1]


def test_lines_are_balanced():
    for text, style, span in (("全力以赴打赢打好疫情防控大战大考", "headline", 2), ("尽锐出战攻坚克难坚决打赢疫情防控阻击战", "major_headline", 4), ("团结带领人民群众走好新时代赶考之路", "minor_headline", 2)):
        lines, _ = lines_of(text, style, span)
        assert len(lines) == 2
        assert max(map(len, lines)) - min(map(len, lines)) <= 3, lines


def test_the_editors_lines_are_kept_as_given():
    # the editor breaks where the phrase breaker would not (it would take the comma)
    given = ["学习贯彻中央和省市有关", "工作精神，听取五大党组工作汇报"]
    with patch.object(headline, "break_candidates", side_effect=AssertionError("segmenter used")):
        lines, block = lines_of("\n".join(given), "headline", 4)
        assert lines == given and block.fits
        lines, block = lines_of("尽锐出战 攻坚克难\n坚决打赢疫情防控\n遭遇战阻击战歼灭战", "lead_headline", 8)
    assert lines == ["尽锐出战攻坚克难", "坚决打赢疫情防控", "遭遇战阻击战歼灭战"]  # a space is glue, not a glyph
    assert block.fits


def test_the_editors_spaces_win_and_need_no_segmenter():
    with patch.object(headline, "break_candidates", side_effect=AssertionError("segmenter used")):
        lines, block = lines_of("杭州经济技术开发区 再次跻身国家级经开区前十", "headline", 4)
    assert lines == ["杭州经济技术开发区", "再次跻身国家级经开区前十"]
    assert block.fits


def test_a_word_longer_than_the_measure_falls_back_and_is_flagged():
    lines, block = lines_of("中华人民共和国", "headline", 1)  # one word, 7 characters; 4 a line
    assert "".join(lines) == "中华人民共和国" and len(lines) == 2
    assert all(line.emergency == headline.WORD_SPLIT for line in block.lines)


def test_the_same_headline_breaks_the_same_way():
    assert lines_of(REVIEWERS, "major_headline", 2)[0] == lines_of(REVIEWERS, "major_headline", 2)[0]


def test_the_segmenters_first_use_is_silent_and_leaves_no_file(tmp_path):
    code = "import time; t = time.perf_counter(); from layout.text.phrases import break_candidates; break_candidates('学习贯彻中央和省市有关工作精神'); print(f'{time.perf_counter() - t:.3f}', file=open('cost.txt', 'w'))"
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env | {"PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    assert list((tmp_path / "tmp").iterdir()) == []  # jieba's cache went to a private folder, removed
    assert float((tmp_path / "cost.txt").read_text()) < time.perf_counter() - started


def test_the_segmenter_writes_no_file_when_it_loads(tmp_path):
    """jieba would dump a cache of its dictionary; the engine builds it in memory instead."""
    script = (
        "import os, sys\n"
        "writes = []\n"
        "def hook(event, args):\n"
        "    if event == 'open' and isinstance(args[0], str) and args[1] and any(c in args[1] for c in 'wax+') and '__pycache__' not in args[0]:\n"
        "        writes.append(args[0])\n"
        "    elif event in ('os.rename', 'os.remove', 'os.mkdir', 'tempfile.mkstemp', 'tempfile.mkdtemp'):\n"
        "        writes.append(str(args[0]))\n"
        "sys.addaudithook(hook)\n"
        "from layout.text.phrases import words_of\n"
        "assert list(words_of('学习贯彻中央和省市有关工作精神'))[:2] == ['学习', '贯彻']\n"
        "print(writes)\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run([sys.executable, "-c", script], cwd=str(tmp_path), env={**os.environ, "PYTHONPATH": root, "PYTHONDONTWRITEBYTECODE": "1"}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert os.listdir(str(tmp_path)) == []
