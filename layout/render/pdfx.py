"""PDF/X identification for the press: OutputIntent, Info and XMP keys, the PDF version.

ReportLab writes none of these; pikepdf (qpdf) adds them to the finished file and saves it with a
content-derived document ID, so identical pages stay byte-identical."""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
from dataclasses import dataclass
from typing import Sequence
from xml.sax.saxutils import escape

import pikepdf

from layout.model.style import OutputProfile
from layout.render.cidfont import FontObjects, FontProgram, Name, Ref, font_objects

VERSIONS = {
    "x1a": ("PDF/X-1:2001", "PDF/X-1a:2001", "1.3"),
    "x4": ("PDF/X-4", None, "1.6"),
}


@dataclass(frozen=True)
class DocumentMeta:
    title: str
    author: str
    subject: str
    date: _dt.date  # the issue date: creation and modification dates derive from it, not the clock


def combine_pdfs(pages: list[bytes], fonts: Sequence[tuple[FontProgram, dict[int, str]]] = ()) -> bytes:
    """One PDF holding the given one-page PDFs in order. Each face of `fonts` (its program and
    the characters all the pages drew with it) becomes one font shared by every page, in place
    of the pages' own subsets: their text codes are CIDs (code points), valid in any subset of
    the face that holds them."""
    sources = [pikepdf.open(io.BytesIO(data)) for data in pages]
    try:
        with pikepdf.new() as merged:
            for source in sources:
                merged.pages.extend(source.pages)
            for program, codes in fonts:
                _share_font(merged, program, codes)
            out = io.BytesIO()
            merged.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=True)
            return out.getvalue()
    finally:
        for source in sources:
            source.close()


def _share_font(pdf: pikepdf.Pdf, program: FontProgram, codes: dict[int, str]) -> None:
    """Point every page's subset of `program`'s face at one font holding all of `codes`."""
    shared = None
    for page in pdf.pages:
        resources = page.obj.get("/Resources", {}).get("/Font", {})
        for key, font in list(resources.items()):
            base = str(font.get("/BaseFont", ""))
            if font.get("/Subtype") == pikepdf.Name.Type0 and base.partition("+")[2] == program.postscript_name:
                if shared is None:
                    shared = _pikepdf_font(pdf, font_objects(program, codes))
                resources[key] = shared


def _pikepdf_font(pdf: pikepdf.Pdf, objects: FontObjects) -> pikepdf.Object:
    references = {}
    for key in ("font_file", "to_unicode", "cid_to_gid"):
        stream = getattr(objects, key)
        made = pikepdf.Stream(pdf, stream.data)
        for entry, value in stream.entries.items():
            made[f"/{entry}"] = _to_pikepdf(value, references)
        references[key] = made
    references["descriptor"] = pdf.make_indirect(_to_pikepdf(objects.descriptor, references))
    references["cid_font"] = pdf.make_indirect(_to_pikepdf(objects.cid_font, references))
    return pdf.make_indirect(_to_pikepdf(objects.type0, references))


def _to_pikepdf(value, references: dict):
    if isinstance(value, Ref):
        return references[str(value)]
    if isinstance(value, Name):
        return pikepdf.Name("/" + value)
    if isinstance(value, str):
        return pikepdf.String(value)
    if isinstance(value, dict):
        return pikepdf.Dictionary({f"/{k}": _to_pikepdf(v, references) for k, v in value.items()})
    if isinstance(value, list):
        return pikepdf.Array([_to_pikepdf(v, references) for v in value])
    return value


def finish_pdf(data: bytes, profile: OutputProfile, meta: DocumentMeta, *, set_titles: bool = False) -> bytes:
    """Return the PDF with the profile's PDF/X identification (unchanged when pdfx is none).
    `set_titles` writes the title, author and subject too (a combined PDF has none of its own)."""
    if profile.pdfx == "none" and not set_titles:
        return data
    stamp = meta.date.strftime("D:%Y%m%d000000+08'00'")
    iso = meta.date.strftime("%Y-%m-%dT00:00:00+08:00")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.docinfo
        if set_titles:
            info[pikepdf.Name.Title] = meta.title
            info[pikepdf.Name.Author] = meta.author
            info[pikepdf.Name.Subject] = meta.subject
            info[pikepdf.Name.Creator] = "layout"
        if profile.pdfx == "none":
            return _save(pdf, None)
        version, conformance, pdf_version = VERSIONS[profile.pdfx]
        info[pikepdf.Name.GTS_PDFXVersion] = version
        if conformance:
            info[pikepdf.Name.GTS_PDFXConformance] = conformance
        elif pikepdf.Name.GTS_PDFXConformance in info:
            del info[pikepdf.Name.GTS_PDFXConformance]
        info[pikepdf.Name.Trapped] = pikepdf.Name("/False")
        info[pikepdf.Name.CreationDate] = stamp
        info[pikepdf.Name.ModDate] = stamp
        info[pikepdf.Name.Producer] = "layout (ReportLab, pikepdf)"
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf, profile)])
        digest = hashlib.sha256(data).hexdigest()
        xmp = _xmp(meta, version, conformance, iso, digest)
        pdf.Root.Metadata = pdf.make_stream(xmp.encode("utf-8"), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
        return _save(pdf, pdf_version)


def _save(pdf: pikepdf.Pdf, version: str | None) -> bytes:
    """Saved with a document ID derived from the content: the same pages, the same bytes."""
    out = io.BytesIO()
    pdf.save(out, force_version=version, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=True)
    return out.getvalue()


def _output_intent(pdf: pikepdf.Pdf, profile: OutputProfile) -> pikepdf.Dictionary:
    condition = profile.output_condition
    assert condition is not None  # the style loader requires one for PDF/X
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=condition.identifier,
        RegistryName=condition.registry,
        OutputCondition=condition.condition,
        Info=condition.info,
    )
    if profile.icc_data:
        intent.DestOutputProfile = pdf.make_stream(profile.icc_data, N=4)
    return intent


def _xmp(meta: DocumentMeta, version: str, conformance: str | None, iso: str, digest: str) -> str:
    uuid = f"uuid:{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    conformance_xml = f"\n   <pdfxid:GTS_PDFXConformance>{conformance}</pdfxid:GTS_PDFXConformance>" if conformance else ""
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <xmp:CreateDate>{iso}</xmp:CreateDate>
   <xmp:ModifyDate>{iso}</xmp:ModifyDate>
   <xmp:MetadataDate>{iso}</xmp:MetadataDate>
   <xmp:CreatorTool>layout</xmp:CreatorTool>
   <pdf:Producer>layout (ReportLab, pikepdf)</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>{uuid}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{uuid}</xmpMM:InstanceID>
   <pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>{conformance_xml}
   <pdfx:GTS_PDFXVersion>{version}</pdfx:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
