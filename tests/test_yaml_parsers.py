"""libyaml's parser under the bounded composer gives the nodes PyYAML's own parser gives: the
same tags, values and marks (the positions every message names), on the sample's files; bad
YAML falls back to PyYAML's parser for its message, and the depth bound holds on both."""

from __future__ import annotations

import glob
import os

import pytest
import yaml

from conftest import ROOT
from layout.load import yamlsrc
from layout.load.errors import InputError

FILES = sorted(glob.glob(os.path.join(ROOT, "issues", "*.yaml")) + glob.glob(os.path.join(ROOT, "styles", "*.yaml")) + glob.glob(os.path.join(ROOT, "bench", "mixed", "*.yaml")))


def shape(node):
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, marks)
    if isinstance(node, yaml.MappingNode):
        return (node.tag, marks, [(shape(k), shape(v)) for k, v in node.value])
    return (node.tag, marks, [shape(item) for item in node.value])


@pytest.mark.skipif(yamlsrc._CLoader is None, reason="PyYAML without libyaml: only the Python parser exists")
@pytest.mark.parametrize("path", FILES, ids=os.path.basename)
def test_both_parsers_compose_the_same_nodes(path):
    text = open(path, encoding="utf-8").read()
    assert len(FILES) >= 3
    assert shape(yamlsrc._compose_fast(text, path, "file")) == shape(yamlsrc._compose(text, path, "file"))


def test_bad_yaml_is_reported_in_pyyamls_words_with_or_without_libyaml(monkeypatch):
    text = "issue:\n  paper: [钱塘新区报\n  date: 2022-01-28\n"
    with pytest.raises(InputError) as fast:
        yamlsrc.parse_yaml(text, "x.yaml")
    monkeypatch.setattr(yamlsrc, "_CLoader", None)
    with pytest.raises(InputError) as slow:
        yamlsrc.parse_yaml(text, "x.yaml")
    assert str(fast.value) == str(slow.value) and "x.yaml:" in str(fast.value)


def test_the_depth_bound_holds_on_the_fast_path_too():
    deep = "a: " + "[" * (yamlsrc.MAX_DEPTH + 5) + "]" * (yamlsrc.MAX_DEPTH + 5) + "\n"
    with pytest.raises(InputError, match="nested more than"):
        yamlsrc.parse_yaml(deep, "deep.yaml")
