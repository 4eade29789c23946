"""The same pages for typst: a .typ twin of a laid-out issue, for bench/bench_typst.py.

Every module's body text goes to typst as paragraphs in a block of the module's body area, in as
many columns, with the body face, size and line pitch, justified, first lines indented: typst
breaks the lines itself. Every other line (masthead, headlines, bylines, boxes, captions, running
heads) is placed where our layout put it, in its face and size; pictures are placed in their
frames from the same files. Fonts are the project's pinned faces, by family name, with typst told
to ignore the system's. This is the workload of setting the issue, not a second implementation of
the layout: what is timed is each engine turning the same words into the same pages.
"""

from __future__ import annotations

import os
from collections import defaultdict

from fontTools.ttLib import TTFont

SOFT_HYPHEN = "\u00ad"


def typst_source(spec, layout, image_root: str) -> str:
    """The .typ text for every page of `layout`; picture paths from `image_root`, typst's --root."""
    faces = _faces(spec)
    body = spec.style.style("body")
    pitch = spec.style.grid.pitch
    out = [
        f'#set text(lang: "zh", region: "cn", font: "{faces[body.font][0]}", size: {_pt(body.size)})',
        f"#set page(width: {_pt(layout.pages[0].trim_width)}, height: {_pt(layout.pages[0].trim_height)}, margin: 0pt)",
        "#set par(justify: true)",
    ]
    for n, page in enumerate(layout.pages):
        if n:
            out.append("#pagebreak()")
        for frame in page.frames:
            out.extend(_frame(frame, faces, body, pitch, image_root))
    return "\n".join(out) + "\n"


def _frame(frame, faces, body, pitch: int, image_root: str) -> list[str]:
    out = []
    for image in frame.images:
        rect = image.frame
        path = "/" + os.path.relpath(image.file, image_root)  # from typst's root
        out.append(f'#place(top + left, dx: {_pt(rect.x)}, dy: {_pt(rect.y)}, image("{_esc(path)}", width: {_pt(rect.width)}, height: {_pt(rect.height)}, fit: "cover"))')
    body_lines = [line for line in frame.lines if line.kind == "body"]
    for line in frame.lines:
        if line.kind != "body" and line.runs:
            run = line.runs[0]
            family, weight = faces[run.font]
            text = "".join(r.text for r in line.runs).replace(SOFT_HYPHEN, "")
            out.append(f'#place(top + left, dx: {_pt(run.xs[0])}, dy: {_pt(line.box.y)}, text(font: "{family}", weight: {weight}, size: {_pt(run.size)})[#"{_esc(text)}"])')
    if body_lines:
        out.append(_body_block(body_lines, frame, faces, body, pitch))
    return out


def _body_block(lines, frame, faces, body, pitch: int) -> str:
    columns = sorted({line.box.x for line in lines})
    width = lines[0].box.width
    gutter = columns[1] - columns[0] - width if len(columns) > 1 else 0
    top = min(line.box.y for line in lines)
    bottom = max(line.box.y + pitch for line in lines)
    paragraphs: dict[int, list[str]] = defaultdict(list)
    for line in sorted(lines, key=lambda l: (l.paragraph or 0, l.index or 0)):
        paragraphs[line.paragraph or 0].append("".join(r.text for r in line.runs).replace(SOFT_HYPHEN, ""))
    text = "\n#parbreak()\n".join(f'#"{_esc("".join(parts))}"' for _, parts in sorted(paragraphs.items()))
    family, weight = faces[body.font]
    leading = pitch - body.size
    return (
        f"#place(top + left, dx: {_pt(columns[0])}, dy: {_pt(top)}, block(width: {_pt(columns[-1] + width - columns[0])}, height: {_pt(bottom - top)}, clip: true,"
        f" columns({len(columns)}, gutter: {_pt(gutter)})["
        f'#set text(font: "{family}", weight: {weight}, size: {_pt(body.size)})\n'
        f"#set par(justify: true, leading: {_pt(leading)}, spacing: {_pt(leading)}, first-line-indent: (amount: 2em, all: true))\n"
        f"{text}\n]))"
    )


def _faces(spec) -> dict[str, tuple[str, int]]:
    """Font role → (family name, weight) of the pinned face, as typst finds it in fonts/."""
    found = {}
    for face in spec.fonts.faces:
        font = TTFont(face.path, lazy=True)
        try:
            name = font["name"]
            family = name.getDebugName(16) or name.getDebugName(1)
            found[face.role] = (family, font["OS/2"].usWeightClass)
        finally:
            font.close()
    return found


def _pt(mpt: int) -> str:
    return f"{mpt / 1000:.3f}pt"


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
