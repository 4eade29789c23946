#!/usr/bin/env python3
"""Write the two sample advertisements of the sample issue as vector CMYK PDFs.

    python3 tools/make_sample_ads.py             # writes issues/2022-01-28/ads/ad-*.pdf
    python3 tools/make_sample_ads.py --out DIR   # writes elsewhere, e.g. to compare

ad-banner.pdf   999 x 157.5 pt  a fictional bookshop's New Year book fair (通栏)
ad-eighth.pdf   495 x 333 pt    a public-service ad on sorting household waste (公益广告)

Both advertisers, addresses and phone numbers are invented (a local number starting
with 0 does not exist), and each ad says so in small print. Rules kept, and checked
here while drawing: CMYK colour only (the canvas enforces it), every font one of the
project's own TrueType files from fonts/, embedded as a subset (the canvas' initial
font is one of them, so no Helvetica is referenced), no images, no transparency,
total ink of every colour at most 240 %, text at least 6 pt, rules at least 0.25 pt.
The output is the same bytes on every run (invariant mode, fixed metadata).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
OUT = ROOT / "issues" / "2022-01-28" / "ads"

FONT_FILES = {
    "Hei": "NotoSansSC-Bold-GBK.ttf",
    "Song": "NotoSerifSC-Regular-GBK.ttf",
    "SongBold": "NotoSerifSC-Bold-GBK.ttf",
    "Kai": "WenKai-Regular-GBK.ttf",
}
MAX_INK = 240.0
MIN_TEXT_PT = 6.0
MIN_RULE_PT = 0.25


def ink(c: float, m: float, y: float, k: float) -> CMYKColor:
    """A CMYK colour from percentages, refusing more than MAX_INK total ink."""
    total = c + m + y + k
    if total > MAX_INK:
        raise ValueError(f"colour C{c} M{m} Y{y} K{k} has {total} % ink, over {MAX_INK} %")
    return CMYKColor(c / 100, m / 100, y / 100, k / 100)


WHITE = ink(0, 0, 0, 0)
BLACK = ink(0, 0, 0, 100)
RED = ink(0, 100, 100, 0)
DEEP_RED = ink(0, 100, 100, 25)
GOLD = ink(0, 20, 100, 0)
CREAM = ink(0, 4, 18, 0)
NAVY = ink(100, 80, 0, 30)
GRAY = ink(0, 0, 0, 60)
LIGHT_GRAY = ink(0, 0, 0, 12)
GREEN = ink(85, 0, 100, 10)
LIGHT_GREEN = ink(20, 0, 35, 0)
BLUE = ink(100, 50, 0, 0)
BIN_RED = ink(0, 95, 90, 0)
BIN_GREEN = ink(80, 0, 100, 0)
BIN_GRAY = ink(0, 0, 0, 65)


def register_fonts() -> None:
    for name, file in FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))


class Ad:
    """A one-page canvas with the checks of the module docstring."""

    def __init__(self, path: Path, width: float, height: float, title: str):
        self.w, self.h = width, height
        self.c = Canvas(
            str(path), pagesize=(width, height), invariant=1, pageCompression=1,
            enforceColorSpace="cmyk", initialFontName="Song", initialFontSize=10,
            trimBox=(0, 0, width, height),
        )
        c = self.c
        c.setTitle(title)
        c.setAuthor("layout sample issue (fictional advertiser)")
        c.setSubject("Sample advertisement, 2022-01-28 sample issue")
        c.setCreator("tools/make_sample_ads.py")
        c.setProducer("ReportLab")
        c.setFillColor(BLACK)
        c.setStrokeColor(BLACK)
        c.setLineWidth(MIN_RULE_PT * 2)

    # drawing helpers -------------------------------------------------------------
    def fill(self, colour: CMYKColor) -> None:
        self.c.setFillColor(colour)

    def stroke(self, colour: CMYKColor, width: float) -> None:
        if width < MIN_RULE_PT:
            raise ValueError(f"rule of {width} pt is thinner than {MIN_RULE_PT} pt")
        self.c.setStrokeColor(colour)
        self.c.setLineWidth(width)

    def rect(self, x, y, w, h, colour, radius=0.0):
        self.fill(colour)
        if radius:
            self.c.roundRect(x, y, w, h, radius, stroke=0, fill=1)
        else:
            self.c.rect(x, y, w, h, stroke=0, fill=1)

    def text(self, x, y, s, font, size, colour, align="left", spacing=0.0):
        """Draw s with its baseline at y; align left, centre or right of x."""
        if size < MIN_TEXT_PT:
            raise ValueError(f"text {s!r} at {size} pt is smaller than {MIN_TEXT_PT} pt")
        width = self.width(s, font, size, spacing)
        if align == "centre":
            x -= width / 2
        elif align == "right":
            x -= width
        self.fill(colour)
        t = self.c.beginText(x, y)
        t.setFont(font, size)
        t.setCharSpace(spacing)
        t.textLine(s)
        self.c.drawText(t)
        return width

    @staticmethod
    def width(s, font, size, spacing=0.0):
        return pdfmetrics.stringWidth(s, font, size) + spacing * max(len(s) - 1, 0)

    def fit(self, s, font, size, max_width, spacing=0.0):
        """The largest size <= size at which s fits in max_width."""
        while self.width(s, font, size, spacing) > max_width:
            size -= 0.5
        return size

    def save(self):
        self.c.showPage()
        self.c.save()


# the banner ---------------------------------------------------------------------
def banner(path: Path) -> None:
    a = Ad(path, 999, 157.5, "潮声书坊 虎年新春书市（样张，虚构广告）")
    c, w, h = a.c, a.w, a.h

    a.rect(0, 0, w, h, CREAM)
    # left: red panel with the headline, a gold sun and tiger-year seal
    a.rect(0, 0, 262, h, RED)
    a.fill(ink(0, 85, 100, 0))
    c.circle(40, h - 34, 58, stroke=0, fill=1)
    a.fill(GOLD)
    c.circle(226, h - 30, 18, stroke=0, fill=1)
    a.text(226, h - 37.5, "虎", "Kai", 21, RED, align="centre")
    a.text(20, 82, "新春读好书", "Hei", 45, WHITE, spacing=1.5)
    a.text(22, 50, "潮声书坊 · 虎年年货书市", "Kai", 19, GOLD)
    a.stroke(GOLD, 0.75)
    c.line(22, 40, 240, 40)
    a.text(22, 20, "壬寅虎年 · 书香过大年", "Song", 12, WHITE, spacing=2)

    # a dotted edge between panel and text, like a ticket
    a.fill(CREAM)
    for i in range(11):
        c.circle(262, 7 + i * 14.4, 3.2, stroke=0, fill=1)

    # middle: offer and details
    x = 286
    a.text(x, 116, "1月28日—2月6日", "Hei", 22, DEEP_RED)
    a.text(x + a.width("1月28日—2月6日", "Hei", 22) + 12, 116, "全场图书八折", "Hei", 22, BLACK)
    a.stroke(DEEP_RED, 0.5)
    c.line(x, 104, 742, 104)
    lines = [
        "◆ 满100元赠生肖虎年藏书票一枚，满300元赠手写春联一副",
        "◆ 少儿绘本专区、地方文史专柜、古籍影印本展销同步开放",
        "◆ 每周六下午2:30 作家见面会 · 亲子共读 · 书法家现场写福字",
    ]
    for i, s in enumerate(lines):
        a.text(x, 84 - i * 19, s, "Song", 12.5, BLACK)
    a.text(x, 14, "地址：钱塘区江滨路1号潮声大楼一楼（虚构）    营业时间：9:00—21:00，除夕照常营业",
           "Song", 9, GRAY)

    # right: a stack of books and the phone box
    bx = 770
    books = [(NAVY, 150, 11), (RED, 134, 10), (GREEN, 142, 9), (GOLD, 126, 10)]
    y = 61
    for colour, bw, bh in books:
        a.rect(bx + (150 - bw) / 2, y, bw, bh, colour, radius=1.5)
        a.rect(bx + (150 - bw) / 2 + 6, y + 2.5, 3, bh - 5, WHITE)  # spine band
        y += bh + 1.5
    # an open book on top
    top = y + 1
    a.fill(WHITE)
    a.stroke(BLACK, 0.75)
    p = c.beginPath()
    p.moveTo(bx + 75, top)
    p.curveTo(bx + 55, top + 6, bx + 30, top + 7.5, bx + 12, top + 4.5)
    p.lineTo(bx + 12, top + 22.5)
    p.curveTo(bx + 30, top + 25.5, bx + 55, top + 24, bx + 75, top + 18)
    p.curveTo(bx + 95, top + 24, bx + 120, top + 25.5, bx + 138, top + 22.5)
    p.lineTo(bx + 138, top + 4.5)
    p.curveTo(bx + 120, top + 7.5, bx + 95, top + 6, bx + 75, top)
    p.close()
    c.drawPath(p, stroke=1, fill=1)
    c.line(bx + 75, top, bx + 75, top + 18)
    a.stroke(GRAY, 0.3)
    for i in range(3):
        c.line(bx + 22, top + 9 + i * 4, bx + 66, top + 11.25 + i * 4)
        c.line(bx + 84, top + 11.25 + i * 4, bx + 128, top + 9 + i * 4)

    a.rect(bx - 4, 10, 222, 44, NAVY, radius=3)
    a.text(bx + 8, 37, "订书热线", "Hei", 11, GOLD)
    a.text(bx + 8, 20, "0571-0000 1234", "Hei", 14, WHITE)
    a.text(bx + 206, 37, "送书上门", "Song", 9, WHITE, align="right")
    a.text(bx + 206, 22, "钱塘区内免费", "Song", 9, WHITE, align="right")

    # border and the fiction notice
    a.stroke(BLACK, 1)
    c.rect(0.5, 0.5, w - 1, h - 1, stroke=1, fill=0)
    a.text(742, h - 12, "排版样张：广告主、地址及电话均为虚构", "Song", 6.5, GRAY, align="right")
    a.save()


# the eighth-page public-service ad ------------------------------------------------
def bin_icon(a: Ad, x: float, y: float, colour: CMYKColor, glyph: str) -> None:
    """A wheelie bin, 78 pt wide, bottom at y."""
    c = a.c
    a.fill(BLACK)
    c.circle(x + 16, y + 5, 5, stroke=0, fill=1)
    c.circle(x + 62, y + 5, 5, stroke=0, fill=1)
    a.fill(colour)
    p = c.beginPath()  # body, a little narrower at the foot
    p.moveTo(x + 6, y + 8)
    p.lineTo(x + 72, y + 8)
    p.lineTo(x + 76, y + 92)
    p.lineTo(x + 2, y + 92)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    a.rect(x - 2, y + 94, 82, 10, colour, radius=2)  # lid
    a.rect(x + 30, y + 104, 18, 4, colour, radius=1.5)  # handle
    a.stroke(WHITE, 1)
    c.line(x + 6, y + 93, x + 72, y + 93)
    a.fill(WHITE)
    c.circle(x + 39, y + 52, 23, stroke=0, fill=1)
    a.text(x + 39, y + 42.5, glyph, "Hei", 27, colour, align="centre")


def eighth(path: Path) -> None:
    a = Ad(path, 495, 333, "垃圾分类 从我做起（公益广告样张）")
    c, w, h = a.c, a.w, a.h

    a.rect(0, 0, w, h, WHITE)
    # top band
    a.rect(0, h - 86, w, 86, GREEN)
    a.fill(LIGHT_GREEN)
    c.circle(w - 40, h - 20, 52, stroke=0, fill=1)
    a.fill(GREEN)
    c.circle(w - 40, h - 20, 38, stroke=0, fill=1)
    # a leaf
    a.fill(WHITE)
    p = c.beginPath()
    lx, ly = w - 58, h - 48
    p.moveTo(lx, ly)
    p.curveTo(lx + 2, ly + 30, lx + 22, ly + 44, lx + 40, ly + 44)
    p.curveTo(lx + 40, ly + 22, lx + 26, ly + 2, lx, ly)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    a.stroke(GREEN, 1.5)
    c.line(lx + 4, ly + 4, lx + 30, ly + 34)

    a.rect(18, h - 27, 52, 15, WHITE, radius=2)
    a.text(44, h - 23, "公益广告", "Hei", 9.5, GREEN, align="centre")
    a.text(18, h - 63, "垃圾分类 从我做起", "Hei", 32, WHITE, spacing=1)
    a.text(18, h - 80, "分类投放 · 分类收集 · 分类运输 · 分类处理", "Song", 9.5, WHITE, spacing=1)

    # four bins with their names and examples
    bins = [
        (BLUE, "回", "可回收物", ["废纸  塑料瓶", "金属  玻璃  织物"]),
        (BIN_RED, "害", "有害垃圾", ["废电池  废灯管", "过期药品  油漆桶"]),
        (BIN_GREEN, "厨", "易腐垃圾", ["剩菜剩饭  果皮", "菜叶  骨头  茶渣"]),
        (BIN_GRAY, "他", "其他垃圾", ["纸巾  烟头", "陶瓷碎片  尘土"]),
    ]
    col = (w - 36) / 4
    for i, (colour, glyph, name, examples) in enumerate(bins):
        cx = 18 + col * i + col / 2
        bin_icon(a, cx - 39, 118, colour, glyph)
        a.rect(cx - 44, 90, 88, 20, colour, radius=3)
        a.text(cx, 95.5, name, "Hei", 12, WHITE, align="centre", spacing=1)
        for j, s in enumerate(examples):
            a.text(cx, 75 - j * 12, s, "Song", 8.5, BLACK, align="centre")
    a.stroke(LIGHT_GRAY, 0.5)
    for i in range(1, 4):
        x = 18 + col * i
        c.line(x, 52, x, 220)

    # bottom band
    a.rect(0, 0, w, 40, LIGHT_GREEN)
    a.stroke(GREEN, 1)
    c.line(0, 40, w, 40)
    a.text(18, 15, "分一分，环境美十分", "Kai", 17, ink(90, 20, 100, 20))
    a.text(w - 18, 22, "钱塘新区报社  宣", "SongBold", 10, BLACK, align="right")
    a.text(w - 18, 9, "分类咨询：0571-0000 5678（样张，号码虚构）", "Song", 7, GRAY, align="right")

    a.stroke(BLACK, 1)
    c.rect(0.5, 0.5, w - 1, h - 1, stroke=1, fill=0)
    a.save()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    register_fonts()
    for name, make in (("ad-banner.pdf", banner), ("ad-eighth.pdf", eighth)):
        make(args.out / name)
        print(f"wrote {args.out / name}")


if __name__ == "__main__":
    main()
