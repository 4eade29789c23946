"""Mutations of the sample issue, its style sheet and its article files, for the CLI fuzzer.

Shared by tests/test_fuzz_cli.py (hypothesis makes the choices, so failures shrink) and
tools/fuzz_cli.py (random.Random makes them, one seed per mutant). Nothing here runs the CLI: a
`Mutant` is a plain, printable description (its repr is Python that rebuilds it) and
`Mutant.data` is the bytes of the file it puts in place of the original.

Structural operations address YAML nodes by the dotted path the loader uses in its messages
(`articles[2].body_file`, `output.profiles.press.icc_profile`, "" for the document) and are
spliced into the original text at the node's position, so comments and layout stay as they were.
Every operation is computed against the unmutated file; an operation whose edit overlaps an
earlier one's is dropped (`Mutant.applied` lists those that took effect). Raw operations then
work on the bytes: control characters, invalid UTF-8, BOMs and other encodings, truncation, line
ends, tabs.
"""

from __future__ import annotations

import functools
import os
import random
import re
from dataclasses import dataclass
from typing import Sequence

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ISSUE_REL = "issues/2022-01-28.yaml"
STYLE_REL = "styles/broadsheet.yaml"
BODY_DIR_REL = "issues/2022-01-28"
BODY_NAMES = ("edz-top-ten", "government-meeting", "jin-epidemic", "life-meeting", "liujie-epidemic", "standing-committee")
FONT_FILE = os.path.join(ROOT, "fonts", "NotoSansSC-Bold-GBK.ttf")

# Files the harness plants just outside the project folder. Their contents must never come back
# in anything the CLI prints or writes; `NEEDLES` are the strings looked for (with /etc/passwd's).
SECRET_TOKEN = "ZQXSECRET4417"
SECRET_FILES = {
    "secret.txt": f"{SECRET_TOKEN} 机密甲乙丙丁，“未闭合的引号,机密内容。\n\n{SECRET_TOKEN}机密第二段。\n",
    "secret.yaml": f"{SECRET_TOKEN}: 机密甲乙丙丁\nstyle: {SECRET_TOKEN}\n",
}
NEEDLES = (SECRET_TOKEN, "机密甲乙丙丁", "root:x:0:0", "daemon:x:1:1")

# Paths that point out of the project (which holds issues/ and styles/), or at odd things.
# Issue files and style sheets both sit one folder below the project root, so ../../ is just
# outside it, where the harness puts the secret files.
HOSTILE_PATHS = (
    "../../secret.txt",
    "../../secret.yaml",
    "/etc/passwd",
    "../" * 24 + "etc/passwd",
    "../styles/../../secret.yaml",
    "2022-01-28/../../../secret.txt",
    "./../../secret.txt",
    "/etc",
    "/",
    ".",
    "..",
    "",
    " ",
    "/dev/zero",
    "/dev/null",
    "/dev/stdin",
    "2022-01-28",
    "2022-01-28.yaml",
    "broadsheet.yaml",
    "../styles/broadsheet.yaml",
    "a\x00b",
    "../../secret.txt\x00.txt",
    "a/" * 2100 + "x",
    "x" * 300,
    "file:///etc/passwd",
    "~/secret.txt",
    "$HOME/secret.txt",
    "..\\..\\secret.txt",
    "no such file.txt",
    "2022-01-28/liujie-epidemic.txt\n",
    "\ud800.txt",
    FONT_FILE,
)


# --- choices ----------------------------------------------------------------------------------


class Chooser:
    """Where the choices come from. `integer` is the only primitive; the others build on it, and
    the first option is always the simplest, so hypothesis shrinks towards it."""

    def integer(self, lo: int, hi: int) -> int:
        raise NotImplementedError

    def pick(self, options: Sequence):
        return options[self.integer(0, len(options) - 1)]

    def weighted(self, options: Sequence[tuple[object, int]]):
        total = sum(weight for _, weight in options)
        roll = self.integer(0, total - 1)
        for option, weight in options:
            if roll < weight:
                return option
            roll -= weight
        raise AssertionError("unreachable")

    def chance(self, percent: int) -> bool:
        """True with the given probability; shrinks to False."""
        return self.integer(0, 99) >= 100 - percent


class RandomChooser(Chooser):
    def __init__(self, seed: object):
        self.rng = random.Random(str(seed))

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)


class DrawChooser(Chooser):
    """Choices drawn from hypothesis (`draw` of st.composite or of st.data())."""

    def __init__(self, draw):
        from hypothesis import strategies as st

        self._draw = draw
        self._st = st

    def integer(self, lo: int, hi: int) -> int:
        return self._draw(self._st.integers(lo, hi))


@dataclass(frozen=True)
class Limits:
    """How big the nastiest values get. The test keeps them small enough for one process without
    a memory limit; the tool, which has one, goes further."""

    repeat: int = 100_000
    depth: int = 5_000
    bomb: int = 200_000  # nodes an alias bomb expands to
    lines: int = 20_000


SMALL = Limits()
BIG = Limits(repeat=1_000_000, depth=50_000, bomb=10**9, lines=200_000)


# --- values (YAML text to splice in) --------------------------------------------------------------

