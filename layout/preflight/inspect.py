"""Walk a PDF's pages and content streams and report what breaks the profile.

The content walker keeps only the graphics state the rules need: the transformation matrix, the
line width, the fill and stroke colour spaces and the text size and matrix."""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass, field

import pikepdf

from layout.model.ink import pixel_ink
from layout.model.style import OutputProfile
from layout.preflight.rules import PREFLIGHT_RULES

RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/RGB"}
LAB_SPACES = {"/Lab"}
PDFX_VERSIONS = {"x1a": ("PDF/X-1:2001", "PDF/X-1a:2001", "1.3"), "x4": ("PDF/X-4", None, "1.6")}
STROKES = {"S", "s", "B", "B*", "b", "b*"}
TEXT_SHOWS = {"Tj", "TJ", "'", '"'}


@dataclass(frozen=True)
class PreflightFinding:
    code: str
    message: str
    page: int | None = None
    location: str | None = None

    def format(self) -> str:
        place = f"page {self.page}: " if self.page is not None else ""
        where = f" ({self.location})" if self.location else ""
        return f"{place}{self.code}: {self.message}{where}"

    def to_json(self) -> dict:
        return {k: v for k, v in {"code": self.code, "message": self.message, "page": self.page, "location": self.location}.items() if v is not None}


@dataclass
class _State:
    ctm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    line_width: float = 1.0
    fill_space: str = "/DeviceGray"
    stroke_space: str = "/DeviceGray"
    font_size: float = 0.0
    tm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)

    def copy(self) -> "_State":
        return _State(self.ctm, self.line_width, self.fill_space, self.stroke_space, self.font_size, self.tm)


@dataclass(frozen=True)
class ImageUse:
    """An image as a page draws it: what independent readers report (pdfimages -list)."""

    page: int
    name: str
    colour_space: str  # /DeviceCMYK, /DeviceGray, /ICCBased3…
    width: int  # pixels
    height: int
    ppi: float  # at the size the page draws it (the lower of across and down)
    filter: str  # /DCTDecode, /FlateDecode…
    max_ink: float | None  # %, the highest C+M+Y+K of a pixel (CMYK images), None if not decoded

    def format(self) -> str:
        ink = f", max ink {self.max_ink:.0f} %" if self.max_ink is not None else ""
        return f"page {self.page}: image {self.name}: {self.colour_space[1:]} {self.width} × {self.height} px, {self.ppi:.0f} ppi, {self.filter[1:] or 'raw'}{ink}"

    def to_json(self) -> dict:
        return {"page": self.page, "name": self.name, "colour_space": self.colour_space[1:], "width": self.width, "height": self.height, "ppi": round(self.ppi, 1), "filter": self.filter[1:], "max_ink": None if self.max_ink is None else round(self.max_ink, 1)}


@dataclass
class _Report:
    profile: OutputProfile
    findings: list[PreflightFinding] = field(default_factory=list)
    seen: set = field(default_factory=set)
    images: list[ImageUse] = field(default_factory=list)
    inks: dict = field(default_factory=dict)  # image object id → max ink, each decoded once

    def add(self, code: str, message: str, page: int | None = None, location: str | None = None, *, once: object = None) -> None:
        assert code in PREFLIGHT_RULES, code  # the rule table is the list of codes
        key = (code, page, once if once is not None else message)
        if key not in self.seen:
            self.seen.add(key)
            self.findings.append(PreflightFinding(code, message, page, location))


def preflight_pdf(data: bytes | str, profile: OutputProfile) -> list[PreflightFinding]:
    """All findings for a PDF (bytes or a path) against an output profile."""
    return inspect_pdf(data, profile)[0]


