"""PyYAML's syntax errors in the words of a desk editor: what is wrong here and what to do.

A table of (what PyYAML says, what we say, what to do), matched in order against the problem
and the context PyYAML reports; the first match wins.
"""

from __future__ import annotations

import re

# (pattern on "context | problem", what is wrong, what to do)
SYNTAX_MESSAGES: tuple[tuple[str, str, str], ...] = (
    (r"tab character|'\\t'", "a tab character where YAML expects spaces", "indent with spaces only"),
    (r"mapping values are not allowed here", "a ':' where no new key can start", "put the value in quotes if it holds ': ', or check the indentation"),
    (r"could not find expected ':'", "a line that looks like a key has no ':' after it", "write 'key: value', or join the line to the one above"),
    (r"while scanning a quoted scalar.*end of stream", "a quoted value is never closed", "add the closing quote"),
    (r"while scanning a quoted scalar.*document separator", "a quoted value is never closed", "add the closing quote"),
    (r"unknown escape character", "an unknown backslash escape in a double-quoted value", "write \\\\ for a backslash, or use single quotes"),
    (r"expected escape sequence", "a broken backslash escape in a double-quoted value", "write \\\\ for a backslash, or use single quotes"),
    (r"flow sequence.*expected ',' or '\]'", "a [ ] list that is not closed or lacks a comma", "separate the items with commas and close the list with ]"),
    (r"flow mapping.*expected ',' or '\}'", "a { } mapping that is not closed or lacks a comma", "separate the entries with commas and close the mapping with }"),
    (r"flow node.*expected the node content", "a value is missing here", "write the value, or remove the stray ',' ':' or bracket"),
    (r"found undefined alias", "an alias that refers to no anchor", "define the anchor (&name) before the alias (*name), or remove the alias"),
    (r"found duplicate anchor", "the same anchor is defined twice", "give each anchor its own name"),
    (r"expected alphabetic or numeric character", "a '*' or '&' that names no anchor", "put the value in quotes"),
    (r"expected a single document", "the file holds more than one YAML document", "remove the '---' lines: one document per file"),
    (r"block mapping.*expected <block end>", "this line's indentation does not line up with the key above it", "indent it like the other keys of its mapping"),
    (r"block collection.*expected <block end>", "this line's indentation does not line up with the list above it", "indent it like the other items of its list"),
    (r"expected <block end>", "the indentation does not line up with the lines above", "indent this line like its siblings"),
    (r"block mapping.*did not find expected key", "a line inside a mapping that is not 'key: value'", "check its indentation and that it is 'key: value'"),
    (r"did not find expected '-' indicator", "a line inside a list that does not start with '- '", "start list items with '- ' at the same indentation"),
    (r"block scalar.*expected a comment or a line break", "text after '|' or '>' on the same line", "start the text of a '|' block on the next line"),
    (r"block scalar.*expected indentation indicator", "a broken '|' or '>' header", "write just '|' or '>' and start the text on the next line"),
    (r"directive", "a line that starts with '%'", "put the value in quotes"),
    (r"found character '(.)' that cannot start any token", "a value that starts with {0}", "put the value in quotes"),
    (r"did not find expected node content", "a value is missing here", "write the value, or remove the stray indicator"),
    (r"found unexpected end of stream", "the file ends in the middle of a value", "complete the value at the end of the file"),
)

_COMPILED = tuple((re.compile(pattern, re.S), problem, fix) for pattern, problem, fix in SYNTAX_MESSAGES)


def explain_syntax(context: str | None, problem: str | None) -> tuple[str, str]:
    """What is wrong and what to do, for a PyYAML context and problem."""
    said = f"{context or ''} | {problem or ''}"
    for pattern, ours, fix in _COMPILED:
        match = pattern.search(said)
        if match:
            shown = f"'{match.group(1)}'" if match.groups() else ""
            return f"YAML syntax: {ours.replace('{0}', shown)}", fix
    return "YAML syntax: this cannot be read as YAML", "compare the line with the examples in the README; quote values that hold ':', '#', '[' or '{'"
