"""The rules of CJK-TYPOGRAPHY.md §1–§4, one example each, on exact synthetic metrics.

Every Han character and full-width mark of the test font is 1 em, every Latin letter and digit half
an em, so a text of known width puts the naive break exactly where a rule has to act: 13 Han
characters fill a 13-em column, so the 14th character starts line 2 unless a rule moves it.

The character sets below are copied from the spec's tables, not imported from `layout.text.classes`,
so that the tests check the code against the spec rather than against itself (one test compares the
two). Positions are glyph origins in milli-points from the line start (EM = 1 em).
"""

from __future__ import annotations

import pytest

from conftest import EM, body_style, synthetic_fonts
from spec_sets import CLOSING, CONNECTORS, INTERPUNCT, OPENING, PAUSE_STOP, POSTFIX, PREFIX, SOLIDI, STACKED
from layout.model.style import Composition, Normalization
from layout.text import classes
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.normalize import normalize
from layout.text.segment import Span, segment

HALF = EM // 2
QUARTER = EM // 4
LEVELS = ("basic", "gb", "strict")

# §1.2 basic: pause/stop marks + closing brackets + connectors + · + solidus never start a line.
NO_START_MARKS = list(PAUSE_STOP + CLOSING + CONNECTORS + INTERPUNCT + SOLIDI) + list(STACKED)

# Thirteen (and more) distinct Han characters: 1 em each.
HAN13 = "一二三四五六七八九十甲乙丙"
TAIL = "丁戊己庚辛壬癸子丑寅卯辰巳午未"  # 15 more

# One FontSet for the module: the composer's caches are keyed on the FontSet object.
FONTS = synthetic_fonts()


def compose(text, measure=13 * EM, indent=0, **composition):
    options = ComposeOptions(measure, Composition(**composition), indent=indent, align="justify")
    return compose_paragraph([Span(text, body_style())], FONTS, options)


def texts(paragraph):
    return [line.text for line in paragraph.lines]


def flags(paragraph):
    return [line.emergency for line in paragraph.lines if line.emergency is not None]


def boundaries(paragraph):
    """Offsets in the space-free text where one line ends and the next begins."""
    offsets, offset = set(), 0
    for line in paragraph.lines[:-1]:
        offset += len(line.text)
        offsets.add(offset)
    return offsets


def glyph_x(line, index=None):
    return [g.x for g in line.glyphs] if index is None else line.glyphs[index].x


def one_line(text, **composition):
    """Set `text` on a 40-em measure: one unjustified (last) line at natural widths."""
    paragraph = compose(text, measure=40 * EM, **composition)
    assert len(paragraph.lines) == 1 and paragraph.lines[0].emergency is None
    return paragraph.lines[0]


def cell(mark, **composition):
    """Width in mpt that `mark` takes between two Han characters: 汉<mark>字."""
    line = one_line("汉" + mark + "字", **composition)
    assert line.text == "汉" + mark + "字"
    return line.glyphs[-1].x - line.glyphs[0].x - EM


def is_han(char):
    return "\u4e00" <= char <= "\u9fff"


# ---------------------------------------------------------------------------------------------
# §1.1 / §1.2: the code's tables hold the spec's sets
# ---------------------------------------------------------------------------------------------


def test_class_tables_hold_the_spec_sets():
    """§1.1 character classes and §1.2 levels: the composer's tables are the spec's sets."""
    assert set(classes.PAUSE_CHARS + classes.STOP_CHARS) == set(PAUSE_STOP)
    assert set(classes.CLOSE_CHARS) == set(CLOSING)
    assert set(classes.OPEN_CHARS) == set(OPENING)
    assert set(classes.CONNECTOR_CHARS) == set(CONNECTORS)
    assert set(classes.SOLIDUS_CHARS) == set(SOLIDI)
    assert set(classes.POSTFIX_CHARS) == set(POSTFIX)
    assert set(classes.PREFIX_CHARS) == set(PREFIX)
    assert set(classes.STACKED_MARKS) == set(STACKED)
    Cls = classes.Cls
    for level in LEVELS:
        assert {Cls.PAUSE, Cls.STOP, Cls.CLOSE, Cls.CONNECTOR, Cls.MIDDLE, Cls.SOLIDUS} <= classes.NO_START[level]
        assert Cls.OPEN in classes.NO_END[level]
    assert Cls.SOLIDUS not in classes.NO_END["basic"]
    assert {Cls.DASH, Cls.ELLIPSIS} <= classes.NO_START["strict"]


