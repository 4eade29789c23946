"""Safe YAML with positions: every value keeps the file:line:column it came from.

One guarded path from bytes to values: the file is read within its size limit, decoded, scanned
for characters YAML cannot hold, composed by PyYAML (no objects built) with the nesting depth
bounded, and converted here, node by node, with the expanded size bounded (an alias bomb stops at
MAX_NODES), only the plain tags (str, int, float, bool, null, map, seq) allowed, numbers finite,
and text free of control characters other than tabs and line breaks. Dates are plain text that
the issue loader parses, so `!!timestamp` is refused like `!!binary` or `!!python/…`.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from layout.load.boundary import Blame, display_path, read_bounded
from layout.load.errors import InputError, quote, suggest
from layout.load.limits import MAX_DEPTH, MAX_KEY_CHARS, MAX_LINE_CHARS, MAX_NAME_CHARS, MAX_NODES, FileLimit
from layout.load.yamlerrors import explain_syntax
from layout.model.spec import SourceRef

TAG = "tag:yaml.org,2002:"
SCALAR_TAGS = {TAG + name for name in ("str", "int", "float", "bool", "null")}
MERGE_TAG = TAG + "merge"
# Refused by name, with what to write instead.
REFUSED_TAGS = {
    TAG + "timestamp": "write dates as plain text, e.g. 2022-01-28",
    TAG + "binary": "issue and style files hold text, not binary data",
    TAG + "set": "write a list",
    TAG + "omap": "write a mapping",
    TAG + "pairs": "write a mapping",
    TAG + "value": "write the value itself",
    TAG + "yaml": "remove the tag",
}

# What YAML itself cannot hold (YAML 1.1 §5.1, printable characters): refused with a position.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What no text value may hold; tabs and line breaks are allowed here and refused per field.
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufdd0-\ufdef\ufffe\uffff"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17))
    + "]"
)

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    type(None): "nothing (null)",
}


@dataclass(frozen=True)
class Node:
    """A YAML value with where it stands; `path` is the dotted field name used in messages."""

    value: Any  # dict[str, Node] | list[Node] | scalar
    ref: SourceRef
    path: str
    key_ref: SourceRef | None = None  # where the key naming this value stands
    role: str = ""  # the document's own node: what the file is, named in errors about it

    @property
    def field(self) -> str:
        return self.path or self.role or "value"

    def error(self, problem: str, fix: str | None = None) -> InputError:
        return InputError(self.ref.file, self.ref.line, self.ref.column, self.field, problem, fix)

    def key_error(self, problem: str, fix: str | None = None) -> InputError:
        ref = self.key_ref or self.ref
        return InputError(ref.file, ref.line, ref.column, self.field, problem, fix)

    def blame(self) -> Blame:
        return Blame.at(self.ref, self.field)

    # --- typed access -------------------------------------------------------------------------
    def mapping(self, allowed: set[str] | tuple[str, ...], required: tuple[str, ...] = ()) -> dict[str, "Node"]:
        if not isinstance(self.value, dict):
            raise self.error(f"expected a mapping of keys, got {describe(self.value)}", "write 'key: value' lines here")
        for key, child in self.value.items():
            if key not in allowed:
                raise child.key_error(f"unknown key {quote(key)}", suggest(key, allowed))
        for key in required:
            if key not in self.value:
                raise self.error(f"missing required key {quote(key)}", f"add '{key}:' here")
        return self.value

    def entries(self) -> dict[str, "Node"]:
        """A mapping whose keys are names chosen by the writer (colours, for example)."""
        if not isinstance(self.value, dict):
            raise self.error(f"expected a mapping of keys, got {describe(self.value)}", "write 'name: value' lines here")
        return self.value

    def sequence(self, max_items: int | None = None) -> list["Node"]:
        if not isinstance(self.value, list):
            raise self.error(f"expected a list, got {describe(self.value)}", "write a list: '- item' lines or [a, b]")
        if max_items is not None and len(self.value) > max_items:
            raise self.error(f"a list of {len(self.value):,} items, over the limit of {max_items:,}", "split the issue or shorten the list")
        return self.value

    def text(self, *, allow_empty: bool = False, multiline: bool = False, max_chars: int = MAX_LINE_CHARS) -> str:
        """Text; unless `multiline`, on one line (a block scalar's final line break is dropped)."""
        value = self.value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # "82987136" written without quotes is still text to us
        if not isinstance(value, str):
            raise self.error(f"expected text, got {describe(self.value)}", "write text here")
        if len(value) > max_chars:
            raise self.error(f"text of {len(value):,} characters, over the limit of {max_chars:,}", "shorten it")
        if not multiline:
            value = value.rstrip("\n")
            for char, name in (("\n", "a line break"), ("\t", "a tab")):
                if char in value:
                    raise self.error(f"{name} inside {quote(value)}", "keep it on one line (use a list for several lines)" if char == "\n" else "use a space instead")
        if not allow_empty and not value.strip():
            raise self.error("must not be empty", "write a value, or leave the key out")
        return value

    def choice(self, allowed: tuple[str, ...] | set[str], what: str) -> str:
        value = self.text()
        if value not in allowed:
            raise self.error(f"unknown {what} {quote(value)}", suggest(value, allowed))
        return value

    def integer(self, minimum: int | None = None, maximum: int | None = None) -> int:
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise self.error(f"expected a whole number, got {describe(self.value)}", _range_fix(minimum, maximum, "write a whole number"))
        outside = out_of_range(self.value, minimum, maximum)
        if outside is not None:
            raise self.error(*outside)
        return self.value

    def integer_or_auto(self, minimum: int, maximum: int) -> int | None:
        """A whole number within bounds, or `auto` (None): the engine fits it."""
        if self.value == "auto":
            return None
        if not isinstance(self.value, int) or isinstance(self.value, bool) or not minimum <= self.value <= maximum:
            raise self.error(f"expected a whole number {_bounds(minimum, maximum)} or auto, got {quote(self.value) if isinstance(self.value, (int, str)) else describe(self.value)}", f"write a whole number {_bounds(minimum, maximum)}, or auto to let the engine fit it")
        return self.value

    def number(self, minimum: float, maximum: float, what: str = "a number") -> float:
        """A finite int or float within [minimum, maximum] (non-finite numbers never get here)."""
        value = self.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(f"expected {what}, got {describe(value)}", f"write {what} from {minimum:g} to {maximum:g}")
        if not minimum <= value <= maximum:
            raise self.error(f"expected {what} from {minimum:g} to {maximum:g}, got {quote(value)}", f"write {what} from {minimum:g} to {maximum:g}")
        return float(value)

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.error(f"expected true or false, got {describe(self.value)}", "write true or false")
        return self.value

    def identifier(self, seen: set[str], what: str) -> str:
        """An id (ASCII letters, digits, '-', '_'), new among `seen`, which it joins."""
        value = self.text(max_chars=MAX_NAME_CHARS)
        bare = value.replace("-", "").replace("_", "")
        if not bare.isascii() or not bare.isalnum():
            raise self.error(f"{what} id {quote(value)} must be ASCII letters, digits, '-' or '_'", "rename it, e.g. liujie-epidemic")
        if value in seen:
            raise self.error(f"{what} id {quote(value)} is used twice", "give each one its own id")
        seen.add(value)
        return value

    def texts(self, max_items: int = 50) -> tuple[str, ...]:
        """A string, or a list of strings (for multi-line values such as bylines)."""
        if isinstance(self.value, list):
            return tuple(item.text() for item in self.sequence(max_items))
        return (self.text(),)


def _bounds(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return f"from {minimum:,} to {maximum:,}"
    return f"of at least {minimum:,}" if minimum is not None else f"of at most {maximum:,}"


def out_of_range(value: int, minimum: int | None, maximum: int | None) -> tuple[str, str] | None:
    """(problem, fix) for a whole number outside its bounds, as every loader says it."""
    if minimum is not None and value < minimum or maximum is not None and value > maximum:
        return f"expected a whole number {_bounds(minimum, maximum)}, got {quote(value)}", _range_fix(minimum, maximum, "write a whole number")
    return None


def _range_fix(minimum: int | None, maximum: int | None, verb: str) -> str:
    return verb if minimum is None and maximum is None else f"{verb} {_bounds(minimum, maximum)}"


def describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{_TYPE_NAMES.get(type(value), type(value).__name__)} ({quote(value)})"


def load_yaml(path: str, limit: FileLimit, *, display: str | None = None, named_at: Blame | None = None, data: bytes | None = None) -> Node:
    """Read a YAML file within its limit and parse it into a Node tree; it must hold a mapping.
    `data`: the bytes the file is about to hold (the desk checks an edit before it writes it)."""
    shown = display or display_path(path)
    blame = named_at or Blame.whole(shown, limit)
    if data is None:
        data = read_bounded(path, limit, blame)
    elif len(data) > limit.max_bytes:
        raise blame.error(f"{limit.what} {quote(shown)} would be over the limit of {limit.max_bytes:,} bytes", "split it or shorten it")
    return parse_yaml(decode_utf8(data, shown, limit.what), shown, limit.what)


def decode_utf8(data: bytes, shown: str, what: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = len(data[data.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        raise InputError(shown, line, column, what, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", "save the file as UTF-8") from None
    return text.removeprefix("\ufeff")


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def character_name(char: str) -> str:
    import unicodedata

    if unicodedata.category(char) == "Cs":
        return f"U+{ord(char):04X} (a lone surrogate, not a character)"
    name = unicodedata.name(char, "") or {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x0c": "FORM FEED", "\x0b": "LINE TABULATION", "\x00": "NUL", "\x1b": "ESCAPE", "\x7f": "DELETE"}.get(char, "control character")
    return f"U+{ord(char):04X} ({name})"


def parse_yaml(text: str, shown: str, what: str = "file") -> Node:
    bad = _NOT_YAML.search(text)
    if bad:
        line, column = position(text, bad.start())
        raise InputError(shown, line, column, what, f"the character {character_name(bad.group())} cannot stand in a YAML file", "remove it")
    root = _compose_fast(text, shown, what)
    if root is _UNREAD:
        root = _compose(text, shown, what)
    if root is None:
        raise InputError(shown, 1, 1, what, "the file is empty", "write a YAML mapping of keys")
    _refuse_expansion(root, shown, what)
    node = dataclasses.replace(_Converter(shown, what).convert(root, "", 0), role=what)
    if not isinstance(node.value, dict):
        kind = "a list" if isinstance(node.value, list) else "a single value"
        raise node.error(f"the document must be a mapping of keys, got {kind}", "write 'key: value' lines at the top level")
    return node


_UNREAD = object()


def _compose_fast(text: str, shown: str, what: str):
    """The document composed over libyaml's parser (about seven times PyYAML's speed), or
    _UNREAD where that is not installed or the text is not YAML: PyYAML's own parser then says
    what is wrong, in the words `explain_syntax` knows. Nodes, marks and values are the same."""
    if _CLoader is None:
        return _UNREAD
    loader = _CLoader(text, shown, what)
    try:
        return Composer.get_single_node(loader)
    except yaml.YAMLError:
        return _UNREAD
    finally:
        loader.dispose()


def _compose(text: str, shown: str, what: str):
    loader = _Loader(text, shown, what)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem, fix = explain_syntax(exc.context, exc.problem)
        raise InputError(shown, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, what, problem, fix) from None
    except yaml.YAMLError:
        raise InputError(shown, 1, 1, what, "YAML syntax: this cannot be read as YAML", "check the file against the examples in the README") from None
    finally:
        loader.dispose()


def refuse_bad_characters(text: str, shown: str, field: str) -> None:
    """Text read from a plain file (an article body) holds no control characters but tabs and
    line breaks; the first one found is reported where it stands."""
    bad = _NOT_TEXT.search(text)
    if bad:
        line, column = position(text, bad.start())
        raise InputError(shown, line, column, field, f"the character {character_name(bad.group())} in the text", "remove it: text may hold tabs and line breaks only")


def _refuse_expansion(root: yaml.Node, shown: str, what: str) -> None:
    """Count the values the document holds once aliases are expanded, before expanding any:
    each composed node is measured once (aliases share nodes), so an alias bomb is refused in
    the time it takes to read it. A node that contains itself is refused here too."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            mark = node.start_mark
            raise InputError(shown, mark.line + 1, mark.column + 1, what, "an alias that contains itself", "an anchored value may not refer to its own anchor")
        in_progress.add(key)
        if isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(item) for item in node.value)
        else:
            total = 1
        in_progress.discard(key)
        sizes[key] = min(total, MAX_NODES + 1)
        return sizes[key]

    if size(root) > MAX_NODES:
        raise InputError(shown, 1, 1, what, f"more than {MAX_NODES:,} values once anchors and aliases are expanded", "write the values out instead of multiplying them with aliases")


class _PlainResolver(Resolver):
    """YAML 1.1 implicit types without timestamps: a date stays text until a field parses it."""


_PlainResolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TAG + "timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


class _BoundedComposer(Composer):
    """PyYAML's composer with the nesting depth bounded (no constructor)."""

    def _start(self, shown: str, what: str) -> None:
        Composer.__init__(self)
        _PlainResolver.__init__(self)
        self.shown = shown
        self.what = what
        self.depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise InputError(self.shown, mark.line + 1, mark.column + 1, self.what, f"values nested more than {MAX_DEPTH} levels deep", "flatten the structure: issue and style files need a few levels only")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(Reader, Scanner, Parser, _BoundedComposer, _PlainResolver):
    """PyYAML's reader, scanner and parser: every message about bad syntax comes from these."""

    def __init__(self, text: str, shown: str, what: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        self._start(shown, what)


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    _CLoader = None
else:

    class _CLoader(_BoundedComposer, CParser, _PlainResolver):  # type: ignore[no-redef]
        """libyaml's parser for the events, the same bounded composer above it."""

        def __init__(self, text: str, shown: str, what: str):
            CParser.__init__(self, text)
            self._start(shown, what)


_SCALARS = SafeConstructor()
_CONSTRUCTORS = {
    TAG + "str": None,
    TAG + "int": _SCALARS.construct_yaml_int,
    TAG + "float": _SCALARS.construct_yaml_float,
    TAG + "bool": _SCALARS.construct_yaml_bool,
    TAG + "null": _SCALARS.construct_yaml_null,
}


class _Converter:
    """yaml.Node → Node, counting every value converted (aliases count each time they expand)."""

    def __init__(self, file: str, what: str):
        self.file = file
        self.what = what  # the field named in errors about the document as a whole
        self.budget = MAX_NODES

    def _error(self, node: yaml.Node, path: str, problem: str, fix: str) -> InputError:
        return InputError(self.file, node.start_mark.line + 1, node.start_mark.column + 1, path or self.what, problem, fix)

    def convert(self, node: yaml.Node, path: str, depth: int) -> Node:
        """Every Node made here carries a path; the document's own is the file's role."""
        self.budget -= 1
        if self.budget < 0:
            raise self._error(node, path, f"more than {MAX_NODES:,} values once anchors and aliases are expanded", "write the values out instead of multiplying them with aliases")
        if depth > MAX_DEPTH:  # aliases can nest a structure in itself
            raise self._error(node, path, f"values nested more than {MAX_DEPTH} levels deep", "flatten the structure (an alias may not contain itself)")
        ref = SourceRef(self.file, node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode) and node.tag == TAG + "map":
            return Node(self._mapping(node, path, depth), ref, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == TAG + "seq":
            return Node([self.convert(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(node.value)], ref, path)
        if isinstance(node, yaml.ScalarNode) and node.tag in SCALAR_TAGS:
            return Node(self._scalar(node, path), ref, path)
        fix = REFUSED_TAGS.get(node.tag, "remove the tag: issue and style files hold plain data only")
        raise self._error(node, path, f"the YAML tag {quote(_short_tag(node.tag))} is not allowed", fix)

    def _mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict[str, Node]:
        own: dict[str, Node] = {}
        merged: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                self._merge(value_node, path, depth, merged)
                continue
            key = self.convert(key_node, path or self.what, depth + 1)
            if not isinstance(key.value, str):
                raise key.error(f"keys must be text, got {describe(key.value)}", "write the key as text")
            if len(key.value) > MAX_KEY_CHARS:
                raise key.error(f"a key of {len(key.value):,} characters", f"keys are names of at most {MAX_KEY_CHARS} characters")
            child_path = f"{path}.{key.value}" if path else key.value
            if key.value in own:
                raise InputError(self.file, key.ref.line, key.ref.column, child_path, "this key appears twice", "keep one of them")
            value = self.convert(value_node, child_path, depth + 1)
            own[key.value] = Node(value.value, value.ref, value.path, key.ref)
        return {**merged, **own} if merged else own

    def _merge(self, source: yaml.Node, path: str, depth: int, into: dict[str, Node]) -> None:
        """`<<: *base` or `<<: [*a, *b]`: keys not yet set, earlier sources first."""
        sources = source.value if isinstance(source, yaml.SequenceNode) else [source]
        for item in sources:
            if not isinstance(item, yaml.MappingNode):
                raise self._error(item, path, "a merge key ('<<') must name mappings", "write '<<: *anchor' with an anchored mapping")
            for key, value in self.convert(item, path, depth + 1).value.items():
                into.setdefault(key, value)

    def _scalar(self, node: yaml.ScalarNode, path: str) -> Any:
        construct = _CONSTRUCTORS[node.tag]
        if construct is None:
            value: Any = node.value
        else:
            try:
                value = construct(node)
            except (ValueError, KeyError, TypeError, OverflowError, ArithmeticError):
                kind = node.tag.removeprefix(TAG)
                raise self._error(node, path, f"{quote(node.value)} cannot be read as {'a number' if kind in ('int', 'float') else kind}", "write a plain value, or quote it as text") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise self._error(node, path, f"{quote(node.value)} is not a finite number", "write an ordinary number")
        if isinstance(value, str):
            bad = _NOT_TEXT.search(value)
            if bad:
                raise self._error(node, path, f"the character {character_name(bad.group())} in {quote(value)}", "remove it: text may hold tabs and line breaks only where they mean something")
        return value


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(TAG) if tag.startswith(TAG) else tag
