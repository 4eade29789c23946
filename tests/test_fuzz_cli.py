"""Fuzzing the command line: mutated issue files, style sheets and article files through
`layout check` and `layout build`, in-process, each in a fresh temporary project.

What every run must do (tests/fuzz_harness.py judges it): exit with 0, 1 or 2; let no exception
but SystemExit escape and print no traceback; on exit status 2 print only one-line messages
`error: FILE:LINE:COLUMN: FIELD: PROBLEM; FIX` (no raw control characters, at most 400
characters); never show anything of a file outside the project (secret files planted beside it,
/etc/passwd) on stdout, stderr or in a written file; write nothing outside the output folder;
finish within the time bound. The mutations (tests/fuzz_mutations.py) are structural and
textual: scalars of other types, huge, negative, zero, 1e308, .nan, .inf, control characters,
lone surrogates, very long and many-space strings, empty values, lists, mappings; deleted,
duplicated, misspelled keys; YAML tags; anchors, aliases, merge keys and alias bombs; deep block
and flow nesting; raw control characters, invalid UTF-8, BOMs and other encodings, truncation,
tabs, CR and CRLF line ends; paths out of the project (body_file, style, fonts, icc_profile).

The named cases run one of each kind by name; the hypothesis tests draw mutants at random from a
fixed seed (derandomize), so a CI run is reproducible. Settings by environment variable:

  LAYOUT_FUZZ_EXAMPLES  examples over the four hypothesis tests together (default 600)
  LAYOUT_FUZZ_TIMEOUT   seconds allowed per example (default 20)
  LAYOUT_FUZZ_SHRINK=1  shrink a failing example (off by default: a hang costs the time bound on
                        every shrink step; the example is reported as found, described in full)
  LAYOUT_FUZZ_SAVE=DIR  keep the temporary project of each failing example under DIR

For many more mutants, in subprocesses with a memory limit, and counts by outcome, run
`python tools/fuzz_cli.py` (tools/fuzz_cli.py). A failing example's `Mutant(...)` repr can be
replayed with `python tools/fuzz_cli.py --replay 'Mutant(...)'`.
"""

from __future__ import annotations

import faulthandler
import hashlib
import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from fuzz_harness import LEAK, Timeout, alarm, message_problems, run_mutant
from fuzz_mutations import SECRET_FILES, SECRET_TOKEN, DrawChooser, Mutant, Whole, gen_mutant, named_mutants

EXAMPLES = int(os.environ.get("LAYOUT_FUZZ_EXAMPLES", "600"))
TIMEOUT = float(os.environ.get("LAYOUT_FUZZ_TIMEOUT", "20"))
SHRINK = os.environ.get("LAYOUT_FUZZ_SHRINK") == "1"
SAVE = os.environ.get("LAYOUT_FUZZ_SAVE")


def fuzz_settings(share: float) -> settings:
    return settings(
        max_examples=max(1, round(EXAMPLES * share)),
        derandomize=True,
        database=None,
        deadline=None,
        phases=(Phase.explicit, Phase.generate, *((Phase.shrink,) if SHRINK else ())),
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )


@st.composite
def mutants(draw, target: str | None = None, command: str | None = None) -> Mutant:
    return gen_mutant(DrawChooser(draw), target=target, command=command)


def run_and_judge(mutant: Mutant) -> None:
    keep = None
    if SAVE:
        keep = os.path.join(SAVE, hashlib.sha256(repr(mutant).encode("utf-8", "surrogatepass")).hexdigest()[:12])
    # a backstop: if the alarm cannot interrupt (a hang inside C code), dump the stacks and stop
    # the process rather than hang the suite
    faulthandler.dump_traceback_later(TIMEOUT * 2 + 30, exit=True)
    try:
        outcome = run_mutant(mutant, timeout=TIMEOUT, keep=keep)
    finally:
        faulthandler.cancel_dump_traceback_later()
    if keep and not outcome.failures:
        import shutil

        shutil.rmtree(keep, ignore_errors=True)
    if outcome.failures:
        raise AssertionError(outcome.describe() + (f"\nkept in {keep}" if keep else ""))


# --- one of each kind, by name -------------------------------------------------------------------


@pytest.mark.parametrize("mutant", [pytest.param(m, id=name) for name, m in named_mutants()])
def test_named_mutant(mutant):
    run_and_judge(mutant)


# --- drawn at random (from a fixed seed) --------------------------------------------------------


@fuzz_settings(0.50)
@given(mutants(target="issue", command="check"))
def test_fuzz_check_issue(mutant):
    run_and_judge(mutant)


@fuzz_settings(0.20)
@given(mutants(target="style", command="check"))
def test_fuzz_check_style(mutant):
    run_and_judge(mutant)


@fuzz_settings(0.05)
@given(mutants(target="body", command="check"))
def test_fuzz_check_article_file(mutant):
    run_and_judge(mutant)


@fuzz_settings(0.25)
@given(mutants(command="build"))
def test_fuzz_build(mutant):
    run_and_judge(mutant)


# --- the judge itself ----------------------------------------------------------------------------


def test_message_form_is_checked():
    good = "error: issues/x.yaml:12:8: articles[2].body_file: '../../etc/passwd' leads outside the issue's folder; keep the file inside it"
    assert message_problems(good + "\n") == []
    assert message_problems("error: issues/x.yaml:1:1: issue file: not valid UTF-8 (byte 0xff); save the file as UTF-8") == []
    for bad in (
        "error: issues/x.yaml: YAML error: unacceptable character",  # no line and column
        "error: issues/x.yaml:0:3: style: not found; check the path",  # line 0
        "error: issues/x.yaml:3:4: missing required key 'pages'; add it",  # no field
        "error: issues/x.yaml:3:4: style: not found",  # no fix
        "error: issues/x.yaml:3:4: style: not found; ",  # empty fix
        "error: issues/x.yaml:3:4: style: bad \x1b[31m; fix",  # a raw control character
        "error: issues/x.yaml:3:4: style: " + "x" * 400 + "; fix it",  # too long
        "Traceback (most recent call last):",
    ):
        assert message_problems(bad), bad
    assert message_problems("") == ["exit status 2 without any message"]


def test_leaks_into_a_pdf_are_seen():
    # the article file itself holds the secret here: not a leak, but the judge must see it
    outcome = run_mutant(Mutant("body:jin-epidemic", whole=Whole(SECRET_FILES["secret.txt"]), command="build"), timeout=TIMEOUT)
    assert outcome.exit_status in (0, 1), outcome.describe()
    assert any(SECRET_TOKEN in detail and ".pdf" in detail for detail in outcome.failures.get(LEAK, [])), outcome.describe()


def test_a_hang_is_cut_off():
    with pytest.raises(Timeout):
        with alarm(0.2):
            while True:
                pass