# ---------------------------------------------------------------------------------------------
# §1.2: line-start and line-end prohibitions at each level
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("mark", NO_START_MARKS)
def test_a_line_start_prohibited_mark_never_starts_a_line(level, mark):
    """§1.2 (all levels): pause/stop marks, stacked ？！, closing brackets, connectors, the interpunct
    and the solidus never start a line. 13 Han characters fill the first line exactly, so naive
    filling would put the mark at the start of line 2; push-in or push-out must avoid it."""
    text = HAN13 + mark + TAIL
    paragraph = compose(text, prohibition=level)
    assert "".join(texts(paragraph)) == text
    assert len(paragraph.lines) >= 2
    for line in paragraph.lines:
        assert line.text[0] not in mark, texts(paragraph)
    assert flags(paragraph) == []


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("mark", list(OPENING))
def test_an_opening_mark_never_ends_a_line(level, mark):
    """§1.2 (all levels): an opening bracket or quote never ends a line. 12 Han characters and the
    1-em mark fill the first line exactly."""
    text = HAN13[:12] + mark + TAIL
    paragraph = compose(text, prohibition=level)
    for line in paragraph.lines[:-1]:
        assert not line.text.endswith(mark), texts(paragraph)
    assert flags(paragraph) == []


@pytest.mark.parametrize("level", ["gb", "strict"])
@pytest.mark.parametrize("mark", list(SOLIDI))
def test_a_solidus_never_ends_a_line_at_gb_and_strict(level, mark):
    """§1.2 GB法 (GB/T 15834 §5.1.9): a solidus may neither start nor end a line."""
    text = HAN13[:12] + mark + TAIL
    paragraph = compose(text, prohibition=level)
    for line in paragraph.lines[:-1]:
        assert not line.text.endswith(mark), texts(paragraph)
    assert flags(paragraph) == []


@pytest.mark.parametrize("mark", list(SOLIDI))
def test_a_solidus_may_end_a_line_at_basic(mark):
    """§1.2 基本处理: only opening brackets are barred from a line end, so a solidus may end one."""
    text = HAN13[:12] + mark + TAIL
    paragraph = compose(text, prohibition="basic")
    assert paragraph.lines[0].text == HAN13[:12] + mark
    assert flags(paragraph) == []


@pytest.mark.parametrize("unit", ["——", "……"])
def test_dash_and_ellipsis_never_start_a_line_at_strict(unit):
    """§1.2 严格处理: GB + two-em dash units + ellipsis units never start a line."""
    text = HAN13 + unit + TAIL
    paragraph = compose(text, prohibition="strict")
    assert "".join(texts(paragraph)) == text
    for line in paragraph.lines:
        assert not line.text.startswith(unit[0]), texts(paragraph)
    assert flags(paragraph) == []


@pytest.mark.parametrize("level", ["basic", "gb"])
@pytest.mark.parametrize("unit", ["——", "……"])
def test_dash_and_ellipsis_may_start_a_line_below_strict(level, unit):
    """§1.2 / §1.4: below strict the 2-em units are not in the line-start set, so the exact-fit
    break before them is taken."""
    paragraph = compose(HAN13 + unit + TAIL, prohibition=level)
    assert paragraph.lines[0].text == HAN13
    assert paragraph.lines[1].text.startswith(unit)


def edge_breaks(text, measures=range(5, 21), **composition):
    """Every paragraph of `text` at each measure: where prohibited characters could reach a line edge."""
    return [compose(text, measure=m * EM + extra, **composition) for m in measures for extra in (0, QUARTER, HALF)]


def test_postfix_symbols_never_start_a_line():
    """§1.2 (mixed text, added to the GB sets): postfix symbols `% ％ ‰ ℃ ° ′ ″` must not start a line.
    Minimal reproduction: "一二三四五六七八九十甲乙丙%丁戊" on a 13-em measure (gb) is set as
    "一二三四五六七八九十甲乙丙" / "%丁戊"."""
    for symbol in POSTFIX:
        for paragraph in edge_breaks(HAN13 + symbol + TAIL):
            for line in paragraph.lines:
                assert not line.text.startswith(symbol), (symbol, texts(paragraph))


