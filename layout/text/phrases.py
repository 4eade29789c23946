"""Where a headline may break: between words, ranked, from a Chinese word segmenter.

The segmenter is jieba (MIT, pure Python, its dictionary inside the wheel, no network): the
de-facto standard for Simplified Chinese, deterministic for a given dictionary, and light enough
to load on first use. It is imported only when a headline needs breaking without the editor's
spaces, its log is silenced, and its dictionary comes from the project's cache as a sorted
lexicon (text/lexicon.py): jieba's own cache file is never written.

A break is never inside a segmenter word, a Latin word or number, a ——/…… unit, or where the
line-start and line-end prohibitions forbid it. Each candidate carries a cost, in the units the
headline breaker weighs against uneven lines (one unit: one em² of squared deviation from the
balanced line length): after punctuation cheapest, then between phrases (before a conjunction or
preposition, after 的, before an opening quote), then between two content words, dearest where a
function word binds to its neighbour (before 的/了, after 在/和).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import warnings
from functools import lru_cache
from itertools import pairwise
from typing import Any

from layout.text.lexicon import load_lexicon
from layout.text.classes import (
    CHAR_CLASS,
    CLOSE_CHARS,
    DASH_UNITS,
    ELLIPSIS_UNITS,
    NO_END,
    NO_START,
    OPEN_CHARS,
)

# --- the rule tables -----------------------------------------------------------------------------

PUNCTUATION_COST = 0  # a clause ends: the break an editor makes first
LIST_COST = 2  # inside an enumeration, or after a closing quote or bracket
PHRASE_COST = 6  # between phrases, at a function word
WORD_COST = 16  # between two content words (a phrase may run across it: 工作|精神)
BOUND_COST = 40  # a function word would be cut off from the word it binds to
SPACE_COST = 0  # the editor's own space

# cost of a break after a mark (the mark ends the line)
AFTER_MARK: dict[str, int] = {
    **{mark: PUNCTUATION_COST for mark in "，：；！？。"},
    "、": LIST_COST,
    **{mark: LIST_COST for mark in CLOSE_CHARS},
}
BEFORE_OPENING_COST = PHRASE_COST  # a quote or bracket opens a phrase: 一个软件包的 / “稳定”之路

# function words, matched against whole segmenter words (so 和 in 和平 is not one)
PARTICLES = frozenset(["的", "地", "得", "了", "着", "过", "们", "等", "吗", "呢", "吧"])  # bind to the word before
LINKS = frozenset(["之"])  # bind to both sides: 赶考之路
PREPOSITIONS = frozenset(["在", "对", "把", "被", "为", "向", "从", "于", "以", "将", "由", "给", "按", "据", "自", "就", "对于", "关于", "通过", "围绕", "根据", "按照", "面向"])  # bind to the word after
CONJUNCTIONS = frozenset(["和", "与", "及", "以及", "并", "暨", "或", "同", "跟", "而", "并且", "或者"])  # open the phrase after them
LOCATIVES = frozenset(["上", "中", "里", "内", "间"])  # close the noun before them: 会议上

# cost of a break before / after a word of each kind
BEFORE_WORD: dict[str, int] = {"particle": BOUND_COST, "link": BOUND_COST, "locative": BOUND_COST, "preposition": PHRASE_COST, "conjunction": PHRASE_COST}
AFTER_WORD: dict[str, int] = {"particle": PHRASE_COST, "link": BOUND_COST, "locative": PHRASE_COST, "preposition": BOUND_COST, "conjunction": BOUND_COST}
WORD_KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("particle", PARTICLES),
    ("link", LINKS),
    ("locative", LOCATIVES),
    ("preposition", PREPOSITIONS),
    ("conjunction", CONJUNCTIONS),
)
UNBREAKABLE_UNITS = DASH_UNITS + ELLIPSIS_UNITS

# -------------------------------------------------------------------------------------------------

_LOCK = threading.Lock()


def break_candidates(text: str, prohibition: str = "gb") -> list[tuple[int, int]]:
    """(offset, cost) for every offset of `text` (normalised) at which a line may break, in order.
    At an editor's space the offset is after the space (the space is dropped at the break)."""
    words = words_of(text)
    result = []
    offset = 0
    for left, right in pairwise(words):
        offset += len(left)
        if right.startswith(" "):
            continue  # the break goes after the space
        if _legal(text, offset, prohibition):
            result.append((offset, _cost(left, right)))
    return result


def words_of(text: str) -> list[str]:
    """The segmenter's words, runs of spaces kept as words of their own; they join back to `text`."""
    if not text:
        return []
    words: list[str] = []
    for word in _tokenizer().cut(text, HMM=True):
        if word.isspace() and words and words[-1].isspace():
            words[-1] += word
        else:
            words.append(word)
    return words


def _legal(text: str, offset: int, prohibition: str) -> bool:
    before, after = text[offset - 1], text[offset]
    if before.isspace():
        return True
    if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
        return False  # a Latin word or a number
    if any(unit in text[max(0, offset - 1) : offset + 1] for unit in UNBREAKABLE_UNITS):
        return False
    return not (CHAR_CLASS.get(after) in NO_START[prohibition] or CHAR_CLASS.get(before) in NO_END[prohibition])


def _cost(left: str, right: str) -> int:
    """The dearest rule that applies (a quote does not free a 的 after it); a plain word
    boundary when none does."""
    if left[-1].isspace():
        return SPACE_COST
    costs = [AFTER_MARK[left[-1]]] if left[-1] in AFTER_MARK else []
    costs += [BEFORE_OPENING_COST] if right[0] in OPEN_CHARS else []
    costs += [AFTER_WORD[kind] for kind in _kinds(left)]
    costs += [BEFORE_WORD[kind] for kind in _kinds(right)]
    return max(costs) if costs else WORD_COST


def _kinds(word: str) -> list[str]:
    return [kind for kind, words in WORD_KINDS if word in words]


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """jieba's tokenizer over its own dictionary, as a sorted lexicon from the cache
    (text/lexicon.py) instead of the prefix dict jieba builds in about a second; silent."""
    with _LOCK:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # jieba finds its files through pkg_resources when it can (about 70 ms to import)
            # and through its own folder otherwise; the folder is where they are
            hidden = "pkg_resources" not in sys.modules
            if hidden:
                sys.modules["pkg_resources"] = None  # type: ignore[assignment]
            try:
                import jieba
            finally:
                if hidden:
                    del sys.modules["pkg_resources"]

        jieba.setLogLevel(logging.CRITICAL + 1)
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ, tokenizer.total = load_lexicon(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"))
        tokenizer.initialized = True
        return tokenizer
