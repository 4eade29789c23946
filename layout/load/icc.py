"""An output ICC profile, checked as ICC before it is embedded (ICC.1:2010 §7).

A PDF/X output intent needs an output-device (`prtr`) profile for CMYK; a file that is not one,
or whose tag table points outside itself, is refused with the field that named it. The check is
structural: header, declared size, tag table and the tags every colour conversion needs.
"""

from __future__ import annotations

from typing import NoReturn

from layout.load.boundary import Blame

HEADER_BYTES = 128
SIGNATURE = b"acsp"
OUTPUT_CLASS = b"prtr"
CMYK = b"CMYK"
CONNECTION_SPACES = (b"XYZ ", b"Lab ")
REQUIRED_TAGS = (b"desc", b"wtpt", b"A2B0", b"B2A0")  # description, white point, both conversions
MAX_TAGS = 1000


def check_output_profile(data: bytes, blame: Blame) -> None:
    """Refuse `data` unless it is a CMYK output-device ICC profile (what PDF/X output intents need)."""
    def refuse(problem: str) -> NoReturn:
        raise blame.error(f"the ICC profile {problem}", "name the press's CMYK output profile (an .icc file of device class 'prtr')")

    if len(data) < HEADER_BYTES + 4 or data[36:40] != SIGNATURE:
        refuse("is not an ICC profile (no 'acsp' signature)")
    declared = int.from_bytes(data[0:4], "big")
    if declared != len(data):
        refuse(f"declares {declared:,} bytes but the file has {len(data):,}")
    if data[8] not in (2, 4):
        refuse(f"has version {data[8]}, not 2 or 4")
    if data[12:16] != OUTPUT_CLASS:
        refuse(f"is of device class {_sig(data[12:16])}, not an output profile ('prtr')")
    if data[16:20] != CMYK:
        refuse(f"describes colour space {_sig(data[16:20])}, not CMYK")
    if data[20:24] not in CONNECTION_SPACES:
        refuse(f"has connection space {_sig(data[20:24])}, not XYZ or Lab")
    count = int.from_bytes(data[128:132], "big")
    if count > MAX_TAGS or HEADER_BYTES + 4 + 12 * count > len(data):
        refuse("has a tag table that runs past its end")
    tags = set()
    for i in range(count):
        entry = data[132 + 12 * i : 144 + 12 * i]
        offset, size = int.from_bytes(entry[4:8], "big"), int.from_bytes(entry[8:12], "big")
        if offset < HEADER_BYTES or offset + size > len(data):
            refuse(f"has a tag {_sig(entry[0:4])} that points outside the file")
        tags.add(entry[0:4])
    missing = [_sig(tag) for tag in REQUIRED_TAGS if tag not in tags]
    if missing:
        refuse(f"lacks the tags {', '.join(missing)}")


def _sig(raw: bytes) -> str:
    text = raw.decode("latin-1")
    return repr(text) if text.isprintable() else f"0x{raw.hex()}"
