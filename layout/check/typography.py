"""Typography rules over the placed lines and the articles' text."""

from __future__ import annotations

import re
from collections import defaultdict

from layout.check.findings import Findings
from layout.diagnostics import Where
from layout.model.layout import Frame, IssueLayout, PlacedLine
from layout.model.spec import IssueSpec
from layout.model.style import CheckSettings
from layout.text.classes import CLOSE_CHARS, OPEN_CHARS, PAUSE_CHARS, STOP_CHARS, is_cjk, is_han
from layout.text.normalize import ASCII_TO_FULLWIDTH, LEFTOVERS, leftovers, normalize
from layout.typeface.metrics import FontSet

FLOW_KINDS = ("body", "byline", "cross_reference")
PAIRS = dict(zip(OPEN_CHARS, CLOSE_CHARS))  # “” ‘’ （） 《》 …: the tables list them in matching order
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
# two pause or stop marks in a row; ？！ combinations are stacked marks (§1.3), not doubled
DOUBLED = re.compile("[" + re.escape(PAUSE_CHARS + "。") + "]{2,}")


def check_lines(layout: IssueLayout, fonts: FontSet, findings: Findings, settings: CheckSettings) -> None:
    for page in layout.pages:
        for frame in page.frames:
            _spill(frame, page.number, findings)
            for line in frame.lines:
                where = Where(page=page.number, article=line.article, paragraph=line.paragraph, line=line.index, text=line.text)
                if line.emergency:
                    findings.add("emergency-line", line.emergency, where)
                elif line.kind == "body" and line.widest_gap > settings.loose_line_em:
                    findings.add("loose-line", f"gaps of {line.widest_gap:.2f} em, more than {settings.loose_line_em:g} em", where)
                _glyphs(line, fonts, findings, where, settings)
            if frame.kind == "article":
                _runts(frame, page.number, findings)
                _widows_and_orphans(frame, page.number, findings)


def _spill(frame: Frame, page: int, findings: Findings) -> None:
    outside = [line for line in frame.lines if line.box.bottom > frame.rect.bottom or line.box.right > frame.rect.right]
    if outside:
        article = frame.ref if frame.kind == "article" else None
        findings.add("frame-spill", f"{len(outside)} line(s) of the {frame.kind} '{frame.ref}' fall outside it", Where(page=page, article=article, text=outside[0].text))


def _glyphs(line: PlacedLine, fonts: FontSet, findings: Findings, where: Where, settings: CheckSettings) -> None:
    for run in line.runs:
        if run.size < settings.min_type_size:
            findings.add("small-type", f"{run.size / 1000:g} pt is below the minimum of {settings.min_type_size / 1000:g} pt", where)
        missing = "".join(ch for ch in run.text if not fonts[run.font].covers(ch))
        if missing:
            findings.add("missing-glyph", f"no pinned font has {', '.join(f'{ch} U+{ord(ch):04X}' for ch in missing)}", where)
        elif run.fallback:
            findings.add("fallback-glyph", f"'{run.text}' taken from the {run.font} face", where)


def _runts(frame: Frame, page: int, findings: Findings) -> None:
    for line in frame.lines:
        if line.kind == "body" and line.last and (line.index or 0) > 1:
            han = sum(1 for ch in line.text if is_han(ch))
            if han <= 1 and all(is_han(ch) or ch in PAUSE_CHARS + STOP_CHARS + CLOSE_CHARS for ch in line.text):
                findings.add("runt", "the paragraph ends with a line of one character", Where(page=page, article=frame.ref, paragraph=line.paragraph, line=line.index, text=line.text))


def _widows_and_orphans(frame: Frame, page: int, findings: Findings) -> None:
    columns: dict[int, list[PlacedLine]] = defaultdict(list)
    for line in frame.lines:
        if line.kind in FLOW_KINDS:
            columns[line.box.x].append(line)
    ordered = [sorted(lines, key=lambda l: l.box.y) for _, lines in sorted(columns.items())]
    for number, column in enumerate(ordered):
        top, foot = column[0], column[-1]
        # a continuation's first column is a column top too: the text runs on from another page
        if (number > 0 or frame.part > 1) and top.kind == "body" and top.last and (top.index or 0) > 1:
            findings.add("widow", "the paragraph's last line stands alone at the top of a column", Where(page=page, article=frame.ref, paragraph=top.paragraph, line=top.index, text=top.text))
        continues = number + 1 < len(ordered) or frame.part < frame.parts
        if continues and foot.kind == "body" and foot.index == 1 and not foot.last:
            findings.add("orphan", "the paragraph's first line stands alone at the foot of a column", Where(page=page, article=frame.ref, paragraph=foot.paragraph, line=foot.index, text=foot.text))


ASCII_MARK = re.compile("[" + re.escape("".join(mark for mark in ASCII_TO_FULLWIDTH if mark not in "()")) + "]")


