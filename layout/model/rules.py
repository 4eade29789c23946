"""The rules `layout check` applies: a stable code, a default severity, what it means.

Severities can be changed per rule in the style sheet (`checks: severity:`); `off` drops a rule.
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info", "off")


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    meaning: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("overflow", "error", "the article's text does not fit its module (overset lines and characters)"),
        Rule("hole", "warning", "a story's balanced columns end two or more lines above its module's foot: a white hole across the module"),
        Rule("underfull", "warning", "the module has room for more lines than the style sheet's underfull_lines (a white hole at a column foot)"),
        Rule("headline-too-long", "error", "a headline, kicker or subhead does not fit its module, even tightened within min_tracking"),
        Rule("frame-spill", "error", "text placed outside its module (a headline block taller than the module, a box with too many lines)"),
        Rule("emergency-line", "warning", "a line set outside the composition rules: looser than max_stretch_em, overfull, or without a legal break"),
        Rule("loose-line", "warning", "a justified body line opens a gap wider than the style sheet's loose_line_em (default 0.125 em), within the composer's cap"),
        Rule("runt", "warning", "a paragraph's last line holds a single character (孤字)"),
        Rule("widow", "warning", "a paragraph's last line stands alone at the top of a column (孤行)"),
        Rule("orphan", "warning", "a paragraph's first line stands alone at the foot of a column"),
        Rule("missing-glyph", "error", "a character no pinned font has: it prints as a blank box"),
        Rule("fallback-glyph", "info", "a character taken from another font than its style's"),
        Rule("ascii-punctuation", "warning", "ASCII punctuation left between Chinese characters"),
        Rule("unbalanced-brackets", "warning", "quotes or brackets that do not pair up within the article"),
        Rule("doubled-punctuation", "warning", "two pause or stop marks in a row (，， 。。 ，。)"),
        Rule("normalize-leftover", "warning", "what normalisation left unpaired or suspicious: an unmatched ASCII bracket or quote, a half-converted pair, a straight quote or an ASCII full stop beside Chinese text"),
        Rule("small-type", "error", "text smaller than the style sheet's min_type_size"),
        Rule("picture-resolution", "error", "a photo prints below the output profile's min_image_ppi at its placed size"),
        Rule("picture-resolution-low", "warning", "a photo prints below the style sheet's warn_ppi at its placed size"),
        Rule("picture", "info", "each photo: its effective resolution, size and colour as placed"),
        Rule("placement", "error", "a page lists stories (stories:) that the planner cannot place on it: which story, by how much, and the nearest change that would let it"),
        Rule("cross-reference", "error", "a cross-reference to a page the issue does not have, or to an article it does not place"),
    )
}
