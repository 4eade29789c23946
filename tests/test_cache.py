"""The cache of derived data (layout/cache.py): written once, read after, rebuilt when damaged or
when its source changes, never needed; and what is cached reads as what it was derived from."""

from __future__ import annotations

import os
import random

import pytest

from layout import cache
from layout.cache import cached


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting(payload: bytes):
    calls = []

    def build():
        calls.append(1)
        return payload

    return build, calls


def test_an_entry_is_built_once_and_read_after(folder):
    build, calls = counting(b"payload")
    assert cached("thing", 1, "abc", build) == b"payload"
    assert cached("thing", 1, "abc", build) == b"payload"
    assert len(calls) == 1
    assert [p.name for p in folder.iterdir()] == ["thing-v1-abc.bin"]


def test_another_key_or_version_is_another_entry(folder):
    build, calls = counting(b"x")
    cached("thing", 1, "abc", build)
    cached("thing", 1, "abd", build)  # the source file changed: its sha256 did
    cached("thing", 2, "abc", build)  # the format changed
    assert len(calls) == 3


@pytest.mark.parametrize("damage", [lambda data: data[:-3], lambda data: data[:10], lambda data: data[:-1] + b"!", lambda data: b""])
def test_a_damaged_entry_is_rebuilt_not_trusted(folder, damage):
    build, calls = counting(b"the real payload")
    cached("thing", 1, "abc", build)
    path = folder / "thing-v1-abc.bin"
    path.write_bytes(damage(path.read_bytes()))
    assert cached("thing", 1, "abc", build) == b"the real payload"
    assert len(calls) == 2
    assert cached("thing", 1, "abc", build) == b"the real payload" and len(calls) == 2  # and written again


def test_an_unwritable_folder_or_caching_off_still_gives_the_data(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(blocked / "cache"))
    build, calls = counting(b"x")
    assert cached("thing", 1, "abc", build) == b"x" and cached("thing", 1, "abc", build) == b"x"
    assert len(calls) == 2
    monkeypatch.setenv("LAYOUT_CACHE_DIR", "off")
    assert cache.cache_dir() is None and cached("thing", 1, "abc", build) == b"x"


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("LAYOUT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == os.path.join(str(tmp_path), "layout")


def test_cached_metrics_are_the_metrics_fonttools_reads(folder):
    from conftest import SAMPLE
    from layout.load.issue import load_issue
    from layout.typeface import metrics

    spec = load_issue(SAMPLE)
    for face in spec.fonts.faces:
        read = metrics._read_face(face.role, face.path)
        first = metrics._cached_face(face.role, face.path, face.sha256)  # builds the entry
        again = metrics._cached_face(face.role, face.path, face.sha256)  # reads it
        for got in (first, again):
            assert dict(got.advances) == dict(read.advances)
            assert (got.units_per_em, got.ascender, got.descender) == (read.units_per_em, read.ascender, read.descender)
    assert len(list(folder.iterdir())) == len({face.sha256 for face in spec.fonts.faces})


def test_the_sorted_lexicon_answers_as_jiebas_prefix_dict(folder):
    import jieba

    from layout.text.lexicon import load_lexicon

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, "rb") as handle:
        reference, total = jieba.Tokenizer.gen_pfdict(handle)
    lexicon, lexicon_total = load_lexicon(path)
    assert lexicon_total == total
    rng = random.Random(20261201)
    keys = list(reference)
    probes = rng.sample(keys, 5000)  # words and prefixes
    probes += [key + "丂" for key in probes[:500]] + ["", "𠀀", "zzzz", "的的的的"]  # and not
    for probe in probes:
        assert (probe in lexicon) == (probe in reference), probe
        assert lexicon.get(probe) == reference.get(probe), probe
        assert lexicon.get(probe, 1) == reference.get(probe, 1), probe


def test_cached_hyphenation_patterns_hyphenate_as_pyphen_parses_them(folder, monkeypatch):
    import re

    import pyphen

    from conftest import ROOT
    from layout.text import hyphenate

    path = pyphen.LANGUAGES["en_US"]
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenate._load_patterns(pyphen, "en_US")  # writes the entry
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenate._load_patterns(pyphen, "en_US")  # reads it
    loaded, parsed = pyphen.hdcache[path], pyphen.HyphDict(path)
    assert type(loaded) is pyphen.HyphDict and loaded.maxlen == parsed.maxlen
    corpus = "".join(open(os.path.join(ROOT, "bench", "mixed", name), encoding="utf-8").read() for name in sorted(os.listdir(os.path.join(ROOT, "bench", "mixed"))) if name.endswith(".txt"))
    words = sorted({w.lower() for w in re.findall("[A-Za-z]{4,}", corpus)}) + ["configuration", "internationalization", "hyphenation"]
    assert len(words) > 300
    assert all(loaded.positions(word) == parsed.positions(word) for word in words)
    assert [p.name.split("-v")[0] for p in folder.iterdir()] == ["hyphenation"]
