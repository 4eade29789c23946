"""Headlines broken at the editor's spaces: the optimum of all splits, found in near-linear work.

The outside fuzzing found headline splitting cubic in the number of words (100 words: 116 s).
The splitter now works word by word; these tests hold it to the exhaustive search on small
headlines and count its composition calls on long ones (work, not seconds: nothing here is timed).
"""

from __future__ import annotations

from itertools import combinations
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EM, body_style, synthetic_fonts
from layout.model.style import Composition, Grid
from layout.page import headline
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.segment import Span

GRID = Grid(columns=8, column_chars=13, gutter_chars=1, body_size=EM, line_gap=4500, lines=104, left=0, top=0)
STYLE = body_style(2 * EM)  # an 18 pt headline: 2 body characters an em
HAN = "尽锐出战攻坚克难坚决打赢疫情防控阻击战学习贯彻中央省市工作精神"
words = st.lists(st.text(alphabet=HAN, min_size=1, max_size=5), min_size=2, max_size=7)


def exhaustive(text: str, measure: int) -> list[str] | None:
    """Every way to break at up to three spaces: fewest lines, then the narrowest widest line,
    then the earliest breaks; no line of one character; each piece one line within the measure."""
    parts = text.split(" ")
    options = ComposeOptions(measure=measure, composition=Composition(), align="center")
    for cuts in range(1, min(3, len(parts) - 1) + 1):
        best = None
        for positions in combinations(range(1, len(parts)), cuts):
            bounds = (0, *positions, len(parts))
            pieces = [" ".join(parts[a:b]) for a, b in zip(bounds, bounds[1:])]
            if any(len(p.replace(" ", "")) < 2 for p in pieces):
                continue
            lines = [compose_paragraph([Span(p, STYLE)], synthetic_fonts(), options).lines for p in pieces]
            if all(len(ls) == 1 and ls[0].width <= measure for ls in lines):
                widest = max(ls[0].width for ls in lines)
                if best is None or widest < best[0]:
                    best = (widest, [ls[0].text for ls in lines])
        if best is not None:
            return best[1]
    return None


@settings(max_examples=150, deadline=None)
@given(words=words, span=st.integers(1, 3))
def test_the_splitter_finds_what_the_exhaustive_search_finds(words, span):
    text = " ".join(words)
    measure = GRID.span_width(span)
    options = ComposeOptions(measure=measure, composition=Composition(), align="center")
    found = headline._split_at_spaces(text, STYLE, options, synthetic_fonts(), measure)
    assert (None if found is None else [line.text for line in found]) == exhaustive(text, measure)


@settings(max_examples=25, deadline=None)
@given(words=st.lists(st.text(alphabet=HAN, min_size=1, max_size=4), min_size=100, max_size=100))
def test_a_hundred_word_headline_costs_work_linear_in_its_words(words):
    measure = GRID.span_width(3)  # 41 body characters: at most 20 two-em words a line
    calls = [0]
    original = headline._compose

    def counting(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    with patch.object(headline, "_compose", counting):
        block = headline.compose_headline(" ".join(words), STYLE, measure, synthetic_fonts(), GRID, Composition())
    assert all(line.width <= measure for line in block.lines)
    assert "".join(line.text for line in block.lines) == "".join(words)
    # each word starts at most one piece per word a line can hold (≤ 21), plus a few dozen
    # compositions for balancing; every combination of up to three of 99 spaces would be
    # 161,799 compositions
    assert calls[0] <= 100 * 21 + 60
