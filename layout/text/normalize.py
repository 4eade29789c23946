"""Normalisation before composition (CJK-TYPOGRAPHY §3.7 step 1; §1.1, §1.3, §3.6, §4).

`normalize` runs these steps in this order, each a switch of `Normalization` (the style sheet's
`composition: normalize:`; README.md lists them):

1. NFC (always).
2. `fullwidth_alnum`: ＡＢＣ１２３ → ABC123.
3. `dashes`: `--` or `---`, and `―`/`――` (U+2015) or `─`/`──` (U+2500), alone or mixed with
   U+2014, beside Chinese text → `——` (n such characters: ⌈n/2⌉ two-em units). Stays as written:
   hyphens glued to a following letter or digit (`--help`), runs of four hyphens or more, and
   U+2014 alone (the one-em connector of §1.1 and §1.3, 北京—上海) or already in units (`——`).
   `lone_dash` (off by default): a lone `—` beside Chinese text → `——` too, except a range, between
   two letters or digits (`F1—F6`, `2019—2022`) or between a number with its measure word and a
   digit (`2019年—2022年`, `1月—3月`).
4. `ellipses`: three or more ASCII dots, or a run of U+2026, beside Chinese text → `……` (n U+2026
   become ⌈n/2⌉ units). Stays: dots glued to `/` (`../`, `.../`) or between two letters or digits.
5. `brackets`: `( )` and `[ ]` as matched pairs → `（ ）` `［ ］`, both sides or neither: a pair
   with Han inside, or one with only Latin inside that is not glued to a word on either side and
   has Han just outside it (past spaces and punctuation): `(DKMS)` beside Han converts, `make(1)`,
   `f(x)` and `a[i]` stay. A pair of one ASCII and one full-width side is made full width.
6. `quotes`: straight `"` and `'` paired by position within the text (open, close, open, …), each
   pair converted to `“ ”` / `‘ ’` by the rule for brackets: `他说"好"`, `名为 "LikeThis" 的`
   convert, `echo "hi"` stays. A `'` between two letters or digits is an apostrophe (`don't`,
   `Debian's`), never paired.
7. `ascii_punctuation`: `, : ; ? !` whose nearest neighbour (past spaces, and on the right past
   other such marks) is Chinese → `，：；？！`; not `:` before `/` (URLs) and not a mark between
   two digits (`12,345`, `12:30`). `.` → `。` only where it ends a Chinese sentence (`_full_stop`).
8. `join_lines`, `spaces`, `han_spaces`: whitespace. A run with a source line break vanishes beside
   Chinese text and becomes one space between Latin words (`join_lines`; off: each line break is a
   space, kept as it is). Any other run of spaces (U+0020, tab, U+00A0, U+202F and the other
   Unicode spaces, not U+3000) between Han and Latin text, or beside Chinese punctuation, is
   removed: the composer supplies the style sheet's Han–Latin gap (`spaces`); between Latin words
   it becomes one space (one no-break space when the run was only no-break spaces). Between two
   Han characters it is removed only with `han_spaces`, and only in body paragraphs (the composer
   asks for it with `ComposeOptions.prose`): a headline's spaces are its preferred breaks, a
   byline's separate 记者 and the name. Spaces at the text's two ends stay (another span may follow). An
   ideographic space U+3000 inside the text is a deliberate blank cell (第一章　道, after a run-in
   dateline) and stays.
9. `ideographic_indent`: leading U+3000 dropped at a paragraph's start (the indent replaces them).

Every step is a pure function of the text and runs in linear time: the regular expressions are
single character classes or runs of one (nothing to backtrack into), pairs are matched with a
stack, "Han inside" comes from prefix counts, and every look to the side is bounded by `REACH`.
The only changes are the conversions above and removed whitespace; nothing is reordered.
`normalize(normalize(t)) == normalize(t)` for the default steps.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from functools import lru_cache
from itertools import accumulate

from layout.model.style import Normalization
from layout.text.classes import CHAR_CLASS, OPEN_CHARS, is_cjk, is_han

# ASCII punctuation that becomes its full-width Chinese form beside Chinese text (§1.1, §3.7); the
# check's `ascii-punctuation` rule looks for these. `.` → `。` has its own rule (`_full_stop`).
ASCII_TO_FULLWIDTH = {
    ",": "，",
    ":": "：",
    ";": "；",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
}
SENTENCE_MARKS = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", ".": "。"}
WIDE_BRACKETS = {"(": "（", ")": "）", "[": "［", "]": "］"}
BRACKET_SHAPE = {"(": "(", "（": "(", ")": "(", "）": "(", "[": "[", "［": "[", "]": "[", "］": "["}
OPENING_BRACKETS = "([（［"
DASH = "——"
ELLIPSIS = "……"
DASH_LIKE = "—―─"  # U+2014, U+2015, U+2500
EXTRA_CHINESE = "\u2026\u22ef\u2015\u2500\u2e3a"  # … ⋯ ― ─ ⸺: Chinese text for these steps, though not East Asian wide
NO_BREAK_SPACES = "\u00a0\u202f\u2007"
LINE_BREAKS = "\n\r"
# whitespace inside a paragraph; U+3000 is not among them: it is a blank cell of its own
WHITESPACE = " \t" + LINE_BREAKS + NO_BREAK_SPACES + "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f"
# ASCII marks the steps may convert: neutral when deciding whether a pair is glued to a word
ASCII_MARKS = frozenset(",.:;?!()[]\"'")
REACH = 64  # characters a look to either side may pass over (spaces, marks, a Latin run)

_WS_RUN = re.compile("[" + re.escape(WHITESPACE) + "]+")
_DASH_RUN = re.compile(r"(?:[" + DASH_LIKE + r"]|-{2,})+")  # alternatives open with different characters
_HYPHENS = re.compile(r"-+")
_ELLIPSIS_RUN = re.compile(r"\.{3,}|\u2026+")
_BRACKET = re.compile(r"[()\[\]（）［］]")
_MARK = re.compile(r"[,.:;?!]")


@lru_cache(maxsize=64)
def not_prose(steps: Normalization) -> Normalization:
    """The steps for text that is not a body paragraph (headlines, bylines, boxes): without
    `han_spaces`, since their spaces between Han characters are meant."""
    return dataclasses.replace(steps, han_spaces=False) if steps.han_spaces else steps


def normalize(text: str, *, paragraph_start: bool = True, steps: Normalization = Normalization()) -> str:
    """The steps of the module's docstring, each when its switch is on."""
    text = unicodedata.normalize("NFC", text)
    if steps.fullwidth_alnum:
        text = "".join(_narrow(ch) for ch in text)
    if steps.dashes and ("-" in text or _has_any(text, DASH_LIKE)):
        text = _dashes(text, steps.lone_dash)
    if steps.ellipses and ("..." in text or "\u2026" in text):
        text = _ellipses(text)
    if steps.brackets and _BRACKET.search(text):
        text = _brackets(text)
    if steps.quotes and ('"' in text or "'" in text):
        text = _quotes(text, '"', "“", "”")
        text = _quotes(text, "'", "‘", "’")
    if steps.ascii_punctuation and _MARK.search(text):
        text = _punctuation(text)
    text = _whitespace(text, steps)
    if paragraph_start:
        text = text.lstrip(WHITESPACE + "\u3000") if steps.ideographic_indent else text.lstrip(WHITESPACE)
    return text