def inspect_pdf(data: bytes | str, profile: OutputProfile) -> tuple[list[PreflightFinding], list[ImageUse]]:
    """The findings, and every image as drawn: colour space, pixels, effective ppi, ink."""
    report = _Report(profile)
    try:
        pdf = pikepdf.open(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        return [PreflightFinding("unreadable", f"cannot open the PDF: {exc}")], []
    with pdf:
        _guarded(report, None, "the document catalogue", _document, pdf, report)
        for number, page in enumerate(pdf.pages, start=1):
            _guarded(report, number, "the page", _page, page, number, report)
    return report.findings, report.images


# What a malformed PDF raises while we read it: reported as `unreadable`, never a traceback.
MALFORMED = (pikepdf.PdfError, ValueError, TypeError, IndexError, KeyError, AttributeError, ZeroDivisionError, OverflowError, RecursionError)


def _guarded(report: _Report, number: int | None, what: str, read, *args) -> None:
    try:
        read(*args)
    except MALFORMED as exc:
        report.add("unreadable", f"{what} cannot be read ({type(exc).__name__})", number, once=what)


def _page(page: pikepdf.Page, number: int, report: _Report) -> None:
    _boxes(page, number, report)
    if report.profile.pdfx == "x1a" and _is_transparency_group(page.obj.get("/Group")):
        report.add("transparency", "the page is a transparency group", number)
    _fonts(page.obj.get("/Resources"), number, report, set())
    _content(page, page.obj.get("/Resources"), number, report, _State(), depth=0)


# --- document level ----------------------------------------------------------------------------

def _document(pdf: pikepdf.Pdf, report: _Report) -> None:
    profile = report.profile
    if profile.pdfx == "none":
        return
    version, conformance, max_pdf = PDFX_VERSIONS[profile.pdfx]
    info = pdf.docinfo
    found = str(info.get("/GTS_PDFXVersion", "")) or None
    if found is None:
        report.add("pdfx-missing", f"expected GTS_PDFXVersion {version}")
    elif found != version:
        report.add("pdfx-version", f"GTS_PDFXVersion is {found}, the profile asks for {version}")
    if conformance and str(info.get("/GTS_PDFXConformance", "")) != conformance:
        report.add("pdfx-version", f"GTS_PDFXConformance should be {conformance}")
    if float(pdf.pdf_version) > float(max_pdf):
        report.add("pdfx-version", f"PDF {pdf.pdf_version} is newer than {version} allows ({max_pdf})")
    if str(info.get("/Trapped", "")) not in ("/True", "/False"):
        report.add("trapped", "set /Trapped to /True or /False")
    xmp = pdf.Root.get("/Metadata")
    if xmp is None or version.encode() not in bytes(xmp.read_bytes()):
        report.add("pdfx-xmp", f"the XMP metadata should carry pdfxid:GTS_PDFXVersion {version}")
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if str(i.get("/S", "")) == "/GTS_PDFX"]
    if not intents:
        report.add("output-intent", "no OutputIntent with /S /GTS_PDFX")
        return
    intent = intents[0]
    if not str(intent.get("/OutputConditionIdentifier", "")):
        report.add("output-intent", "the output intent has no OutputConditionIdentifier")
    profile_stream = intent.get("/DestOutputProfile")
    if profile.pdfx == "x4" and profile_stream is None:
        report.add("output-intent", "PDF/X-4 needs the output ICC profile embedded (DestOutputProfile)")
    if profile_stream is None and str(intent.get("/RegistryName", "")) == "":
        report.add("output-intent", "an unregistered output condition needs its ICC profile embedded")
    if profile_stream is not None and int(profile_stream.get("/N", 0)) != 4:
        report.add("output-intent", "the output ICC profile is not CMYK (N is not 4)")


def _boxes(page: pikepdf.Page, number: int, report: _Report) -> None:
    media = _rect(page.obj.get("/MediaBox"))
    trim = _rect(page.obj.get("/TrimBox")) or _rect(page.obj.get("/ArtBox"))
    bleed = _rect(page.obj.get("/BleedBox")) or media
    if trim is None:
        report.add("page-boxes", "no TrimBox", number)
        return
    if not _inside(trim, bleed) or not _inside(bleed, media):
        report.add("page-boxes", f"TrimBox {trim} ⊆ BleedBox {bleed} ⊆ MediaBox {media} does not hold", number)


def _rect(value) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    x1, y1, x2, y2 = (float(v) for v in value)
    return (round(min(x1, x2), 2), round(min(y1, y2), 2), round(max(x1, x2), 2), round(max(y1, y2), 2))


def _inside(inner, outer) -> bool:
    return inner[0] >= outer[0] - 0.01 and inner[1] >= outer[1] - 0.01 and inner[2] <= outer[2] + 0.01 and inner[3] <= outer[3] + 0.01


# --- fonts -------------------------------------------------------------------------------------

def _fonts(resources, number: int, report: _Report, visited: set) -> None:
    if resources is None or resources.objgen in visited and resources.objgen != (0, 0):
        return
    visited.add(resources.objgen)
    for name, font in (resources.get("/Font") or {}).items():
        subtype = str(font.get("/Subtype", ""))
        base = str(font.get("/BaseFont", name))
        if subtype == "/Type3":
            report.add("font-type3", f"{base} is a Type 3 font", number, name, once=base)
            continue
        descriptor_owner = font.DescendantFonts[0] if subtype == "/Type0" else font
        descriptor = descriptor_owner.get("/FontDescriptor")
        embedded = descriptor is not None and any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        if not embedded:
            report.add("font-not-embedded", f"{base} is not embedded", number, name, once=base)
    for xobject in (resources.get("/XObject") or {}).values():
        if str(xobject.get("/Subtype", "")) == "/Form":
            _fonts(xobject.get("/Resources"), number, report, visited)


# --- content streams ---------------------------------------------------------------------------

