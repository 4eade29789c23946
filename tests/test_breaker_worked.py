"""Knuth–Plass breaks worked out by hand on tiny item lists.

Each list below is small enough that every feasible break set can be listed in a comment, with the
badness of each line and the demerits of each set, from the rules in `layout/text/breaker.py`:

    ratio    (measure − width) / stretch when the line is short, (measure − width) / shrink when
             it is long; a line is feasible when −1 ≤ ratio ≤ tolerance
    badness  100·r³ when stretching, 100·|r|³·shrink_weight (0.02) when shrinking
    demerits (line_penalty + badness)² + penalty²      (line_penalty 10; a penalty p < 0 gives −p²)
             + 3000 when this break and the one before it are both flagged

The expectations come from that arithmetic, not from running the breaker, and each example is
chosen so that a plausible slip in the formula (demerits not squared, a penalty not squared, the
flagged demerits added once too often, shrinking weighed like stretching) picks another break set.

The lists are "words": a box of the given width, then between two words a legal break and a glue
of width 0 with the given stretch (and shrink). The glue after a break is dropped, so a line's
width is the sum of its words and its stretch the sum of the glues inside it. The last line ends
with the paragraph fill (stretch 10⁹): its ratio is ~10⁻⁸, its badness ~0, its demerits 10² = 100.
"""

from __future__ import annotations

import pytest

from layout.text.breaker import BOX, GLUE, INFINITY, PENALTY, Demerits, box, break_lines, glue, greedy_lines, penalty

FILL = 10**9


def words(widths, stretches, shrinks=None, costs=None, flagged=()):
    """Boxes `widths`; junction j (between word j−1 and word j, 1-based j ≥ 1) is a penalty of
    cost `costs[j]` (0 by default, flagged when j is in `flagged`) then glue(0, stretches[j−1],
    shrinks[j−1])."""
    shrinks = shrinks or [0] * len(stretches)
    costs = costs or {}
    items = []
    for j, width in enumerate(widths):
        if j:
            items.append(penalty(costs.get(j, 0), flagged=j in flagged))
            items.append(glue(0, stretches[j - 1], shrinks[j - 1]))
        items.append(box(width, payload=j + 1))
    return items + [glue(0, FILL, 0), penalty(-INFINITY)]


def words_per_line(items, lines):
    return [[items[i].payload for i in range(line.start, line.end) if items[i].kind == BOX] for line in lines]


# --- demerits are squared ------------------------------------------------------------------------
#
# Measure 100. Words   w1  w2  w3  w4  w5  w6
#                      45  45  10  80  14  10
# junction stretch        20  10  20  10  10      (no shrink anywhere)
#
# Every line a break can end (a single word has no stretch, so it is feasible only when exact):
#   [w1 w2]     90, stretch 20: r = 10/20 = 0.5, badness 100·0.125 = 12.5
#   [w1 w2 w3] 100:             r = 0,          badness 0
#   [w1..w4]   180: overfull, no shrink: infeasible
#   [w3 w4]     90, stretch 20: r = 0.5,        badness 12.5
#   [w3 w4 w5] 104: infeasible
#   [w4 w5]     94, stretch 10: r = 6/10 = 0.6, badness 100·0.216 = 21.6
#   [w4 w5 w6] 104: infeasible (even with the fill: nothing shrinks)
#   last lines [w5 w6] (24) and [w6] (10): feasible, demerits 100
# So there are exactly two break sets:
#   A = [w1 w2] [w3 w4] [w5 w6]:  22.5² + 22.5² + 10² = 506.25 + 506.25 + 100 = 1112.5
#   B = [w1 w2 w3] [w4 w5] [w6]:  10² + 31.6² + 10²   = 100 + 998.56 + 100    = 1198.56
# Total fit chooses A (two equally loose lines). Without the square it would be
#   A: 22.5 + 22.5 + 10 = 55   against   B: 10 + 31.6 + 10 = 51.6,
# and B (one tight line, one looser) would win: squaring is what spreads the white evenly.
WIDTHS = [45, 45, 10, 80, 14, 10]
STRETCHES = [20, 10, 20, 10, 10]
A = [[1, 2], [3, 4], [5, 6]]
B = [[1, 2, 3], [4, 5], [6]]


