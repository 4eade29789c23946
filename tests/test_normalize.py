"""Normalisation before composition (layout/text/normalize.py; CJK-TYPOGRAPHY §3.7 step 1, §3.6,
§1.1, §1.3): each step on the faults real Chinese technical prose shows, the cases that must not
convert, each switch off, and what `leftovers` reports. Property tests: test_normalize_properties.py."""

from __future__ import annotations

import os
import time

import pytest
import yaml

from conftest import copy_style
from layout.load.styles import _normalization
from layout.load.yamlsrc import parse_yaml
from layout.model.style import Normalization
from layout.text.normalize import LEFTOVERS, leftovers, normalize


@pytest.mark.parametrize(
    "source, expected",
    [
        ("昨日,省委常委", "昨日，省委常委"),
        ("(相关报道详见2版)", "（相关报道详见2版）"),
        ("党委(党组)书记", "党委（党组）书记"),
        ("江东片区:83523999", "江东片区：83523999"),
        ("1218.23亿元,同比增长6.6%。", "1218.23亿元，同比增长6.6%。"),
        ("a, b (c)", "a, b (c)"),
        ("增长7.3%,规上工业", "增长7.3%，规上工业"),
        ("12,345元", "12,345元"),
        ("ＡＢＣ１２３号", "ABC123号"),
        ("网格化管理\n体系", "网格化管理体系"),
        ("open\nsource", "open source"),
        ("\u3000\u3000段落开始", "段落开始"),
    ],
)
def test_normalize(source, expected):
    assert normalize(source) == expected


# --- the faults of real technical prose ----------------------------------------------------------


@pytest.mark.parametrize(
    "source, expected",
    [
        # an ASCII comma and its space: one full-width comma, no white after it
        ("昨日, 省委常委", "昨日，省委常委"),
        ("Debian, 它是", "Debian，它是"),
        ("中文, English", "中文，English"),
        # an ASCII full stop between Chinese sentences
        ("这是坏主意 . 最好", "这是坏主意。最好"),
        ("这是坏主意.最好", "这是坏主意。最好"),
        ("这是坏主意.", "这是坏主意。"),
        ("他说“好.”", "他说“好。”"),
        # one bracket of a pair converted and not the other (the old normaliser's make(1）, (DKMS）)
        ("参见 make(1)。", "参见make(1)。"),
        ("动态内核模块支持 (DKMS) 框架", "动态内核模块支持（DKMS）框架"),
        ("make(1）和(DKMS）", "make（1）和（DKMS）"),
        # a source space, or a no-break space, between Han and Latin: the composer sets the gap
        ("第 11.1.8 节", "第11.1.8节"),
        ("第\u00a011.1.8\u00a0节", "第11.1.8节"),
        ("第\u202f11.1.8\u202f节", "第11.1.8节"),
        ("第\t11.1.8  节", "第11.1.8节"),
        # straight double quotes in Chinese text
        ('名为 "LikeThis" 的', "名为“LikeThis”的"),
        ('他说"好"。', "他说“好”。"),
        # a source space after 、
        ("甲、 乙、 丙", "甲、乙、丙"),
    ],
)
def test_the_faults_of_technical_prose_are_fixed(source, expected):
    assert normalize(source) == expected


# --- pairs: both sides or neither ----------------------------------------------------------------


@pytest.mark.parametrize(
    "source, expected",
    [
        ("党委(党组)书记", "党委（党组）书记"),
        ("研究表明[1]。", "研究表明［1］。"),
        ("见[附件二]", "见［附件二］"),
        ("(1) 第一条", "（1）第一条"),
        ("(参见 make(1))", "（参见make(1)）"),
        ("他说'好'吗", "他说‘好’吗"),
        ('他说"好"，又说"不好"', "他说“好”，又说“不好”"),
        ("（已是全角）", "（已是全角）"),
        ("“已是弯引号”", "“已是弯引号”"),
    ],
)
def test_pairs_convert_both_sides(source, expected):
    out = normalize(source)
    assert out == expected
    assert out.count("（") == out.count("）") and out.count("［") == out.count("］")
    assert out.count("“") == out.count("”") and out.count("‘") == out.count("’")


@pytest.mark.parametrize(
    "source",
    [
        "函数 f(x) 的值",
        "使用 make(1) 命令",
        "数组 a[i] 的元素",
        "运行 echo \"hi\" 命令",
        "运行 grep 'foo' 命令",
        "don't 和 Debian's 都是",
        "Cahier de l'Admin（管理员手册）系列",
    ],
)
def test_code_and_latin_pairs_stay_ascii(source):
    out = normalize(source)
    for mark in "()[]\"'":
        assert out.count(mark) == source.count(mark), (source, out)