def _content(owner, resources, number: int, report: _Report, state: _State, depth: int) -> None:
    if depth > 8:
        return
    stack: list[_State] = []
    try:
        instructions = pikepdf.parse_content_stream(owner)
    except pikepdf.PdfError as exc:
        report.add("unreadable", f"content stream cannot be parsed: {exc}", number)
        return
    for index, instruction in enumerate(instructions):
        try:
            state = _instruction(instruction, index, resources, number, report, state, stack, depth)
        except MALFORMED as exc:
            report.add("unreadable", f"operator {index} has operands that cannot be read ({type(exc).__name__})", number, once="operands")


def _instruction(instruction, index: int, resources, number: int, report: _Report, state: _State, stack: list[_State], depth: int) -> _State:
    """Follow one content-stream operator; returns the graphics state after it."""
    profile = report.profile
    if isinstance(instruction, pikepdf.ContentStreamInlineImage):
        image = instruction.iimage
        written = image.obj.get("/CS", image.obj.get("/ColorSpace"))
        space = _resolve_space(written, resources) if written is not None else ""
        _colour_space(space, resources, number, report, f"inline image at operator {index}")
        return state
    op = str(instruction.operator)
    args = list(instruction.operands)
    where = f"operator {index} {op}"
    if op == "q":
        stack.append(state.copy())
    elif op == "Q":
        state = stack.pop() if stack else state
    elif op == "cm":
        state.ctm = _multiply(tuple(float(a) for a in args), state.ctm)
    elif op == "w":
        state.line_width = float(args[0])
    elif op in ("rg", "RG") and not profile.allow_rgb:
        report.add("colour-space", f"RGB colour {' '.join(_n(a) for a in args)} {op}", number, where, once=op)
    elif op in ("k", "K"):
        _ink([float(a) for a in args], number, report, where)
    elif op in ("cs", "CS"):
        space = _resolve_space(args[0], resources)
        if op == "cs":
            state.fill_space = space
        else:
            state.stroke_space = space
        _colour_space(space, resources, number, report, where)
    elif op in ("sc", "scn", "SC", "SCN"):
        space = state.fill_space if op in ("sc", "scn") else state.stroke_space
        numbers = [float(a) for a in args if _is_number(a)]  # pikepdf gives fractions as Decimal; a pattern name is no number
        if space == "/DeviceCMYK" and len(numbers) == 4:
            _ink(numbers, number, report, where)
    elif op == "gs":
        _graphics_state(resources, args[0], number, report, where)
    elif op == "BT":
        state.tm = (1, 0, 0, 1, 0, 0)
    elif op == "Tf":
        state.font_size = float(args[1])
    elif op == "Tm":
        state.tm = tuple(float(a) for a in args)
    elif op in TEXT_SHOWS:
        size = state.font_size * _scale(_multiply(state.tm, state.ctm))
        if 0 < size < profile.min_type_size / 1000 - 0.005:
            report.add("type-size", f"{size:.2f} pt text, below the {profile.min_type_size / 1000:g} pt minimum", number, where, once=round(size, 2))
    elif op in STROKES:
        width = state.line_width * _scale(state.ctm)
        if width < profile.min_rule_width / 1000 - 0.005:
            report.add("rule-weight", f"{width:.2f} pt line, below the {profile.min_rule_width / 1000:g} pt minimum", number, where, once=round(width, 2))
    elif op == "Do":
        _xobject(resources, args[0], number, report, state, depth, where)
    return state


def _xobject(resources, name, number: int, report: _Report, state: _State, depth: int, where: str) -> None:
    xobject = (resources.get("/XObject") or {}).get(str(name)) if resources is not None else None
    if xobject is None:
        return
    subtype = str(xobject.get("/Subtype", ""))
    if subtype == "/Form":
        inner = state.copy()
        if "/Matrix" in xobject:
            inner.ctm = _multiply(tuple(float(v) for v in xobject.Matrix), state.ctm)
        if report.profile.pdfx == "x1a" and _is_transparency_group(xobject.get("/Group")):
            report.add("transparency", f"form {name} is a transparency group", number, where)
        _content(xobject, xobject.get("/Resources") or resources, number, report, inner, depth + 1)
    elif subtype == "/Image":
        space = xobject.get("/ColorSpace")
        if space is not None:
            _colour_space(_resolve_space(space, resources), resources, number, report, f"image {name}")
        if report.profile.pdfx == "x1a" and ("/SMask" in xobject or "/SMaskInData" in xobject and int(xobject.SMaskInData) != 0):
            report.add("transparency", f"image {name} has a soft mask", number, where)
        if not xobject.get("/ImageMask", False):
            family = _resolve_space(space, resources) if space is not None else "/None"
            _image_use(xobject, str(name), number, report, state, where, family)