def test_squared_demerits_prefer_two_equally_loose_lines():
    items = words(WIDTHS, STRETCHES)
    lines = break_lines(items, 100, 1.0)
    assert words_per_line(items, lines) == A
    assert [line.ratio for line in lines[:2]] == [0.5, 0.5]
    assert 0 <= lines[2].ratio < 1e-6


def test_tolerance_is_inclusive_and_cuts_the_looser_set():
    items = words(WIDTHS, STRETCHES)
    # tolerance 0.6 still admits B's 0.6 line; A wins on demerits as above (unsquared: B)
    assert words_per_line(items, break_lines(items, 100, 0.6)) == A
    # tolerance 0.5: A's lines sit exactly on the limit and are kept (ratio > tolerance is out,
    # ratio == tolerance is in); B's 0.6 line is out
    assert words_per_line(items, break_lines(items, 100, 0.5)) == A
    # below 0.5 neither set is feasible: [w1 w2] and [w4 w5] are both too loose
    assert break_lines(items, 100, 0.49) is None
    # no tolerance (ragged settings): the same choice as within 1.0
    assert words_per_line(items, break_lines(items, 100, float("inf"))) == A


# --- flagged breaks ------------------------------------------------------------------------------
# A breaks at junctions 2 and 4, B at 3 and 5. Flagging A's two breaks puts two flagged breaks in a
# row on A (the paragraph start is not a flagged break): A = 1112.5 + 3000 = 4112.5 > B = 1198.56.
# Flagging only one of them costs nothing: the break before it is not flagged.

def test_two_flagged_breaks_in_a_row_cost_the_flagged_demerits():
    items = words(WIDTHS, STRETCHES, flagged={2, 4})
    assert words_per_line(items, break_lines(items, 100, 1.0)) == B


@pytest.mark.parametrize("flagged", [{2}, {4}, {2, 5}, {3, 4}], ids=["first", "second", "A-first-B-second", "B-first-A-second"])
def test_one_flagged_break_alone_costs_nothing(flagged):
    # {2, 5}: A has only 2 flagged, B only 5 (its previous break, 3, is not); {3, 4} likewise
    items = words(WIDTHS, STRETCHES, flagged=flagged)
    assert words_per_line(items, break_lines(items, 100, 1.0)) == A


def test_flagged_demerits_are_added_once():
    # A − B = −86.06 before the flag: flagged demerits of 80 leave A ahead (1192.5 < 1198.56),
    # 90 put B ahead (1202.5 > 1198.56)
    items = words(WIDTHS, STRETCHES, flagged={2, 4})
    assert words_per_line(items, break_lines(items, 100, 1.0, Demerits(flagged=80))) == A
    assert words_per_line(items, break_lines(items, 100, 1.0, Demerits(flagged=90))) == B


# --- penalties -----------------------------------------------------------------------------------
# A positive penalty p on A's first break adds p² to A: p = 9 → 1193.5 (A still wins), p = 10 →
# 1212.5 (B wins). Were it added unsquared (+10) A would still win at 10.
# A negative penalty −p on B's first break takes p² off B: −9 → 1117.56 (A wins), −10 → 1098.56 (B).

@pytest.mark.parametrize("junction, cost, expected", [(2, 9, A), (2, 10, B), (3, -9, A), (3, -10, B)], ids=["plus9", "plus10", "minus9", "minus10"])
def test_penalty_demerits_are_squared(junction, cost, expected):
    items = words(WIDTHS, STRETCHES, costs={junction: cost})
    assert words_per_line(items, break_lines(items, 100, 1.0)) == expected


