"""Story-level diff of two layouts: which articles changed text, module, lines, overflow or page.

A snapshot is plain JSON-able data per article, written beside every build
(`<issue>-layout.json`), so two builds can be compared as well as two issue files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from layout.model.layout import IssueLayout
from layout.model.spec import IssueSpec

SNAPSHOT_SCHEMA = "layout-snapshot/1"
DIFF_SCHEMA = "layout-diff/1"


def snapshot(spec: IssueSpec, layout: IssueLayout) -> dict:
    """Per story: where it stands (its first part's page and module, and every part's), its text's
    hash and its copyfit summed over its parts."""
    parts: dict[str, list] = {}
    for fit in layout.copyfit:
        parts.setdefault(fit.article, []).append(fit)
    articles = {}
    for article_id, fits in parts.items():
        article = spec.article(article_id)
        text = "\x1e".join(
            part or ""
            for part in (article.kicker, article.headline, article.subhead, article.section, "\n".join(article.byline), article.dateline, *article.paragraphs, spec.see_also_text(article))
        )
        modules = [{"column": f.module.column, "span": f.module.span, "top": f.module.top, "height": f.module.height} for f in fits]
        articles[article_id] = {
            "page": fits[0].page,
            "pages": [f.page for f in fits],
            "module": modules[0],
            "modules": modules,
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "characters": sum(len(p) for p in article.paragraphs),
            "lines_used": sum(f.lines_used for f in fits),
            "lines_available": sum(f.lines_available for f in fits),
            "lines_over": max(0, sum(f.lines_used for f in fits) - sum(f.lines_available for f in fits)),
            "chars_over": sum(f.chars_over for f in fits),
            "headline_lines": fits[0].headline_lines,
        }
    return {"schema": SNAPSHOT_SCHEMA, "issue": spec.info.paper, "date": spec.info.date.isoformat(), "articles": articles}


ENTRY_FIELDS = {
    "page": int, "module": dict, "text_sha256": str, "characters": int, "lines_used": int,
    "lines_available": int, "lines_over": int, "chars_over": int, "headline_lines": int,
}
MODULE_FIELDS = ("column", "span", "top", "height")


def snapshot_problem(data: object) -> str | None:
    """What makes `data` (parsed JSON) not a snapshot this module can compare, or None."""
    if not isinstance(data, dict) or data.get("schema") != SNAPSHOT_SCHEMA:
        return f"not a layout snapshot (schema {SNAPSHOT_SCHEMA})"
    articles = data.get("articles")
    if not isinstance(articles, dict):
        return "the snapshot has no 'articles' mapping"
    for name, entry in articles.items():
        if not isinstance(entry, dict):
            return f"article {name[:60]!r} is not a mapping"
        for key, kind in ENTRY_FIELDS.items():
            if not isinstance(entry.get(key), kind) or isinstance(entry.get(key), bool):
                return f"article {name[:60]!r} lacks a valid {key!r}"
        if not all(isinstance(entry["module"].get(key), int) for key in MODULE_FIELDS):
            return f"article {name[:60]!r} has an incomplete module"
    return None


@dataclass(frozen=True)
class ArticleChange:
    article: str
    status: str  # changed | added | removed
    changes: tuple[str, ...]  # text, module, lines, overflow, page, headline
    details: tuple[str, ...]  # human-readable, one per change
    old_page: int | None
    new_page: int | None

    def to_json(self) -> dict:
        return {"article": self.article, "status": self.status, "changes": list(self.changes), "details": list(self.details), "old_page": self.old_page, "new_page": self.new_page}


def diff_snapshots(old: dict, new: dict) -> list[ArticleChange]:
    result = []
    before, after = old["articles"], new["articles"]
    for article in sorted(set(before) | set(after), key=lambda a: (_page_of(after.get(a) or before.get(a)), a)):
        a, b = before.get(article), after.get(article)
        if a is None:
            result.append(ArticleChange(article, "added", ("added",), (f"added on page {b['page']}",), None, b["page"]))
            continue
        if b is None:
            result.append(ArticleChange(article, "removed", ("removed",), (f"removed from page {a['page']}",), a["page"], None))
            continue
        changes, details = [], []
        if a["text_sha256"] != b["text_sha256"]:
            changes.append("text")
            details.append(f"text changed ({a['characters']} → {b['characters']} 字 of body)")
        if _pages(a) != _pages(b):
            changes.append("page")
            details.append(f"page {_page_list(a)} → {_page_list(b)}")
        if a.get("modules", [a["module"]]) != b.get("modules", [b["module"]]):
            changes.append("module")
            details.append(f"module {'; '.join(map(_module, a.get('modules', [a['module']])))} → {'; '.join(map(_module, b.get('modules', [b['module']])))}")
        if a["lines_used"] != b["lines_used"] or a["lines_available"] != b["lines_available"]:
            changes.append("lines")
            details.append(f"lines {a['lines_used']}/{a['lines_available']} → {b['lines_used']}/{b['lines_available']} ({b['lines_used'] - a['lines_used']:+d})")
        if a["lines_over"] != b["lines_over"]:
            changes.append("overflow")
            details.append(f"overflow {_over(a)} → {_over(b)}")
        if a["headline_lines"] != b["headline_lines"]:
            changes.append("headline")
            details.append(f"headline lines {a['headline_lines']} → {b['headline_lines']}")
        if changes:
            result.append(ArticleChange(article, "changed", tuple(changes), tuple(details), a["page"], b["page"]))
    return result


def _page_of(entry: dict) -> int:
    return entry["page"]


def _pages(entry: dict) -> list[int]:
    """Every page a story runs through (snapshots before jumps had only `page`)."""
    pages = entry.get("pages")
    return pages if isinstance(pages, list) else [entry["page"]]


def _page_list(entry: dict) -> str:
    return "–".join(map(str, _pages(entry)))


def _module(m: dict) -> str:
    return f"col {m['column']}+{m['span']}, lines {m['top']}–{m['top'] + m['height'] - 1}"


def _over(entry: dict) -> str:
    return f"+{entry['lines_over']} lines / {entry['chars_over']} 字" if entry["lines_over"] else "none"


def diff_text(changes: list[ArticleChange], old: str, new: str) -> str:
    lines = [f"{old} → {new}"]
    for change in changes:
        page = change.new_page if change.new_page is not None else change.old_page
        lines.append(f"  page {page} {change.article}: {change.status}: {'; '.join(change.details)}")
    lines.append(f"{len(changes)} article(s) changed" if changes else "no article changed")
    return "\n".join(lines) + "\n"