def test_an_unmatched_bracket_or_quote_is_never_converted_alone():
    assert normalize("中文(说明") == "中文(说明"
    assert normalize("说明)中文") == "说明)中文"
    assert normalize('他说"好') == '他说"好'
    assert normalize("中文(甲]乙") == "中文(甲]乙"


def test_quotes_pair_in_order_within_the_paragraph():
    """Open, close, open, close: a Latin pair stays, the Chinese one after it converts."""
    assert normalize('运行 echo "hi" 后他说"好"') == '运行echo "hi"后他说“好”'


# --- punctuation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, expected",
    [
        ("使用 apt.conf 文件", "使用apt.conf文件"),
        ("参见 man apt.conf. 然后", "参见man apt.conf。然后"),
        ("参见 apt.conf.", "参见apt.conf。"),
        ("发布了 Debian GNU/Linux 11. 然后", "发布了Debian GNU/Linux 11。然后"),
        ("版本为 11.1.8. 然后", "版本为11.1.8。然后"),
        ("他说 This is a good idea. 然后", "他说This is a good idea.然后"),
        ("Red Hat, Inc.（红帽）公司", "Red Hat, Inc.（红帽）公司"),
        ("Red Hat, Inc. 公司", "Red Hat, Inc.公司"),
        ("例如 e.g. 这个", "例如e.g.这个"),
        ("这是坏主意. Debian 很好", "这是坏主意。Debian很好"),
        ("Hello world.", "Hello world."),
        ("好吗?!", "好吗？！"),
        ("说明;然后", "说明；然后"),
        ("网址:http://x.cn", "网址：http://x.cn"),
    ],
)
def test_punctuation(source, expected):
    assert normalize(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "圆周率约为3.14",
        "版本 v2.0 发布",
        "编辑 /etc/apt/sources.list 文件",
        "参见 README.md 文件",
        "访问 https://www.debian.org/intro/about 了解",
        "访问 www.debian.org 了解",
        "写信到 debian-user@lists.debian.org 询问",
        "文件名为.bashrc",
        "会议于12:30开始",
        "共12,345元",
        "进入 ../foo 目录",
        "运行 apt-get 与 dpkg -i 和 --help",
    ],
)
def test_what_must_not_convert(source):
    out = normalize(source)
    for mark in ",.:;?!-/'\"":
        assert out.count(mark) == source.count(mark), (source, out)
    assert "。" not in out and "，" not in out and "：" not in out and "——" not in out and "……" not in out


# --- ellipses and dashes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, expected",
    [
        ("正在读取软件包列表... 完成", "正在读取软件包列表……完成"),
        ("等等......", "等等……"),
        ("等等…", "等等……"),
        ("等等……", "等等……"),
        ("他说--好", "他说——好"),
        ("他说---好", "他说——好"),
        ("这是―― 破折号", "这是——破折号"),
        ("这是―破折号", "这是——破折号"),
        ("这是──破折号", "这是——破折号"),
        ("这是——破折号", "这是——破折号"),
        ("北京—上海", "北京—上海"),  # a lone — is the connector (§1.3) unless lone_dash
        ("a...b 中", "a...b中"),
        ("使用 --help 选项", "使用--help选项"),
        ("分隔线 ---- 以下", "分隔线----以下"),
    ],
)
def test_ellipses_and_dashes(source, expected):
    assert normalize(source) == expected


@pytest.mark.parametrize(
    "source, expected",
    [
        ("北京—上海", "北京——上海"),
        ("他说—好", "他说——好"),
        ("按 F1—F6 键", "按F1—F6键"),
        ("2019—2022 年间", "2019—2022年间"),
        ("2019年—2022年", "2019年—2022年"),
        ("1月—3月", "1月—3月"),
    ],
)
def test_lone_dash_when_switched_on(source, expected):
    assert normalize(source, steps=Normalization(lone_dash=True)) == expected


# --- spaces --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, expected",
    [
        ("使用  Debian   GNU/Linux  系统", "使用Debian GNU/Linux系统"),
        ("Debian\u00a011 发布", "Debian\u00a011发布"),
        ("“ Debian ”", "“Debian”"),
        ("好 ， 对", "好，对"),
        ("（ DKMS ）", "（DKMS）"),
        ("第一章\u3000道可道", "第一章\u3000道可道"),
        ("本报讯 \u3000昨日", "本报讯\u3000昨日"),
        ("记者 张三", "记者 张三"),  # han_spaces is off by default
    ],
)
def test_spaces(source, expected):
    assert normalize(source) == expected


def test_han_spaces_when_switched_on():
    assert normalize("软件 包 管理", steps=Normalization(han_spaces=True)) == "软件包管理"
    assert normalize("软件 包 Debian", steps=Normalization(han_spaces=True, spaces=False)) == "软件包 Debian"