def test_prefix_symbols_never_end_a_line():
    """§1.2 (mixed text, added to the GB sets): prefix symbols `$ ＄ ￥ ¥ £ ￡` must not end a line.
    Minimal reproduction: "一二三四五六七八九十甲乙￥丁戊己" on a 13.25-em measure (gb) is set as
    "一二三四五六七八九十甲乙￥" / "丁戊己"."""
    for symbol in PREFIX:
        for paragraph in edge_breaks(HAN13[:12] + symbol + TAIL):
            for line in paragraph.lines[:-1]:
                assert not line.text.endswith(symbol), (symbol, texts(paragraph))


def test_ascii_closing_punctuation_never_starts_a_line():
    """§1.2 (mixed text): ASCII `! ) , . : ; ? ] }` must not start a line (normalisation widens
    some of them into full-width marks, which are barred anyway; the rest must be barred as they are).
    Minimal reproduction: "一二三四五六七八九十甲乙丙.丁戊" on a 13-em measure (gb) is set as
    "一二三四五六七八九十甲乙丙" / ".丁戊"."""
    for mark in "!),.:;?]}":
        for paragraph in edge_breaks(HAN13 + mark + TAIL):
            for line in paragraph.lines:
                assert line.text[0] not in "!),.:;?]}！），：；？", (mark, texts(paragraph))


def test_ascii_opening_punctuation_never_ends_a_line():
    """§1.2 (mixed text): ASCII `( [ {` must not end a line. Minimal reproduction:
    "一二三四五六七八九十甲乙[丁戊己" on a 13-em measure (gb) is set as "一二三四五六七八九十甲乙[" / "丁戊己"."""
    for mark in "([{":
        for paragraph in edge_breaks(HAN13[:12] + mark + TAIL):
            for line in paragraph.lines[:-1]:
                assert line.text[-1] not in "([{（", (mark, texts(paragraph))


# ---------------------------------------------------------------------------------------------
# §1.3: inseparable sequences
# ---------------------------------------------------------------------------------------------

INSEPARABLE = ["——", "……", *STACKED, "3.14", "12,345", "10:30", "50%", "30℃", "￥100", "100km", "5G", "typesetting"]


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("token", INSEPARABLE)
def test_inseparable_sequences_are_never_split(level, token):
    """§1.3: ——, ……, stacked ？！/！？/？？/！！, digit runs with . , : inside, number + postfix,
    prefix + number, number + unit letters and Latin words have no break inside. The token starts
    at 12 em on a 13-em line, so naive filling would split it."""
    text = HAN13[:12] + token + TAIL
    paragraph = compose(text, prohibition=level)
    assert "".join(texts(paragraph)) == text
    start = text.index(token)
    assert not any(start < b < start + len(token) for b in boundaries(paragraph)), texts(paragraph)


def test_a_latin_word_wider_than_the_measure_is_flagged_not_split():
    """§1.3: Latin words are not broken (no hyphenation); one wider than the column is left overfull
    and its line flagged."""
    word = "internationalization"  # 10 em
    paragraph = compose("一二" + word + "三四五", measure=5 * EM)
    assert any(line.text == word or word in line.text for line in paragraph.lines)
    line = next(line for line in paragraph.lines if word in line.text)
    assert line.emergency is not None and "overfull" in line.emergency


@pytest.mark.parametrize("stack", STACKED)
def test_two_stacked_marks_share_one_cell(stack):
    """§1.3 / GB15834 §5.1.2: ？！ ！？ ？？ ！！ compose into one 1-em cell, each in a half."""
    line = one_line("好" + stack + "他")
    assert line.text == "好" + stack + "他"
    assert glyph_x(line) == [0, EM, EM + HALF, 2 * EM]


def test_three_stacked_marks_take_two_em():
    """§1.3 / GB15834 §5.1.2: three marks take 2 em."""
    line = one_line("好？！？他")
    assert line.glyphs[-1].x == 3 * EM


def test_dash_and_ellipsis_are_two_em_units():
    """§1.3 / §2.1: —— and …… are single 2-em units."""
    line = one_line("好——他……她")
    assert glyph_x(line) == [n * EM for n in range(7)]
    units = segment([Span("好——他……她", body_style())], FONTS)
    assert [u.text for u in units] == ["好", "——", "他", "……", "她"]
    assert [u.width for u in units] == [EM, 2 * EM, EM, 2 * EM, EM]


