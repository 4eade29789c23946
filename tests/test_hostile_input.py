"""Hostile and broken input: one regression test per class the outside fuzzing found.

Each case runs the real command line in this process on a project of the test's own, and asserts
the exit status, the one-line message form and that nothing outside the issue's tree leaks into
a message or a file."""

from __future__ import annotations

import os
import re

import pytest

from conftest import MESSAGE_FORM, assert_one_line_error, cli, cmyk_output_icc, copy_project

SECRET = "root:x:0:0:secret-marker"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The sample issue in a project folder, a secret file just outside it, cwd = tmp_path."""
    issue = copy_project(tmp_path / "project")
    (tmp_path / "secret.txt").write_text(SECRET * 20, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return issue


def edit(path: str, old: str, new: str, count: int = 1) -> None:
    text = open(path, encoding="utf-8").read()
    assert old in text, old
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(old, new, count))


def style_of(issue: str) -> str:
    return os.path.join(os.path.dirname(os.path.dirname(issue)), "styles", "broadsheet.yaml")


def no_leak(run, tmp_path, planted: str = "secret.txt") -> None:
    assert "secret-marker" not in run.stdout + run.stderr
    for folder, _, files in os.walk(tmp_path):
        for name in files:
            if name not in ("secret.txt", planted) and not os.path.islink(os.path.join(folder, name)):
                with open(os.path.join(folder, name), "rb") as handle:
                    assert b"secret-marker" not in handle.read(), name


# --- the file boundary ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, message",
    [
        ("../../secret.txt", "leads outside the issue's folder"),
        ("../styles/broadsheet.yaml", "leads outside the issue's folder"),  # inside the project, not the issue's tree
        ("{tmp}/secret.txt", "is an absolute path"),
        ("~/secret.txt", "is an absolute path"),
    ],
)
def test_an_article_file_outside_the_issue_folder_is_refused(project, tmp_path, value, message):
    edit(project, "body_file: 2022-01-28/jin-epidemic.txt", f"body_file: {value.format(tmp=tmp_path)}")
    for command in (("check", project), ("build", project, "-o", str(tmp_path / "out"))):
        run = cli(*command)
        match = assert_one_line_error(run, containing=message)
        assert match["field"] == "articles[1].body_file"
        no_leak(run, tmp_path)
    assert not (tmp_path / "out").exists()


def test_a_symlink_that_leaves_the_issue_folder_is_refused(project, tmp_path):
    os.symlink(tmp_path / "secret.txt", os.path.join(os.path.dirname(project), "2022-01-28", "link.txt"))
    edit(project, "body_file: 2022-01-28/jin-epidemic.txt", "body_file: 2022-01-28/link.txt")
    run = cli("check", project)
    assert_one_line_error(run, containing="leads outside the issue's folder")
    no_leak(run, tmp_path)


def test_a_symlink_that_stays_inside_is_followed(project):
    folder = os.path.join(os.path.dirname(project), "2022-01-28")
    os.symlink("jin-epidemic.txt", os.path.join(folder, "alias.txt"))
    edit(project, "body_file: 2022-01-28/jin-epidemic.txt", "body_file: 2022-01-28/alias.txt")
    assert cli("check", project).exit_code == 0


@pytest.mark.parametrize("value", ["{tmp}/secret.txt", "../../secret.txt", "../../../../../../../../etc/passwd"])
def test_a_style_sheet_outside_the_project_is_refused_without_reading_it(project, tmp_path, value):
    edit(project, "style: ../styles/broadsheet.yaml", f"style: {value.format(tmp=tmp_path)}")
    run = cli("check", project)
    assert_one_line_error(run, containing="style")
    no_leak(run, tmp_path)
    assert "root:" not in run.stderr


@pytest.mark.parametrize("value, message", [("{tmp}/secret.txt", "is an absolute path"), ("../../secret.txt", "leads outside the project")])
def test_an_icc_profile_outside_the_project_is_refused(project, tmp_path, value, message):
    edit(style_of(project), "icc_profile: null", f"icc_profile: {value.format(tmp=tmp_path)}")
    run = cli("check", project)
    assert_one_line_error(run, containing=message)
    no_leak(run, tmp_path)


def test_a_file_that_is_not_icc_is_refused_as_a_profile_without_its_content(project, tmp_path):
    styles = os.path.dirname(style_of(project))
    with open(os.path.join(styles, "fake.icc"), "w", encoding="utf-8") as handle:
        handle.write(SECRET * 20)
    edit(style_of(project), "icc_profile: null", "icc_profile: fake.icc")
    run = cli("build", project, "-o", str(tmp_path / "out"))
    assert_one_line_error(run, containing="is not an ICC profile")
    no_leak(run, tmp_path, planted="fake.icc")


@pytest.mark.parametrize(
    "icc, message",
    [
        (cmyk_output_icc(device_class=b"mntr"), "device class 'mntr'"),
        (cmyk_output_icc(space=b"RGB "), "colour space 'RGB '"),
        (cmyk_output_icc(tags=(b"desc", b"wtpt")), "lacks the tags 'A2B0', 'B2A0'"),
        (cmyk_output_icc()[:-4], "declares"),
    ],
    ids=["monitor", "rgb", "no-conversions", "truncated"],
)
def test_an_icc_profile_that_cannot_be_an_output_intent_is_refused(project, icc, message):
    with open(os.path.join(os.path.dirname(style_of(project)), "press.icc"), "wb") as handle:
        handle.write(icc)
    edit(style_of(project), "icc_profile: null", "icc_profile: press.icc")
    assert_one_line_error(cli("check", project), containing=message)


def test_an_icc_profile_in_an_allowed_folder_is_embedded(project, tmp_path):
    elsewhere = tmp_path / "colour"
    elsewhere.mkdir()
    (elsewhere / "press.icc").write_bytes(cmyk_output_icc())
    edit(style_of(project), "icc_profile: null", f"icc_profile: {os.path.relpath(elsewhere / 'press.icc', os.path.dirname(style_of(project)))}")
    edit(style_of(project), "pdfx: x1a ", "pdfx: x4 ")
    assert_one_line_error(cli("check", project), containing="leads outside the project")
    assert cli("check", project, "--allow-path", str(elsewhere)).exit_code == 0


@pytest.mark.parametrize("kind", ["fifo", "directory", "device", "missing"])
def test_the_issue_path_must_be_a_regular_file(tmp_path, monkeypatch, kind):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "issue.yaml"
    expected = {"fifo": "is a FIFO, not a file", "directory": "is a folder, not a file", "device": "is a device, not a file", "missing": "not found"}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "device":
        os.symlink("/dev/zero", path)
    run = cli("check", str(path))  # returns at once: a FIFO is never opened for a blocking read
    match = assert_one_line_error(run, containing=expected)
    assert match["line"] == "1" and match["column"] == "1" and match["field"] == "issue file"


def test_a_folder_named_as_a_font_manifest_has_its_position(project):
    edit(project, "style: ../styles/broadsheet.yaml", "style: ../styles/broadsheet.yaml\nfonts: ../styles")
    match = assert_one_line_error(cli("check", project), containing="is a folder, not a file")
    line = open(project, encoding="utf-8").read().splitlines().index("fonts: ../styles") + 1
    assert (match["line"], match["column"], match["field"]) == (str(line), "8", "fonts")


# --- YAML and values ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "old, new, message, field",
    [
        ("paper: 钱塘新区报", "paper: 钱塘\x0c新区报", "U+000C (FORM FEED) cannot stand in a YAML file", "issue file"),
        ("serial_number: 311", "serial_number: !!timestamp 311", "the YAML tag '!!timestamp' is not allowed", "issue.serial_number"),
        ("serial_number: 311", "serial_number: !!binary aGVsbG8=", "the YAML tag '!!binary' is not allowed", "issue.serial_number"),
        ("serial_number: 311", "serial_number: !!python/object/apply:os.system [ls]", "is not allowed", "issue.serial_number"),
        ("serial_number: 311", "serial_number: .nan", "is not a finite number", "issue.serial_number"),
        ("serial_number: 311", "serial_number: 1" + "0" * 5000, "cannot be read as a number", "issue.serial_number"),
        ("paper: 钱塘新区报", 'paper: "\\ud800"', "a lone surrogate", "issue.paper"),
        ("paper: 钱塘新区报", 'paper: "钱塘\\r\\n新区报"', "CARRIAGE RETURN", "issue.paper"),
        ("paper: 钱塘新区报", 'paper: "钱塘\\t新区报"', "a tab inside", "issue.paper"),
        ("    headline: 全力以赴", "    hedline: 全力以赴", "did you mean 'headline'?", "articles[1].hedline"),
        ("  - id: hotline\n    title: 热线电话", "  - id: hotline\n\ttitle: 热线电话", "a tab character where YAML expects spaces", "issue file"),
        ("      - {box: subscription", '      - {box: "subscription', "a quoted value is never closed", "issue file"),
        ("page_count: 8", "page_count: 201", "from 1 to 200", "issue.page_count"),
    ],
    ids=["control-char", "timestamp", "binary", "python", "nan", "huge-int", "surrogate", "crlf-escape", "tab-in-line", "misspelt-key", "tab-indent", "open-quote", "too-many-pages"],
)
def test_bad_values_are_one_line_with_their_position(project, old, new, message, field):
    edit(project, old, new)
    for command in ("check", "build"):
        match = assert_one_line_error(cli(command, project, *(["-o", "out"] if command == "build" else [])), containing=message)
        assert match["field"] == field
    assert not os.path.exists("out")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("size: 96pt", "size: .inf", "is not a finite number"),
        ("size: 96pt", "size: 1.8e+308", "is not a finite number"),
        ("size: 96pt", "size: 9000pt", "from 1pt to 500pt"),
        ("line_gap: 4.5pt", "line_gap: -1pt", "from 0pt to"),
        ("width: 390mm", "width: 99999mm", "expected a length from"),
        ("c: 0, m: 100", "c: .nan, m: 100", "is not a finite number"),
        ("prohibition: gb ", "prohibition: gbb ", "did you mean 'gb'?"),
        ("colour: masthead_red}", "colour: masthead-red}", "did you mean 'masthead_red'?"),
    ],
)
def test_bad_numbers_and_names_in_the_style_sheet(project, old, new, message):
    edit(style_of(project), old, new)
    match = assert_one_line_error(cli("check", project), containing=message)
    assert match["file"].endswith("broadsheet.yaml")


@pytest.mark.parametrize("flow", [True, False], ids=["flow", "block"])
@pytest.mark.parametrize("target", ["issue", "style"])
def test_deep_nesting_is_refused_before_it_costs_anything(project, flow, target):
    path = project if target == "issue" else style_of(project)
    deep = "[" * 10000 + "]" * 10000 if flow else "\n" + "".join(" " * i + "- \n" for i in range(1, 400))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"extra: {deep}\n")
    assert_one_line_error(cli("check", project), containing="nested more than 32 levels deep")


def test_an_alias_bomb_is_refused_at_the_node_limit(project):
    bomb = "lol0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    with open(project, "a", encoding="utf-8") as handle:
        handle.write(bomb)
    assert_one_line_error(cli("check", project), containing="more than 250,000 values once anchors and aliases are expanded")


def test_an_alias_that_contains_itself_is_refused(project):
    with open(project, "a", encoding="utf-8") as handle:
        handle.write("loop: &self [*self]\n")
    assert_one_line_error(cli("check", project), containing="an alias that contains itself")


def test_values_in_messages_are_escaped_and_cut(project):
    edit(project, "paper: 钱塘新区报", "paper: 钱塘新区报\n  extra_key_" + "长" * 90 + ": 1")
    run = cli("check", project)
    match = assert_one_line_error(run, containing="unknown key")
    quoted = re.search(r"unknown key '([^']*)'", match["problem"])[1]
    assert len(quoted) <= 60 and quoted.endswith("…")
    edit(project, "paper: 钱塘新区报", 'paper: "' + "报" * 600 + '"')
    assert len(cli("check", project).stderr) < 400


def test_a_yaml_file_that_is_too_large_is_refused_by_its_size(project):
    with open(project, "a", encoding="utf-8") as handle:
        handle.write("# " + "x" * (9 * 1024 * 1024) + "\n")
    assert_one_line_error(cli("check", project), containing="over the limit of 8.0 MiB")


# --- resource bounds ----------------------------------------------------------------------------

def test_a_body_beyond_what_a_paper_prints_is_refused_with_the_limit_named(project):
    body = os.path.join(os.path.dirname(project), "2022-01-28", "jin-epidemic.txt")
    with open(body, "w", encoding="utf-8") as handle:
        handle.write(("国" * 999 + "\n\n") * 201)
    match = assert_one_line_error(cli("check", project), containing="over the limit of 200,000")
    assert match["field"] == "articles[1].body_file"


def test_a_body_file_beyond_its_byte_limit_is_not_read(project):
    body = os.path.join(os.path.dirname(project), "2022-01-28", "jin-epidemic.txt")
    with open(body, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB of NULs, sparse: refused by size, never read
    assert_one_line_error(cli("check", project), containing="over the limit of 1.0 MiB")


def test_control_characters_in_a_body_file_are_refused_where_they_stand(project):
    body = os.path.join(os.path.dirname(project), "2022-01-28", "jin-epidemic.txt")
    text = open(body, encoding="utf-8").read().replace("\n", "\r\n")  # CR LF is fine
    with open(body, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    assert cli("check", project).exit_code == 0
    lines = text.split("\r\n")
    lines[2] = lines[2][:3] + "\x1b" + lines[2][3:]
    with open(body, "w", encoding="utf-8", newline="") as handle:
        handle.write("\r\n".join(lines))
    match = assert_one_line_error(cli("check", project), containing="U+001B (ESCAPE)")
    assert match["file"].endswith("jin-epidemic.txt") and (match["line"], match["column"]) == ("3", "4")


def test_more_pages_than_an_issue_can_have_are_refused(project):
    pages = "".join(f"  - number: {n}\n" for n in range(9, 250))
    edit(project, "page_count: 8", "page_count: 200")
    with open(project, "a", encoding="utf-8") as handle:
        handle.write(pages)
    assert_one_line_error(cli("check", project), containing="over the limit of 200")


# --- what check prints after bad input ------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "junit"])
def test_check_gives_no_verdict_after_bad_input(project, fmt):
    import json

    edit(project, "page_count: 8", "page_count: eight")
    run = cli("check", project, "--format", fmt)
    assert run.exit_code == 2 and MESSAGE_FORM.match(run.stderr.strip())
    assert "pass:" not in run.stdout and "FAIL:" not in run.stdout
    if fmt == "json":
        report = json.loads(run.stdout)
        assert "summary" not in report and report["input_errors"][0]["field"] == "issue.page_count"
        import jsonschema

        from conftest import ROOT

        jsonschema.validate(report, json.load(open(os.path.join(ROOT, "docs", "check-report.schema.json"), encoding="utf-8")))
    elif fmt == "junit":
        assert "<error" in run.stdout and "bad-input" in run.stdout


def test_an_internal_error_is_one_line_too(project, monkeypatch):
    import layout.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(layout.pipeline, "check_issue", broken)
    run = cli("check", project)
    assert run.exit_code == 3 and len(run.stderr.splitlines()) == 1 and "internal error: ZeroDivisionError" in run.stderr


# --- preflight of a PDF from outside ------------------------------------------------------------

def test_preflight_of_malformed_pdfs_reports_them_unreadable(tmp_path, monkeypatch):
    import pikepdf

    monkeypatch.chdir(tmp_path)
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(200, 200))
    page.obj.TrimBox = pikepdf.Array([0, 0, 200, 200])
    page.obj.Contents = pdf.make_stream(b"w 0 0 m 10 10 l S 1 0 0 cm BT Tf ET")  # operators missing their operands
    pdf.save(tmp_path / "broken.pdf")
    run = cli("preflight", "broken.pdf", "--profile", "proof")
    assert run.exit_code == 1 and "unreadable" in run.stdout and "operands that cannot be read" in run.stdout
    os.mkfifo(tmp_path / "pipe.pdf")
    assert_one_line_error(cli("preflight", "pipe.pdf"), containing="is a FIFO, not a file")
    assert_one_line_error(cli("preflight", "absent.pdf"), containing="not found")
    assert_one_line_error(cli("preflight", "broken.pdf", "--profile", "pres"), containing="did you mean 'press'?")


@pytest.mark.parametrize("key", ['" "', '" style"', '"\\t"'])
def test_a_key_of_blanks_is_named_quoted_in_the_message(project, key):
    """Found by the fuzzer: a key ' ' left the message's field blank."""
    edit(project, "style: ../styles/broadsheet.yaml", f"{key}: ../styles/broadsheet.yaml")
    match = assert_one_line_error(cli("check", project), containing="unknown key")
    assert match["field"].startswith("'") and match["field"].endswith("'")
