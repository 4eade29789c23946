"""The desk's session and server without a browser: live copyfit against a full build, moves
written back with comments kept, refusals in the loader's words, undo and redo, files changed
on disk, live reload, and the server's boundary (routes, hosts, origins)."""

from __future__ import annotations

import difflib
import json
import os
import re
import urllib.error
import urllib.request

import pytest

from conftest import copy_project
from layout.desk.server import DeskServer
from layout.desk.session import DeskSession
from layout.load.errors import InputError
from layout.load.issue import load_issue
from layout.load.writeback import with_module
from layout.model.spec import GridRect
from layout.pipeline import layout_issue

SAMPLE_LINE = "      - {article: standing-committee, column: 1, span: 5, top: 85, height: 20}\n"
NARROWED = "      - {article: standing-committee, column: 1, span: 4, top: 85, height: 20}\n"
MOVED = "      - {article: standing-committee, column: 2, span: 4, top: 85, height: 20}\n"


@pytest.fixture
def issue(tmp_path) -> str:
    """The sample with 通讯 standing-committee one column narrower: column 5 of its lines is
    free, so the module can move one column right."""
    path = copy_project(tmp_path)
    text = open(path, encoding="utf-8").read()
    assert text.count(SAMPLE_LINE) == 1
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(SAMPLE_LINE, NARROWED))
    return path


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0) if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_trial_gives_the_copyfit_a_build_of_that_module_gives(issue):
    session = DeskSession(issue)
    before = open(issue, "rb").read()
    for rect in (GridRect(2, 4, 85, 20), GridRect(1, 4, 85, 18), GridRect(1, 3, 85, 20)):
        trial = session.trial(1, "standing-committee", 1, rect)
        with open(issue, "w", encoding="utf-8") as handle:  # the same module, built the long way
            handle.write(before.decode().replace(NARROWED, f"      - {{article: standing-committee, column: {rect.column}, span: {rect.span}, top: {rect.top}, height: {rect.height}}}\n"))
        _, layout = layout_issue(issue)
        built = next(fit for fit in layout.copyfit if fit.article == "standing-committee")
        assert (trial.part.lines_used, trial.part.lines_available, trial.part.chars_over, trial.part.headline_lines) == (built.lines_used, built.lines_available, built.chars_over, built.headline_lines)
        assert trial.fits == (built.chars_over == 0 and built.headline_fits)
    assert session.trial(1, "standing-committee", 1, GridRect(1, 4, 85, 12)).part.chars_over > 0  # shorter: overset, figure given
    with open(issue, "wb") as handle:
        handle.write(before)


def test_a_trial_writes_nothing_and_refuses_in_the_loaders_words(issue):
    session = DeskSession(issue)
    before = open(issue, "rb").read()
    overlap = session.trial(1, "standing-committee", 1, GridRect(2, 5, 85, 20))
    off_grid = session.trial(1, "standing-committee", 1, GridRect(6, 4, 85, 20))
    assert open(issue, "rb").read() == before
    # the loader, given the same edit, says the same
    for trial, rect in ((overlap, "column: 2, span: 5"), (off_grid, "column: 6, span: 4")):
        with pytest.raises(InputError) as raised:
            load_issue(issue, text=before.replace(b"column: 1, span: 4, top: 85", rect.encode() + b", top: 85"))
        assert (trial.problem, trial.fix) == (raised.value.problem, raised.value.fix)
    assert "'government-meeting' overlaps article 'standing-committee'" in overlap.problem
    assert "run past the grid's 8 columns" in off_grid.problem


def test_a_move_rewrites_exactly_the_module_line_and_keeps_every_comment(issue):
    session = DeskSession(issue)
    before = open(issue, encoding="utf-8").read()
    outcome = session.move(1, "standing-committee", 1, GridRect(2, 4, 85, 20))
    assert outcome.ok, outcome.message
    after = open(issue, encoding="utf-8").read()
    assert _changed_lines(before, after) == ["-" + NARROWED, "+" + MOVED]
    assert [line for line in before.splitlines() if "#" in line] == [line for line in after.splitlines() if "#" in line]
    frame = next(f for f in session.built.layout.pages[0].frames if f.ref == "standing-committee")
    assert frame.rect.x == session.built.spec.style.grid.column_x(2)  # laid out again where it went
    assert not [name for name in os.listdir(os.path.dirname(issue)) if name.startswith(".")], "no temporary file left"