URL_TEXT = "投稿邮箱qtxqdaily@126.com，网址http://www.example.com.cn/news/2022/index.html，欢迎访问。"


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("measure", range(5, 16))
def test_urls_and_email_addresses_break_only_after_a_slash_or_dot_or_before_an_at(level, measure):
    """§1.3: a URL or e-mail address breaks only after `/` or `.`, or before `@` or `-` (a full stop
    never opens a line: §1.2 for mixed text; a break before `/` is the known bug of
    `test_a_url_never_breaks_before_a_slash`, excused here so that this test keeps guarding every
    other position)."""
    paragraph = compose(URL_TEXT, measure=measure * EM, prohibition=level)
    assert "".join(texts(paragraph)) == URL_TEXT
    for token in ("qtxqdaily@126.com", "http://www.example.com.cn/news/2022/index.html"):
        start = URL_TEXT.index(token)
        for b in boundaries(paragraph):
            if start < b < start + len(token) and URL_TEXT[b] != "/":
                assert URL_TEXT[b - 1] in "/." or URL_TEXT[b] in "@-", (token, texts(paragraph))


def test_an_email_address_does_break_before_the_at_sign_in_a_narrow_column():
    """§1.3: the test above is not vacuous: at 6 em the address must break, and does so before `@`."""
    text = "投稿邮箱qtxqdaily@126.com"
    paragraph = compose(text, measure=6 * EM)
    assert text.index("@") in boundaries(paragraph)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("number", ["1/2", "2022/1/28"])
def test_a_number_with_a_solidus_is_not_split(level, number):
    """§1.4: LB25 keeps number expressions together with SY (1/2, 2022/1/28); no override relaxes
    it, so not even basic (where a solidus may end a line) breaks inside them."""
    for measure in range(5, 16):
        text = HAN13[:11] + number + TAIL
        paragraph = compose(text, measure=measure * EM, prohibition=level)
        start = text.index(number)
        assert not any(start < b < start + len(number) for b in boundaries(paragraph)), texts(paragraph)


def test_a_url_never_breaks_before_a_slash():
    """§1.3: a URL breaks only after '/' or '.', or before '@' or '-' (and §1.2: neither a solidus
    nor a full stop starts a line). Minimal reproduction: "http://www.example.com/news" on an
    11-em measure is set as "http://www.example.com" / "/news"."""
    url = "http://www.example.com/news"
    for measure in range(5, 31):
        paragraph = compose(url, measure=measure * EM)
        for b in boundaries(paragraph):
            assert url[b - 1] in "/." or url[b] in "@-", (measure, texts(paragraph))
            assert url[b] not in "/.", (measure, texts(paragraph))


@pytest.mark.parametrize("level", ["gb", "strict"])
def test_a_solidus_that_ends_a_latin_run_never_ends_a_line_at_gb(level):
    """§1.2 GB法 (GB/T 15834 §5.1.9): a solidus may not end a line, also when it follows digits or
    letters. Minimal reproduction: "一二三四五六七八九十甲12/丁戊己" on a 13-em measure at gb
    is set as "一二三四五六七八九十甲12/" / "丁戊己"."""
    for run in ("12/", "ab/"):
        paragraph = compose(HAN13[:11] + run + TAIL, prohibition=level)
        for line in paragraph.lines[:-1]:
            assert not line.text.endswith("/"), texts(paragraph)


# ---------------------------------------------------------------------------------------------
# §1.5: push-in before push-out
# ---------------------------------------------------------------------------------------------


def test_push_in_absorbs_a_no_start_mark_by_compressing_punctuation():
    """§1.5 (先挤进): 10 Han + three mid-line `，` fill 13 em; the `。` that follows cannot start
    line 2, and the line absorbs it by compressing the commas (push-in)."""
    paragraph = compose("一，二，三，四五六七八九十。" + TAIL[:11])
    first = paragraph.lines[0]
    assert first.text == "一，二，三，四五六七八九十。"
    assert first.emergency is None and first.width == 13 * EM
    assert first.glyphs[-1].x + HALF == 13 * EM