def test_a_forced_break_inside_the_list_is_always_taken():
    # [60] fill, forced break, [60]: without the forced break both boxes would fit one line of 130
    # (120 + the fill's stretch); a forced break ends the line there whatever it costs
    items = [box(60, 1), glue(0, FILL, 0), penalty(-INFINITY), box(60, 2), glue(0, FILL, 0), penalty(-INFINITY)]
    lines = break_lines(items, 130, 1.0)
    assert words_per_line(items, lines) == [[1], [2]]


# --- push in before push out ---------------------------------------------------------------------
#
# Measure 100. Words   w1  w2  w3  w4
#                      46  45  19  20
# junction stretch        30  10  10
# junction shrink          5   5   3
#
#   [w1 w2]      91, stretch 30: r = 9/30 = 0.3,     badness 100·0.027 = 2.7,        demerits 12.7² = 161.29
#   [w1 w2 w3]  110, shrink 10:  r = −10/10 = −1,    badness 100·1·0.02 = 2,         demerits 12² = 144
#   [w1..w4]    130 as a last line, shrink 13: r = −30/13: infeasible; [w1] alone: no stretch, infeasible
#   last lines [w3 w4] (39) and [w4] (20): 100 each
# Shrinking (push in: the marks give up their blanks) costs 244, stretching (push out: a character
# goes down and every gap opens) 261.29: push in wins. Weighed like stretching (shrink_weight 1)
# the shrunk line's badness would be 100 and its demerits 110² = 12100: push out would win.
PUSH_WIDTHS = [46, 45, 19, 20]
PUSH_STRETCHES = [30, 10, 10]
PUSH_SHRINKS = [5, 5, 3]  # the 3 after w3 is not inside [w1 w2 w3]: its ratio is −10/10, not −10/13


def test_push_in_before_push_out():
    items = words(PUSH_WIDTHS, PUSH_STRETCHES, PUSH_SHRINKS)
    lines = break_lines(items, 100, 1.0)
    assert words_per_line(items, lines) == [[1, 2, 3], [4]]
    assert lines[0].ratio == -1.0  # fully shrunk is still feasible


def test_shrink_weight_decides_push_in_against_push_out():
    items = words(PUSH_WIDTHS, PUSH_STRETCHES, PUSH_SHRINKS)
    # shrink_weight 0.03: badness 3, demerits 169 > 161.29: push out
    assert words_per_line(items, break_lines(items, 100, 1.0, Demerits(shrink_weight=0.03))) == [[1, 2], [3, 4]]
    assert words_per_line(items, break_lines(items, 100, 1.0, Demerits(shrink_weight=1.0))) == [[1, 2], [3, 4]]


def test_badness_of_shrinking_is_cubic_in_the_ratio():
    # twice the shrink (10 and 10): [w1 w2 w3] shrinks by 10 of 20, r = −0.5, badness
    # 100·0.125·0.02 = 0.25, demerits 10.25² = 105.06 < 161.29: push in, at half its shrink
    items = words(PUSH_WIDTHS, PUSH_STRETCHES, [10, 10, 3])
    lines = break_lines(items, 100, 1.0)
    assert words_per_line(items, lines) == [[1, 2, 3], [4]]
    assert lines[0].ratio == -0.5


def test_a_line_never_shrinks_past_its_shrink():
    # w3 = 20: [w1 w2 w3] is 111 with 10 of shrink, r = −1.1 < −1: infeasible, so push out, though
    # its badness, 100·1.331·0.02 = 2.66, would beat push out's 2.7 (160.33 against 161.29)
    items = words([46, 45, 20, 20], PUSH_STRETCHES, PUSH_SHRINKS)
    lines = break_lines(items, 100, 1.0)
    assert words_per_line(items, lines) == [[1, 2], [3, 4]]
    assert lines[0].ratio == pytest.approx(0.3)


# --- what a break is -----------------------------------------------------------------------------