def _narrow(char: str) -> str:
    cp = ord(char)
    if 0xFF10 <= cp <= 0xFF19 or 0xFF21 <= cp <= 0xFF3A or 0xFF41 <= cp <= 0xFF5A:
        return chr(cp - 0xFEE0)
    return char


def _has_any(text: str, chars: str) -> bool:
    return any(ch in text for ch in chars)


# ------------------------------------------------------------------------------------------------
# Character tests
# ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def chinese(char: str) -> bool:
    """Han characters and Chinese punctuation, with the ellipsis and the dash characters."""
    return is_cjk(char) or char in EXTRA_CHINESE


@lru_cache(maxsize=8192)
def _han(char: str) -> bool:
    return not char.isascii() and is_han(char)


def _wordish(char: str | None) -> bool:
    """Part of a Latin word, number or code token (a letter, a digit, `_ $ / - =` …)."""
    return char is not None and not chinese(char) and char not in ASCII_MARKS and char not in WHITESPACE


def _latin_alnum(char: str | None) -> bool:
    return char is not None and char.isalnum() and not chinese(char)


_SPACES = re.escape(WHITESPACE)
# spaces and punctuation, ASCII or Chinese, and hyphens: what a look for the text beside a pair or
# a dash passes over (their forms may be what a step is deciding)
_MARKS = _SPACES + "".join(re.escape(ch) for ch in sorted(ASCII_MARKS | {ch for ch in CHAR_CLASS if not ch.isascii()} | set(EXTRA_CHINESE) | {"-"}))
NOT_SPACE = re.compile(f"[^{_SPACES}]")
NOT_MARK = re.compile(f"[^{_MARKS}]")
# past the marks `ascii_punctuation` decides, in either form: what the step looks at to the right
NOT_SPACE_OR_SENTENCE_MARK = re.compile(f"[^{_SPACES}{re.escape(''.join(SENTENCE_MARKS) + ''.join(SENTENCE_MARKS.values()))}]")


