"""`layout place`'s report: each planned page's modules, solver and score terms, as text or JSON."""

from __future__ import annotations

import json

from layout.model.layout import PagePlan
from layout.plan.score import TERMS


def text_report(plans: tuple[PagePlan, ...], measure_seconds: float, written: str | None = None) -> str:
    out = [] if plans else ["no page lists stories (stories:): nothing to place"]
    for plan in plans:
        if not plan.placed:
            nearest = "; the nearest page (modules below) is placed for the proof" if plan.modules else ""
            out.append(f"page {plan.page}: cannot be placed by the rules ({plan.variants} shapes measured in {plan.measure_seconds:.2f} s, searched {plan.search_seconds:.2f} s){nearest}")
            out.extend(f"  {s.article}: {s.problem}; {s.advice}" for s in plan.shortfalls)
            if not plan.modules:
                continue
        else:
            out.append(f"page {plan.page}: {len(plan.modules)} stories placed by {plan.solver}: {plan.variants} shapes measured in {plan.measure_seconds:.2f} s, searched {plan.search_seconds:.2f} s")
        width = max(len(m.article) for m in plan.modules)
        for m in plan.modules:
            r = m.rect
            columns = f"column {r.column}" if r.span == 1 else f"columns {r.column}–{r.last_column}"
            out.append(f"  {m.priority:>2}  {m.article:<{width}}  {columns}, lines {r.top}–{r.bottom}  ({m.variant})")
        out.append(f"  score {plan.score}: " + " · ".join(f"{name} {value}" for name, value in plan.terms))
    out.append(f"loaded in {measure_seconds:.2f} s" + (f"; proposal written to {written}" if written else ""))
    return "\n".join(out) + "\n"


def json_report(plans: tuple[PagePlan, ...], measure_seconds: float, written: str | None = None) -> str:
    meaning = {name: what for name, _, what in TERMS}
    data = {
        "pages": [
            {
                "page": plan.page,
                "placed": plan.placed,
                "solver": plan.solver,
                "measure_seconds": round(plan.measure_seconds, 3),
                "search_seconds": round(plan.search_seconds, 3),
                "variants": plan.variants,
                "score": plan.score,
                "terms": [{"term": name, "value": value, "meaning": meaning[name]} for name, value in plan.terms],
                "modules": [
                    {"article": m.article, "priority": m.priority, "column": m.rect.column, "span": m.rect.span, "top": m.rect.top, "height": m.rect.height, "variant": m.variant}
                    for m in plan.modules
                ],
                "shortfalls": [{"article": s.article, "problem": s.problem, "advice": s.advice} for s in plan.shortfalls],
            }
            for plan in plans
        ],
        "load_seconds": round(measure_seconds, 3),
        "written": written,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
