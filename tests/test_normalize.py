import pytest

from layout.text.normalize import normalize


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