class _Text:
    """A text and its reverse, for bounded looks to either side (a negated character class
    searched over at most REACH characters)."""

    __slots__ = ("text", "_reverse")

    def __init__(self, text: str):
        self.text = text
        self._reverse: str | None = None

    def index(self, i: int, step: int, pattern: re.Pattern[str]) -> int | None:
        """Index of the nearest character from i (exclusive) in direction `step` that `pattern`
        matches, within REACH characters; None at the text's end or beyond the reach."""
        text = self.text
        if step > 0:
            match = pattern.search(text, i + 1, i + 1 + REACH)
            return match.start() if match else None
        if self._reverse is None:
            self._reverse = text[::-1]
        r = len(text) - i  # text[i - 1] in the reverse
        match = pattern.search(self._reverse, r, r + REACH)
        return len(text) - 1 - match.start() if match else None

    def near(self, i: int, step: int, pattern: re.Pattern[str]) -> str | None:
        k = self.index(i, step, pattern)
        return None if k is None else self.text[k]


def _han_counts(text: str) -> list[int]:
    return list(accumulate(map(_han, text), initial=0))


def _chinese_beside(t: _Text, start: int, end: int) -> bool:
    """Han text just beside text[start:end]: the nearest character past spaces and punctuation on
    either side is Han (punctuation counts for nothing: its form may be what is being decided)."""
    return _han(t.near(start, -1, NOT_MARK) or "a") or _han(t.near(end - 1, 1, NOT_MARK) or "a")


def _pair_in_chinese(t: _Text, i: int, j: int, han: list[int]) -> bool:
    """A pair of marks at i and j in Chinese context: Han inside, or only Latin inside, glued to no
    word on either side (past spaces) and with Han just outside."""
    if han[j] - han[i + 1] > 0:
        return True
    if _wordish(t.near(i, -1, NOT_SPACE)) or _wordish(t.near(j, 1, NOT_SPACE)):
        return False
    return _chinese_beside(t, i, j + 1)


# ------------------------------------------------------------------------------------------------
# The steps
# ------------------------------------------------------------------------------------------------