def test_refused_moves_leave_the_file_alone_with_the_command_lines_message(issue):
    session = DeskSession(issue)
    before = open(issue, "rb").read()
    outcome = session.move(1, "standing-committee", 1, GridRect(2, 5, 85, 20))
    assert not outcome.ok
    with pytest.raises(InputError) as raised:
        load_issue(issue, text=before.replace(b"column: 1, span: 4, top: 85", b"column: 2, span: 5, top: 85"))
    assert outcome.message == raised.value.format()
    assert re.match(r".+2022-01-28\.yaml:\d+:\d+: page 1: article 'government-meeting' overlaps article 'standing-committee'", outcome.message)
    assert open(issue, "rb").read() == before
    unknown = session.move(1, "no-such-story", 1, GridRect(2, 4, 85, 20))
    assert not unknown.ok and "page 1 has no module of story 'no-such-story'" in unknown.message
    assert open(issue, "rb").read() == before


def test_undo_and_redo_walk_the_file_back_and_forth(issue):
    session = DeskSession(issue)
    original = open(issue, "rb").read()
    assert session.move(1, "standing-committee", 1, GridRect(2, 4, 85, 20)).ok
    moved = open(issue, "rb").read()
    assert session.move(1, "standing-committee", 1, GridRect(2, 4, 85, 19)).ok
    assert session.undo().ok and open(issue, "rb").read() == moved
    assert session.undo().ok and open(issue, "rb").read() == original
    assert not session.undo().ok  # nothing left
    assert session.redo().ok and open(issue, "rb").read() == moved
    assert session.built.source == moved
    rect = next(p.rect for p in session.built.spec.pages[0].placements if p.ref == "standing-committee")
    assert rect == GridRect(2, 4, 85, 20)


def test_a_file_changed_on_disk_refuses_the_edit_and_reloads(issue):
    session = DeskSession(issue)
    text = open(issue, encoding="utf-8").read()
    edited = text.replace("# the longest story jumps", "# edited elsewhere: the longest story jumps")
    with open(issue, "w", encoding="utf-8") as handle:
        handle.write(edited)
    outcome = session.move(1, "standing-committee", 1, GridRect(2, 4, 85, 20))
    assert not outcome.ok and "changed on disk since the desk read it" in outcome.message
    assert open(issue, encoding="utf-8").read() == edited  # the other editor's work stands
    assert session.built.source == edited.encode()  # and the desk now shows it
    assert session.move(1, "standing-committee", 1, GridRect(2, 4, 85, 20)).ok


def test_live_reload_shows_a_broken_file_and_keeps_the_last_good_layout(issue):
    session = DeskSession(issue)
    good = session.built
    number = session.state_number()
    text = open(issue, encoding="utf-8").read()
    with open(issue, "w", encoding="utf-8") as handle:
        handle.write(text.replace("    modules:\n", "    modules: [\n", 1))
    os.utime(issue, ns=(1, os.stat(issue).st_mtime_ns + 10**9))  # a later stamp even on a coarse clock
    assert session.poll()
    assert session.state_number() != number
    assert session.error is not None and re.match(r".+2022-01-28\.yaml:\d+:\d+: ", session.error.format())
    assert session.built is good  # the last good page stays on screen
    assert session.page_png(1, frozenset({"grid"}))[:8] == b"\x89PNG\r\n\x1a\n"
    with open(issue, "w", encoding="utf-8") as handle:
        handle.write(text.replace(NARROWED, MOVED))
    os.utime(issue, ns=(1, os.stat(issue).st_mtime_ns + 2 * 10**9))
    assert session.poll() and session.error is None
    assert next(p.rect for p in session.built.spec.pages[0].placements if p.ref == "standing-committee").column == 2
    assert any("standing-committee" in line for line in session.findings_added + session.findings_removed) or session.built.version > good.version


def test_a_page_is_rendered_again_only_when_it_changed(issue):
    session = DeskSession(issue)
    overlays = frozenset({"grid", "modules"})
    front, second = session.page_png(1, overlays), session.page_png(2, overlays)
    assert session.move(1, "standing-committee", 1, GridRect(2, 4, 85, 20)).ok
    assert session.page_png(1, overlays) != front
    assert session.page_png(2, overlays) is second  # page 2 did not change: the cached picture