def test_a_penalty_of_infinity_is_no_break():
    # [100] [100] in a measure of 100: the only junction costs INFINITY, so there is no break and
    # the single line of 200 cannot shrink: no solution at all
    items = [box(100, 1), penalty(INFINITY), glue(0, 10, 0), box(100, 2), glue(0, FILL, 0), penalty(-INFINITY)]
    assert break_lines(items, 100, 1.0) is None
    # one less is a legal (if dear) break: two exact lines
    items[1] = penalty(INFINITY - 1)
    assert words_per_line(items, break_lines(items, 100, 1.0)) == [[1], [2]]


def test_a_penalty_width_belongs_to_the_line_it_ends():
    # a break that draws something (a hyphen, 10 wide): [90] + 10 = 100 fills the measure exactly
    # although the box has no stretch; without the 10 the line could not be justified at all
    items = [box(90, 1), penalty(0, width=10), glue(0, 0, 0), box(50, 2), glue(0, FILL, 0), penalty(-INFINITY)]
    lines = break_lines(items, 100, 1.0)
    assert words_per_line(items, lines) == [[1], [2]]
    assert lines[0].ratio == 0


# --- the greedy fallback -------------------------------------------------------------------------
# Seven boxes of 10 in a measure of 35: each line holds three (30; a fourth makes 40).

def seven(junction):
    """Boxes 1–7 of width 10; `junction(j)` gives the items before box j (j = 2…7)."""
    items = [box(10, 1)]
    for j in range(2, 8):
        items += junction(j) + [box(10, j)]
    return items + [glue(0, FILL, 0), penalty(-INFINITY)]


def test_greedy_fills_each_line_and_breaks_at_the_last_legal_break():
    items = seven(lambda j: [penalty(0), glue(0, 0, 0)])
    lines = greedy_lines(items, 35)
    assert words_per_line(items, lines) == [[1, 2, 3], [4, 5, 6], [7]]
    assert [items[line.end].kind for line in lines] == [PENALTY, PENALTY, PENALTY]
    assert all(line.ratio == 0.0 for line in lines)


def test_greedy_without_legal_breaks_breaks_at_the_last_junction_that_fits():
    items = seven(lambda j: [glue(0, 0, 0)])
    lines = greedy_lines(items, 35)
    assert words_per_line(items, lines) == [[1, 2, 3], [4, 5, 6], [7]]
    assert [items[line.end].kind for line in lines[:2]] == [GLUE, GLUE]  # the composer flags these


def test_greedy_prefers_an_earlier_legal_break_to_a_later_forbidden_one():
    # only the junction before box 2 is legal: line 1 ends there ([1]), though three boxes fit;
    # line 2 has no legal break left and ends at the last junction that fits ([2 3 4])
    items = seven(lambda j: [penalty(0), glue(0, 0, 0)] if j == 2 else [glue(0, 0, 0)])
    assert words_per_line(items, greedy_lines(items, 35)) == [[1], [2, 3, 4], [5, 6, 7]]


def test_greedy_takes_no_break_whose_own_width_overflows():
    # a hyphen-like break of width 10 after box 3 would make the line 40: not taken there, so the
    # line ends at the break before box 3
    items = seven(lambda j: [penalty(0, width=10 if j == 4 else 0), glue(0, 0, 0)])
    assert words_per_line(items, greedy_lines(items, 35))[0] == [1, 2]


def test_greedy_breaks_again_after_a_box_wider_than_the_measure():
    # [50] [200] [50] [50], every junction legal, measure 100: the 200 cannot fit anywhere and
    # stands alone (overfull); the boxes after it go on as usual: [50] [200] [50 50] (the line that
    # started with the 200 once took the rest of the paragraph).
    items = [box(50, 1)]
    for n, width in enumerate([200, 50, 50], start=2):
        items += [penalty(0), glue(0, 0, 0), box(width, n)]
    items += [glue(0, FILL, 0), penalty(-INFINITY)]
    assert words_per_line(items, greedy_lines(items, 100)) == [[1], [2], [3, 4]]
