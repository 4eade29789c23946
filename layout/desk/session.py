"""One editor's desk on one issue: the last good layout, the edits made through the browser
(each written back into the issue file, undoable), and a watch on the files the issue reads.

Every change goes through `_write`: the edited issue text is loaded first (so a refusal carries
the loader's own message and nothing reaches the disk), the file must still hold what the desk
last read (else the edit is refused and the desk reloads), and the write is atomic. The server
calls these methods from several threads; one lock keeps them in turn."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

from layout.check.run import CheckResult, check_issue
from layout.load.boundary import Blame, display_path, read_bounded
from layout.load.errors import InputError, OutputError
from layout.load.issue import load_issue
from layout.load.limits import FONT_FILE, ISSUE_FILE
from layout.load.writeback import with_module
from layout.load.yamlsrc import decode_utf8
from layout.model.layout import IssueLayout
from layout.model.spec import GridRect, IssueSpec
from layout.output import write_atomically
from layout.page.memo import StoryMemo
from layout.page.trial import Trial, try_module
from layout.pipeline import file_stamps, planned_layout, proof_page_png
from layout.typeface.metrics import FontSet, load_metrics

DESK_DPI = 60  # a broadsheet page about 1,000 px high: the whole page on one screen
MAX_UNDO = 200


@dataclass(frozen=True)
class Built:
    """A good layout of the issue, and the file bytes it was built from."""

    version: int
    spec: IssueSpec  # as placed: planned pages carry their modules
    layout: IssueLayout
    check: CheckResult
    fonts: FontSet
    source: bytes
    seconds: float


@dataclass(frozen=True)
class Edit:
    label: str
    before: bytes
    after: bytes


@dataclass
class Outcome:
    """What an action did, for the browser: done, or refused and why."""

    ok: bool
    message: str
    error: dict | None = None
    seconds: float = 0.0


@dataclass
class _History:
    undo: list[Edit] = field(default_factory=list)
    redo: list[Edit] = field(default_factory=list)


class Refused(Exception):
    def __init__(self, message: str, error: dict | None = None):
        super().__init__(message)
        self.message = message
        self.error = error


class DeskSession:
    def __init__(self, path: str, allowed: tuple[str, ...] = (), dpi: int = DESK_DPI):
        self.path = os.path.abspath(path)
        self.shown = display_path(path)
        self.allowed = allowed
        self.dpi = dpi
        self.memo = StoryMemo()
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.built: Built | None = None
        self.error: InputError | None = None  # the file as it is on disk cannot be laid out
        self.findings_added: tuple[str, ...] = ()
        self.findings_removed: tuple[str, ...] = ()
        self.history = _History()
        self.version = 0
        self._stamps: dict[str, int] = {}
        self._font: bytes | None = None
        self._pngs: dict[tuple[int, frozenset[str]], tuple[object, bytes]] = {}
        self.reload()

    # -- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Lay the issue out again from the disk; a file that cannot be loaded keeps the last
        good layout on screen and its error in `error`."""
        with self.lock:
            before = file_stamps(self._watched())  # taken first: a save meanwhile is seen next time
            try:
                source = self._read()
                self._build(load_issue(self.path, allowed=self.allowed, text=source), source)
            except InputError as error:
                self.error = error
                self._announce()
            self._stamps = {path: before.get(path, stamp) for path, stamp in file_stamps(self._watched()).items()}

    def poll(self) -> bool:
        """Reload when a watched file (the issue, its texts and images, the style sheet, the
        fonts) changed on disk since the last look; whether it did."""
        with self.lock:
            if file_stamps(list(self._stamps)) == self._stamps:
                return False
            self.history = _History()  # the file moved under the desk: its edits no longer apply
            self.reload()
            return True

    def _read(self) -> bytes:
        return read_bounded(self.path, ISSUE_FILE, Blame.whole(self.shown, ISSUE_FILE))

    def _watched(self) -> list[str]:
        return list(self.built.spec.inputs) if self.built is not None and self.error is None else [os.path.realpath(self.path)]

    def _build(self, spec: IssueSpec, source: bytes) -> None:
        started = time.perf_counter()
        fonts = load_metrics(spec.fonts)
        placed, layout = planned_layout(spec, fonts, memo=self.memo, jobs=1)  # no fork inside a threaded server
        checked = check_issue(self.shown, placed, layout, fonts)
        self.memo.keep_only(placed.articles)
        before = {f.format() for f in self.built.check.findings} if self.built is not None else None
        after = {f.format() for f in checked.findings}
        self.findings_added = tuple(sorted(after - before)) if before is not None else ()
        self.findings_removed = tuple(sorted(before - after)) if before is not None else ()
        self.version += 1
        self.built = Built(self.version, placed, layout, checked, fonts, source, time.perf_counter() - started)
        self.error = None
        self._announce()

    def _announce(self) -> None:
        self.version = max(self.version, self.built.version if self.built else 0)
        self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """Block until the desk's state is newer than `seen` (or the timeout); the state's number."""
        with self.changed:
            self.changed.wait_for(lambda: self.state_number() != seen, timeout)
            return self.state_number()

    def state_number(self) -> int:
        # a load error is a state of its own, so a broken file reaches the browser too
        return self.version * 2 + (1 if self.error is not None else 0)

    # -- looking -------------------------------------------------------------------------

    def page_png(self, number: int, overlays: frozenset[str]) -> bytes:
        """The page as the proof renders it, cached while its layout and findings stay the same
        (a move on page 1 renders page 1 again, not the others)."""
        with self.lock:
            built = self._good()
            page = next((p for p in built.layout.pages if p.number == number), None)
            if page is None:
                raise KeyError(number)
            findings = tuple(f for f in built.check.findings if f.where.page == number)
            plans = tuple(p for p in built.layout.plans if p.page == number)
            key = (page, findings, plans)
            cached = self._pngs.get((number, overlays))
            if cached is not None and cached[0] == key:
                return cached[1]
            data = proof_page_png(built.spec, built.layout, findings, number, overlays, self.dpi)
            self._pngs[(number, overlays)] = (key, data)
            return data

    def ui_font(self) -> bytes:
        """The issue's own body face, for the desk's Chinese labels on a machine whose browser
        has no Chinese font: a file the issue already names, read once."""
        with self.lock:
            if self._font is None:
                faces = self._good().spec.fonts.faces
                face = next((f for f in faces if f.role == "body"), faces[0])
                self._font = read_bounded(face.path, FONT_FILE, Blame.whole(display_path(face.path), FONT_FILE))
            return self._font

    def trial(self, page: int, article: str, part: int, rect: GridRect) -> Trial:
        """The live copyfit of a candidate module (nothing is written)."""
        with self.lock:
            built = self._good()
            self._placed_module(built, page, article, part)
            return try_module(built.spec, built.fonts, self.memo, page, article, part, rect)

    def _good(self) -> Built:
        if self.built is None:
            raise Refused("the issue has not been laid out yet: fix the error shown and save", self.error.to_json() if self.error else None)
        return self.built

    @staticmethod
    def _placed_module(built: Built, page: int, article: str, part: int) -> None:
        page_spec = next((p for p in built.spec.pages if p.number == page), None)
        if page_spec is None or not any(p.kind == "article" and p.ref == article and p.part == part for p in page_spec.placements):
            raise Refused(f"page {page} has no module of story {article!r}{f' part {part}' if part > 1 else ''}; reload the desk")

    # -- changing ------------------------------------------------------------------------

    def move(self, page: int, article: str, part: int, rect: GridRect) -> Outcome:
        """Move or resize one story module, written back into the issue file."""
        started = time.perf_counter()
        with self.lock:
            try:
                built = self._good()
                self._placed_module(built, page, article, part)
                current = next(p for p in built.spec.pages if p.number == page)
                was = next(p for p in current.placements if p.kind == "article" and p.ref == article and p.part == part)
                if was.rect == rect:
                    return Outcome(True, "nothing moved")
                text = decode_utf8(built.source, self.shown, "issue file")
                keep_auto = rect.height == was.rect.height
                after = with_module(text, self.shown, page, article, part, rect, keep_auto_height=keep_auto).encode("utf-8")
                label = f"{article} to column {rect.column}, {rect.span} col × {rect.height} lines from line {rect.top}"
                self._write(Edit(label, built.source, after))
                self.history.redo.clear()
            except Refused as refused:
                return Outcome(False, refused.message, refused.error)
            return Outcome(True, f"moved {label}", seconds=time.perf_counter() - started)

    def undo(self) -> Outcome:
        return self._step(self.history.undo, self.history.redo, "undo")

    def redo(self) -> Outcome:
        return self._step(self.history.redo, self.history.undo, "redo")

    def _step(self, source: list[Edit], target: list[Edit], verb: str) -> Outcome:
        """Undo writes an edit's `before` over its `after`, redo the other way round; either is
        refused, like any edit, if the file no longer holds what the desk wrote."""
        with self.lock:
            if not source:
                return Outcome(False, f"nothing to {verb}")
            edit = source[-1]
            step = Edit(edit.label, edit.after, edit.before) if verb == "undo" else edit
            started = time.perf_counter()
            try:
                self._write(step, record=False)
            except Refused as refused:
                return Outcome(False, refused.message, refused.error)
            source.pop()
            target.append(edit)
            return Outcome(True, f"{'undid' if verb == 'undo' else 'redid'}: {edit.label}", seconds=time.perf_counter() - started)

    def propose(self, page: int, time_limit: float) -> Outcome:
        """The automatic placement for the page's unpinned stories, written as `at:` proposals."""
        from layout.load.writeback import with_proposals
        from layout.plan.plan import plan_issue

        with self.lock:
            try:
                built = self._good()
                spec = load_issue(self.path, allowed=self.allowed, text=built.source)  # the stories as listed, before planning
                if not any(p.number == page and p.stories for p in spec.pages):
                    listed = ", ".join(str(p.number) for p in spec.pages if p.stories)
                    raise Refused(f"page {page} lists no stories (stories:) to place" + (f"; pages with stories: {listed}" if listed else "; list a page's stories in priority order under stories:"))
                _, plans = plan_issue(spec, built.fonts, time_limit=time_limit, only=page, fresh=True, jobs=1)
                plan = plans[0]
                if not plan.placed:
                    raise Refused(f"page {page} cannot be placed: " + "; ".join(s.advice for s in plan.shortfalls))
                proposal = {page: {m.article: (m.rect, m.picture_span, m.head_space) for m in plan.modules if m.variant != "pinned"}}
                after = with_proposals(decode_utf8(built.source, self.shown, "issue file"), self.shown, proposal).encode("utf-8")
                if after == built.source:
                    return Outcome(True, f"page {page}: the placement stands as it is")
                self._write(Edit(f"automatic placement of page {page}", built.source, after))
                self.history.redo.clear()
            except InputError as error:
                return Outcome(False, error.format(), error.to_json())
            except Refused as refused:
                return Outcome(False, refused.message, refused.error)
            return Outcome(True, f"page {page} placed automatically (score {plan.score:,})")

    def _write(self, edit: Edit, record: bool = True) -> None:
        """Check the edit with the loader, refuse it if the file changed on disk since the desk
        read it, write it atomically, lay the issue out again."""
        try:
            on_disk = self._read()
        except InputError as error:
            raise Refused(error.format(), error.to_json()) from None
        if on_disk != edit.before:
            self.history = _History()
            self.reload()
            raise Refused(f"{self.shown} changed on disk since the desk read it; nothing was written, and the desk has reloaded it: look again and redo the change")
        try:
            spec = load_issue(self.path, allowed=self.allowed, text=edit.after)
        except InputError as error:
            raise Refused(error.format(), error.to_json()) from None
        try:
            write_atomically(self.path, edit.after)
        except OutputError as error:
            raise Refused(error.format()) from None
        self._build(spec, edit.after)
        self._stamps = file_stamps(self._watched())  # the desk's own write is no change from outside
        if record:
            self.history.undo.append(edit)
            del self.history.undo[:-MAX_UNDO]