@pytest.mark.parametrize("head", ["一二三，四五六七八九十甲乙", "一，二，三四五六七八九十甲"])
def test_push_in_comes_before_push_out(head):
    """§1.5: "push in first, then push out": try push-in; only if the line cannot absorb the
    character, push out. Here the line's `，` can give up its 0.5-em blank, which is exactly what
    the line-end `。` needs, so the `。` must end line 1 rather than pull a character down with it.
    Minimal reproduction: "一二三，四五六七八九十甲乙。丁戊己庚辛壬癸子丑寅卯" on a 13-em measure is
    set as "一二三，四五六七八九十甲" (stretched, 1/11 em per gap) / "乙。丁戊…"."""
    paragraph = compose(head + "。" + TAIL[:11])
    assert paragraph.lines[0].text == head + "。", texts(paragraph)


# ---------------------------------------------------------------------------------------------
# §2.1: width classes
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "mark, width",
    [
        *[(m, EM) for m in PAUSE_STOP + OPENING + CLOSING],
        ("·", HALF),
        ("–", HALF),
        ("/", HALF),
        ("／", HALF),
        ("—", EM),
        ("～", EM),
        ("——", 2 * EM),
        ("……", 2 * EM),
    ],
)
def test_width_classes_in_gb_style(mark, width):
    """§2.1: default advances: brackets, pause/stop marks 1 em; interpunct 0.5 em; short connector
    and solidus 0.5 em; wave and one-em connector 1 em; dash and ellipsis units 2 em."""
    assert cell(mark) == width


# ---------------------------------------------------------------------------------------------
# §2.2: adjacent pairs
# ---------------------------------------------------------------------------------------------

PAIRS = ["。”", "”，", "）。", "》、", "，“", "：《", "。（", "）（", "》《", "“《", "（“", "》）", "〉》"]


@pytest.mark.parametrize("pair", PAIRS)
def test_adjacent_marks_are_compressed_to_one_and_a_half_em(pair):
    """§2.2: two adjacent marks that would take 2 em take 1.5 em: the second mark's origin sits
    half an em after the first's, and the following character 1.5 em after it."""
    line = one_line("汉" + pair + "字")
    assert line.text == "汉" + pair + "字"
    assert glyph_x(line) == [0, EM, EM + HALF, EM + EM + HALF]


def test_three_adjacent_marks_are_compressed_at_both_junctions():
    """§2.2: 。”） takes 2 em instead of 3."""
    line = one_line("汉。”）字")
    assert glyph_x(line) == [0, EM, EM + HALF, 2 * EM, 3 * EM]


@pytest.mark.parametrize("pair", ["“”", "（）", "《》", "‘’"])
def test_an_opening_mark_before_a_closing_mark_keeps_its_blank(pair):
    """§2.2 exception: an opening mark followed directly by a closing mark keeps its natural blank."""
    line = one_line("汉" + pair + "字")
    assert glyph_x(line) == [0, EM, 2 * EM, 3 * EM]


# ---------------------------------------------------------------------------------------------
# §2.3: line start and line end
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("punctuation", ["quanjiao", "kaiming"])
@pytest.mark.parametrize("mark", list(PAUSE_STOP + CLOSING))
def test_a_full_width_mark_at_a_line_end_is_half_width(mark, punctuation):
    """§2.3 (GB15834 §5.1.10): a full-width mark that ends a line loses its right blank: on a
    12.5-em measure, 12 Han characters and the mark fill the line with nothing stretched, and the
    mark's ink ends exactly at the measure."""
    measure = 12 * EM + HALF
    paragraph = compose(HAN13[:12] + mark + TAIL, measure=measure, punctuation=punctuation)
    first = paragraph.lines[0]
    assert first.text == HAN13[:12] + mark
    assert first.emergency is None
    assert glyph_x(first) == [n * EM for n in range(13)]
    assert first.glyphs[-1].x + HALF == measure
    assert first.width == measure


def test_a_mark_ending_the_last_line_counts_half_width():
    """§2.3: the line-end rule applies to a paragraph's last line too."""
    assert compose("汉字。").lines[0].width == 2 * EM + HALF
    assert compose("汉字。”").lines[0].width == 3 * EM