_PRINTABLE = re.compile("[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_quote(text: str) -> str:
    """A double-quoted YAML scalar for any Python string, lone surrogates included."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or code in (0x2028, 0x2029, 0xFEFF) or not _PRINTABLE.fullmatch(char):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


@dataclass(frozen=True)
class Ctx:
    flow: bool  # inside a flow collection: single-line text only
    indent: int  # column for continuation lines of a block value
    newline_first: bool  # a block value must start on a new line (it is a mapping value)


class Val:
    def flow(self) -> str:
        raise NotImplementedError

    def block_lines(self) -> list[tuple[int, str]] | None:
        """Block-style form as (extra indent, text) lines, or None when there is none."""
        return None

    def render(self, ctx: Ctx) -> str:
        lines = None if ctx.flow else self.block_lines()
        if lines is None:
            return self.flow()
        pieces = [" " * (ctx.indent + extra) + text for extra, text in lines]
        if ctx.newline_first:
            return "\n" + "\n".join(pieces)
        return pieces[0].lstrip(" ") + "".join("\n" + piece for piece in pieces[1:])


@dataclass(frozen=True)
class Lit(Val):
    """YAML text, as is."""

    text: str

    def flow(self) -> str:
        return self.text


@dataclass(frozen=True)
class Str(Val):
    """A string, double-quoted with escapes."""

    value: str

    def flow(self) -> str:
        return yaml_quote(self.value)


@dataclass(frozen=True)
class Repeat(Val):
    """unit * count, double-quoted."""

    unit: str
    count: int

    def flow(self) -> str:
        return yaml_quote(self.unit * self.count)


@dataclass(frozen=True)
class Deep(Val):
    """Nesting `depth` levels deep: flow-seq [[[..]]], flow-map {a: {a: ..}}, block-seq - - - x,
    block-map a:/ a:/  a: (one more space a level)."""

    kind: str
    depth: int

    def flow(self) -> str:
        if self.kind in ("flow-map", "block-map"):
            return "{a: " * self.depth + "x" + "}" * self.depth
        return "[" * self.depth + "x" + "]" * self.depth

    def block_lines(self):
        if self.kind == "block-seq":
            return [(0, "- " * self.depth + "x")]
        if self.kind == "block-map":
            return [(level, "a:") for level in range(self.depth - 1)] + [(self.depth - 1, "a: x")]
        return None


@dataclass(frozen=True)
class Bomb(Val):
    """Billion laughs: `levels` lists of `width` aliases of the list before."""

    levels: int
    width: int

    def flow(self) -> str:
        parts = [f"&b0 [{', '.join(['lol'] * self.width)}]"]
        for level in range(1, self.levels):
            parts.append(f"&b{level} [{', '.join([f'*b{level - 1}'] * self.width)}]")
        return "[" + ", ".join(parts) + "]"


@dataclass(frozen=True)
class FlowList(Val):
    items: tuple[Val, ...]

    def flow(self) -> str:
        return "[" + ", ".join(item.flow() for item in self.items) + "]"


@dataclass(frozen=True)
class FlowMap(Val):
    items: tuple[tuple[str, Val], ...]

    def flow(self) -> str:
        return "{" + ", ".join(f"{key}: {value.flow()}" for key, value in self.items) + "}"


# --- the unmutated files, indexed -----------------------------------------------------------------


@dataclass(frozen=True)
class NodeInfo:
    path: str
    kind: str  # scalar | map | seq
    start: int  # character offsets into the text
    end: int  # end of the content (block collections: end of their last value)
    flow: bool  # the node is a scalar or a flow collection: its text is one piece
    in_flow: bool  # it stands inside a flow collection
    parent: str | None  # map | seq | None (the document)
    column: int
    key: str | None = None
    key_start: int | None = None
    key_end: int | None = None
    key_column: int | None = None
    dash: int | None = None  # offset of the "- " of a block sequence item
    children: tuple[str, ...] = ()  # paths of the children, in order


@dataclass(frozen=True)
class Index:
    text: str
    nodes: dict[str, NodeInfo]

    def of(self, predicate) -> list[NodeInfo]:
        return [node for node in self.nodes.values() if predicate(node)]

    @functools.cached_property
    def scalars(self) -> list[NodeInfo]:
        return self.of(lambda n: n.kind == "scalar")

    @functools.cached_property
    def map_values(self) -> list[NodeInfo]:
        return self.of(lambda n: n.parent == "map")

    @functools.cached_property
    def entries(self) -> list[NodeInfo]:
        return self.of(lambda n: n.parent is not None)

    @functools.cached_property
    def mappings(self) -> list[NodeInfo]:
        return self.of(lambda n: n.kind == "map")

    @functools.cached_property
    def one_piece(self) -> list[NodeInfo]:
        return self.of(lambda n: n.flow)

    @functools.cached_property
    def keys(self) -> list[str]:
        return sorted({n.key for n in self.map_values if n.key})

    @functools.cached_property
    def scalar_texts(self) -> list[str]:
        return sorted({self.text[n.start : n.end] for n in self.scalars if "\n" not in self.text[n.start : n.end]})


def _content_end(node: yaml.Node) -> int:
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _content_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _content_end(node.value[-1])
    return node.end_mark.index


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def build_index(text: str) -> Index:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    nodes: dict[str, NodeInfo] = {}

    def walk(node, path, parent, in_flow, **extra):
        kind = "map" if isinstance(node, yaml.MappingNode) else "seq" if isinstance(node, yaml.SequenceNode) else "scalar"
        one_piece = kind == "scalar" or bool(node.flow_style)
        start = node.start_mark.index
        end = _trim_end(text, start, _content_end(node))
        children: list[str] = []
        if kind == "map":
            for key_node, value_node in node.value:
                child = f"{path}.{key_node.value}" if path else str(key_node.value)
                children.append(child)
                walk(value_node, child, "map", in_flow or one_piece, key=str(key_node.value), key_start=key_node.start_mark.index, key_end=key_node.end_mark.index, key_column=key_node.start_mark.column)
        elif kind == "seq":
            for i, item in enumerate(node.value):
                child = f"{path}[{i}]"
                children.append(child)
                dash = None
                if not one_piece:
                    dash = text.rfind("-", 0, item.start_mark.index)
                walk(item, child, "seq", in_flow or one_piece, dash=dash)
        nodes[path] = NodeInfo(path, kind, start, end, one_piece, in_flow, parent, node.start_mark.column, children=tuple(children), **extra)

    walk(root, "", None, False)
    return Index(text, nodes)


@functools.cache
def base_text(relpath: str) -> str:
    with open(os.path.join(ROOT, relpath), encoding="utf-8") as handle:
        return handle.read()


@functools.cache
def base_index(relpath: str) -> Index:
    return build_index(base_text(relpath))


# --- structural operations --------------------------------------------------------------------------

Edit = tuple[int, int, str]


def _ctx(index: Index, node: NodeInfo) -> Ctx:
    if node.in_flow:
        return Ctx(True, 0, False)
    if node.parent == "map":
        return Ctx(False, node.key_column + 2, True)
    return Ctx(False, node.column, False)


def _property_edit(index: Index, node: NodeInfo, prop: str) -> Edit:
    """Where a tag or an anchor goes so that it belongs to this node."""
    if node.flow:
        return (node.start, node.start, prop + " ")
    if node.parent == "map":
        colon = index.text.index(":", node.key_end) + 1
        return (colon, colon, " " + prop)
    return (node.start, node.start, prop + "\n" + " " * node.column)


def _entry_span(index: Index, node: NodeInfo) -> tuple[int, int]:
    """The text of a mapping entry (key and value) or a sequence item, "- " included."""
    if node.parent == "map":
        start = node.key_start
    elif node.dash is not None:
        start = node.dash
    else:
        start = node.start
    return start, node.end


class Op:
    def edits(self, index: Index, serial: int) -> list[Edit]:
        raise NotImplementedError


def _node(index: Index, path: str) -> NodeInfo:
    try:
        return index.nodes[path]
    except KeyError:
        raise ValueError(f"no node at {path!r}") from None


@dataclass(frozen=True)
class Replace(Op):
    """The value at `path` becomes `value`."""

    path: str
    value: Val

    def edits(self, index, serial):
        node = _node(index, self.path)
        return [(node.start, node.end, self.value.render(_ctx(index, node)))]


@dataclass(frozen=True)
class Delete(Op):
    """A mapping entry or a sequence item goes."""

    path: str

    def edits(self, index, serial):
        node = _node(index, self.path)
        if node.parent is None:
            return [(0, len(index.text), "")]
        start, end = _entry_span(index, node)
        if node.in_flow:
            after = re.match(r"\s*,\s*", index.text[end:])
            if after:
                end += after.end()
            else:
                before = re.search(r",\s*$", index.text[:start])
                if before:
                    start = before.start()
        return [(start, end, "")]


@dataclass(frozen=True)
class Duplicate(Op):
    """A mapping entry or a sequence item appears twice."""

    path: str

    def edits(self, index, serial):
        node = _node(index, self.path)
        start, end = _entry_span(index, node)
        if node.parent is None:
            return [(end, end, "\n" + index.text[start:end])]
        piece = index.text[start:end]
        if node.in_flow:
            return [(end, end, ", " + index.text[(node.key_start if node.parent == "map" else node.start) : end])]
        column = node.key_column if node.parent == "map" else _column_of(index.text, start)
        return [(end, end, "\n" + " " * column + piece)]


def _column_of(text: str, offset: int) -> int:
    return offset - (text.rfind("\n", 0, offset) + 1)


@dataclass(frozen=True)
class RenameKey(Op):
    """The key of the entry at `path` becomes `key` (YAML text, or a value rendered in flow style)."""

    path: str
    key: str | Val

    def edits(self, index, serial):
        node = _node(index, self.path)
        if node.parent != "map":
            raise ValueError(f"{self.path!r} is not a mapping entry")
        return [(node.key_start, node.key_end, _key_text(self.key))]


def _key_text(key: str | Val) -> str:
    return key.flow() if isinstance(key, Val) else key


@dataclass(frozen=True)
class AddKey(Op):
    """A new entry `key: value` at the head of the mapping at `path`."""

    path: str
    key: str | Val
    value: Val

    def edits(self, index, serial):
        key = _key_text(self.key)
        node = _node(index, self.path)
        if node.kind != "map":
            raise ValueError(f"{self.path!r} is not a mapping")
        if node.flow or not node.children:
            inner = index.text.index("{", node.start) + 1
            text = f"{key}: {self.value.flow()}" + (", " if node.children else "")
            return [(inner, inner, text)]
        first = index.nodes[node.children[0]]
        value = self.value.render(Ctx(False, first.key_column + 2, True))
        return [(first.key_start, first.key_start, f"{key}: {value}\n" + " " * first.key_column)]


@dataclass(frozen=True)
class Tag(Op):
    """A YAML tag on the node at `path` (e.g. !!timestamp, !!python/object:os.system, !foo)."""

    path: str
    tag: str

    def edits(self, index, serial):
        return [_property_edit(index, _node(index, self.path), self.tag)]


@dataclass(frozen=True)
class Alias(Op):
    """An anchor on the node at `anchor`, and the node at `alias` replaced by an alias to it (an
    alias inside its own anchor makes a recursive structure; one before it, an undefined alias)."""

    anchor: str
    alias: str

    def edits(self, index, serial):
        name = f"m{serial}"
        target = _node(index, self.alias)
        return [_property_edit(index, _node(index, self.anchor), f"&{name}"), (target.start, target.end, f"*{name}")]


@dataclass(frozen=True)
class Merge(Op):
    """`<<: *anchor` at the head of the mapping at `path`, the anchor on the node at `source`."""

    path: str
    source: str

    def edits(self, index, serial):
        name = f"m{serial}"
        return [_property_edit(index, _node(index, self.source), f"&{name}"), *AddKey(self.path, "<<", Lit(f"*{name}")).edits(index, serial)]


@dataclass(frozen=True)
class Transplant(Op):
    """The node at `path` replaced by the text of the one-piece node at `donor`."""

    path: str
    donor: str

    def edits(self, index, serial):
        donor = _node(index, self.donor)
        return Replace(self.path, Lit(index.text[donor.start : donor.end])).edits(index, serial)


@dataclass(frozen=True)
class InsertText(Op):
    """Raw text (not escaped: control characters, lone surrogates…) at the start, middle or end
    of the node at `path`; for article files, `path` is a per-mille position in the file."""

    path: str
    where: str  # start | middle | end
    text: str

    def edits(self, index, serial):
        node = _node(index, self.path)
        position = {"start": node.start, "middle": (node.start + node.end) // 2, "end": node.end}[self.where]
        return [(position, position, self.text)]


def _conflicts(a: Edit, b: Edit) -> bool:
    (s1, e1, _), (s2, e2, _) = a, b
    if s1 < e1 and s2 < e2:
        return s1 < e2 and s2 < e1
    if s1 == e1 and s2 == e2:
        return False
    if s1 == e1:
        return s2 < s1 < e2
    return s1 < s2 < e1


def apply_ops(text: str, index: Index, ops: Sequence[Op]) -> tuple[str, tuple[Op, ...]]:
    accepted: list[tuple[int, int, int, str]] = []
    applied = []
    for serial, op in enumerate(ops):
        edits = op.edits(index, serial)
        if any(_conflicts(e, (s, t, r)) for e in edits for s, t, _, r in accepted):
            continue
        accepted.extend((s, e, len(accepted) + k, r) for k, (s, e, r) in enumerate(edits))
        applied.append(op)
    accepted.sort(key=lambda edit: (edit[0], edit[1], edit[2]))
    out, cursor = [], 0
    for start, end, _, replacement in accepted:
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = max(cursor, end)
    out.append(text[cursor:])
    return "".join(out), tuple(applied)


# --- raw operations (on the bytes) ----------------------------------------------------------------


class RawOp:
    def apply(self, data: bytes) -> bytes:
        raise NotImplementedError


@dataclass(frozen=True)
class InsertBytes(RawOp):
    per_mille: int
    data: bytes

    def apply(self, data):
        at = len(data) * self.per_mille // 1000
        return data[:at] + self.data + data[at:]


@dataclass(frozen=True)
class Truncate(RawOp):
    per_mille: int

    def apply(self, data):
        return data[: len(data) * self.per_mille // 1000]


@dataclass(frozen=True)
class TruncateAt(RawOp):
    offset: int

    def apply(self, data):
        return data[: self.offset]


@dataclass(frozen=True)
class LineEnds(RawOp):
    mode: str  # crlf | cr | mixed | lfcr

    def apply(self, data):
        if self.mode == "crlf":
            return data.replace(b"\n", b"\r\n")
        if self.mode == "cr":
            return data.replace(b"\n", b"\r")
        if self.mode == "lfcr":
            return data.replace(b"\n", b"\n\r")
        lines = data.split(b"\n")
        return b"".join(line + (b"\r\n" if i % 2 else b"\n") for i, line in enumerate(lines[:-1])) + lines[-1]


@dataclass(frozen=True)
class Tabs(RawOp):
    mode: str  # all (every two leading spaces a tab) | one (line `line` indented by a tab) | colon
    line: int = 0

    def apply(self, data):
        lines = data.split(b"\n")
        if self.mode == "all":
            return b"\n".join(re.sub(rb"^(  )+", lambda m: b"\t" * (len(m.group(0)) // 2), line) for line in lines)
        i = self.line % len(lines)
        if self.mode == "one":
            lines[i] = b"\t" + lines[i].lstrip(b" ") if lines[i].startswith(b" ") else b"\t" + lines[i]
        else:
            lines[i] = lines[i].replace(b": ", b":\t", 1)
        return b"\n".join(lines)


@dataclass(frozen=True)
class Append(RawOp):
    data: bytes

    def apply(self, data):
        return data + self.data


ENCODINGS = ("utf-8", "utf-8-bom", "utf-8-bom-twice", "utf-16-le-bom", "utf-16-be", "utf-32", "gbk", "bom-utf-16-then-utf-8")


def encode(text: str, encoding: str) -> bytes:
    utf8 = text.encode("utf-8", "surrogatepass")
    if encoding == "utf-8":
        return utf8
    if encoding == "utf-8-bom":
        return b"\xef\xbb\xbf" + utf8
    if encoding == "utf-8-bom-twice":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + utf8
    if encoding == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass")
    if encoding == "utf-16-be":
        return text.encode("utf-16-be", "surrogatepass")
    if encoding == "utf-32":
        return text.encode("utf-32", "surrogatepass")
    if encoding == "gbk":
        return text.encode("gbk", "replace")
    if encoding == "bom-utf-16-then-utf-8":
        return b"\xff\xfe" + utf8
    raise ValueError(encoding)


@dataclass(frozen=True)
class Whole:
    """The whole file replaced: `unit` (text, or bytes) repeated `count` times; "@font" is the
    head of a font file, "@twice" the original file twice as two YAML documents."""

    unit: str | bytes
    count: int = 1

    def data(self, original: str) -> bytes:
        if self.unit == "@font":
            with open(FONT_FILE, "rb") as handle:
                return handle.read(4096 * self.count)
        if self.unit == "@twice":
            return (original + "\n---\n" + original).encode("utf-8")
        unit = self.unit if isinstance(self.unit, bytes) else self.unit.encode("utf-8", "surrogatepass")
        return unit * self.count


# --- the mutant ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutant:
    """One mutated file of the sample project and the command to run on the issue.

    target: "issue", "style" or "body:<name>" (an article file of the sample issue)."""

    target: str
    ops: tuple[Op, ...] = ()
    raw: tuple[RawOp, ...] = ()
    encoding: str = "utf-8"
    whole: Whole | None = None
    command: str = "check"

    @property
    def relpath(self) -> str:
        if self.target == "issue":
            return ISSUE_REL
        if self.target == "style":
            return STYLE_REL
        if self.target.startswith("body:"):
            return f"{BODY_DIR_REL}/{self.target[5:]}.txt"
        raise ValueError(self.target)

    @functools.cached_property
    def _built(self) -> tuple[bytes, tuple[Op, ...]]:
        original = base_text(self.relpath)
        if self.whole is not None:
            return self.whole.data(original), ()
        text, applied = original, ()
        if self.ops:
            if self.target.startswith("body:"):
                text, applied = apply_ops(original, _body_index(self.relpath), self.ops)
            else:
                text, applied = apply_ops(original, base_index(self.relpath), self.ops)
        data = encode(text, self.encoding)
        for op in self.raw:
            data = op.apply(data)
        return data, applied

    @property
    def data(self) -> bytes:
        return self._built[0]

    @property
    def applied(self) -> tuple[Op, ...]:
        return self._built[1]

    def summary(self) -> str:
        parts = [f"{self.command} with {self.relpath} mutated"]
        if self.whole is not None:
            parts.append(f"whole file {self.whole!r}")
        if self.ops:
            dropped = len(self.ops) - len(self.applied)
            parts.append("ops " + "; ".join(repr(op) for op in self.applied) + (f" ({dropped} overlapping op(s) dropped)" if dropped else ""))
        if self.encoding != "utf-8":
            parts.append(f"encoded {self.encoding}")
        if self.raw:
            parts.append("raw " + "; ".join(repr(op) for op in self.raw))
        parts.append(f"{len(self.data)} bytes")
        return ", ".join(parts)


@functools.cache
def _body_index(relpath: str) -> Index:
    """Article files are not YAML: per-mille positions stand in for node paths."""
    text = base_text(relpath)
    nodes = {}
    for per_mille in range(0, 1001):
        at = len(text) * per_mille // 1000
        nodes[str(per_mille)] = NodeInfo(str(per_mille), "scalar", at, at, True, False, None, 0)
    return Index(text, nodes)


# --- generation ------------------------------------------------------------------------------------

INTS = ("0", "-1", "1", "2", "3", "7", "8", "9", "13", "104", "105", "-104", "100000", "2147483648", "-9223372036854775809", "9223372036854775808", "1" + "0" * 400, "9" * 5000, "0x7fffffff", "0o17", "0b101", "1_000", "+5", "01", "1:30")
FLOATS = ("1e308", "-1e308", "1e309", "4.9e-324", "1e-400", ".nan", ".NaN", ".inf", "-.inf", "+.inf", "0.0", "-0.0", "0.5", "2.5", "3.14159", "1e3", "6.02e23", "-1.5")
KEYWORDS = ("true", "false", "yes", "no", "on", "off", "~", "null", "", '""', "''", "[]", "{}", "[[]]", "[{}]", "{a: 1}", "[1, 2, 3]", "[null]", "- x", "=", "<<", "?")
DATES = ("2022-01-28", "2022-02-30", "2022-13-01", "0001-01-01", "9999-12-31", "1899-12-31", "2100-01-01", "1969-12-31", "2022-01-28T25:61:00", "2022-01-28 10:00:00+08:00", "2022-01-28t10:00:00.123456789Z", "2022-1-1", "22-01-28")
STRINGS = (
    "钱塘新区报",
    "\x00",
    "a\x00b",
    "\x1b[31mred\x1b[0m",
    "\x1b[2J\x1b[H",
    "\x07\x08\x0b\x0c\x7f",
    "\r",
    "line\nbreak",
    "\t",
    "\u0085",
    "\u2028\u2029",
    "\u202e右到左\u202c",
    "\u200b",
    "\ufeff",
    "\ud800",
    "\udfff",
    "标题\ud83d",
    "\uffff",
    "\U0010ffff",
    "\ue000私用区",
    "😀🇨🇳",
    "a\u0301\u0301\u0301",
    "\u3000",
    "　　　",
    " 前后空格 ",
    "{0}{1}%s%d{__class__}",
    "'\"\\",
    "3mm",
    "-3mm",
    "0mm",
    "0pt",
    "1e308mm",
    "1e309pt",
    "nanmm",
    "infpt",
    "-infpt",
    "99999999999999999999999mm",
    "3 mm",
    "3㎜",
    "３mm",
    "3furlongs",
    "mm",
    "0.0000001pt",
    "小五",
    "初号",
    "小九",
    "八号",
    "零号",
    "x4",
    "x1a",
    "none",
    "press",
    "proof",
    "justify",
    "left",
    "center",
    "gb",
    "strict",
    "basic",
    "quanjiao",
    "kaiming",
    "banjiao",
    "error",
    "warning",
    "info",
    "off",
    "masthead_red",
    "black",
    "no_such_colour",
    "body",
    "hei",
    "kai",
    "headline",
    "no_such_font",
    "lead_headline",
    "星期八",
    "农历辛丑年十三月卅二",
    "农历",
    "liujie-epidemic",
    "hotline",
    "no-such-article",
    "LIUJIE-EPIDEMIC",
    "■",
    "“",
    "”“",
    "（",
    "——",
    "……",
    "，。",
)
REPEAT_UNITS = ("词 ", " ", "　", "字", "a", "a ", "，", "“", "（", "—", "…", "😀", "a\u0301", "\u200b", "\t", "ab cd ", "12 ", "\n", "\x00", "钱塘", "、", "■")
RAW_CHARS = ("\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\ufeff", "\u202e", "\u200b", "\ud800", "\udfff", "\uffff", "\ufffe", "\t", "\r", "\x1b[2J", "\x00" * 100)
RAW_BYTES = (b"\xff", b"\xfe", b"\x80", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe4\xb8", b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80", b"\x00", b"\xef\xbb\xbf", b"\r", b"\t", b"\x1b", b"\xff\xfe")
TAGS = ("!!timestamp", "!!binary", "!!python/object:os.system", "!!python/object/apply:os.system", "!!python/name:os.system", "!!python/tuple", "!!set", "!!omap", "!!pairs", "!foo", "!", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!merge", "!!value", "!<tag:yaml.org,2002:str>", "!<tag:evil.example,2002:x>", "!!python/str")
WEIRD_KEYS = ("~", "1", "1.5", "true", '"\\x00"', '"\\ud800"', '"a\\nb"', '""', '" "', "<<", Repeat("k", 2000), "[a, b]", "{a: b}", "!!binary aGk=", "? x", '"\\x1b[31m"', "钱塘", "&k key", "*k")
ARTICLE_KEYS = ("id", "kicker", "headline", "headline_style", "subhead", "section", "byline", "dateline", "body", "body_file", "see_also")
TOP_KEYS = ("style", "fonts", "issue", "masthead", "boxes", "articles", "pages")
WHOLE_FILES = ("", " ", "\n", "~\n", "---\n", "...\n", "[]\n", "42\n", '"text"\n', "\x00", "\ufeff", "---\n...\n---\nstyle: x\n", "%YAML 1.3\n---\na: 1\n", "%TAG ! tag:evil.example,2002:\n--- !x\na: 1\n", "# only a comment\n", "@font", "@twice", "a: 1\n", "&a [*a]\n", "style: ../styles/broadsheet.yaml\n", "- a\n- b\n", "? [a]\n: b\n")
BODY_WHOLE = (("", 1), ("\n", 1000), ("词 ", 2000), ("a", 20000), ("，", 2000), ("“", 1000), ("　", 2000), ("\t", 500), ("😀", 500), ("字", 100000), ("段落。\n\n", 5000), ("\x00", 10), ("a b ", 5000), ("——", 1000), ("■", 1))


def _pick_node(ch: Chooser, nodes: list[NodeInfo]) -> NodeInfo:
    return nodes[ch.integer(0, len(nodes) - 1)]


def gen_string(ch: Chooser, index: Index | None) -> Val:
    kind = ch.weighted([("special", 5), ("file", 2)] if index is not None else [("special", 1)])
    if kind == "file":
        return Lit(ch.pick(index.scalar_texts))
    return Str(ch.pick(STRINGS))


def gen_repeat(ch: Chooser, limits: Limits) -> Val:
    counts = [c for c in (2, 10, 100, 300, 1000, 10_000, 100_000, 1_000_000) if c <= limits.repeat]
    return Repeat(ch.pick(REPEAT_UNITS), ch.weighted([(c, w) for c, w in zip(counts, (4, 4, 6, 4, 3, 2, 1, 1))]))


def gen_deep(ch: Chooser, limits: Limits) -> Val:
    kind = ch.pick(("flow-seq", "flow-map", "block-seq", "block-map"))
    depths = [d for d in (3, 100, 999, 1_001, 5_000, 20_000, 50_000) if d <= limits.depth]
    if kind == "block-map":  # quadratic in text: keep it to about a megabyte
        depths = [d for d in depths if d <= 1_500] + [1_500]
    return Deep(kind, ch.pick(depths))


def gen_bomb(ch: Chooser, limits: Limits) -> Val:
    while True:
        levels, width = ch.integer(2, 9), ch.integer(2, 10)
        if width**levels <= limits.bomb:
            return Bomb(levels, width)
        if limits.bomb < 4:
            return Bomb(2, 2)
        return Bomb(2, width)  # shrink deterministically instead of looping


def gen_value(ch: Chooser, index: Index | None, limits: Limits, depth: int = 0) -> Val:
    kinds = [("int", 6), ("float", 6), ("keyword", 4), ("date", 2), ("string", 10), ("repeat", 5), ("list", 3), ("map", 2), ("path", 2), ("deep", 1), ("bomb", 1)]
    if depth:
        kinds = kinds[:5]
    kind = ch.weighted(kinds)
    if kind == "int":
        return Lit(ch.pick(INTS))
    if kind == "float":
        return Lit(ch.pick(FLOATS))
    if kind == "keyword":
        return Lit(ch.pick(KEYWORDS))
    if kind == "date":
        return Lit(ch.pick(DATES))
    if kind == "string":
        return gen_string(ch, index)
    if kind == "repeat":
        return gen_repeat(ch, limits)
    if kind == "path":
        return Str(ch.pick(HOSTILE_PATHS))
    if kind == "deep":
        return gen_deep(ch, limits)
    if kind == "bomb":
        return gen_bomb(ch, limits)
    if kind == "list":
        return FlowList(tuple(gen_value(ch, index, limits, depth + 1) for _ in range(ch.integer(0, 4))))
    keys = index.keys if index is not None and index.keys else ["a"]
    return FlowMap(tuple((ch.pick(keys), gen_value(ch, index, limits, depth + 1)) for _ in range(ch.integer(0, 3))))


def gen_headline(ch: Chooser, limits: Limits) -> Val:
    """Display text that is valid but hard to fit: many words and spaces, no break points at
    all, runs of punctuation, several lines."""
    word = ch.pick(("词", "钱塘", "疫情防控", "a", "QIANTANG", "2022", "“引号”", "——", "（", "一二三四五六七八九十"))
    space = ch.pick((" ", "　", "  ", ""))
    line = Repeat(word + space, min(limits.repeat, ch.pick((3, 10, 30, 60, 100, 300, 1000))))
    if ch.chance(30):
        return FlowList(tuple(line for _ in range(ch.integer(2, 6))))
    return line


def gen_perturbed(ch: Chooser, original: str, limits: Limits) -> Val:
    """A value near the original, often still valid, so the run gets past the loader: numbers
    nudged, text grown, spaced, cut or sprinkled with punctuation."""
    original = original.strip()
    if re.fullmatch(r"-?[0-9]+", original):
        number = int(original)
        return Lit(str(ch.pick((number + 1, number - 1, number * 2, number // 2, number + 10, 1, 0, -number, number * 1000))))
    text = original.strip("\"'") or "字"
    how = ch.pick(("double", "times", "spaces", "spaced-times", "cut", "punctuation", "latin", "prefix"))
    if how == "double":
        return Str(text + text)
    if how == "times":
        return Repeat(text, min(limits.repeat // max(1, len(text)), ch.pick((3, 10, 30, 100, 1000))))
    if how == "spaced-times":  # words and spaces: the break points a headline fitter tries
        return Repeat(text[: ch.integer(1, min(4, len(text)))] + ch.pick((" ", "　")), ch.pick((10, 30, 60, 100, 300)))
    if how == "spaces":
        return Str(" ".join(text) if ch.chance(50) else "　".join(text))
    if how == "cut":
        return Str(text[: ch.integer(0, max(0, len(text) - 1))] or text[:1])
    if how == "punctuation":
        i = ch.integer(0, len(text))
        return Str(text[:i] + ch.pick(("，", "。", "“", "”", "（", "）", "——", "……", "、", ",", "(", "!", "?", "《", "》", "·")) * ch.pick((1, 2, 5, 50)) + text[i:])
    if how == "latin":
        return Str(text + " " + ch.pick(("QIANTANG", "a" * 60, "http://example.com/" + "x" * 80, "2022", "x@y.z", "A.B.C.")))
    return Str(ch.pick(("■", "●", "【", "（", "“", "　　", " ")) + text)


def gen_key(ch: Chooser, original: str | None, index: Index) -> str | Val:
    kind = ch.weighted([("typo", 5), ("known", 3), ("weird", 2)])
    if kind == "known" or not original:
        return ch.pick(sorted(set(index.keys) | set(ARTICLE_KEYS) | set(TOP_KEYS)))
    if kind == "weird":
        return ch.pick(WEIRD_KEYS)
    i = ch.integer(0, len(original) - 1)
    how = ch.pick(("drop", "double", "swap", "upper", "dash", "plural", "space", "fullwidth-colon", "homoglyph"))
    if how == "drop":
        return original[:i] + original[i + 1 :] or "_"
    if how == "double":
        return original[: i + 1] + original[i:]
    if how == "swap" and i + 1 < len(original):
        return original[:i] + original[i + 1] + original[i] + original[i + 2 :]
    if how == "upper":
        return original.upper()
    if how == "dash":
        return original.replace("_", "-") if "_" in original else original + "-"
    if how == "plural":
        return original + "s"
    if how == "space":
        return yaml_quote(original + " ")
    if how == "fullwidth-colon":
        return original + "："
    if how == "homoglyph":
        return original.replace("e", "е", 1) if "e" in original else original + "\u200b"
    return original + "_"


def path_nodes(index: Index, target: str) -> list[NodeInfo]:
    if target == "issue":
        return index.of(lambda n: n.path == "style" or n.path.endswith((".body_file", ".file")))  # articles, photos, ads
    return index.of(lambda n: n.path.endswith(".icc_profile") or n.path.endswith(".pdfx"))


def gen_ops(ch: Chooser, target: str, index: Index, limits: Limits) -> list[Op]:
    kind = ch.weighted([
        ("replace", 30), ("perturb", 14), ("headline", 6), ("path", 10), ("delete", 9), ("duplicate", 6), ("rename", 9), ("addkey", 6), ("tag", 8),
        ("alias", 5), ("merge", 2), ("transplant", 6), ("deep", 3), ("bomb", 2), ("rawtext", 5),
    ])
    if kind == "replace":
        node = _pick_node(ch, index.scalars if ch.integer(0, 9) < 7 else list(index.nodes.values()))
        return [Replace(node.path, gen_value(ch, index, limits))]
    if kind == "headline":
        nodes = index.of(lambda n: re.search(r"\.(headline|kicker|subhead|title|english_title|section)(\[[0-9]+\])?$", n.path) is not None)
        if nodes:
            return [Replace(_pick_node(ch, nodes).path, gen_headline(ch, limits))]
        kind = "perturb"
    if kind == "perturb":
        # half the time a field of an article, a box or the masthead: text that gets laid out
        texts = index.of(lambda n: n.kind == "scalar" and n.path.startswith(("articles", "boxes", "masthead")))
        node = _pick_node(ch, texts if texts and ch.chance(50) else index.scalars)
        return [Replace(node.path, gen_perturbed(ch, index.text[node.start : node.end], limits))]
    if kind == "path":
        value = Str(ch.pick(HOSTILE_PATHS))
        if target == "issue":
            if ch.chance(20):
                return [AddKey("", "fonts", value)]
            return [Replace(_pick_node(ch, path_nodes(index, target)).path, value)]
        profile = ch.pick(("output.profiles.press", "output.profiles.proof"))
        ops: list[Op] = []
        if ch.chance(50):
            ops.append(Replace("output.profiles.press.pdfx", Lit("x4")) if profile.endswith("press") else AddKey(profile, "pdfx", Lit("x4")))
        ops.append(Replace("output.profiles.press.icc_profile", value) if profile.endswith("press") else AddKey(profile, "icc_profile", value))
        return ops
    if kind == "delete":
        return [Delete(_pick_node(ch, index.entries).path)]
    if kind == "duplicate":
        return [Duplicate(_pick_node(ch, index.entries).path)]
    if kind == "rename":
        node = _pick_node(ch, index.map_values)
        return [RenameKey(node.path, gen_key(ch, node.key, index))]
    if kind == "addkey":
        node = _pick_node(ch, index.mappings)
        return [AddKey(node.path, gen_key(ch, None, index) if ch.chance(70) else ch.pick(WEIRD_KEYS), gen_value(ch, index, limits))]
    if kind == "tag":
        return [Tag(_pick_node(ch, list(index.nodes.values())).path, ch.pick(TAGS))]
    if kind == "alias":
        nodes = list(index.nodes.values())
        return [Alias(_pick_node(ch, nodes).path, _pick_node(ch, index.entries).path)]
    if kind == "merge":
        return [Merge(_pick_node(ch, index.mappings).path, _pick_node(ch, list(index.nodes.values()) if ch.chance(30) else index.mappings).path)]
    if kind == "transplant":
        return [Transplant(_pick_node(ch, list(index.nodes.values())).path, _pick_node(ch, index.one_piece).path)]
    if kind == "deep":
        return [Replace(_pick_node(ch, index.entries).path, gen_deep(ch, limits))]
    if kind == "bomb":
        return [Replace(_pick_node(ch, index.entries).path, gen_bomb(ch, limits))]
    node = _pick_node(ch, index.scalars)
    return [InsertText(node.path, ch.pick(("start", "middle", "end")), ch.pick(RAW_CHARS))]


def gen_raw(ch: Chooser, limits: Limits) -> RawOp:
    kind = ch.weighted([("bytes", 4), ("truncate", 3), ("lineends", 3), ("tabs", 3), ("append", 2)])
    if kind == "bytes":
        return InsertBytes(ch.integer(0, 1000), ch.pick(RAW_BYTES))
    if kind == "truncate":
        return Truncate(ch.integer(0, 999))
    if kind == "lineends":
        return LineEnds(ch.pick(("crlf", "cr", "mixed", "lfcr")))
    if kind == "tabs":
        return Tabs(ch.pick(("all", "one", "colon")), ch.integer(0, 300))
    return Append(ch.pick((b"\n---\nx: 1\n", b"\n...\n", b"\n\x00", b"\nextra: [\n", b"\n# " + b"x" * 100_000 + b"\n", b"\n" * limits.lines, b"\n!!binary x: y\n", b"\n\t\n")))


def gen_mutant(ch: Chooser, *, target: str | None = None, command: str | None = None, limits: Limits = SMALL, build_percent: int = 12) -> Mutant:
    """One mutant. `target` fixes the kind of file ("issue", "style", "body"), `command` the
    command ("check", "build"); otherwise both are drawn."""
    if target is None:
        target = ch.weighted([("issue", 70), ("style", 25), ("body", 5)])
    if target == "body":
        target = "body:" + ch.pick(BODY_NAMES)
    ops: list[Op] = []
    raw: list[RawOp] = []
    encoding = "utf-8"
    whole = None
    mode = ch.weighted([("struct", 60), ("raw", 17), ("both", 15), ("whole", 4), ("encoding", 4)])
    if target.startswith("body:"):
        if mode == "whole":
            unit, count = ch.pick(BODY_WHOLE)
            whole = Whole(unit, min(count, limits.repeat))
        elif mode in ("struct", "both"):
            for _ in range(ch.integer(1, 3)):
                ops.append(InsertText(str(ch.integer(0, 1000)), "start", ch.pick(RAW_CHARS + ("词 " * 300, "a" * 3000, "\n\n" * 100, "“" * 50))))
        mode = "raw" if mode in ("raw", "both") else mode
    elif mode in ("struct", "both"):
        index = base_index(ISSUE_REL if target == "issue" else STYLE_REL)
        for _ in range(ch.weighted([(1, 6), (2, 3), (3, 1)])):
            ops.extend(gen_ops(ch, target, index, limits))
    if mode == "whole" and whole is None:
        whole = Whole(ch.pick(WHOLE_FILES), 1)
    if mode in ("raw", "both"):
        raw = [gen_raw(ch, limits) for _ in range(ch.integer(1, 2))]
    if mode in ("raw", "encoding") and ch.chance(35 if mode == "raw" else 100):
        encoding = ch.pick(ENCODINGS[1:])
    if command is None:
        pathy = any(isinstance(op, (Replace, AddKey)) and isinstance(op.value, Str) and op.value.value in HOSTILE_PATHS for op in ops)
        command = "build" if ch.chance(45 if pathy else build_percent) else "check"
    return Mutant(target, tuple(ops), tuple(raw), encoding, whole, command)


def mutant_for_seed(seed: object, number: int, limits: Limits = BIG) -> Mutant:
    """The tool's mutant `number` of a run with `seed`: the same on every machine and process."""
    return gen_mutant(RandomChooser(f"{seed}:{number}"), limits=limits)


# --- named mutants: one per kind of hostile input the fuzzer must cover -----------------------------

HEADLINE = "articles[1].headline"  # 全力以赴打赢打好疫情防控大战大考 (a plain one-line headline)
MODULE = "pages[0].modules[0]"


def named_mutants() -> list[tuple[str, Mutant]]:
    issue = lambda *ops, command="check", **kw: Mutant("issue", tuple(ops), command=command, **kw)  # noqa: E731
    style = lambda *ops, command="check", **kw: Mutant("style", tuple(ops), command=command, **kw)  # noqa: E731
    cases = [
        ("sample-unchanged", issue()),
        ("sample-unchanged-build", issue(command="build")),
        ("headline-many-spaces", issue(Replace(HEADLINE, Repeat("词 ", 100)))),
        ("headline-many-spaces-list", issue(Replace("articles[0].headline", FlowList((Repeat("词 ", 60), Repeat("词 ", 60)))))),
        ("headline-long-string", issue(Replace(HEADLINE, Repeat("字", 100_000)))),
        ("kicker-lone-surrogate", issue(Replace("articles[1].kicker", Str("\ud800")))),
        ("byline-escaped-control-chars", issue(Replace("articles[1].byline", Str("记者\x00\x1b[31m\x07")))),
        ("headline-raw-control-char", issue(InsertText(HEADLINE, "middle", "\x01"))),
        ("headline-raw-nel", issue(InsertText(HEADLINE, "middle", "\x85"))),
        ("headline-empty", issue(Replace(HEADLINE, Lit('""')))),
        ("headline-null", issue(Replace(HEADLINE, Lit("")))),
        ("headline-mapping", issue(Replace(HEADLINE, Lit("{a: b}")))),
        ("height-nan", issue(Replace(f"{MODULE}.height", Lit(".nan")))),
        ("page-count-inf", issue(Replace("issue.page_count", Lit(".inf")))),
        ("top-1e308", issue(Replace(f"{MODULE}.top", Lit("1e308")))),
        ("span-huge-int", issue(Replace(f"{MODULE}.span", Lit("1" + "0" * 400)))),
        ("span-over-int-digit-limit", issue(Replace(f"{MODULE}.span", Lit("9" * 5000)))),
        ("column-negative", issue(Replace(f"{MODULE}.column", Lit("-1")))),
        ("height-zero", issue(Replace(f"{MODULE}.height", Lit("0")))),
        ("date-list", issue(Replace("issue.date", Lit("[1, 2]")))),
        ("date-invalid", issue(Replace("issue.date", Lit("2022-02-30")))),
        ("pages-scalar", issue(Replace("pages", Lit("42")))),
        ("delete-date", issue(Delete("issue.date"))),
        ("delete-module-article", issue(Delete(f"{MODULE}.article"))),
        ("duplicate-key", issue(Duplicate("issue.paper"))),
        ("duplicate-article", issue(Duplicate("articles[1]"))),
        ("misspelled-key", issue(RenameKey("articles[0].headline", "hedline"))),
        ("null-key", issue(RenameKey("issue.paper", "~"))),
        ("tag-timestamp-on-text", issue(Tag("articles[0].kicker", "!!timestamp"))),
        ("tag-binary", issue(Tag("masthead.title", "!!binary"))),
        ("tag-python-object", issue(Tag("issue.serial_number", "!!python/object/apply:os.system"))),
        ("tag-set", issue(Tag("masthead.accounts", "!!set"))),
        ("tag-custom", issue(Tag("masthead.title", "!foo"))),
        ("tag-float-on-int", issue(Tag(f"{MODULE}.height", "!!float"))),
        ("alias-plain", issue(Alias("articles[0].dateline", "articles[1].dateline"))),
        ("alias-bomb-small", issue(Replace("masthead.accounts", Bomb(6, 8)))),
        ("alias-recursive", issue(Alias("masthead.accounts", "masthead.accounts[0]"))),
        ("alias-undefined", issue(Alias("articles[1].dateline", "articles[0].dateline"))),
        ("merge-key", issue(Merge("articles[1]", "articles[0]"))),
        ("merge-scalar", issue(Merge("articles[1]", "articles[0].id"))),
        ("deep-flow-seq-5000", issue(Replace("masthead.accounts", Deep("flow-seq", 5000)))),
        ("deep-flow-map-5000", issue(Replace("masthead.accounts", Deep("flow-map", 5000)))),
        ("deep-block-seq-5000", issue(Replace("masthead.accounts", Deep("block-seq", 5000)))),
        ("deep-block-map-1000", issue(Replace("masthead.accounts", Deep("block-map", 1000)))),
        ("body-file-etc-passwd-relative", issue(Replace("articles[0].body_file", Str("../" * 24 + "etc/passwd")))),
        ("body-file-etc-passwd-absolute-build", issue(Replace("articles[0].body_file", Str("/etc/passwd")), command="build")),
        ("body-file-secret-build", issue(Replace("articles[0].body_file", Str("../../secret.txt")), command="build")),
        ("body-file-nul", issue(Replace("articles[0].body_file", Str("a\x00b")))),
        ("body-file-directory", issue(Replace("articles[0].body_file", Str("2022-01-28")))),
        ("style-etc-passwd", issue(Replace("style", Str("/etc/passwd")))),
        ("style-secret-yaml", issue(Replace("style", Str("../../secret.yaml")))),
        ("style-is-the-issue", issue(Replace("style", Str("2022-01-28.yaml")))),
        ("fonts-etc-passwd", issue(AddKey("", "fonts", Str("/etc/passwd")))),
        ("invalid-utf8", issue(raw=(InsertBytes(500, b"\xff"),))),
        ("gbk-encoded", issue(encoding="gbk")),
        ("bom", issue(encoding="utf-8-bom")),
        ("bom-twice", issue(encoding="utf-8-bom-twice")),
        ("utf-16", issue(encoding="utf-16-le-bom")),
        ("truncated", issue(raw=(Truncate(333),))),
        ("truncated-mid-character", issue(raw=(TruncateAt(base_text(ISSUE_REL).encode().index("paper: 钱塘".encode()) + 8),))),
        ("crlf", issue(raw=(LineEnds("crlf"),))),
        ("cr", issue(raw=(LineEnds("cr"),))),
        ("tab-indentation", issue(raw=(Tabs("all"),))),
        ("empty-file", issue(whole=Whole(""))),
        ("two-documents", issue(whole=Whole("@twice"))),
        ("font-bytes", issue(whole=Whole("@font"))),
        ("style-icc-etc-passwd-build", style(Replace("output.profiles.press.pdfx", Lit("x4")), Replace("output.profiles.press.icc_profile", Str("/etc/passwd")), command="build")),
        ("style-icc-secret-build", style(Replace("output.profiles.press.pdfx", Lit("x4")), Replace("output.profiles.press.icc_profile", Str("../../secret.txt")), command="build")),
        ("style-columns-nan", style(Replace("grid.columns", Lit(".nan")))),
        ("style-columns-zero", style(Replace("grid.columns", Lit("0")))),
        ("style-trim-1e308mm", style(Replace("page.trim.width", Str("1e308mm")))),
        ("style-line-gap-negative", style(Replace("grid.line_gap", Str("-4.5pt")))),
        ("style-colour-inf", style(Replace("colours.black.k", Lit(".inf")))),
        ("style-body-size-zero", style(Replace("styles.body.size", Str("0pt")))),
        ("style-delete-body", style(Delete("styles.body"))),
        ("style-indent-huge", style(Replace("composition.indent_chars", Lit("100000")))),
        ("style-fail-on-surrogate", style(Replace("checks.fail_on", Str("\ud800")))),
        ("style-tag-python", style(Tag("grid", "!!python/object:os.system"))),
        ("style-raw-escape", style(InsertText("styles.body.font", "end", "\x1b"))),
        ("body-many-spaces", Mutant("body:jin-epidemic", whole=Whole("词 ", 2000))),
        ("body-invalid-utf8", Mutant("body:jin-epidemic", raw=(InsertBytes(500, b"\xc0\xaf"),))),
        ("body-unbreakable-latin", Mutant("body:jin-epidemic", whole=Whole("a", 20000))),
    ]
    return cases
