"""The character sets of CJK-TYPOGRAPHY.md §1.1 and §1.3, written out again from the spec for the
tests: an oracle independent of layout/text/classes.py, which they check."""

PAUSE_STOP = "、，。．：；？！"
CLOSING = "”’）》〉」』】〕〗］｝"
OPENING = "“‘（《〈「『【〔〖［｛"
CONNECTORS = "–—～"
INTERPUNCT = "·"
SOLIDI = "/／"
POSTFIX = "%％‰℃°′″"
PREFIX = "$＄￥¥£￡"
TWO_EM_UNITS = ("——", "……")  # §1.3
STACKED = ("？！", "！？", "？？", "！！")  # §1.3