@pytest.mark.parametrize("mark", list(OPENING))
def test_an_opening_mark_at_a_line_start_drops_its_left_half(mark):
    """§2.3: an opening bracket that starts a line drops its left blank: its ink starts at the
    line start (origin -0.5 em) and the next character follows half an em later. Line 1 is
    12 Han + `，` and line 2 the bracket + 12 Han: both exactly 12.5 em."""
    measure = 12 * EM + HALF
    text = HAN13[:12] + "，" + mark + TAIL[:12] + "甲乙丙丁。"
    paragraph = compose(text, measure=measure)
    second = paragraph.lines[1]
    assert second.text.startswith(mark), texts(paragraph)
    assert second.emergency is None
    assert second.glyphs[0].x == -HALF
    assert second.glyphs[1].x == HALF
    assert second.width == measure


@pytest.mark.parametrize("mark", list(OPENING))
def test_an_opening_mark_after_the_paragraph_indent_drops_its_left_half(mark):
    """§2.3 [R]: an opening bracket that starts a paragraph, after the indent, drops its left half:
    its ink starts at the indent."""
    paragraph = compose(mark + "一二三四五六七八九十。", indent=2 * EM)
    first = paragraph.lines[0]
    assert first.glyphs[0].x + HALF == 2 * EM
    assert first.glyphs[1].x == 2 * EM + HALF


def test_the_last_glyph_gets_no_justification_space():
    """§2.3 / §3.4: a stretched line ends with its last glyph's ink at the measure."""
    measure = 13 * EM + EM // 3
    paragraph = compose(HAN13 + TAIL, measure=measure)
    for line in paragraph.lines[:-1]:
        assert line.emergency is None
        assert line.glyphs[-1].x + EM == measure


# ---------------------------------------------------------------------------------------------
# §2.4: punctuation styles
# ---------------------------------------------------------------------------------------------

KAIMING_FULL = "．。？！"


@pytest.mark.parametrize("style", ["quanjiao", "kaiming", "banjiao"])
@pytest.mark.parametrize("mark", list(PAUSE_STOP + OPENING + CLOSING))
def test_punctuation_style_widths(style, mark):
    """§2.4: quanjiao sets every mark full width; kaiming only the sentence-final `．。？！`;
    banjiao none."""
    if style == "quanjiao" or (style == "kaiming" and mark in KAIMING_FULL):
        expected = EM
    else:
        expected = HALF
    assert cell(mark, punctuation=style) == expected


@pytest.mark.parametrize(
    "style, pair, width",
    [
        ("kaiming", "。”", EM),  # Founder 开明: the earlier of adjacent marks is forced to half width
        ("kaiming", "。（", EM),
        ("kaiming", "”。", EM + HALF),  # the earlier is already half width
        ("kaiming", "，“", EM),
        ("banjiao", "。”", EM),
        ("banjiao", "：《", EM),
    ],
)
def test_adjacent_marks_in_kaiming_and_banjiao(style, pair, width):
    """§2.4: in kaiming the earlier of two adjacent marks is half width; in banjiao every mark is."""
    assert cell(pair, punctuation=style) == width


@pytest.mark.parametrize("style", ["kaiming", "banjiao"])
def test_half_width_opening_mark_ink_sits_against_its_text(style):
    """§2.1 / §2.4: a half-width opening bracket keeps its ink (the right half of its glyph) next
    to the text it opens, and a half-width closing bracket the left half."""
    line = one_line("汉（字）汉", punctuation=style)
    assert glyph_x(line) == [0, HALF, HALF + EM, 2 * EM + HALF, 3 * EM]


# ---------------------------------------------------------------------------------------------
# §3.4: never stretched
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["——", "……", "typesetting", "3.14", "12,345"])
def test_the_inside_of_units_is_never_stretched(token):
    """§3.4: the inside of ——, ……, a Latin word or a digit run is not stretched on a justified
    line (a 13⅓-em measure makes every line stretch)."""
    fonts = FONTS
    measure = 13 * EM + EM // 3
    text = "甲乙丙丁" + token + "戊己庚辛壬癸子丑寅卯辰巳午未申酉"
    paragraph = compose(text, measure=measure)
    line = next(line for line in paragraph.lines if token in line.text)
    assert not line.last and line.emergency is None and line.width == measure
    start = line.text.index(token)
    inside = line.glyphs[start : start + len(token)]
    for a, b in zip(inside, inside[1:]):
        assert b.x - a.x == fonts["body"].advance(a.char, a.size)


