"""Proofs for layout editors: the page with its grid, module outlines and copyfit, overflow in
a margin panel, and every check finding marked where it occurs; PNG previews and a contact sheet.

Proofs use the style sheet's `proof` profile (RGB allowed, no marks); overlay colours are RGB."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Sequence

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from layout.diagnostics import Diagnostic, Severity
from layout.model.layout import Copyfit, Frame, IssueLayout, PageLayout, PlacedLine, PlannedModule, Rect
from layout.model.spec import IssueSpec
from layout.render.document import page_meta
from layout.render.fonts import register_fonts
from layout.render.pdf import RenderContext, render_page_pdf
from layout.units import mm, to_pt

OVERLAYS = ("grid", "modules", "diagnostics", "jumps", "pictures")
PANEL = mm(110)  # margin notes to the right of the page: overflow, findings without a place
GRID_RGB = (0.0, 0.62, 0.86)
BASELINE_RGB = (0.93, 0.55, 0.80)
MODULE_RGB = (0.10, 0.30, 0.85)
PLAN_RGB = (0.45, 0.10, 0.65)  # the planner's labels
OVERFLOW_RGB = (0.86, 0.08, 0.08)
JUMP_RGB = (0.55, 0.20, 0.75)
PICTURE_RGB = (0.0, 0.55, 0.35)
AD_RGB = (0.80, 0.35, 0.0)
SEVERITY_RGB = {Severity.ERROR: (0.86, 0.08, 0.08), Severity.WARNING: (0.95, 0.55, 0.0), Severity.INFO: (0.35, 0.55, 0.35)}
LABEL_SIZE = 7
NOTE_SIZE = 8


@dataclass(frozen=True)
class ProofOptions:
    overlays: frozenset[str] = frozenset(OVERLAYS)
    panel: bool = True  # the notes panel right of the page (the desk lists its notes beside the page instead)


def render_proof(spec: IssueSpec, layout: IssueLayout, findings: Sequence[Diagnostic], options: ProofOptions = ProofOptions()) -> bytes:
    """One PDF holding every page of the issue as a proof, with the check's findings marked."""
    profile = spec.style.profile("proof")
    fonts = register_fonts(spec.fonts)
    context = RenderContext(fonts=fonts, colours=spec.style.colours, profile=profile, pictures=spec.style.pictures)
    pages = []
    for page in layout.pages:
        on_page = [f for f in findings if f.where.page == page.number]
        copyfit = {fit.article: fit for fit in layout.copyfit if fit.page == page.number}
        planned = {m.article: m for plan in layout.plans if plan.page == page.number for m in plan.modules}
        overlay = _Overlay(spec, page, on_page, copyfit, options, fonts["hei"], planned)
        pages.append(render_page_pdf(page, context, page_meta(spec, page), panel=PANEL if options.panel else 0, overlay=overlay.draw))
    return _join(pages)


def _join(pages: list[bytes]) -> bytes:
    if len(pages) == 1:
        return pages[0]
    with pikepdf.new() as merged:
        for data in pages:
            with pikepdf.open(io.BytesIO(data)) as single:
                merged.pages.extend(single.pages)
        out = io.BytesIO()
        merged.save(out, deterministic_id=True)
        return out.getvalue()


