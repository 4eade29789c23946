"""Photos as placed: the resolution each prints at, judged against the output profile's
minimum (an error) and the style sheet's warning level; every photo's figures as info."""

from __future__ import annotations

from layout.check.findings import Findings
from layout.diagnostics import Where
from layout.model.layout import IssueLayout, PlacedImage
from layout.model.spec import IssueSpec
from layout.units import pt_to_mm, to_pt



def check_pictures(spec: IssueSpec, layout: IssueLayout, findings: Findings) -> None:
    minimum = spec.style.profile().min_image_ppi
    warning = spec.style.pictures.warn_ppi
    for page in layout.pages:
        for frame in page.frames:
            for image in frame.images:
                where = Where(page=page.number, article=frame.ref, text=image.shown)
                figures = describe(image)
                if image.ppi < minimum:
                    findings.add("picture-resolution", f"{figures}: below the press's minimum of {minimum} ppi; use a larger original or a smaller frame", where)
                elif image.ppi < warning:
                    findings.add("picture-resolution-low", f"{figures}: below {warning} ppi, it will print soft; use a larger original or a smaller frame", where)
                findings.add("picture", figures, where)


def describe(image: PlacedImage) -> str:
    """photo.jpg: 356 ppi, 86.0 × 57.3 mm, 1200 × 778 pixels shown, rgb"""
    left, top, right, bottom = image.crop
    drawn = image.drawn
    return f"{image.shown}: {image.ppi:.0f} ppi, {pt_to_mm(to_pt(drawn.width)):.1f} × {pt_to_mm(to_pt(drawn.height)):.1f} mm, {right - left} × {bottom - top} pixels shown, {image.mode}"