@pytest.mark.parametrize("mark", ["—", "～", "–", "／", "/"])
def test_both_sides_of_a_connector_or_solidus_are_never_stretched(mark):
    """§3.4: no justification space on either side of a connector or solidus."""
    fonts = FONTS
    measure = 13 * EM + EM // 3
    paragraph = compose("甲乙丙丁" + mark + "戊己庚辛壬癸子丑寅卯辰巳午未申酉", measure=measure)
    line = paragraph.lines[0]
    assert line.emergency is None and line.width == measure
    i = line.text.index(mark)
    before, at, after = line.glyphs[i - 1 : i + 2]
    advance = fonts["body"].advance(mark, EM)
    cell = HALF if mark in "–／/" else advance  # §2.1: the short connector and the solidus take 0.5 em
    cell_start = at.x + (advance - cell) // 2  # the glyph is centred in its cell
    assert cell_start - before.x == EM
    assert after.x - cell_start == cell
    assert line.glyphs[1].x > EM  # the line is stretched elsewhere


# ---------------------------------------------------------------------------------------------
# §3.6: the Han–Latin gap
# ---------------------------------------------------------------------------------------------


def test_a_quarter_em_gap_between_han_and_latin():
    """§3.6: 0.25 em between a Han character and an adjacent letter or digit, on both sides."""
    line = one_line("汉字abc汉字")
    assert glyph_x(line) == [0, EM, 2 * EM + QUARTER, 2 * EM + QUARTER + HALF, 3 * EM + QUARTER,
                             4 * EM, 5 * EM]
    line = one_line("共115家")
    assert glyph_x(line) == [0, EM + QUARTER, EM + QUARTER + HALF, 2 * EM + QUARTER, 3 * EM]


def test_a_source_space_between_han_and_latin_is_the_gap():
    """§3.6: a source U+0020 between Han and Latin is treated as the gap, not added to it."""
    assert glyph_x(one_line("汉字 abc 汉字")) == glyph_x(one_line("汉字abc汉字"))
    assert glyph_x(one_line("共 115 家")) == glyph_x(one_line("共115家"))


def test_the_han_latin_gap_follows_the_composition_setting():
    """§3.6: the gap width is a style setting (han_latin_gap_em)."""
    line = one_line("汉字abc汉字", han_latin_gap_em=0.5)
    assert glyph_x(line)[2] == 2 * EM + HALF
    assert glyph_x(line)[5] == 2 * EM + HALF + 3 * HALF + HALF


@pytest.mark.parametrize("text", ["汉，abc。汉", "汉（abc）汉", "汉“abc”汉", "汉《A》，汉"])
def test_no_han_latin_gap_beside_chinese_punctuation(text):
    """§3.6: no gap next to Chinese punctuation: each glyph follows the previous at its advance
    (all punctuation here is followed or preceded by Latin, so no pair compression applies)."""
    fonts = FONTS
    line = one_line(text)
    for a, b in zip(line.glyphs, line.glyphs[1:]):
        if a.char.isascii() or b.char.isascii():
            expected = fonts["body"].advance(a.char, a.size)
            if a.char in OPENING:  # an opening mark's origin is half an em before its ink
                expected = EM
            assert b.x - a.x == expected, (a, b)


def test_no_han_latin_gap_at_a_line_start():
    """§3.6: none at the line start: 13 Han fill line 1 exactly, the Latin word starts line 2 at 0."""
    paragraph = compose(HAN13 + "abcd" + TAIL)
    assert paragraph.lines[0].text == HAN13
    assert paragraph.lines[1].glyphs[0].char == "a"
    assert paragraph.lines[1].glyphs[0].x == 0
    assert paragraph.lines[1].glyphs[4].x == 2 * EM + QUARTER


def test_no_han_latin_gap_at_a_line_end():
    """§3.6: none at the line end: a line ending in a Latin word has the word's ink at the measure."""
    paragraph = compose(HAN13[:11] + "abc" + TAIL)
    first = paragraph.lines[0]
    assert first.text == HAN13[:11] + "abc"
    assert first.emergency is None
    assert first.glyphs[-1].x + HALF == 13 * EM


# ---------------------------------------------------------------------------------------------
# §4: paragraphs
# ---------------------------------------------------------------------------------------------


def test_the_first_line_is_indented_two_characters():
    """§4: a 2-em first-line indent: on a 13-em column the first line holds 11 Han characters,
    flush with the measure; the next lines hold 13 from the left edge."""
    paragraph = compose(HAN13 * 3, indent=2 * EM)
    first, second = paragraph.lines[0], paragraph.lines[1]
    assert len(first.text) == 11 and first.glyphs[0].x == 2 * EM and first.width == 13 * EM
    assert len(second.text) == 13 and second.glyphs[0].x == 0
    assert flags(paragraph) == []


