"""jieba's dictionary as a sorted word list, read from the cache in milliseconds.

jieba keeps its dictionary as a dict of every word and every prefix of every word (about
600,000 keys), built from its 349,000-line dict.txt in about a second each time a process
starts (`Tokenizer.gen_pfdict`). Its segmenter asks only three things of that dict: is this
fragment a word or the prefix of one (`in`), a word's count (`[]`, 0 for a prefix), and the
same with a default (`get`). A sorted list of the words answers all three by bisection, and
it is stored in the cache (layout/cache.py), keyed by the sha256 of the dictionary file, as
the words joined by newlines and their counts: one read, one split.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left

from layout.cache import cached

LEXICON_VERSION = 1


class SortedLexicon:
    """The mapping jieba's `Tokenizer.FREQ` is, over sorted words and their counts."""

    def __init__(self, words: list[str], counts: array):
        self._words = words
        self._counts = counts

    def _find(self, fragment: str) -> int:
        return bisect_left(self._words, fragment)

    def __contains__(self, fragment: str) -> bool:
        i = self._find(fragment)
        return bool(fragment) and i < len(self._words) and self._words[i].startswith(fragment)

    def get(self, fragment: str, default: int | None = None) -> int | None:
        i = self._find(fragment)
        if fragment and i < len(self._words):
            word = self._words[i]
            if word == fragment:
                return self._counts[i]
            if word.startswith(fragment):
                return 0  # a prefix of a word, as gen_pfdict records it
        return default

    def __getitem__(self, fragment: str) -> int:
        found = self.get(fragment)
        if found is None:
            raise KeyError(fragment)
        return found


def load_lexicon(path: str) -> tuple[SortedLexicon, int]:
    """The lexicon of jieba's dictionary file at `path` and its total count (`Tokenizer.total`)."""
    with open(path, "rb") as handle:
        source = handle.read()
    payload = cached("jieba-lexicon", LEXICON_VERSION, hashlib.sha256(source).hexdigest(), lambda: _pack(source))
    counts = array("Q")
    size = int.from_bytes(payload[:8], "little")
    counts.frombytes(payload[8 : 8 + size])
    words = payload[8 + size :].decode("utf-8").split("\n")
    total = counts.pop()
    return SortedLexicon(words, counts), total


def _pack(source: bytes) -> bytes:
    """Parse dict.txt as gen_pfdict does (a later line's count wins; the total sums them all)."""
    found: dict[str, int] = {}
    total = 0
    for line in source.decode("utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        word, count = line.split(" ")[:2]
        found[word] = int(count)
        total += int(count)
    words = sorted(found)
    counts = array("Q", (found[word] for word in words))
    counts.append(total)
    data = counts.tobytes()
    return len(data).to_bytes(8, "little") + data + "\n".join(words).encode("utf-8")