def check_text(spec: IssueSpec, findings: Findings) -> None:
    steps = spec.style.composition.normalize
    for page in spec.pages:
        for placement in page.placements:
            if placement.kind != "article" or placement.part > 1:
                continue  # a story's text is checked once, with its first part
            article = spec.article(placement.ref)
            paragraphs = [normalize(p, steps=steps) for p in article.paragraphs]
            for number, text in enumerate(paragraphs, start=1):
                where = Where(page=page.number, article=article.id, paragraph=number)
                # , : ; ? ! (brackets left ASCII belong to Latin text, make(1)）: the pairing keeps them)
                for match in ASCII_MARK.finditer(text):
                    i = match.start()
                    if i > 0 and is_cjk(text[i - 1]) or i + 1 < len(text) and is_cjk(text[i + 1]):
                        findings.add("ascii-punctuation", f"ASCII '{match.group()}' beside Chinese text: {_excerpt(text, i)}", _with_text(where, text, i))
                for match in DOUBLED.finditer(text):
                    findings.add("doubled-punctuation", f"'{match.group()}': {_excerpt(text, match.start())}", _with_text(where, text, match.start()))
                _leftovers(text, where, findings)
            _brackets(paragraphs, page.number, article.id, findings)


LEFTOVER_LIMIT = 5  # findings per paragraph: a hostile text does not flood the report


def _leftovers(text: str, where: Where, findings: Findings) -> None:
    """normalize-leftover: what normalisation left unpaired or suspicious in a paragraph as
    normalised (layout.text.normalize.leftovers), less what another rule reports: a full-width
    bracket or curly quote without its partner (unbalanced-brackets, over the whole article) and
    ASCII , : ; ? ! between Han characters (ascii-punctuation)."""
    found = [(code, i) for code, i, _ in leftovers(text) if not (code in ("unmatched-bracket", "unmatched-quote") and text[i] in "（）［］“”" or code == "ascii-between-han" and text[i] in ASCII_TO_FULLWIDTH)]
    for n, (code, i) in enumerate(found[:LEFTOVER_LIMIT], start=1):
        more = f" (and {len(found) - LEFTOVER_LIMIT} more in this paragraph)" if n == LEFTOVER_LIMIT and len(found) > LEFTOVER_LIMIT else ""
        findings.add("normalize-leftover", f"{LEFTOVERS[code]} '{text[i]}': {_excerpt(text, i)}{more}", _with_text(where, text, i))


def _brackets(paragraphs: list[str], page: int, article: str, findings: Findings) -> None:
    """Pairs must match within the article. A quotation running over several paragraphs opens
    each paragraph with “ and closes only at the end of the last (CLREQ §3.1.1)."""
    stack: list[tuple[str, int, int]] = []
    for number, text in enumerate(paragraphs, start=1):
        for i, char in enumerate(text):
            if char in PAIRS:
                if i == 0 and stack and stack[-1][0] == char:
                    continue  # the next paragraph of a running quotation
                stack.append((char, number, i))
            elif char in CLOSERS:
                if stack and stack[-1][0] == CLOSERS[char]:
                    stack.pop()
                else:
                    expected = f"'{PAIRS[stack[-1][0]]}'" if stack else "no closing mark"
                    findings.add("unbalanced-brackets", f"'{char}' closes nothing open here (expected {expected}): {_excerpt(text, i)}", Where(page=page, article=article, paragraph=number, text=_excerpt(text, i)))
                    return
    if stack:
        char, number, i = stack[-1]
        findings.add("unbalanced-brackets", f"'{char}' is never closed: {_excerpt(paragraphs[number - 1], i)}", Where(page=page, article=article, paragraph=number, text=_excerpt(paragraphs[number - 1], i)))


def _excerpt(text: str, i: int, radius: int = 8) -> str:
    return ("…" if i > radius else "") + text[max(0, i - radius) : i + radius + 1] + ("…" if i + radius + 1 < len(text) else "")


def _with_text(where: Where, text: str, i: int) -> Where:
    return Where(where.page, where.article, where.paragraph, None, _excerpt(text, i))


def check_cross_references(spec: IssueSpec, findings: Findings) -> None:
    for page in spec.pages:
        for placement in page.placements:
            if placement.kind != "article" or placement.part > 1:
                continue
            article = spec.article(placement.ref)
            ref = article.see_also
            if ref is None:
                continue
            where = Where(page=page.number, article=article.id, text=spec.see_also_text(article))
            if ref.page is not None and ref.page > spec.info.page_count:
                findings.add("cross-reference", f"refers to page {ref.page}, but the issue has {spec.info.page_count} pages", where)
            elif ref.article is not None and ref.article == article.id:
                findings.add("cross-reference", "refers to itself", where)
            elif ref.article is not None and spec.page_of(ref.article) is None:
                known = any(a.id == ref.article for a in spec.articles)
                findings.add("cross-reference", f"refers to article '{ref.article}', which {'no page places' if known else 'the issue does not have'}", where)