def test_spaces_at_the_ends_stay_for_the_next_span():
    assert normalize(" 昨日 ", paragraph_start=False) == " 昨日 "
    assert normalize(" 昨日 ") == "昨日 "


def test_spaces_between_han_stay_unless_switched_on():
    assert normalize("尽锐出战 攻坚克难") == "尽锐出战 攻坚克难"  # a headline's preferred break, a byline's 记者 张三
    assert normalize("尽锐出战 攻坚克难", steps=Normalization(han_spaces=True)) == "尽锐出战攻坚克难"


# --- each switch off leaves its step undone ------------------------------------------------------


@pytest.mark.parametrize(
    "switch, source, on, off",
    [
        ("fullwidth_alnum", "ＡＢＣ１２３号", "ABC123号", "ＡＢＣ１２３号"),
        ("join_lines", "网格化管理\n体系", "网格化管理体系", "网格化管理 体系"),
        ("join_lines", "他说\nPython很好", "他说Python很好", "他说 Python很好"),
        ("dashes", "他说--好", "他说——好", "他说--好"),
        ("dashes", "这是――破折号", "这是——破折号", "这是――破折号"),
        ("lone_dash", "他说—好", "他说——好", "他说—好"),
        ("ellipses", "等等...", "等等……", "等等..."),
        ("ellipses", "等等…", "等等……", "等等…"),
        ("brackets", "党委(党组)书记", "党委（党组）书记", "党委(党组)书记"),
        ("brackets", "见[附件]", "见［附件］", "见[附件]"),
        ("quotes", '他说"好"', "他说“好”", '他说"好"'),
        ("quotes", "他说'好'", "他说‘好’", "他说'好'"),
        ("ascii_punctuation", "昨日,省委常委:书记说?好!对;坏主意.最好", "昨日，省委常委：书记说？好！对；坏主意。最好",
         "昨日,省委常委:书记说?好!对;坏主意.最好"),
        ("spaces", "第 11.1.8 节", "第11.1.8节", "第 11.1.8 节"),
        ("spaces", "甲、 乙", "甲、乙", "甲、 乙"),
        ("han_spaces", "软件 包", "软件包", "软件 包"),
        ("ideographic_indent", "\u3000\u3000段落开始", "段落开始", "\u3000\u3000段落开始"),
    ],
)
def test_each_switch_off_leaves_its_step_undone(switch, source, on, off):
    everything = Normalization(lone_dash=True, han_spaces=True)
    assert normalize(source, steps=everything) == on
    assert normalize(source, steps=Normalization(**{**everything.__dict__, switch: False})) == off


def test_normalisation_switched_off_entirely_changes_only_nfc():
    nothing = Normalization(**{name: False for name in Normalization.__dataclass_fields__})
    source = "Cafe\u0301 昨日, 省委(党组) \"好\" ... -- ＡＢ\n体系"
    assert normalize(source, steps=nothing, paragraph_start=False) == "Caf\u00e9 昨日, 省委(党组) \"好\" ... -- ＡＢ 体系"


# --- the style sheet -----------------------------------------------------------------------------


def _parsed(text: str) -> Normalization:
    return _normalization(parse_yaml("normalize: " + text, "style.yaml").mapping({"normalize"})["normalize"])


def test_the_style_sheet_switches():
    assert _parsed("true") == Normalization()
    assert _parsed("false") == Normalization(**{name: False for name in Normalization.__dataclass_fields__})
    assert _parsed("{quotes: false, lone_dash: true}") == Normalization(quotes=False, lone_dash=True)


def test_the_broadsheet_lists_every_switch():
    with open(os.path.join(os.path.dirname(__file__), "..", "styles", "broadsheet.yaml"), encoding="utf-8") as handle:
        listed = yaml.safe_load(handle)["composition"]["normalize"]
    assert set(listed) == set(Normalization.__dataclass_fields__)


