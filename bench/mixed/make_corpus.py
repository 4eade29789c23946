"""Re-create the mixed Chinese/Latin corpus (bench/mixed/*.txt) from Debian's packages.

    python bench/mixed/make_corpus.py [--check] [--candidates FILE]

Each pinned package is fetched with `apt-get download NAME=VERSION` and unpacked with
`dpkg-deb -x` into a temporary folder (removed afterwards); the paragraphs are taken from the
documents named in SELECTION, markup stripped (SOURCES.md says exactly what), and written as one
.txt file per article, paragraphs separated by blank lines. The output depends only on the
packages' bytes: the same versions give the same files.

`--check` writes nothing and exits 1 when a committed .txt file differs from what the packages
give (an audit). `--candidates FILE` also writes every qualifying paragraph of every selected
document, numbered, to FILE (for choosing a selection).

The text is kept as in the source: ASCII punctuation, straight quotes, spaces before and after
marks, non-breaking spaces. Only markup goes: HTML tags and entities (decoded), roff requests and
escapes, footnote markers. Line breaks inside a paragraph are joined as a browser joins them (CSS
Text 3 segment breaks): a break between two East Asian wide characters vanishes, any other break
becomes one space.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import html
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BODY_FONT = os.path.join(ROOT, "fonts", "NotoSerifSC-Regular-GBK.ttf")

# Debian 12 (bookworm) versions.
PACKAGES = {
    "debian-reference-zh-cn": "2.100",
    "manpages-zh": "1.6.4.0-1",
    "debian-faq-zh-cn": "11.1",
    "maint-guide-zh-cn": "1.2.53",
}

REF = "usr/share/debian-reference/"
MAN = "usr/share/man/zh_CN/"
FAQ = "usr/share/doc/debian/FAQ/zh-cn/"
MG = "usr/share/doc/maint-guide-zh-cn/html/"

# output file -> [(package, file inside the package, how many paragraphs)]: of each document the
# `count` longest qualifying paragraphs (the earlier first among equals; a near repeat of one
# already taken is passed over), kept in document order.
SELECTION: dict[str, list[tuple[str, str, int]]] = {
    # os-release's first paragraph taken opens with a Latin word (the dateline story in mixed.yaml)
    "man-os-release.txt": [("manpages-zh", MAN + "man5/os-release.5.gz", 4)],
    "man-systemctl.txt": [("manpages-zh", MAN + "man1/systemctl.1.gz", 4)],
    "man-journalctl.txt": [("manpages-zh", MAN + "man1/journalctl.1.gz", 3)],
    "man-grep.txt": [("manpages-zh", MAN + "man1/grep.1.gz", 5)],
    "man-bash.txt": [("manpages-zh", MAN + "man1/bash.1.gz", 6)],
    "man-tcpdump.txt": [("manpages-zh", MAN + "man8/tcpdump.8.gz", 5)],
    "ref-apt.txt": [("debian-reference-zh-cn", REF + "ch02.zh-cn.html", 6)],
    "ref-shell.txt": [("debian-reference-zh-cn", REF + "ch01.zh-cn.html", 5)],
    "ref-system.txt": [("debian-reference-zh-cn", REF + "ch03.zh-cn.html", 4)],
    "ref-network.txt": [("debian-reference-zh-cn", REF + "ch05.zh-cn.html", 4)],
    "faq-basics.txt": [("debian-faq-zh-cn", FAQ + "basic-defs.zh-cn.html", 3), ("debian-faq-zh-cn", FAQ + "choosing.zh-cn.html", 3)],
    "faq-packages.txt": [("debian-faq-zh-cn", FAQ + "pkg-basics.zh-cn.html", 3), ("debian-faq-zh-cn", FAQ + "pkgtools.zh-cn.html", 3)],
    "mg-start.txt": [("maint-guide-zh-cn", MG + "start.zh-cn.html", 3), ("maint-guide-zh-cn", MG + "first.zh-cn.html", 3)],
    "mg-build.txt": [("maint-guide-zh-cn", MG + "build.zh-cn.html", 3), ("maint-guide-zh-cn", MG + "checkit.zh-cn.html", 2)],
}

MIN_CHARS, MAX_CHARS = 60, 400


# --- joining lines ---------------------------------------------------------------------------

def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


_BREAK = re.compile(r"[ \t]*\n[ \t\n]*")


def join_breaks(text: str) -> str:
    """A line break (with the blanks around it) between two wide characters vanishes; any other
    becomes one space (CSS Text 3 segment-break transformation)."""
    def repl(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() > 0 else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return "" if before and after and _wide(before) and _wide(after) else " "
    return _BREAK.sub(repl, text)


# --- HTML (DocBook output) ---------------------------------------------------------------------

_P = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)
_FOOTNOTE = re.compile(r"<sup\b[^>]*>.*?</sup>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def html_paragraphs(source: str) -> list[str]:
    """The text of every <p> element: footnote markers (<sup>) dropped, tags stripped, entities
    decoded, line breaks joined, runs of blanks collapsed as HTML collapses them (a no-break
    space is not a blank and stays)."""
    out = []
    for inner in _P.findall(source):
        text = _TAG.sub("", _FOOTNOTE.sub("", inner))
        text = html.unescape(text)
        text = join_breaks(text)
        text = re.sub(r"[ \t]+", " ", text).strip(" \t")
        out.append(text)
    return out


# --- roff (man macros) -----------------------------------------------------------------------

_NAMED = {
    "en": "–", "em": "—", "aq": "'", "dq": '"', "lq": "“", "rq": "”", "oq": "‘", "cq": "’",
    "bu": "•", "co": "©", "rg": "®", "ti": "~", "ha": "^", "mi": "-", "hy": "-", "at": "@",
    "sh": "#", "rs": "\\", "bv": "|", "ba": "|", "or": "|", "pl": "+", "eq": "=", "tm": "™",
    "R": "®", "Tm": "™",
}

# paragraph breaks and requests whose line is dropped
_BREAKING = {"PP", "P", "LP", "TP", "IP", "HP", "SH", "SS", "sp", "br", "RS", "RE", "PD", "TH", "in", "ti", "ne", "bp"}
_FONT_ALTERNATING = {"BR", "RB", "IR", "RI", "BI", "IB"}
_FONT_JOINED = {"B", "I", "SM", "SB"}
_SKIP_SECTIONS = re.compile(r"NAME|SYNOPSIS|SEE ALSO|AUTHOR|COPYRIGHT|BUGS|名字|名称|总览|参见|作者|译者|版权|中文版|跋|另见|REPORTING", re.IGNORECASE)


def _after_name(text: str, i: int) -> int:
    """Past an escape's name: (xx, [name] or a single character."""
    if i < len(text) and text[i] == "(":
        return i + 3
    if i < len(text) and text[i] == "[":
        return text.index("]", i) + 1
    return i + 1


