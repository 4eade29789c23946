"""Proofs, story-level diff and watch mode, read back from what they write."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pdfplumber
import pytest
from PIL import Image

from conftest import ROOT, SAMPLE, copy_sample
from layout.load.issue import load_issue
from layout.page.place import place_issue
from layout.typeface.metrics import load_metrics
from layout.units import to_pt


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "layout", *args], capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": ROOT}, **kwargs)


@pytest.fixture(scope="module")
def proofed(tmp_path_factory):
    out = tmp_path_factory.mktemp("proof")
    result = run("proof", SAMPLE, "-o", str(out), "--dpi", "40")
    assert result.returncode == 0, result.stderr
    return out, result.stdout.split()


def test_proof_writes_a_pdf_a_png_per_page_and_a_contact_sheet(proofed):
    out, paths = proofed
    pages = [f"2022-01-28-proof-page{n:02d}.png" for n in range(1, 9)]
    assert [os.path.basename(p) for p in paths] == ["2022-01-28-proof.pdf", *pages, "2022-01-28-contact.png"]
    with pdfplumber.open(out / "2022-01-28-proof.pdf") as pdf:
        assert len(pdf.pages) == 8
        width, height = pdf.pages[0].width, pdf.pages[0].height
    for name in pages:
        png = Image.open(out / name)
        assert png.size == (round(width * 40 / 72), round(height * 40 / 72))
    sheet = Image.open(out / "2022-01-28-contact.png")
    assert sheet.size[0] > 4 * png.size[0] / 3  # the eight pages side by side in rows


def test_module_outlines_and_labels_are_where_the_layout_puts_them(proofed):
    out, _ = proofed
    spec = load_issue(SAMPLE)
    layout = place_issue(spec, load_metrics(spec.fonts))
    bleed = to_pt(spec.style.page.bleed)
    with pdfplumber.open(out / "2022-01-28-proof.pdf") as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            rects = page.rects
            text = page.extract_text()
            for frame in layout.pages[number - 1].frames:
                x0, top = to_pt(frame.rect.x) + bleed, to_pt(frame.rect.y) + bleed
                x1, bottom = to_pt(frame.rect.right) + bleed, to_pt(frame.rect.bottom) + bleed
                assert any(abs(r["x0"] - x0) < 0.5 and abs(r["x1"] - x1) < 0.5 and abs(r["top"] - top) < 0.5 and abs(r["bottom"] - bottom) < 0.5 for r in rects), frame.ref
            for fit in (f for f in layout.copyfit if f.page == number):
                assert f"{fit.article} {fit.lines_used}/{fit.lines_available} lines" in text
                if fit.parts > 1:
                    assert f"part {fit.part}/{fit.parts}" in text
            jumps = [line for frame in layout.pages[number - 1].frames for line in frame.lines if line.kind == "jump_line"]
            for line in jumps:  # the jumps overlay names where each jump line sends the reader
                frame = next(f for f in layout.pages[number - 1].frames if line in f.lines)
                target = frame.continues_on if "下转" in line.text else frame.continued_from
                assert f"page {target}" in text


def test_overflow_appears_in_the_margin_in_red_with_its_figures(tmp_path):
    issue = copy_sample(tmp_path)
    text = re.sub(r"(\{article: edz-top-ten, [^}]*height: )\d+", r"\g<1>15", open(issue, encoding="utf-8").read())
    open(issue, "w", encoding="utf-8").write(text)
    result = run("proof", issue, "-o", str(tmp_path / "out"), "--dpi", "20")
    assert result.returncode == 0, result.stderr
    spec = load_issue(issue)
    fit = next(c for c in place_issue(spec, load_metrics(spec.fonts)).copyfit if c.article == "edz-top-ten")
    assert fit.lines_over > 0
    trim_right = to_pt(spec.style.page.trim_width + spec.style.page.bleed)
    with pdfplumber.open(tmp_path / "out" / "2022-01-28-proof.pdf") as pdf:
        page = pdf.pages[0]
        notes = [c for c in page.chars if c["x0"] > trim_right]
        note_text = "".join(c["text"] for c in notes)
        assert f"+{fit.lines_over}lines/about{fit.chars_over}字" in note_text.replace(" ", "")
        assert all(c["non_stroking_color"] and c["non_stroking_color"][0] > 0.8 for c in notes)
        findings = [c for c in page.chars if c["x0"] < trim_right]
        assert "overflow" in "".join(c["text"] for c in findings)


def test_diff_of_an_issue_against_itself_is_empty():
    result = run("diff", SAMPLE, SAMPLE, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["changed"] == []


def test_an_edited_article_shows_up_as_exactly_that_article(tmp_path):
    issue = copy_sample(tmp_path)
    body = tmp_path / "2022-01-28" / "jin-epidemic.txt"
    body.write_text(body.read_text(encoding="utf-8").replace("沈燕俊、赵志军、潘伟红、李俊等参加。", "沈燕俊、赵志军、潘伟红、李俊等参加。会议还部署了春节期间的值班值守工作，要求各部门保持通讯畅通。"), encoding="utf-8")
    out = tmp_path / "diff"
    result = run("diff", SAMPLE, issue, "--format", "json", "-o", str(out))
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [c["article"] for c in report["changed"]] == ["jin-epidemic"]
    assert "text" in report["changed"][0]["changes"]
    assert [os.path.basename(p) for p in report["pngs"]] == ["2022-01-28-diff-page01.png"]
    assert Image.open(report["pngs"][0]).size[0] > 100


def test_diff_of_two_builds_reads_their_layout_snapshots(tmp_path):
    issue = copy_sample(tmp_path)
    assert run("build", SAMPLE, "-o", str(tmp_path / "a")).returncode == 0
    text = re.sub(r"\{article: government-meeting, column: (\d+), span: (\d+), top: (\d+), height: (\d+)\}", lambda m: f"{{article: government-meeting, column: {m[1]}, span: {m[2]}, top: {int(m[3]) + 1}, height: {int(m[4]) - 1}}}", open(issue, encoding="utf-8").read())
    open(issue, "w", encoding="utf-8").write(text)
    moved = run("build", issue, "-o", str(tmp_path / "b"), "--force")  # the story now oversets by a line
    assert moved.returncode == 1 and "written with --force" in moved.stderr
    result = run("diff", str(tmp_path / "a" / "2022-01-28-layout.json"), str(tmp_path / "b" / "2022-01-28-layout.json"))
    assert result.returncode == 1
    changed = re.findall(r"page \d+ (\S+): changed", result.stdout)
    assert changed == ["government-meeting"] and "module" in result.stdout


def test_watch_rebuilds_when_an_article_file_is_saved(tmp_path):
    issue = copy_sample(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "layout", "watch", issue, "-o", str(tmp_path / "w"), "--max-builds", "2", "--interval", "0.1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": ROOT})
    proof = tmp_path / "w" / "2022-01-28-proof.pdf"
    deadline = time.time() + 60
    while not proof.exists() and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(0.3)
    body = tmp_path / "2022-01-28" / "edz-top-ten.txt"
    body.write_text(body.read_text(encoding="utf-8") + "\n\n新增一段文字，用来检验自动重排。\n", encoding="utf-8")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    rebuilt = re.findall(r"rebuilt .* in (\d+\.\d+) s", out)
    assert len(rebuilt) == 2