def test_the_readme_lists_every_switch():
    with open(os.path.join(os.path.dirname(__file__), "..", "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    for name in Normalization.__dataclass_fields__:
        assert f"`{name}`" in readme, name


# --- leftovers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, code, char",
    [
        ("中文(说明", "unmatched-bracket", "("),
        ("说明)中文", "unmatched-bracket", ")"),
        ("说明（中文", "unmatched-bracket", "（"),
        ("make(1）", "mixed-bracket", "("),
        ('他说"好', "unmatched-quote", '"'),
        ('他说"', "straight-quote", '"'),
        ("他说”好", "unmatched-quote", "”"),
        ("他说“好", "unmatched-quote", "“"),
        ("坏主意.最好", "ascii-between-han", "."),
        ("坏主意 , 最好", "ascii-between-han", ","),
    ],
)
def test_leftovers(text, code, char):
    found = leftovers(text)
    assert any(c == code and text[i] == char for c, i, _ in found), found
    assert all(c in LEFTOVERS for c, _, _ in found)


@pytest.mark.parametrize("text", ["党委（党组）书记", "“他说好”", "参见make(1)。", "“一段引文跨越段落", "会议于12:30开始", "访问www.debian.org了解"])
def test_no_leftovers_in_clean_text(text):
    assert leftovers(text) == []


def test_leftovers_after_normalisation_of_the_faults():
    """The faulty prose of the brief leaves nothing behind once normalised."""
    for source in ("昨日, 省委常委", "这是坏主意 . 最好", "make(1）和(DKMS）", '名为 "LikeThis" 的', "第\u00a011.1.8\u00a0节"):
        assert leftovers(normalize(source)) == [], source


def test_leftovers_give_an_excerpt_around_the_offset():
    (code, offset, excerpt), = leftovers("这是一段很长的中文文本(没有闭合的括号在这里出现")
    assert code == "unmatched-bracket" and offset == 11 and "(" in excerpt and excerpt.startswith("…")


# --- hostile input: linear time ------------------------------------------------------------------

N = 100_000
HOSTILE = {
    "open brackets": "(" * N,
    "close brackets": ")" * N,
    "nested brackets": "(" * (N // 2) + ")" * (N // 2),
    "bracket pairs": "()" * (N // 2),
    "Han in brackets": "(中" * (N // 4) + ")" * (N // 4),
    "dots": "." * N,
    "Han and dots": "中." * (N // 2),
    "Latin and dots": "a." * (N // 2),
    "straight quotes": '"' * N,
    "apostrophes": "a'" * (N // 2),
    "hyphens": "-" * N,
    "dashes": "—―" * (N // 2),
    "ellipses": "…" * N,
    "marks": ",;:?!" * (N // 5),
    "spaces": " " * N,
    "Han and spaces": "中 " * (N // 2),
    "mixed": "(中[a\"b'c.d,e——…" * (N // 16),
    "Latin runs ending in a full stop": ("a " * 30 + "a.中") * (N // 64),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_normalises_in_linear_time(name):
    """100 000 characters of brackets, dots, quotes or spaces: well under a second each (about
    0.02–0.2 s on the development machine), and the leftovers of the result likewise."""
    text = HOSTILE[name]
    started = time.perf_counter()
    out = normalize(text)
    leftovers(out)
    assert time.perf_counter() - started < 1.0, name


# --- the check -----------------------------------------------------------------------------------


def _check_codes(tmp_path, body: str) -> list:
    from layout.check.run import check_issue
    from layout.load.issue import load_issue
    from layout.page.place import place_issue
    from layout.typeface.metrics import load_metrics

    issue = {
        "style": copy_style(tmp_path),
        "issue": {"paper": "测试报", "date": "2022-01-28", "page_count": 1, "serial_number": 1},
        "articles": [{"id": "story", "headline": "测试标题", "body": body}],
        "pages": [{"number": 1, "modules": [{"article": "story", "column": 1, "span": 2, "top": 81, "height": 24}]}],
    }
    path = tmp_path / "issue.yaml"
    path.write_text(yaml.safe_dump(issue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    spec = load_issue(str(path))
    fonts = load_metrics(spec.fonts)
    return check_issue(str(path), spec, place_issue(spec, fonts), fonts).findings


def test_the_check_reports_leftovers(tmp_path):
    text = "国家经济发展计划执行情况与民生实事项目研究部署"
    found = [f for f in _check_codes(tmp_path, text + "(未闭合的括号" + text) if f.code == "normalize-leftover"]
    assert found and str(found[0].severity) == "warning" and "(" in found[0].message
    assert not [f for f in _check_codes(tmp_path, text + "（已闭合）" + text) if f.code == "normalize-leftover"]


@pytest.mark.parametrize("source, expected", [
    ("如“local-fs.target\"、\"swap.target“和“x”", "如“local-fs.target”、“swap.target”和“x”"),  # mixed quotes of a man page
    ("“valid\" 。", "“valid”。"),  # a straight quote closing a curly one
    ("他说\"好\"然后", "他说“好”然后"),
    ("echo \"hi\"", "echo \"hi\""),  # code keeps its quotes
    # a quote the source never closed stays straight (the check reports it); the ones after it
    # still pair by the side their Latin text is on
    ("启动\"/lib/x.target（通常是到\"graphical.target\"的链接）", "启动\"/lib/x.target（通常是到“graphical.target”的链接）"),
    ("来说，\"ID_LIKE=\"rhel\"\" 就是", "来说，“ID_LIKE=\"rhel”\"就是"),  # a quote inside code neither opens nor closes
])
def test_straight_quotes_pair_with_the_curly_ones_around_them(source, expected):
    assert normalize(source) == expected