def _escapes(text: str) -> str:
    text = re.sub(r"\\s-?\d\\u\[\d+\]\\d\\s\+?\d", "", text)        # a footnote marker [1]
    text = re.sub(r"\\\".*$", "", text)                              # comment to the line end
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != "\\" or i + 1 == len(text):
            out.append(ch)
            i += 1
            continue
        nxt = text[i + 1]
        i += 2
        if nxt in "fF":                                   # font: \fB, \f(BI, \f[...]
            i = _after_name(text, i)
        elif nxt == "(":                                  # \(xx
            out.append(_NAMED.get(text[i:i + 2], ""))
            i += 2
        elif nxt == "[":                                  # \[name]
            end = text.index("]", i)
            out.append(_NAMED.get(text[i:end], ""))
            i = end + 1
        elif nxt == "*":                                  # strings \*x \*(xx \*[name]
            if i < len(text) and text[i] == "(":
                out.append(_NAMED.get(text[i + 1:i + 3], ""))
                i += 3
            elif i < len(text) and text[i] == "[":
                end = text.index("]", i)
                out.append(_NAMED.get(text[i + 1:end], ""))
                i = end + 1
            else:
                out.append(_NAMED.get(text[i:i + 1], ""))
                i += 1
        elif nxt in "mM":                                 # colour \m[blue] \m[]
            if i < len(text) and text[i] == "[":
                i = text.index("]", i) + 1
            else:
                i += 1
        elif nxt == "s":                                  # size \s-2 \s+2 \s0
            m = re.match(r"[+-]?\d", text[i:])
            i += m.end() if m else 0
        elif nxt == "n":                                  # number register
            i = _after_name(text, i)
        elif nxt == "-":
            out.append("-")
        elif nxt == "e" or nxt == "\\":
            out.append("\\")
        elif nxt in " ~0":
            out.append(" ")
        elif nxt in "&|^%:cdu{})":                       # zero-width, thin spaces, motions
            pass
        elif nxt == "'":
            out.append("´")
        elif nxt == "`":
            out.append("`")
        elif nxt == ".":
            out.append(".")
        else:
            out.append(nxt)
    return "".join(out)