class _Overlay:
    def __init__(self, spec: IssueSpec, page: PageLayout, findings: list[Diagnostic], copyfit: dict[str, Copyfit], options: ProofOptions, label_font: str, planned: dict[str, PlannedModule]):
        self.spec = spec
        self.planned = planned  # modules the planner chose: their rank and shape
        self.page = page
        self.findings = findings
        self.copyfit = copyfit
        self.options = options
        self.font = label_font

    def draw(self, canvas: Canvas, painter) -> None:
        self.canvas, self.painter = canvas, painter
        if "grid" in self.options.overlays:
            self._grid()
        if "modules" in self.options.overlays:
            self._modules()
        self._panel_notes()
        if "jumps" in self.options.overlays:
            self._jumps()
        if "pictures" in self.options.overlays:
            self._pictures()
        if "diagnostics" in self.options.overlays:
            self._findings()

    # --- drawing helpers in layout coordinates ---------------------------------------------------
    def _rect(self, rect: Rect, rgb, width: float, *, fill_alpha: float | None = None) -> None:
        canvas, painter = self.canvas, self.painter
        canvas.setStrokeColorRGB(*rgb)
        canvas.setLineWidth(width)
        if fill_alpha is not None:
            canvas.setFillColorRGB(*rgb, alpha=fill_alpha)
        canvas.rect(painter.x(rect.x), painter.y(rect.bottom), to_pt(rect.width), to_pt(rect.height), stroke=1, fill=1 if fill_alpha is not None else 0)

    def _label(self, text: str, x: int, y: int, rgb, size: float = LABEL_SIZE) -> None:
        self.canvas.setFillColorRGB(*rgb)
        self.canvas.setFont(self.font, size)
        self.canvas.drawString(self.painter.x(x), self.painter.y(y), text)

    # --- overlays ----------------------------------------------------------------------------
    def _grid(self) -> None:
        grid = self.spec.style.grid
        canvas, painter = self.canvas, self.painter
        canvas.setLineWidth(0.2)
        canvas.setStrokeColorRGB(*GRID_RGB)
        for column in range(1, grid.columns + 1):
            x = grid.column_x(column)
            for edge in (x, x + grid.column_width):
                canvas.line(painter.x(edge), painter.y(grid.top), painter.x(edge), painter.y(grid.top + grid.height))
        canvas.setStrokeColorRGB(*BASELINE_RGB)
        for line in range(1, grid.lines + 1):
            top = grid.line_top(line)
            canvas.line(painter.x(grid.left), painter.y(top + grid.body_size), painter.x(grid.left + grid.width), painter.y(top + grid.body_size))
            if line % 5 == 0:
                self._label(str(line), grid.left - mm(5), top + grid.body_size, BASELINE_RGB, 5)

    def _modules(self) -> None:
        for frame in self.page.frames:
            self._rect(frame.rect, MODULE_RGB, 0.75)
            label = frame.ref
            fit = self.copyfit.get(frame.ref)
            if fit is not None:
                label += f"  {fit.lines_used}/{fit.lines_available} lines"
                if fit.lines_over:
                    label += f"  +{fit.lines_over}"
            if frame.parts > 1:
                label += f"  part {frame.part}/{frame.parts}"
            self._label(label, frame.rect.x + mm(1), frame.rect.y - mm(1), MODULE_RGB)
            planned = self.planned.get(frame.ref) if frame.part == 1 else None
            if planned is not None:  # in the module's corner: its rank and the shape the planner chose
                self._tag(f"#{planned.priority} auto · {planned.variant}", frame.rect, PLAN_RGB)

    def _jumps(self) -> None:
        """Each jump line boxed, with the page it sends the reader to (← from, → to)."""
        for frame in self.page.frames:
            for line in frame.lines:
                if line.kind != "jump_line":
                    continue
                target = frame.continues_on if "下转" in line.text else frame.continued_from
                arrow = "→" if "下转" in line.text else "←"
                self._rect(line.box, JUMP_RGB, 0.8, fill_alpha=0.10)
                self._label(f"{arrow} page {target}", line.box.x, line.box.y - mm(0.5), JUMP_RGB, 6)

    def _pictures(self) -> None:
        """Each photo's frame with its effective resolution (red below the profile's minimum),
        each ad's slot with its size name, file and scale."""
        minimum = self.spec.style.profile().min_image_ppi
        for frame in self.page.frames:
            for image in frame.images:
                rgb = SEVERITY_RGB[Severity.ERROR] if image.ppi < minimum else PICTURE_RGB
                self._rect(image.frame, rgb, 1.0)
                self._tag(f"{image.shown.rsplit('/', 1)[-1]}  {image.ppi:.0f} ppi  {image.mode}", image.frame, rgb)
            if frame.ad is not None:
                ad = frame.ad
                self._rect(ad.slot, AD_RGB, 1.0)
                self._tag(f"AD {ad.size or 'slot'}  {ad.shown.rsplit('/', 1)[-1]}  {ad.scale * 100:.1f} %", ad.slot, AD_RGB)

    def _tag(self, text: str, rect: Rect, rgb) -> None:
        """A label on a white ground in the rectangle's top-left corner (readable on a photo)."""
        canvas, painter = self.canvas, self.painter
        size = LABEL_SIZE
        width = canvas.stringWidth(text, self.font, size) + 4
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(painter.x(rect.x), painter.y(rect.y) - size - 3, width, size + 3, stroke=0, fill=1)
        canvas.setFillColorRGB(*rgb)
        canvas.setFont(self.font, size)
        canvas.drawString(painter.x(rect.x) + 2, painter.y(rect.y) - size - 1, text)

    def _panel_notes(self) -> None:
        """Overset text in red in the panel beside its module, with its figures."""
        x = self.page.trim_width + self.page.bleed + mm(6)
        for frame in self.page.frames:
            fit = self.copyfit.get(frame.ref)
            if not frame.overflow or fit is None:
                continue
            y = frame.rect.y + mm(4)
            self._label(f"{frame.ref}: +{fit.lines_over} lines / about {fit.chars_over} 字", x, y, OVERFLOW_RGB, NOTE_SIZE + 1)
            for line in _wrap("".join(l.text for l in frame.overflow), 30):
                y += mm(4)
                self._label(line, x, y, OVERFLOW_RGB, NOTE_SIZE)

    def _findings(self) -> None:
        for finding in self.findings:
            rect = self._place(finding)
            rgb = SEVERITY_RGB[finding.severity]
            if rect is None:
                continue
            self._rect(rect, rgb, 0.8, fill_alpha=0.12)
            self._label(finding.code, rect.right + mm(0.5), rect.y + mm(1), rgb, 5)

    def _place(self, finding: Diagnostic) -> Rect | None:
        where = finding.where
        frame = next((f for f in self.page.frames if f.ref == where.article), None)
        if frame is None:
            return None
        image = next((i for i in frame.images if i.shown == where.text), None)
        if image is not None:
            return image.frame
        line = _find_line(frame, where.paragraph, where.line)
        return line.box if line is not None else frame.rect


def _find_line(frame: Frame, paragraph: int | None, index: int | None) -> PlacedLine | None:
    if paragraph is None:
        return None
    for line in frame.lines:
        if line.paragraph == paragraph and (index is None or line.index == index):
            return line
    return None


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)][:40]
