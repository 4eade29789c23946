"""Composition on exact synthetic metrics: Han and full-width punctuation 1 em, Latin half."""

import pytest

from conftest import EM, body_style
from layout.text.classes import CLOSE_CHARS, NO_END, NO_START, OPEN_CHARS, PAUSE_CHARS, STOP_CHARS, Cls
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.segment import Span, segment

MEASURE = 13 * EM
SAMPLE = (
    "昨日，省委常委、市委书记刘捷赴滨江区检查指导疫情防控工作，并主持召开全市疫情防控工作会议。"
    "他强调，要深入贯彻习近平总书记关于新冠肺炎疫情防控工作的重要讲话和重要指示精神，"
    "按照“六大机制”的要求，咬紧牙关、尽锐出战、攻坚克难，确保人民群众度过安定祥和的春节。"
)


def compose(text, fonts, composition, indent=2 * EM, measure=MEASURE):
    return compose_paragraph([Span(text, body_style())], fonts, ComposeOptions(measure, composition, indent=indent))


def first_and_last(line):
    return line.glyphs[0].char, line.glyphs[-1].char


def test_lines_join_back_into_the_text(fonts, composition):
    paragraph = compose(SAMPLE, fonts, composition)
    assert "".join(line.text for line in paragraph.lines) == SAMPLE


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_mark(fonts, composition):
    paragraph = compose(SAMPLE * 3, fonts, composition)
    for line in paragraph.lines:
        first, last = first_and_last(line)
        assert first not in PAUSE_CHARS + STOP_CHARS + CLOSE_CHARS, line.text
        assert last not in OPEN_CHARS, line.text


def test_every_non_final_line_fills_the_measure_exactly(fonts, composition):
    paragraph = compose(SAMPLE * 2, fonts, composition)
    for line in paragraph.lines[:-1]:
        assert line.emergency is None
        assert line.width == MEASURE, line.text


def test_line_end_punctuation_is_half_width(fonts, composition):
    # 12 Han characters then '，': the comma's blank falls off the line, its ink ends at the margin
    text = "一二三四五六七八九十一二，三四五六七八九十一二三四五"
    paragraph = compose(text, fonts, composition, indent=0)
    first = paragraph.lines[0]
    assert first.text.endswith("，")
    comma = first.glyphs[-1]
    assert comma.x + EM // 2 == MEASURE
    assert first.width == MEASURE


def test_first_line_is_indented_two_characters(fonts, composition):
    paragraph = compose(SAMPLE, fonts, composition)
    assert paragraph.lines[0].glyphs[0].x == 2 * EM
    assert paragraph.lines[1].glyphs[0].x == 0


def test_latin_words_and_numbers_are_never_split(fonts, composition):
    text = "投稿邮箱qtxqdaily@126.com，全年新设外商投资企业115家，实际利用外资完成年度目标的100%，新增合同外资超11亿美元。" * 2
    paragraph = compose(text, fonts, composition, measure=9 * EM)
    boundaries, offset = set(), 0
    for line in paragraph.lines:
        offset += len(line.text)
        boundaries.add(offset)
    for token in ("qtxqdaily@126.com", "115", "100%", "11"):
        start = text.find(token)
        while start >= 0:
            assert not any(start < b < start + len(token) for b in boundaries), token
            start = text.find(token, start + 1)


def test_adjacent_punctuation_is_compressed_to_one_and_a_half_em(fonts, composition):
    units = segment([Span("好。”他", body_style())], fonts)
    paragraph = compose("好。”他说", fonts, composition, indent=0)
    glyphs = paragraph.lines[0].glyphs
    # 好 at 0, 。 at 1 em, ” drawn so that 。” take 1.5 em: 他 starts at 2.5 em
    assert [g.char for g in glyphs] == list("好。”他说")
    assert glyphs[3].x == 2 * EM + EM // 2
    assert units[1].cls is Cls.STOP and units[2].cls is Cls.CLOSE


def test_prohibition_tables_follow_the_levels():
    assert Cls.SOLIDUS in NO_END["gb"] and Cls.SOLIDUS not in NO_END["basic"]
    assert Cls.DASH in NO_START["strict"] and Cls.DASH not in NO_START["gb"]


@pytest.mark.parametrize("mark", list(PAUSE_CHARS + STOP_CHARS + CLOSE_CHARS))
def test_a_closing_mark_at_a_break_is_pulled_back(fonts, composition, mark):
    # the mark falls exactly at the start of line 2 in naive filling
    text = "一二三四五六七八九十一二三" + mark + "四五六七八九十一二三四五六七八"
    paragraph = compose(text, fonts, composition, indent=0)
    for line in paragraph.lines[1:]:
        assert line.glyphs[0].char != mark


@pytest.mark.parametrize("mark", list(OPEN_CHARS))
def test_an_opening_mark_never_ends_a_line(fonts, composition, mark):
    text = "一二三四五六七八九十一二" + mark + "四五六七八九十一二三四五六七八"
    paragraph = compose(text, fonts, composition, indent=0)
    for line in paragraph.lines:
        assert line.glyphs[-1].char != mark


def test_an_address_that_starts_with_digits_breaks_like_an_address(fonts, composition):
    """12345-done@bugs.debian.org is an e-mail address, not a number: it may break after '.' and
    before '@' and '-', so a 13-character column holds it without an overfull line."""
    text = "关闭时请发送邮件到12345-done@bugs.debian.org。"
    lines = compose_paragraph([Span(text, body_style())], fonts, ComposeOptions(13 * EM, composition)).lines
    assert all(line.emergency is None or "overfull" not in line.emergency for line in lines), [(l.text, l.emergency) for l in lines]
    assert "".join(line.text for line in lines) == text
    assert any(line.text.startswith(("@", "-")) or line.text.endswith(".") for line in lines[:-1] + lines[1:])
    assert not any(line.text.startswith(".") for line in lines)  # a full stop never opens a line