def _macro_args(rest: str) -> list[str]:
    args, i = [], 0
    while i < len(rest):
        if rest[i] == " ":
            i += 1
            continue
        if rest[i] == '"':
            j = i + 1
            buf = []
            while j < len(rest):
                if rest[j] == '"':
                    if j + 1 < len(rest) and rest[j + 1] == '"':
                        buf.append('"')
                        j += 2
                        continue
                    break
                buf.append(rest[j])
                j += 1
            args.append("".join(buf))
            i = j + 1
        else:
            j = i
            while j < len(rest) and rest[j] != " ":
                j += 2 if rest[j] == "\\" else 1
            args.append(rest[i:j])
            i = j
    return args


def roff_paragraphs(source: str) -> list[str]:
    """Running text of a man page (man macros): requests end paragraphs, font macros give their
    arguments' text, no-fill blocks (.nf … .fi, .EX … .EE) and macro definitions are dropped, as
    are the sections named in _SKIP_SECTIONS and the tag line after .TP."""
    paragraphs: list[str] = []
    lines: list[str] = []
    skip_section = False
    nofill = False
    define = False
    tag_next = False

    def flush() -> None:
        if lines and not skip_section:
            paragraphs.append(join_breaks("\n".join(lines)).strip(" \t"))
        lines.clear()

    for raw in source.split("\n"):
        if define:
            define = raw.strip() != ".."
            continue
        if raw.startswith(('.\\"', "'\\\"", '\\"')):
            continue
        if raw.strip() in (".", "'"):
            continue                                      # an empty request
        if raw.startswith((".", "'")) and len(raw) > 1:
            m = re.match(r"[.'][ \t]*(\S*)[ \t]*(.*)$", raw)
            name, rest = (m.group(1), m.group(2)) if m else ("", "")
            if name in ("de", "de1", "am"):
                define = True
                continue
            if name in ("nf", "EX"):
                flush()
                nofill = True
                continue
            if name in ("fi", "EE"):
                nofill = False
                continue
            if nofill:
                continue
            if name in ("SH", "SS"):
                flush()
                if name == "SH":
                    skip_section = bool(_SKIP_SECTIONS.search(_escapes(rest)))
                continue
            if name in _BREAKING:
                flush()
                tag_next = name == "TP"
                continue
            if name in _FONT_JOINED:
                text = " ".join(_escapes(a) for a in _macro_args(rest))
            elif name in _FONT_ALTERNATING:
                text = "".join(_escapes(a) for a in _macro_args(rest))
            else:
                continue                                  # any other request: dropped
            if not text:
                continue                                  # .B alone: the next line is the text
        else:
            if nofill:
                continue
            if not raw.strip():
                flush()
                continue
            text = _escapes(raw)
        if tag_next:
            tag_next = False
            continue                                      # the .TP tag (an option's name)
        lines.append(text.rstrip(" \t"))
    flush()
    return paragraphs


# --- selection -------------------------------------------------------------------------------

SENTENCE_END = ("。", ".", "！", "!", "？", "?", "）", ")", "”", '"', "'", "」", "』", "》")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-/]*")


def _cmap() -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(BODY_FONT).getBestCmap())


