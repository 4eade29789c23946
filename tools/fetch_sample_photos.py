#!/usr/bin/env python3
"""Recreate the sample news photos of issues/2022-01-28/photos/ from scikit-image's wheel.

The photos are files bundled in the scikit-image wheel (skimage/data/), public domain or
CC0 by the statements in scikit-image's own docstrings (skimage/data/_fetchers.py). The
wheel is downloaded with pip into a temporary folder (scikit-image is NOT a dependency
of the project), the files are read out of it with zipfile and written byte for byte,
not re-encoded; each is checked against the sha256 recorded here. The script also writes
SOURCES.md beside them (source, licence, description, size).

    python3 tools/fetch_sample_photos.py              # pip download, pinned version
    python3 tools/fetch_sample_photos.py --wheel W    # use an already downloaded wheel
    python3 tools/fetch_sample_photos.py --out DIR    # write elsewhere, e.g. to compare
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "scikit-image"
VERSION = "0.26.0"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "issues" / "2022-01-28" / "photos"

# name in wheel -> (sha256, pixel size, Pillow mode, licence sentence, description)
PHOTOS = {
    "hubble_deep_field.jpg": (
        "3a19c5dd8a927a9334bb1229a6d63711b1c0c767fb27e2286e7c84a3e2c2f5f4",
        (1000, 872), "RGB",
        "The image was captured by NASA and may be freely used in the public domain.",
        "Hubble eXtreme Deep Field: thousands of small coloured galaxies on black.",
    ),
    "coffee.png": (
        "cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7",
        (600, 400), "RGB",
        "No copyright restrictions.  CC0 by the photographer (Rachel Michetti).",
        "A cup of espresso on a red saucer with a spoon, on a worn wooden table, seen from above.",
    ),
    "camera.png": (
        "b0793d2adda0fa6ae899c03989482bff9a42d3d5690fc7e3648f2795d730c23a",
        (512, 512), "L",
        "No copyright restrictions. CC0 by the photographer (Lav Varshney).",
        "Black-and-white: a man in a dark coat filming with a camera on a tripod on a lawn, "
        "buildings and a domed hall in the distance.",
    ),
}

# one newspaper column 41.3 mm, two 86.0 mm, three 130.6 mm; 200 ppi at placed size
COLUMNS = {1: 41.3, 2: 86.0, 3: 130.6}
MIN_PPI = 200


def widest_columns(width_px: int) -> int:
    fit = [n for n, mm in COLUMNS.items() if width_px / (mm / 25.4) >= MIN_PPI]
    return max(fit) if fit else 0


def download_wheel(dest: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", f"{PACKAGE}=={VERSION}", "--no-deps",
         "--only-binary", ":all:", "--quiet", "-d", str(dest)],
        check=True,
    )
    wheels = glob.glob(str(dest / f"scikit_image-{VERSION}-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"error: expected one scikit-image {VERSION} wheel, found {wheels}")
    return Path(wheels[0])


def sources_md() -> str:
    lines = [
        "# Sample news photos",
        "",
        f"Written by `tools/fetch_sample_photos.py` from the {PACKAGE} {VERSION} wheel",
        "(files `skimage/data/NAME`, byte for byte, not re-encoded); do not edit by hand.",
        "Licence sentences are quoted from the docstrings in `skimage/data/_fetchers.py` (reST link markup removed).",
        f"Widest placement: most newspaper columns (1 = 41.3 mm, 2 = 86.0 mm, 3 = 130.6 mm)",
        f"the picture fills at {MIN_PPI} ppi or more, if placed at full width.",
        "",
    ]
    for name, (sha, (w, h), mode, licence, desc) in PHOTOS.items():
        cols = widest_columns(w)
        lines += [
            f"## {name}",
            "",
            f"- pixels: {w} x {h}, Pillow mode {mode}",
            f"- source: {PACKAGE} {VERSION}, `skimage/data/{name}`",
            f"- licence: \"{licence}\"",
            f"- shows: {desc}",
            f"- widest placement at {MIN_PPI} ppi: {cols} column{'s' if cols != 1 else ''}"
            f" ({w / (COLUMNS[max(cols, 1)] / 25.4):.0f} ppi there)",
            f"- sha256: {sha}",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", type=Path, help="an already downloaded scikit-image wheel")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        args.out.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as zf:
            for name, (sha, *_rest) in PHOTOS.items():
                data = zf.read(f"skimage/data/{name}")
                got = hashlib.sha256(data).hexdigest()
                if got != sha:
                    raise SystemExit(f"error: skimage/data/{name} has sha256 {got}, expected {sha}")
                (args.out / name).write_bytes(data)
                print(f"wrote {args.out / name} ({len(data)} bytes)")
    (args.out / "SOURCES.md").write_text(sources_md(), encoding="utf-8")
    print(f"wrote {args.out / 'SOURCES.md'}")


if __name__ == "__main__":
    main()