def test_two_ideographic_spaces_become_the_indent():
    """§4: two U+3000 at the start of a paragraph are converted to the indent, not added to it."""
    plain = compose(HAN13 * 2, indent=2 * EM)
    spaced = compose("\u3000\u3000" + HAN13 * 2, indent=2 * EM)
    assert spaced.lines == plain.lines


RUNT_HEAD = "甲" * 11 + "乙" * 13  # 11 after a 2-em indent + 13: two exactly full lines


@pytest.mark.parametrize("ending", ["丙", "丙。", "丙。”", "（丙）。", "丙！"])
def test_no_runt_last_line(ending):
    """§4 孤字: the last line does not hold one Han character, or one plus punctuation, when the
    paragraph can avoid it (here by pulling a character down from the line above)."""
    paragraph = compose(RUNT_HEAD + ending, indent=2 * EM)
    last = paragraph.lines[-1]
    assert sum(1 for ch in last.text if is_han(ch)) >= 2, texts(paragraph)
    assert flags(paragraph) == []


def test_without_the_runt_penalty_the_runt_appears():
    """§4: the runt test above is not vacuous: with runt_penalty=0 the exact-fit breaks win."""
    paragraph = compose(RUNT_HEAD + "丙", indent=2 * EM, runt_penalty=0)
    assert paragraph.lines[-1].text == "丙"


# ---------------------------------------------------------------------------------------------
# §3.7 step 1, §3.6, §4: normalisation, each switch on and off
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "switch, source, on, off",
    [
        ("fullwidth_alnum", "ＡＢＣ１２３号ａｂ", "ABC123号ab", "ＡＢＣ１２３号ａｂ"),
        ("join_lines", "网格化管理\n体系", "网格化管理体系", "网格化管理 体系"),
        ("join_lines", "他说\nPython很好", "他说Python很好", "他说 Python很好"),
        ("ascii_punctuation", "昨日,省委常委:书记(党组)说?好!对;", "昨日，省委常委：书记（党组）说？好！对；",
         "昨日,省委常委:书记（党组）说?好!对;"),  # brackets are a step of their own
        ("brackets", "书记(党组)说", "书记（党组）说", "书记(党组)说"),
        ("ideographic_indent", "\u3000\u3000段落开始", "段落开始", "\u3000\u3000段落开始"),
    ],
)
def test_each_normalisation_switch(switch, source, on, off):
    """§3.7 step 1 (§1.1, §3.6, §4): each normalisation step applies when on and not when off,
    both in `normalize` and as the text the composer sets."""
    assert normalize(source, steps=Normalization()) == on
    steps_off = Normalization(**{switch: False})
    assert normalize(source, steps=steps_off) == off
    assert compose(source).text == on
    assert compose(source, normalize=steps_off).text == off
    assert "".join(texts(compose(source, normalize=steps_off))) == off.replace(" ", "")


@pytest.mark.parametrize("switch", ["fullwidth_alnum", "join_lines", "ascii_punctuation", "ideographic_indent"])
def test_a_switch_turned_off_leaves_the_other_steps_on(switch):
    """§3.7 step 1: the switches are independent."""
    source = "\u3000\u3000ＡＢ１２号\n体系,好"
    assert normalize(source) == "AB12号体系，好"
    only_this_step_undone = {
        "fullwidth_alnum": "ＡＢ１２号体系，好",
        "join_lines": "AB12号 体系，好",
        "ascii_punctuation": "AB12号体系,好",
        "ideographic_indent": "\u3000\u3000AB12号体系，好",
    }[switch]
    assert normalize(source, steps=Normalization(**{switch: False})) == only_this_step_undone


def test_a_joined_source_line_break_leaves_no_space_glyph_or_gap():
    """§3.6: a newline between two Han characters vanishes: no space, no extra width."""
    line = one_line("汉\n字")
    assert line.text == "汉字"
    assert glyph_x(line) == [0, EM]


def test_normalisation_applies_nfc():
    """§3.7 step 1: NFC first."""
    assert normalize("Cafe\u0301") == "Caf\u00e9"