def qualifies(text: str, cmap: set[int]) -> bool:
    """A paragraph of running prose dense with Latin: 60–400 characters, at least 20 Han, at least
    3 Latin words and 15 % ASCII letters and digits, ending a sentence (not a lead-in to a list
    or code, not cut by an example), every character in the body font."""
    if not MIN_CHARS <= len(text) <= MAX_CHARS:
        return False
    if len(_HAN.findall(text)) < 20 or len(_LATIN_WORD.findall(text)) < 3:
        return False
    alnum = sum(1 for ch in text if ch.isascii() and ch.isalnum())
    if alnum < 0.15 * len(text.replace(" ", "")):
        return False
    if not text.endswith(SENTENCE_END):
        return False
    return all(ord(ch) in cmap or ch == " " for ch in text)


def _similar(a: str, b: str) -> bool:
    """Near repeats (systemctl's halt, poweroff and reboot differ in a few words): one taken."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() > 0.6


def read_document(folder: str, inner: str) -> list[str]:
    path = os.path.join(folder, inner)
    with (gzip.open(path) if path.endswith(".gz") else open(path, "rb")) as handle:
        raw = handle.read()
    text = raw.decode("utf-8")
    return roff_paragraphs(text) if "/man/" in inner else html_paragraphs(text)


def fetch(tmp: str) -> dict[str, str]:
    """package -> the folder it is unpacked in."""
    folders = {}
    for name, version in PACKAGES.items():
        # apt warns that it downloads unsandboxed into a folder _apt cannot enter: shown on failure only
        done = subprocess.run(["apt-get", "download", f"{name}={version}"], cwd=tmp, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"apt-get download {name}={version} failed:\n{done.stderr.strip()}")
        deb = next(f for f in sorted(os.listdir(tmp)) if f.startswith(name + "_") and f.endswith(".deb"))
        folder = os.path.join(tmp, name)
        subprocess.run(["dpkg-deb", "-x", os.path.join(tmp, deb), folder], check=True)
        folders[name] = folder
    return folders


def build(folders: dict[str, str], candidates: str | None = None) -> dict[str, str]:
    cmap = _cmap()
    files: dict[str, str] = {}
    dump: list[str] = []
    for out, parts in SELECTION.items():
        chosen: list[str] = []
        for package, inner, count in parts:
            good = [p for p in read_document(folders[package], inner) if qualifies(p, cmap)]
            if candidates is not None:
                dump.append(f"##### {package} {inner}: {len(good)} qualifying")
                dump.extend(f"[{i}] ({len(p)}) {p}" for i, p in enumerate(good))
            if len(good) < count:
                raise SystemExit(f"{inner}: only {len(good)} qualifying paragraphs, {count} wanted")
            longest: list[int] = []
            for i in sorted(range(len(good)), key=lambda i: (-len(good[i]), i)):
                if len(longest) < count and not any(_similar(good[i], good[j]) for j in longest):
                    longest.append(i)
            if len(longest) < count:
                raise SystemExit(f"{inner}: only {len(longest)} distinct qualifying paragraphs, {count} wanted")
            chosen.extend(good[i] for i in sorted(longest))
        files[out] = "\n\n".join(chosen) + "\n"
    if candidates is not None:
        with open(candidates, "w", encoding="utf-8") as handle:
            handle.write("\n".join(dump) + "\n")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files; write nothing")
    parser.add_argument("--candidates", metavar="FILE", help="also write every qualifying paragraph to FILE")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mixed-corpus-") as tmp:
        files = build(fetch(tmp), args.candidates)
    differ = []
    for name, text in files.items():
        path = os.path.join(HERE, name)
        if args.check:
            try:
                with open(path, encoding="utf-8") as handle:
                    same = handle.read() == text
            except FileNotFoundError:
                same = False
            if not same:
                differ.append(name)
            continue
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    total = sum(text.count("\n\n") + 1 for text in files.values())
    if args.check:
        print(f"{len(files)} files, {total} paragraphs: " + ("all match" if not differ else "differ: " + ", ".join(differ)))
        return 1 if differ else 0
    for name, text in files.items():
        print(f"{name}: {text.count(chr(10) + chr(10)) + 1} paragraphs, {len(text)} characters")
    print(f"{len(files)} files, {total} paragraphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
