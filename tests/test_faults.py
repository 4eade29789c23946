"""Faults while writing: one line and exit 2, never a half-written or mixed set of pages, no
temporary file left behind, and the same bytes whatever the environment says about time."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time

import pytest
import yaml

from conftest import MESSAGE_FORM, ROOT, cli, copy_sample, three_pages

TEMPORARY = ".tmp-"


def retext(issue: str) -> None:
    """A change that alters the bytes of every page: the stories' texts and the serial number."""
    text = open(issue, encoding="utf-8").read().replace("serial_number: 1", "serial_number: 2").replace("国家经济", "国民经济")
    open(issue, "w", encoding="utf-8").write(text)


def files(folder) -> dict[str, bytes]:
    return {name: open(os.path.join(folder, name), "rb").read() for name in sorted(os.listdir(folder))}


def one_output_error(run, path_part: str) -> str:
    assert run.exit_code == 2, (run.stdout, run.stderr)
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and path_part in lines[0] and "; " in lines[0], run.stderr
    assert "Traceback" not in run.stderr
    return lines[0]


@pytest.fixture
def built(tmp_path, monkeypatch):
    """A two-page issue built once into out/ (the last good pages), then edited."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "project").mkdir()
    issue = three_pages(tmp_path / "project")
    out = tmp_path / "out"
    assert cli("build", issue, "-o", str(out)).exit_code == 0
    good = files(out)
    assert sorted(good) == ["issue-layout.json", "issue-page01.pdf", "issue-page02.pdf", "issue-page03.pdf", "issue.pdf"]
    retext(issue)
    return issue, out, good


def test_an_output_folder_that_cannot_be_made(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    issue = copy_sample(tmp_path / "project")
    (tmp_path / "plain-file").write_text("x")
    line = one_output_error(cli("build", issue, "-o", str(tmp_path / "plain-file" / "out")), "plain-file")
    assert "cannot create the output folder" in line and "-o" in line


@pytest.mark.parametrize(
    "code, advice",
    [(errno.ENOSPC, "free space"), (errno.EROFS, "read-only file system"), (errno.EACCES, "you may not write there")],
    ids=["disk-full", "read-only", "permission"],
)
def test_a_write_fault_is_one_line_and_leaves_the_last_good_pages(built, monkeypatch, code, advice):
    issue, out, good = built
    real_fdopen = os.fdopen
    opened = []

    class HalfWritten:
        """A stream that writes half its data, then fails the way the disk would."""

        def __init__(self, stream):
            self.stream = stream

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def write(self, data):
            self.stream.write(data[: len(data) // 2])
            self.stream.flush()
            raise OSError(code, os.strerror(code))

        def __getattr__(self, name):
            return getattr(self.stream, name)

    def failing_fdopen(fd, *args, **kwargs):
        stream = real_fdopen(fd, *args, **kwargs)
        opened.append(stream)
        return HalfWritten(stream) if len(opened) == 2 else stream  # page 1 is already staged

    monkeypatch.setattr(os, "fdopen", failing_fdopen)
    line = one_output_error(cli("build", issue, "-o", str(out)), "issue-page02.pdf")
    assert advice in line
    monkeypatch.undo()
    assert files(out) == good  # no page replaced, nothing half written, no temporary left


def test_a_failed_rename_puts_the_pages_already_replaced_back(built, monkeypatch):
    issue, out, good = built
    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # page 1 is already in place when page 2 fails
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    one_output_error(cli("build", issue, "-o", str(out)), "page02.pdf")
    monkeypatch.undo()
    assert files(out) == good


def test_pages_are_replaced_by_rename_never_rewritten_in_place(built):
    issue, out, good = built
    keep = out.parent / "keep.pdf"
    os.link(out / "issue-page01.pdf", keep)  # the same inode as the last good page
    assert cli("build", issue, "-o", str(out)).exit_code == 0
    assert keep.read_bytes() == good["issue-page01.pdf"]  # an in-place write would change it
    assert (out / "issue-page01.pdf").read_bytes() != good["issue-page01.pdf"]


def test_a_build_removes_pages_the_issue_no_longer_has_and_stale_temporaries(built):
    issue, out, good = built
    (out / ".tmp-layout-abc123.pdf").write_bytes(b"left by a killed build")
    (out / ".tmp-x1y2z3.pdf").write_bytes(b"left by an older version")
    (out / "notes.txt").write_text("the editor's own file")
    data = yaml.safe_load(open(issue, encoding="utf-8"))
    data["pages"] = data["pages"][:2]  # back to two pages: the story now continues on page 2
    data["pages"][1]["modules"].append({"article": "long", "part": 2, "column": 5, "span": 2, "top": 4, "height": 40})
    data["issue"]["page_count"] = 2
    open(issue, "w", encoding="utf-8").write(yaml.safe_dump(data, allow_unicode=True))
    assert cli("build", issue, "-o", str(out)).exit_code == 0
    assert sorted(os.listdir(out)) == ["issue-layout.json", "issue-page01.pdf", "issue-page02.pdf", "issue.pdf", "notes.txt"]


def test_a_build_killed_while_writing_keeps_the_last_good_pdf_and_the_next_build_cleans_up(built, tmp_path):
    issue, out, good = built
    # a build whose fsync hangs: killed with SIGKILL while its pages are staged
    code = (
        "import os, sys, time; os.fsync = lambda fd: time.sleep(600); "
        "from layout.cli import main; sys.argv = ['layout', 'build', sys.argv[1], '-o', sys.argv[2]]; main()"
    )
    process = subprocess.Popen([sys.executable, "-c", code, issue, str(out)], cwd=str(tmp_path), env={**os.environ, "PYTHONPATH": ROOT}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not any(name.startswith(TEMPORARY) for name in os.listdir(out)) and time.time() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    left = [name for name in os.listdir(out) if name.startswith(TEMPORARY)]
    assert left, "the build was killed before it staged anything"
    assert {name: data for name, data in files(out).items() if not name.startswith(TEMPORARY)} == good
    assert cli("build", issue, "-o", str(out)).exit_code == 0
    assert not [name for name in os.listdir(out) if name.startswith(TEMPORARY)]


@pytest.mark.parametrize("command", ["build", "proof"])
def test_source_date_epoch_does_not_change_a_byte(tmp_path, command):
    issue = copy_sample(tmp_path / "project")
    outputs = []
    for epoch in (None, "1600000000"):
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
        out = tmp_path / f"out-{epoch}"
        result = subprocess.run([sys.executable, "-m", "layout", command, issue, "-o", str(out)], cwd=str(tmp_path), env={**env, "PYTHONPATH": ROOT}, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        outputs.append({name: data for name, data in files(out).items() if name.endswith(".pdf")})
    assert outputs[0] and outputs[0] == outputs[1]


def test_check_report_output_faults_are_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    issue = copy_sample(tmp_path / "project")
    (tmp_path / "plain-file").write_text("x")
    run = cli("check", issue, "--output", str(tmp_path / "plain-file" / "report.json"), "--format", "json")
    one_output_error(run, "plain-file")
    assert not MESSAGE_FORM.match(run.stderr)  # an output fault is not dressed up as an input position