def test_proposing_a_placement_writes_at_proposals_and_can_be_undone(tmp_path):
    from conftest import SAMPLE_FRONT_ORDER, unplace_page

    path = copy_project(tmp_path)
    unplace_page(path, 1, SAMPLE_FRONT_ORDER)
    session = DeskSession(path)
    before = open(path, "rb").read()
    outcome = session.propose(1, time_limit=2)
    assert outcome.ok, outcome.message
    after = open(path, encoding="utf-8").read()
    assert all(re.search(rf"- \{{article: {name}, at: \{{column: \d, span: \d, top: \d+, height: \d+", after) for name in SAMPLE_FRONT_ORDER)
    assert not session.propose(2, time_limit=2).ok  # page 2 lists no stories: said so
    assert session.undo().ok and open(path, "rb").read() == before
    assert session.redo().ok
    # a planned story the editor moves is pinned where the hand put it: `pin:` instead of `at:`
    lead = next(p for p in session.built.spec.pages[0].placements if p.ref == SAMPLE_FRONT_ORDER[0])
    assert session.move(1, lead.ref, 1, lead.rect).message == "nothing moved"
    text = with_module(open(path, encoding="utf-8").read(), path, 1, lead.ref, 1, lead.rect)
    entry = next(line for line in text.splitlines() if f"article: {lead.ref}," in line)
    assert "pin: {column:" in entry and "at:" not in entry
    assert next(r for r in load_issue(path, text=text.encode()).pages[0].stories if r.article == lead.ref).pin == lead.rect


# -- the server ---------------------------------------------------------------------------------

@pytest.fixture
def server(issue):
    desk = DeskServer(DeskSession(issue), "127.0.0.1", 0, poll_interval=0)
    desk.start()
    yield desk
    desk.stop()


def _request(server, path: str, body: dict | None = None, headers: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server.url.rstrip("/") + path, data=data, headers={**({"Content-Type": "application/json"} if data else {}), **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_no_url_reaches_a_file_outside_the_fixed_routes(server, issue):
    secret = os.path.join(os.path.dirname(os.path.dirname(issue)), "secret.txt")
    with open(secret, "w") as handle:
        handle.write("not for the browser")
    for path in ("/../secret.txt", "/page/../../secret.txt", "/%2e%2e/%2e%2e/secret.txt", "/desk.js/../../secret.txt", "/static/desk.js",
                 "/page/1.png/../../../secret.txt", "/page/01.png", "/page/1.png%00", "/issues/2022-01-28.yaml", "/api/state/../../secret.txt", "//etc/passwd"):
        status, body = _request(server, path)
        assert status == 404, path
        assert b"not for the browser" not in body and b"root:" not in body
    assert _request(server, "/page/9.png")[0] == 404  # no such page
    assert _request(server, "/page/1.png?overlays=../../secret")[0] == 400


def test_the_server_answers_only_to_its_own_name_and_origin(server, issue):
    assert _request(server, "/api/state", headers={"Host": "attacker.example"})[0] == 403
    before = open(issue, "rb").read()
    move = {"page": 1, "article": "standing-committee", "rect": {"column": 2, "span": 4, "top": 85, "height": 20}}
    assert _request(server, "/api/move", move, headers={"Origin": "http://attacker.example"})[0] == 403
    assert _request(server, "/api/move", move, headers={"Content-Type": "text/plain"})[0] == 403
    assert open(issue, "rb").read() == before
    assert _request(server, "/api/move", {"page": 1, "article": "standing-committee", "rect": {"column": "2"}})[0] == 400
    host = server.url.split("//")[1].rstrip("/")
    status, body = _request(server, "/api/move", move, headers={"Origin": f"http://{host}"})
    assert status == 200 and json.loads(body)["ok"]
    assert MOVED in open(issue, encoding="utf-8").read()


def test_state_lists_every_page_with_its_modules_and_figures(server):
    status, body = _request(server, "/api/state")
    state = json.loads(body)
    assert status == 200 and [p["number"] for p in state["pages"]] == list(range(1, 9))
    front = state["pages"][0]
    modules = {m["ref"]: m for m in front["modules"]}
    assert modules["standing-committee"]["movable"] and not modules["masthead"]["movable"]
    fit = modules["standing-committee"]["copyfit"]
    assert fit["lines_available"] > 0 and fit["summary"]
    assert modules["life-meeting"]["continues_on"] == 2
    page_two = {m["ref"]: m for m in state["pages"][1]["modules"]}
    assert page_two["life-meeting"]["continued_from"] == 1
    status, png = _request(server, "/page/1.png?overlays=grid,modules")
    assert status == 200 and png[:4] == b"\x89PNG"


def test_serve_refuses_a_missing_issue_and_a_busy_port_with_one_line(issue, tmp_path):
    import socket

    from conftest import assert_one_line_error, cli

    assert_one_line_error(cli("serve", str(tmp_path / "nope.yaml"), "--port", "0"), containing="issue file")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        run = cli("serve", issue, "--port", str(busy.getsockname()[1]))
    assert run.exit_code == 2 and "cannot listen there" in run.stderr and "--port" in run.stderr, run.stderr
