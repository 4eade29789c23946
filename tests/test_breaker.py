"""The total-fit breaker on item lists with fixed widths (no fonts)."""

from layout.text.breaker import INFINITY, box, break_lines, glue, greedy_lines, penalty


def cjk_items(count: int, width: int = 10, stretch: int = 3, forbid_before: set[int] = frozenset()):
    """`count` boxes with a breakable stretchy junction between each pair, a paragraph end."""
    items = []
    for i in range(count):
        if i:
            if i not in forbid_before:
                items.append(penalty(0))
            items.append(glue(0, stretch, 0))
        items.append(box(width, payload=i))
    items += [glue(0, 10**9, 0), penalty(-INFINITY)]
    return items


def boxes_per_line(items, lines):
    return [sum(1 for it in items[line.start : line.end] if it.kind == 0) for line in lines]


def test_exact_fit_lines_are_full():
    items = cjk_items(26)
    lines = break_lines(items, 130, 1.0)
    assert boxes_per_line(items, lines) == [13, 13]
    assert lines[0].ratio == 0


def test_forbidden_break_pushes_a_box_and_stretches_within_tolerance():
    # no break before box 13: the first line cannot end after 13 boxes
    items = cjk_items(27, forbid_before={13})
    lines = break_lines(items, 130, 1.0)
    counts = boxes_per_line(items, lines)
    assert counts[0] != 13
    assert sum(counts) == 27
    assert all(-1 <= line.ratio <= 1 for line in lines[:-1])


def test_no_feasible_solution_returns_none_and_greedy_still_breaks():
    # a box wider than the measure can never fit
    items = [box(50), penalty(0), glue(0, 1, 0), box(200), glue(0, 10**9, 0), penalty(-INFINITY)]
    assert break_lines(items, 100, 1.0) is None
    lines = greedy_lines(items, 100)
    assert len(lines) == 2


def test_same_input_same_breaks():
    items = cjk_items(100, forbid_before={13, 27, 40})
    assert break_lines(items, 130, 1.0) == break_lines(items, 130, 1.0)


def test_gaps_open_to_their_cap_then_letters_then_both_alike():
    from layout.text.breaker import stretch_tiers

    assert stretch_tiers(30, 60, 40) == (0.5, 0.0)  # the gaps alone, half way to their cap
    assert stretch_tiers(80, 60, 40) == (1.0, 0.5)  # gaps at the cap, letters half way
    assert stretch_tiers(150, 60, 40) == (1.5, 1.0)  # past both: every position opens by half again
    assert stretch_tiers(20, 0, 40) == (1.0, 0.5)  # no gap at all: the letters take it
    assert stretch_tiers(90, 60, 0) == (1.5, 0.0)  # nothing to letter-space: as a plain ratio


def test_a_line_that_cannot_fill_with_its_gaps_takes_the_letters_and_stays_within_tolerance():
    # two boxes that may spread (a Latin word each) and one gap: at ratio 1 the line is 10 short,
    # which the letters' track of 20 takes; without it, the line is past the tolerance
    def items(track):
        return [box(40, track=track), glue(0, 5, 0), box(40, track=track), penalty(0), glue(0, 5, 0),
                box(50), glue(0, 10**9, 0), penalty(-INFINITY)]

    assert break_lines(items(0), 95, 1.0) is None
    lines = break_lines(items(10), 95, 1.0)
    assert lines is not None and lines[0].ratio == 1.0