def _splice(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """The text with each (start, end) span, in order and apart, replaced."""
    if not replacements:
        return text
    out, last = [], 0
    for start, end, new in replacements:
        out.append(text[last:start])
        out.append(new)
        last = end
    out.append(text[last:])
    return "".join(out)


def _dashes(text: str, lone_dash: bool) -> str:
    t = _Text(text)
    replacements: list[tuple[int, int, str]] = []
    for match in _DASH_RUN.finditer(text):
        start, end = match.span()
        run = match.group()
        hyphens = _HYPHENS.findall(run)
        if hyphens:
            if any(len(group) > 3 for group in hyphens):
                continue  # a rule of hyphens
            if run[-1] == "-" and end < len(text) and _latin_alnum(text[end]):
                continue  # an option (--help)
        elif run == "—":
            if not lone_dash or _range_dash(text, start):
                continue  # a lone — is the one-em connector (§1.1, §1.3; 北京—上海), unless lone_dash
        elif set(run) == {"—"}:
            continue  # —— already, or units of it
        if not _chinese_beside(t, start, end):
            continue
        units = (len(run) - sum(map(len, hyphens)) + 1) // 2 + len(hyphens)
        replacements.append((start, end, DASH * units))
    return _splice(text, replacements)


def _range_dash(text: str, i: int) -> bool:
    """A lone — between two letters or digits (F1—F6, 2019—2022), or between a number with its
    measure word and a digit (2019年—2022年, 1月—3月)."""
    before = text[i - 1] if i else None
    after = text[i + 1] if i + 1 < len(text) else None
    if _latin_alnum(before) and _latin_alnum(after):
        return True
    return after is not None and after.isdigit() and before is not None and _han(before) and i >= 2 and text[i - 2].isdigit()


def _ellipses(text: str) -> str:
    t = _Text(text)
    replacements: list[tuple[int, int, str]] = []
    for match in _ELLIPSIS_RUN.finditer(text):
        start, end = match.span()
        run = match.group()
        before = text[start - 1] if start else None
        after = text[end] if end < len(text) else None
        if run[0] == ".":
            if before == "/" or after == "/" or _latin_alnum(before) and _latin_alnum(after):
                continue  # a path (../, .../), code (a...b)
            units = 1
        else:
            if len(run) % 2 == 0:
                continue  # already whole units
            units = (len(run) + 1) // 2
        if not _chinese_beside(t, start, end):
            continue
        replacements.append((start, end, ELLIPSIS * units))
    return _splice(text, replacements)


def _bracket_pairs(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Brackets matched by shape ( ( with ) or ）, [ with ] or ］ ), nested, in order: the pairs,
    and the brackets left without a partner (a closer that closes nothing, an opener never closed)."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    alone: list[int] = []
    for match in _BRACKET.finditer(text):
        i = match.start()
        char = text[i]
        if char in OPENING_BRACKETS:
            stack.append(i)
        elif stack and BRACKET_SHAPE[text[stack[-1]]] == BRACKET_SHAPE[char]:
            pairs.append((stack.pop(), i))
        else:
            alone.append(i)
    return pairs, alone + stack


def _brackets(text: str) -> str:
    pairs, _ = _bracket_pairs(text)  # a bracket without its partner stays as it is (a leftover)
    t = _Text(text)
    chars = list(text)
    han: list[int] | None = None
    for i, j in pairs:
        left, right = text[i], text[j]
        if left in WIDE_BRACKETS and right in WIDE_BRACKETS:
            if han is None:
                han = _han_counts(text)
            if _pair_in_chinese(t, i, j, han):
                chars[i], chars[j] = WIDE_BRACKETS[left], WIDE_BRACKETS[right]
        elif left in WIDE_BRACKETS:
            chars[i] = WIDE_BRACKETS[left]  # one side already full width: the pair is made whole
        elif right in WIDE_BRACKETS:
            chars[j] = WIDE_BRACKETS[right]
    return "".join(chars)


def _quotes(text: str, straight: str, opening: str, closing: str) -> str:
    """Straight quotes paired with each other and with the curly ones around them. A straight
    quote with Latin text on one side only faces it (the quoted word): Han or a space before and a
    letter after opens, a letter before and Han or a space after closes; one between two Han
    characters, or two letters, takes the next role in turn. A straight quote that closes a curly
    “ becomes ”; one that a curly mark closes becomes “ (a misplaced “ closing it becomes ”); two
    straight ones become “…” in Chinese context. A quote left without its partner stays as it is
    (the check reports it); curly pairs stay as the source has them."""
    marks = []  # (position, kind): straight quotes (not apostrophes) and curly ones, in order
    length = len(text)
    for start, char in enumerate(text):
        if char == straight:
            if straight != "'" or not (start and _latin_alnum(text[start - 1]) and start + 1 < length and _latin_alnum(text[start + 1])):
                marks.append((start, "straight"))  # an apostrophe (don't, Debian's) is never a quote
        elif char == opening or char == closing:
            marks.append((start, char))
    if not any(kind == "straight" for _, kind in marks) or len(marks) < 2:
        return text
    t = _Text(text)
    chars = list(text)
    han = _han_counts(text)
    opened: tuple[int, str] | None = None  # the quote that opened, and how
    for position, kind in marks:
        role = _facing(text, position) or ("open" if kind == opening else "close" if kind == closing else None)
        if role == "inside":
            continue  # a quote inside code (ID_LIKE="rhel"): neither opens nor closes
        if opened is None or role == "open":
            opened = (position, kind) if role != "close" else None  # a second opener: the first stays unmatched
            continue
        start, how = opened
        opened = None
        if kind == "straight" and how == "straight":
            if _pair_in_chinese(t, start, position, han):  # quotes of Latin text or code stay
                chars[start], chars[position] = opening, closing
        elif kind == "straight":  # closes a curly “: the curly mark says it is a Chinese quotation
            chars[position] = closing
        elif how == "straight":  # a curly mark closes a straight one (a ” or a misplaced “)
            chars[start], chars[position] = opening, closing
    return "".join(chars)


def _code_char(char: str) -> bool:
    """A letter, digit or symbol of Latin text or code that no step changes: not ASCII
    punctuation, brackets, dots or hyphens, which a later step (or a second normalisation) may
    turn into Chinese marks, nor a quote or a space; so the quotes are read alike every time."""
    return bool(char) and char.isascii() and (char.isalnum() or char in "/~_$%#@{}<>=+*&|\\`^")


def _past_spaces(text: str, i: int, step: int) -> str:
    """The nearest character from i that is not a space, within REACH ("" if none)."""
    j = i + step
    for _ in range(REACH):
        if not 0 <= j < len(text):
            return ""
        if not text[j].isspace():
            return text[j]
        j += step
    return ""


def _facing(text: str, i: int) -> str | None:
    """"open" or "close" for a quote with Latin text on one side only (the quoted text is on that
    side; a curly mark typed the wrong way round is read so too); "inside" for a straight quote
    with Latin text on both sides (code: ID_LIKE="rhel"); None where neither side is Latin. The
    sides are judged past spaces, which the spaces step may remove: so a second normalisation
    reads each quote as the first did."""
    before, after = _past_spaces(text, i, -1), _past_spaces(text, i, 1)
    latin_before, latin_after = _code_char(before), _code_char(after)
    if latin_after and not latin_before:
        return "open"
    if latin_before and not latin_after:
        return "close"
    return "inside" if latin_before and text[i] in "\"'" else None


def _punctuation(text: str) -> str:
    t = _Text(text)
    chars = list(text)
    length = len(text)
    for match in _MARK.finditer(text):
        i = match.start()
        char = text[i]
        before = text[i - 1] if i else None
        after = text[i + 1] if i + 1 < length else None
        if before is not None and after is not None and before.isdigit() and after.isdigit():
            continue  # 12,345  12:30  3.14
        if char == ".":
            if before == "." or after == ".":
                continue  # .. and longer runs: paths, code, an ellipsis left as it is
            if _full_stop(t, chars, i, after):
                chars[i] = "。"
            continue
        if char == ":" and after == "/":
            continue  # a URL's scheme
        k = t.index(i, -1, NOT_SPACE)
        previous = None if k is None else chars[k]  # as this step has left it
        following = t.near(i, 1, NOT_SPACE_OR_SENTENCE_MARK)  # past marks this step has yet to decide
        if previous is not None and chinese(previous) or following is not None and chinese(following):
            chars[i] = SENTENCE_MARKS[char]
    return "".join(chars)


def _full_stop(t: _Text, chars: list[str], i: int, after: str | None) -> bool:
    """Whether the ASCII full stop at i ends a Chinese sentence.

    Never when a word, number or code token goes on right after it (3.14, v2.0, README.md,
    www.debian.org, a@b.org, .bashrc), nor after an opening mark or at the text's start. After Han
    or a closing quote or bracket: when Chinese text, a closing or opening mark or the text's end
    follows (past spaces), or a space follows (这是坏主意 . 最好, 好. Debian). After Latin text
    (apt.conf. 然后): when Han text or a closing mark follows (or the text ends and Chinese text
    came before the Latin run), unless the word before it is an abbreviation (Inc. Ltd. etc. e.g.
    U.S. J.) or the Latin run since the last Chinese character is an English sentence: three or more
    words, the first capitalised, at least two of the others plain lower-case words (This is good.
    然后 keeps its full stop; man apt.conf. 然后 and Debian GNU/Linux 11. 然后 do not)."""
    if _wordish(after):
        return False
    k = t.index(i, -1, NOT_SPACE)
    previous = None if k is None else chars[k]
    if previous is None or previous in OPEN_CHARS:
        return False
    k = t.index(i, 1, NOT_SPACE_OR_SENTENCE_MARK)
    if k is None and i + 1 + REACH < len(chars):
        return False  # a long run of spaces or marks: leave it
    following = None if k is None else chars[k]
    chinese_next = following is None or chinese(following)
    if chinese(previous):
        return chinese_next or (after is not None and after in WHITESPACE)
    if not chinese_next or following is not None and following in OPEN_CHARS:
        return False  # Red Hat, Inc.（红帽）: an abbreviation before a bracket
    run_start = i - 1
    for _ in range(REACH):
        if run_start < 0 or chinese(chars[run_start]):
            break
        run_start -= 1
    else:
        return False  # a long Latin run: an English passage
    if following is None and run_start < 0:
        return False  # Latin text alone ends with its own full stop
    words = "".join(chars[run_start + 1 : i]).split()
    if not words or _abbreviation(words[-1]):
        return False
    return not _english_sentence(words)


ABBREVIATIONS = frozenset("inc ltd co corp llc plc etc al vs mr mrs ms dr prof st jr sr no nos vol fig approx dept est".split())
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")


def _abbreviation(word: str) -> bool:
    """Inc, Ltd, etc, e.g, U.S, an initial J: a full stop after these is part of the word."""
    word = word.lstrip("([\"'")
    return word.lower() in ABBREVIATIONS or len(word) == 1 and word.isupper() or _DOTTED.fullmatch(word) is not None


def _english_sentence(words: list[str]) -> bool:
    plain = sum(1 for word in words[1:] if word.strip(",;:'\"()").isascii() and word.strip(",;:'\"()").isalpha() and word.strip(",;:'\"()").islower())
    return len(words) >= 3 and words[0][:1].isupper() and plain >= 2


def _whitespace(text: str, steps: Normalization) -> str:
    if not _WS_RUN.search(text):
        return text
    out: list[str] = []
    last = 0
    length = len(text)
    for match in _WS_RUN.finditer(text):
        start, end = match.span()
        run = match.group()
        left = text[start - 1] if start else None
        right = text[end] if end < length else None
        breaks = "\n" in run or "\r" in run
        if breaks:
            if not steps.join_lines:
                replacement = run.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
            elif left is None or right is None or chinese(left) or chinese(right):
                replacement = ""
            else:
                replacement = " "
        elif left is None or right is None:
            continue  # the text's ends: another span may go on from here
        elif chinese(left) or chinese(right):
            han_pair = _han(left) and _han(right)
            if han_pair and not steps.han_spaces or not han_pair and not steps.spaces:
                continue
            replacement = ""
        elif steps.spaces:
            replacement = run[0] if all(ch in NO_BREAK_SPACES for ch in run) else " "
            if replacement == run:
                continue
        else:
            continue
        out.append(text[last:start])
        out.append(replacement)
        last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


# ------------------------------------------------------------------------------------------------
# What normalisation leaves behind
# ------------------------------------------------------------------------------------------------

LEFTOVERS = {
    "unmatched-bracket": "a bracket without its partner",
    "mixed-bracket": "a pair of one ASCII and one full-width bracket",
    "unmatched-quote": "a quotation mark without its partner",
    "straight-quote": "a straight quotation mark beside Chinese text",
    "ascii-between-han": "ASCII punctuation between two Chinese characters",
}


def leftovers(text: str) -> list[tuple[str, int, str]]:
    """What normalised text still holds that normalisation should have paired or converted:
    (code, offset in `text`, excerpt), in the order of the text. Codes are LEFTOVERS' keys.

    - unmatched-bracket: a round or square bracket, ASCII or full width, without its partner in
      the text; mixed-bracket: a pair of one ASCII and one full-width side.
    - unmatched-quote: an odd straight " out; a ” that closes nothing; a “ never closed, unless it
      opens the text (a quotation running on into the next paragraph, CLREQ §3.1.1).
    - straight-quote: a straight " next to a Chinese character.
    - ascii-between-han: ASCII , . : ; ? ! whose nearest neighbours past spaces are both Han."""
    t = _Text(text)
    found: list[tuple[int, str]] = []
    pairs, alone = _bracket_pairs(text)
    found.extend((i, "mixed-bracket") for i, j in pairs if (text[i] in WIDE_BRACKETS) != (text[j] in WIDE_BRACKETS))
    found.extend((i, "unmatched-bracket") for i in alone)
    straight = [i for i, char in enumerate(text) if char == '"'] if '"' in text else []
    if len(straight) % 2:
        found.append((straight[-1], "unmatched-quote"))
    for i in straight:
        if i and chinese(text[i - 1]) or i + 1 < len(text) and chinese(text[i + 1]):
            found.append((i, "straight-quote"))
    if "“" in text or "”" in text:
        opened_at: list[int] = []
        for i, char in enumerate(text):
            if char == "“":
                opened_at.append(i)
            elif char == "”":
                if opened_at:
                    opened_at.pop()
                else:
                    found.append((i, "unmatched-quote"))
        start = len(text) - len(text.lstrip(WHITESPACE + "\u3000"))
        found.extend((i, "unmatched-quote") for i in opened_at if i != start)
    for match in _MARK.finditer(text):
        i = match.start()
        if _han(t.near(i, -1, NOT_SPACE) or "a") and _han(t.near(i, 1, NOT_SPACE) or "a"):
            found.append((i, "ascii-between-han"))
    found.sort()
    return [(code, i, excerpt(text, i)) for i, code in found]


def excerpt(text: str, i: int, radius: int = 8) -> str:
    """The text around offset i, with … where it is cut."""
    return ("…" if i > radius else "") + text[max(0, i - radius) : i + radius + 1] + ("…" if i + radius + 1 < len(text) else "")