def _image_use(xobject, name: str, number: int, report: _Report, state: _State, where: str, family: str) -> None:
    """Resolution at the drawn size, and the ink of a CMYK image's pixels, decoded once."""
    a, b, c, d = state.ctm[:4]
    width_in, height_in = math.hypot(a, b) / 72, math.hypot(c, d) / 72
    if not (width_in > 0 and height_in > 0):
        return
    ppi = min(int(xobject.Width) / width_in, int(xobject.Height) / height_in)
    if ppi < report.profile.min_image_ppi:
        report.add("image-resolution", f"image {name} at {ppi:.0f} ppi, below {report.profile.min_image_ppi} ppi", number, where)
    max_ink = _max_ink(xobject, report) if family == "/DeviceCMYK" else None
    if max_ink is not None and max_ink > report.profile.ink_limit + INK_TOLERANCE:
        report.add("ink-limit", f"image {name} puts down up to {max_ink:.0f} % ink, over the {report.profile.ink_limit:g} % limit", number, where)
    filters = xobject.get("/Filter")
    last = str(filters[-1]) if isinstance(filters, pikepdf.Array) and len(filters) else str(filters or "")
    report.images.append(ImageUse(number, name, family, int(xobject.Width), int(xobject.Height), ppi, last, max_ink))


INK_TOLERANCE = 0.5  # % above the limit a pixel may reach (rounding to 8 bits)
MAX_DECODED_PIXELS = 50_000_000  # an image larger than this is not decoded for its ink


def _max_ink(xobject, report: _Report) -> float | None:
    key = xobject.objgen
    if key in report.inks:
        return report.inks[key]
    ink = None
    if int(xobject.Width) * int(xobject.Height) <= MAX_DECODED_PIXELS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a masked CMYK image comes back as RGBA: not measured
                image = pikepdf.PdfImage(xobject).as_pil_image()
        except (pikepdf.PdfError, NotImplementedError, *MALFORMED, OSError):
            image = None
        if image is not None and image.mode == "CMYK":
            ink = pixel_ink(image)
    report.inks[key] = ink
    return ink


def _graphics_state(resources, name, number: int, report: _Report, where: str) -> None:
    if report.profile.pdfx != "x1a" or resources is None:
        return
    state = (resources.get("/ExtGState") or {}).get(str(name))
    if state is None:
        return
    for key in ("/CA", "/ca"):
        if key in state and float(state[key]) < 1:
            report.add("transparency", f"graphics state {name} sets {key[1:]} {float(state[key]):g}", number, where)
    if "/SMask" in state and str(state.SMask) != "/None":
        report.add("transparency", f"graphics state {name} sets a soft mask", number, where)
    if "/BM" in state and str(state.BM) not in ("/Normal", "/Compatible"):
        report.add("transparency", f"graphics state {name} sets blend mode {state.BM}", number, where)


def _resolve_space(space, resources) -> str:
    """A colour space operand or object as a family name: /DeviceCMYK, /ICCBased3, /Separation…"""
    if isinstance(space, pikepdf.Name) or isinstance(space, str):
        name = str(space)
        if name in ("/DeviceCMYK", "/DeviceRGB", "/DeviceGray", "/Pattern", "/CMYK", "/RGB", "/G"):
            return name
        named = (resources.get("/ColorSpace") or {}).get(name) if resources is not None else None
        return _resolve_space(named, None) if named is not None else name
    if isinstance(space, pikepdf.Array) and len(space) > 0:
        family = str(space[0])
        if family == "/ICCBased":
            return f"/ICCBased{int(space[1].get('/N', 0))}"
        if family in ("/Indexed", "/I"):  # /I: an inline image's abbreviation
            return _resolve_space(space[1], resources)
        return family
    return str(space)


def _colour_space(space: str, resources, number: int, report: _Report, where: str) -> None:
    if report.profile.allow_rgb:
        return
    if space in RGB_SPACES or space == "/ICCBased3":
        report.add("colour-space", f"RGB colour space {space}", number, where, once=space)
    elif space in LAB_SPACES:
        report.add("colour-space", "Lab colour space", number, where, once=space)


def _ink(values: list[float], number: int, report: _Report, where: str) -> None:
    total = sum(values) * 100
    if total > report.profile.ink_limit + 0.5:
        report.add("ink-limit", f"{total:.0f} % ink ({' '.join(_n(v) for v in values)}), over the {report.profile.ink_limit:g} % limit", number, where, once=round(total))


def _is_transparency_group(group) -> bool:
    return group is not None and str(group.get("/S", "")) == "/Transparency"


def _multiply(m: tuple, n: tuple) -> tuple:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _scale(matrix: tuple) -> float:
    a, b, c, d = matrix[:4]
    return math.sqrt(abs(a * d - b * c))


def _is_number(value) -> bool:
    try:
        float(value)
        return True
    except (TypeError, ValueError):
        return False


def _n(value) -> str:
    return f"{float(value):g}"
