"""English words in narrow Chinese columns: hyphenation points and what is never hyphenated, word
spaces that stretch before Han gaps open, a dateline never letter-spaced, ranges kept on one
line, compounds broken after their own hyphen, and paragraphs with an impossible line.

Geometry on the synthetic metrics (Han 1 em, Latin half an em; EM is the body size, 9 pt)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings, strategies as st

from conftest import EM, assert_one_line_error, body_style, check_story, cli, copy_style
from layout.model.style import Composition, Hyphenation
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.hyphenate import hyphen_points
from layout.text.segment import SOFT_HYPHEN, Span

ENGLISH = Hyphenation(language="en_US")
HYPHENATING = Composition(hyphenation=ENGLISH)
MEASURE = 13 * EM


def compose(spans, composition=HYPHENATING, measure=MEASURE, indent=0):
    spans = [Span(s, body_style()) if isinstance(s, str) else s for s in spans]
    return compose_paragraph(spans, _fonts(), ComposeOptions(measure, composition, indent=indent))


def _fonts():
    from conftest import synthetic_fonts

    return synthetic_fonts()


def joined(paragraph) -> str:
    """The lines' text with the engine's hyphens taken out: the source, without its spaces."""
    return "".join(line.text for line in paragraph.lines).replace(SOFT_HYPHEN, "")


# --- where a word may break --------------------------------------------------------------------

@pytest.mark.parametrize("piece, points", [
    ("configuration", (3, 6, 7, 9)),          # con-fig-u-ra-tion
    ("configuration,", (3, 6, 7, 9)),         # closing marks after the word
    ("(repository)", (6, 7)),                 # an opening mark before it
    ("Interesting.", (2, 5, 8)),              # a capitalised word
    ("Makarévitch", (6,)),                    # accents folded for the English patterns
])
def test_english_words_break_at_their_pattern_points(piece, points):
    assert hyphen_points(piece, ENGLISH) == points


@pytest.mark.parametrize("piece", [
    "GNOME", "DKMS", "LikeThis", "iPhone",      # acronyms and code-like capitals
    "apt-get", "dpkg-reconfigure", "--help",    # commands and options
    "/etc/apt/sources.list", "sources.list",    # paths and file names
    "v11.1.8", "2022", "x86_64", "file_in_question",  # numbers, versions, code
    "don't", "kernel's",                        # apostrophes
    "short",                                    # under min_word (6)
])
def test_names_code_paths_and_numbers_are_never_hyphenated(piece):
    assert hyphen_points(piece, ENGLISH) == ()


def test_the_desk_keeps_the_words_it_lists_whole_and_no_language_means_no_hyphenation():
    assert hyphen_points("Raphaelite", dataclasses.replace(ENGLISH, never=frozenset({"Raphaelite"}))) == ()
    assert hyphen_points("configuration", Hyphenation()) == ()
    assert hyphen_points("configuration", dataclasses.replace(ENGLISH, left=4, right=5)) == (6, 7)  # fragment minimums


# --- composing with them -----------------------------------------------------------------------

def test_a_long_word_is_hyphenated_instead_of_spacing_out_the_line():
    text = "修改配置文件之后需要重新internationalization系统才能生效。" * 3
    loose = compose([text], Composition())
    tight = compose([text])
    assert joined(tight) == joined(loose) == text
    hyphenated = [line for line in tight.lines if line.text.endswith(SOFT_HYPHEN)]
    assert hyphenated and all(line.width == MEASURE for line in tight.lines[:-1])
    def wide(paragraph):
        return sum(line.widest_gap > 0.125 for line in paragraph.lines[:-1])
    assert wide(tight) < wide(loose)
    assert max(line.widest_gap for line in tight.lines[:-1]) < max(line.widest_gap for line in loose.lines[:-1])
    # the hyphen is the last glyph, at the line's end, in the word's face and size
    hyphen = hyphenated[0].glyphs[-1]
    assert hyphen.char == SOFT_HYPHEN and hyphen.x + EM // 2 == MEASURE


@pytest.mark.parametrize("word", ["GNOME", "apt-get", "http://deb.debian.org/debian", "11.1.8", "Debian"])
def test_words_kept_whole_are_never_split_at_any_offset(word):
    never = dataclasses.replace(HYPHENATING, hyphenation=dataclasses.replace(ENGLISH, never=frozenset({"Debian"})))
    for offset in range(13):
        paragraph = compose(["测" * offset + word + "试验文本的内容" * 3], never)
        assert not any(SOFT_HYPHEN in line.text for line in paragraph.lines), (offset, [l.text for l in paragraph.lines])
        if "/" not in word and "-" not in word:
            assert any(word in line.text for line in paragraph.lines), (offset, [l.text for l in paragraph.lines])


def test_word_spaces_stretch_to_their_limit_before_any_han_gap_opens():
    composition = Composition()
    paragraph = compose(["他说 we will see the whole thing through 这件事情一定能办成，也必须办成。" * 2], composition)
    word_space, limit = EM // 4, EM // 4 + round(composition.word_space_stretch_em * EM)
    checked = 0
    for line in paragraph.lines[:-1]:
        glyphs = line.glyphs
        spaces = [b.x - a.x - EM // 2 for a, b in zip(glyphs, glyphs[1:]) if a.char.isascii() and b.char.isascii() and b.x - a.x > EM // 2]
        han = [b.x - a.x - EM for a, b in zip(glyphs, glyphs[1:]) if "\u4e00" <= a.char <= "\u9fff" and "\u4e00" <= b.char <= "\u9fff"]
        if spaces and han:
            checked += 1
            opened = max(han)
            # then both open together, a word space by half as much (up to half an em in all)
            assert all(word_space - 1 <= s <= limit + max(opened, 0) // 2 + 1 for s in spaces), (line.text, spaces, han)
            assert max(spaces) <= EM // 2 + 1
            if opened > 1:  # a Han gap opened: the word spaces had reached their limit first
                assert min(spaces) >= limit + opened // 2 - 1, (line.text, spaces, han)
    assert checked


def test_a_run_in_dateline_is_never_letter_spaced():
    dateline = dataclasses.replace(body_style(), name="dateline")
    paragraph = compose([Span("本报讯", dateline, rigid=True), "\u3000dynamic configuration helps"], Composition())
    first = paragraph.lines[0]
    xs = [g.x for g in first.glyphs[:3]]
    assert "".join(g.char for g in first.glyphs[:3]) == "本报讯"
    assert xs == [0, EM, 2 * EM]  # as set, however loose the line is


@pytest.mark.parametrize("range_text", ["F1—F6", "2019—2022", "1–5", "2019年—2022年"])
def test_a_range_stays_on_one_line(range_text):
    left, dash, right = range_text.partition("—") if "—" in range_text else range_text.partition("–")
    for offset in range(14):
        paragraph = compose(["测" * offset + range_text + "之间的范围都可以选用" * 2], Composition())
        for line, after in zip(paragraph.lines, paragraph.lines[1:]):
            assert not line.text.endswith(dash) and not after.text.startswith(dash), (offset, line.text, after.text)


def test_a_compound_breaks_after_its_own_hyphen_and_gets_no_second_one():
    paragraph = compose(["请订阅邮件列表debian-devel-announce获取消息。"], Composition(), measure=9 * EM)
    texts = [line.text for line in paragraph.lines]
    assert any(text.endswith("-") for text in texts[:-1]), texts
    assert joined(paragraph) == "请订阅邮件列表debian-devel-announce获取消息。"
    assert not any(SOFT_HYPHEN in text for text in texts)


def test_one_impossible_line_leaves_the_others_of_the_paragraph_as_good_as_they_can_be():
    text = "他们在开会时讨论了很多问题并且形成了决议。" * 2 + "Pneumonoultramicroscopicsilicovolcanoconiosis" + "会后大家各自回到自己的工作岗位上去。" * 2
    paragraph = compose([text], Composition())
    assert joined(paragraph) == text
    lines = paragraph.lines[:-1]
    wide = [line for line in lines if line.widest_gap > 0.25]
    assert len(wide) <= 2, [(line.text, line.widest_gap) for line in wide]  # only beside the word
    assert all(line.widest_gap == 0 or line.widest_gap <= 0.25 for line in lines if "Pneu" not in line.text and line not in wide)


# --- the style sheet -----------------------------------------------------------------------------

def test_the_style_sheet_names_a_language_that_has_patterns(tmp_path):
    copy_style(tmp_path, lambda data: data["composition"]["hyphenation"].update(language="xx_YY"))
    from conftest import issue_file, module, story

    path = issue_file(tmp_path, [story("a", 240)], [{"number": 1, "modules": [module("a", 1, 2, 1, 20)]}])
    copy_style(tmp_path, lambda data: data["composition"]["hyphenation"].update(language="xx_YY"))
    match = assert_one_line_error(cli("check", path), containing="hyphenation")
    assert "'xx_YY'" in match["problem"] and "en_US" in match["fix"]


def test_the_sample_style_sheet_hyphenates_english_and_the_check_reports_no_lost_character(tmp_path):
    text = "修改配置文件之后需要重新internationalization系统才能生效，这样做是necessary的。" * 4
    result = check_story(tmp_path, {"headline": "连字符", "body": text}, {"column": 1, "span": 1, "top": 1, "height": 40})
    frame = result.layout.pages[0].frame("story")
    body = [line for line in frame.lines if line.kind == "body"]
    assert any(line.text.endswith(SOFT_HYPHEN) for line in body)
    assert "".join(line.text for line in body).replace(SOFT_HYPHEN, "") == text.replace(" ", "")


def breaks_inside(text: str, token: str, measures, source: str | None = None):
    """(the lines, the text before, the character after) for each line break that falls inside
    `token`, composing `source` (default `text`, which is what the lines give back) at each
    measure, in ems."""
    start = text.index(token)
    for measure in measures:
        paragraph = compose([source or text], Composition(), measure=measure * EM)
        assert joined(paragraph) == text
        lines = [line.text for line in paragraph.lines]
        offset = 0
        for line in lines[:-1]:
            offset += len(line.replace(SOFT_HYPHEN, ""))
            if start < offset < start + len(token):
                yield (measure, lines), text[:offset], text[offset]


@pytest.mark.parametrize("token", [
    "/usr/lib/os-release",            # a path
    "local-fs.target",                # a long dotted name
    "POSIXLY_CORRECT_MODE",           # an identifier
    "debian-devel@lists.debian.org",  # an address
])
def test_addresses_paths_dotted_names_and_identifiers_break_only_where_they_may(token):
    """After '/' or '.', before '@', '-' or '_', or after a compound's own hyphen; never before a
    full stop (it may not open a line)."""
    text = "请查看" + token + "的内容。"
    inside = 0
    for lines, before, after in breaks_inside(text, token, range(4, 14)):
        inside += 1
        assert before[-1] in "/.-" or after in "@-_", lines
        assert after != ".", lines
    assert inside, "the token never had to break"


WORDS = ["configuration", "internationalization", "repository", "Makarévitch", "GNOME", "apt-get",
         "/usr/lib/os-release", "local-fs.target", "POSIXLY_CORRECT", "v11.1.8", "the", "kernel",
         "debian-devel-announce@lists.debian.org", "F1—F6", "(DKMS)", "don't"]
PIECES = st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet="配置文件之后需要重新系统才能生效，。、", min_size=1, max_size=12)), min_size=1, max_size=14)


@settings(max_examples=150, deadline=None)
@given(PIECES, st.integers(min_value=6, max_value=16))
def test_hyphenated_lines_lose_and_reorder_no_character(pieces, columns):
    """Whatever hyphenation, compound and address breaks do, the lines give back the normalised
    text without its spaces, once the engine's soft hyphens are taken out; a soft hyphen only ever
    ends a line."""
    text = " ".join(pieces)
    paragraph = compose([text], measure=columns * EM)
    assert joined(paragraph) == paragraph.text.replace(" ", "")
    for line in paragraph.lines:
        assert SOFT_HYPHEN not in line.text[:-1], line.text


def test_spaces_between_han_go_in_body_text_only():
    steps = dataclasses.replace(Composition().normalize, han_spaces=True)
    composition = Composition(normalize=steps)
    prose = compose_paragraph([Span("这个例子里 把它们省略了", body_style())], _fonts(), ComposeOptions(MEASURE, composition, prose=True))
    headline = compose_paragraph([Span("尽锐出战 攻坚克难", body_style())], _fonts(), ComposeOptions(MEASURE, composition, align="center"))
    assert prose.text == "这个例子里把它们省略了"
    assert headline.text == "尽锐出战 攻坚克难"


def test_a_number_inside_a_latin_run_never_breaks_at_its_point():
    """Found by the property test: A3.14AAAAA is no dotted name; 3.14 stays whole."""
    for measure in range(4, 14):
        paragraph = compose(["的" * 8 + "A3.14AAAAA"], Composition(), measure=measure * EM)
        assert not any(line.text.endswith("3.") for line in paragraph.lines), [l.text for l in paragraph.lines]


# --- the last tier: letter-spacing ---------------------------------------------------------------

def _letter_steps(line) -> list[int]:
    """The extra space between neighbouring letters of one Latin word, over their advance."""
    glyphs = line.glyphs
    return [b.x - a.x - EM // 2 for a, b in zip(glyphs, glyphs[1:]) if a.char.isalpha() and a.char.isascii() and b.char.isalpha() and b.char.isascii() and b.x - a.x < EM]


def test_letters_spread_only_where_the_gaps_at_their_cap_cannot_fill_the_line():
    """A paragraph that opens with English words (Unified Extensible Firmware …) has nothing but
    word spaces to open on its first line: its letters spread, within the cap, instead of a
    hole of two ems; the Chinese lines after it keep their letters as set."""
    text = "Unified Extensible Firmware Interface (UEFI) 统一可扩展固件接口定义了启动管理器作为规范的一部分。"
    paragraph = compose([text], Composition(), indent=2 * EM)
    first = paragraph.lines[0]
    assert first.emergency is None and first.width == MEASURE
    steps = _letter_steps(first)
    assert steps and max(steps) > 0 and max(steps) <= EM // 4 + 1, steps
    assert first.widest_gap <= 0.25
    for line in paragraph.lines[1:]:
        if line.widest_gap < 0.25:  # where the gaps can fill the line, no letter moves
            assert set(_letter_steps(line)) <= {0}, (line.text, _letter_steps(line))


def test_without_the_letter_tier_such_a_line_is_flagged_loose():
    text = "Unified Extensible Firmware Interface (UEFI) 统一可扩展固件接口定义了启动管理器作为规范的一部分。"
    paragraph = compose([text], Composition(letter_stretch_em=0), indent=2 * EM)
    assert paragraph.lines[0].emergency is not None and "loose" in paragraph.lines[0].emergency
    assert set(_letter_steps(paragraph.lines[0])) <= {0}


def test_a_dateline_keeps_its_letters_when_the_words_after_it_spread():
    dateline = dataclasses.replace(body_style(), name="dateline")
    paragraph = compose([Span("本报讯", dateline, rigid=True), "\u3000os-release configuration"])
    first = paragraph.lines[0]
    assert [g.x for g in first.glyphs[:3]] == [0, EM, 2 * EM]
    assert first.emergency is None and first.width == MEASURE


def test_a_path_from_the_root_breaks_after_its_slashes_and_keeps_the_root_with_its_first_part():
    text = "更多信息，请参阅位于/usr/share/doc/apt-doc/guide.html/index.html的用户指南。"
    breaks = list(breaks_inside(text, "于/usr/share/doc/apt-doc/guide.html/index.html", range(6, 14)))
    assert any(before.endswith(("usr/", "share/", "doc/")) for _, before, _ in breaks), breaks
    for lines, before, after in breaks:
        assert not before.endswith("于/"), lines  # never the root alone at a line's end
        assert before[-1] in "/." or after == "-" or before.endswith("于"), lines


def test_a_latin_compound_with_a_solidus_may_break_after_it_but_a_chinese_one_may_not():
    text = "虽然DebianGNU/Linux本身是自由软件，它也为其他发行版提供了基础。"  # as the lines give it back
    breaks = list(breaks_inside(text, "GNU/Linux", range(6, 14), source=text.replace("Debian", "Debian ")))
    assert breaks and all(before.endswith("GNU/") for _, before, _ in breaks), breaks
    for measure in range(4, 14):
        chinese = compose(["他们在开会时讨论了很多问题，甲/乙两方都同意。"], Composition(), measure=measure * EM)
        assert not any(line.text.endswith("/") or line.text.startswith("/") for line in chinese.lines), measure
