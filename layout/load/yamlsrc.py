"""Safe YAML with positions: every value keeps the file:line:column it came from.

We compose nodes with PyYAML's SafeLoader (which builds no objects) and convert them ourselves,
refusing any tag outside the YAML core schema, so a file can never construct Python objects.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import yaml

from layout.load.errors import InputError
from layout.model.spec import SourceRef

_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

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

    def error(self, problem: str, fix: str | None = None) -> InputError:
        return InputError(self.ref.file, self.ref.line, self.ref.column, self.path or None, problem, fix)

    # --- typed access -------------------------------------------------------------------------
    def mapping(self, allowed: set[str] | tuple[str, ...], required: tuple[str, ...] = ()) -> dict[str, "Node"]:
        if not isinstance(self.value, dict):
            raise self.error(f"expected a mapping of keys, got {describe(self.value)}")
        for key, child in self.value.items():
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise child.key_error(f"unknown key '{key}'", f"use one of: {known}")
        for key in required:
            if key not in self.value:
                raise self.error(f"missing required key '{key}'", f"add '{key}:' here")
        return self.value

    def key_error(self, problem: str, fix: str | None = None) -> InputError:
        ref = self.key_ref or self.ref
        return InputError(ref.file, ref.line, ref.column, self.path or None, problem, fix)

    def entries(self) -> dict[str, "Node"]:
        """A mapping whose keys are names chosen by the writer (colours, for example)."""
        if not isinstance(self.value, dict):
            raise self.error(f"expected a mapping of keys, got {describe(self.value)}")
        return self.value

    def sequence(self) -> list["Node"]:
        if not isinstance(self.value, list):
            raise self.error(f"expected a list, got {describe(self.value)}")
        return self.value

    def text(self, *, allow_empty: bool = False) -> str:
        value = self.value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # "82987136" written without quotes is still text to us
        if not isinstance(value, str):
            raise self.error(f"expected text, got {describe(self.value)}")
        if not allow_empty and not value.strip():
            raise self.error("must not be empty")
        return value

    def integer(self, minimum: int | None = None, maximum: int | None = None) -> int:
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise self.error(f"expected a whole number, got {describe(self.value)}")
        if minimum is not None and self.value < minimum or maximum is not None and self.value > maximum:
            bounds = f"from {minimum} to {maximum}" if maximum is not None else f"of at least {minimum}"
            raise self.error(f"expected a whole number {bounds}, got {self.value}")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.error(f"expected true or false, got {describe(self.value)}")
        return self.value

    def texts(self) -> tuple[str, ...]:
        """A string, or a list of strings (for multi-line values such as bylines)."""
        if isinstance(self.value, list):
            return tuple(item.text() for item in self.value)
        return (self.text(),)



def describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    name = _TYPE_NAMES.get(type(value), type(value).__name__)
    return f"{name} ({value!r})" if not isinstance(value, str) else f"text ({value!r})"


def read_text(path: str, *, display: str | None = None, what: str = "file") -> str:
    """Read a UTF-8 file; missing, unreadable or undecodable files are input errors."""
    shown = display or path
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise InputError(shown, None, None, None, f"{what} not found", "check the path (relative paths are resolved from the file that names them)") from None
    except IsADirectoryError:
        raise InputError(shown, None, None, None, f"{what} is a directory, not a file", "name a file") from None
    except OSError as exc:
        raise InputError(shown, None, None, None, f"cannot read {what}: {exc.strerror}", "check its permissions") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(shown, line, column, None, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", "save the file as UTF-8") from None
    return text.removeprefix("\ufeff")


def load_yaml(path: str, *, display: str | None = None) -> Node:
    """Parse a YAML file into a Node tree; the document must be a mapping."""
    shown = display or os.path.relpath(path)
    text = read_text(path, display=shown)
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "cannot parse"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError(shown, line, column, None, f"YAML syntax error: {problem}", "fix the YAML at this position") from None
    except yaml.YAMLError as exc:
        raise InputError(shown, None, None, None, f"YAML error: {exc}", "fix the YAML") from None
    finally:
        loader.dispose()
    if root is None:
        raise InputError(shown, 1, 1, None, "the file is empty", "write a YAML mapping of keys")
    node = _convert(root, loader, shown, "")
    if not isinstance(node.value, dict):
        raise node.error(f"the document must be a mapping of keys, got {describe(node.value)}")
    return node


def _convert(node: yaml.Node, loader: yaml.SafeLoader, file: str, path: str) -> Node:
    ref = SourceRef(file, node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _CORE_TAGS:
        raise InputError(file, ref.line, ref.column, path or None, f"YAML tag '{node.tag}' is not allowed", "remove the tag: issue and style files hold plain data only")
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Node] = {}
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = _convert(key_node, loader, file, path)
            if not isinstance(key.value, str):
                raise key.error(f"keys must be text, got {describe(key.value)}")
            child_path = f"{path}.{key.value}" if path else key.value
            if key.value in result:
                raise InputError(file, key.ref.line, key.ref.column, child_path, "this key appears twice", "keep one of them")
            value = _convert(value_node, loader, file, child_path)
            result[key.value] = Node(value.value, value.ref, value.path, key.ref)
        return Node(result, ref, path)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, loader, file, f"{path}[{i}]") for i, item in enumerate(node.value)], ref, path)
    try:
        value = loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as exc:
        raise InputError(file, ref.line, ref.column, path or None, f"cannot read value: {exc}", None) from None
    return Node(value, ref, path)
