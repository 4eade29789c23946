// The layout desk's page script: shows the pages the engine rendered, lets the editor move and
// resize story modules on the grid, asks the engine for live copyfit while dragging, and
// applies a change on drop (the server writes it into the issue file). No framework: a few
// hundred lines talking to a fixed set of JSON routes.
"use strict";

const desk = {
  state: null,        // /api/state
  page: 1,            // the page on screen
  view: "page",       // "page" | "contact"
  overlays: new Set(["grid", "modules", "diagnostics", "jumps"]),
  selected: null,     // {ref, part}
  candidate: null,    // {rect} being dragged or nudged
  fitting: false,     // a copyfit request in flight
  pendingFit: null,   // the latest candidate asked for while one was in flight
};

const $ = (id) => document.getElementById(id);

async function post(path, body) {
  const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}) });
  return response.json();
}

function status(text, refused) {
  const element = $("status");
  element.textContent = text || "";
  element.className = refused ? "refused" : "";
}

// -- the state ------------------------------------------------------------------------------

async function refresh() {
  const state = await (await fetch("/api/state")).json();
  desk.state = state;
  document.body.dataset.state = state.state;
  showError(state.error);
  if (!state.pages.length) return;
  if (!state.pages.some((p) => p.number === desk.page)) desk.page = state.pages[0].number;
  $("title").textContent = `${state.paper} ${state.date}`;
  $("undo").disabled = !state.undo.length;
  $("undo").title = state.undo.length ? `Undo: ${state.undo[state.undo.length - 1]}` : "Nothing to undo";
  $("redo").disabled = !state.redo.length;
  $("redo").title = state.redo.length ? `Redo: ${state.redo[state.redo.length - 1]}` : "Nothing to redo";
  drawTabs();
  drawOverlayToggles();
  drawChanges();
  if (desk.view === "contact") drawContact(); else drawPage();
}

function showError(error) {
  const element = $("error");
  element.hidden = !error;
  element.textContent = error ? `${error.message}\nThe desk keeps the last good layout on screen; fix the file and save.` : "";
}

function currentPage() {
  return desk.state.pages.find((p) => p.number === desk.page);
}

function drawTabs() {
  const tabs = $("tabs");
  tabs.replaceChildren();
  for (const page of desk.state.pages) {
    tabs.append(tabButton(page.label, desk.view === "page" && page.number === desk.page, () => openPage(page.number), page.number));
  }
  tabs.append(tabButton("全部版面", desk.view === "contact", () => { desk.view = "contact"; refresh(); }, "contact"));
}

function tabButton(label, current, action, key) {
  const button = document.createElement("button");
  button.textContent = label;
  button.className = "page-tab" + (current ? " current" : "");
  button.dataset.page = key;
  button.onclick = action;
  return button;
}

function openPage(number) {
  desk.view = "page";
  desk.page = number;
  desk.selected = null;
  cancelCandidate();
  refresh();
}

function drawOverlayToggles() {
  const box = $("overlays");
  if (box.childElementCount) return;
  for (const name of desk.state.overlays) {
    const label = document.createElement("label");
    const toggle = document.createElement("input");
    toggle.type = "checkbox";
    toggle.checked = desk.overlays.has(name);
    toggle.dataset.overlay = name;
    toggle.onchange = () => { toggle.checked ? desk.overlays.add(name) : desk.overlays.delete(name); refresh(); };
    label.append(toggle, " " + name);
    box.append(label);
  }
}

function imageUrl(number) {
  return `/page/${number}.png?overlays=${[...desk.overlays].join(",")}&v=${desk.state.version}`;
}

function drawPage() {
  $("stage").hidden = false;
  $("contact").hidden = true;
  const page = currentPage();
  const image = $("page-image");
  const url = imageUrl(page.number);
  if (image.getAttribute("src") !== url) {
    image.onload = () => { image.dataset.loaded = url; drawModules(); };
    image.setAttribute("src", url);
  } else {
    drawModules();
  }
  drawPageFindings(page);
  drawDetail();
}

function drawContact() {
  $("stage").hidden = true;
  const sheet = $("contact");
  sheet.hidden = false;
  sheet.replaceChildren();
  for (const page of desk.state.pages) {
    const figure = document.createElement("figure");
    const image = document.createElement("img");
    image.src = imageUrl(page.number);
    image.alt = page.label;
    const caption = document.createElement("figcaption");
    caption.textContent = `${page.label} · ${page.findings.length} findings`;
    figure.append(image, caption);
    figure.onclick = () => openPage(page.number);
    sheet.append(figure);
  }
}

// -- geometry: grid rectangles to pixels on the picture --------------------------------------

function scale() {
  return $("page-image").clientWidth / currentPage().width;
}

function box(rect) {
  const grid = currentPage().grid;
  const s = scale();
  return {
    left: (grid.left + (rect.column - 1) * (grid.column_width + grid.gutter)) * s,
    top: (grid.top + (rect.top - 1) * grid.pitch) * s,
    width: (rect.span * grid.column_width + (rect.span - 1) * grid.gutter) * s,
    height: ((rect.height - 1) * grid.pitch + grid.body) * s,
  };
}

function place(element, rect) {
  const b = box(rect);
  Object.assign(element.style, { left: `${b.left}px`, top: `${b.top}px`, width: `${b.width}px`, height: `${b.height}px` });
}

function snapped(start, mode, dx, dy) {
  // pointer travel in pixels → whole columns and lines, kept on the grid
  const grid = currentPage().grid;
  const s = scale();
  const columns = Math.round(dx / ((grid.column_width + grid.gutter) * s));
  const lines = Math.round(dy / (grid.pitch * s));
  const rect = { ...start };
  if (mode === "move") {
    rect.column = clamp(start.column + columns, 1, grid.columns - start.span + 1);
    rect.top = clamp(start.top + lines, 1, grid.lines - start.height + 1);
  }
  if (mode === "e" || mode === "se") rect.span = clamp(start.span + columns, 1, grid.columns - start.column + 1);
  if (mode === "s" || mode === "se") rect.height = clamp(start.height + lines, 1, grid.lines - start.top + 1);
  return rect;
}

const clamp = (value, low, high) => Math.max(low, Math.min(high, value));
const same = (a, b) => a.column === b.column && a.span === b.span && a.top === b.top && a.height === b.height;

// -- modules --------------------------------------------------------------------------------

function drawModules() {
  const layer = $("modules");
  layer.replaceChildren();
  for (const module of currentPage().modules) {
    const element = document.createElement("div");
    element.className = "module" + (module.movable ? " movable" : "") + (isSelected(module) ? " selected" : "");
    element.dataset.ref = module.ref;
    element.dataset.part = module.part;
    element.dataset.kind = module.kind;
    element.title = module.kind === "article" ? `${module.headline} — ${module.copyfit ? module.copyfit.summary : ""}` : `${module.kind} ${module.ref}`;
    place(element, module.rect);
    if (module.movable) {
      for (const grip of ["e", "s", "se"]) {
        const handle = document.createElement("span");
        handle.className = `grip ${grip}`;
        handle.dataset.grip = grip;
        element.append(handle);
      }
      element.addEventListener("pointerdown", (event) => startDrag(event, module, event.target.dataset.grip || "move"));
    }
    element.addEventListener("click", () => select(module));
    layer.append(element);
  }
  if (desk.candidate) showGhost(desk.candidate.rect);
}

function isSelected(module) {
  return desk.selected && desk.selected.ref === module.ref && desk.selected.part === module.part;
}

function selectedModule() {
  return desk.selected && currentPage().modules.find((m) => isSelected(m));
}

function select(module) {
  desk.selected = { ref: module.ref, part: module.part };
  for (const element of $("modules").children) {
    element.classList.toggle("selected", element.dataset.ref === module.ref && Number(element.dataset.part) === module.part);
  }
  drawDetail();
}

function drawDetail() {
  const module = selectedModule();
  const panel = $("detail");
  if (!module) return;
  panel.replaceChildren();
  const title = document.createElement("h2");
  title.textContent = module.kind === "article" ? module.headline : `${module.kind} ${module.ref}`;
  panel.append(title);
  const rows = [["module", `${module.ref}${module.parts > 1 ? ` (part ${module.part} of ${module.parts})` : ""}`],
    ["place", `column ${module.rect.column}, ${module.rect.span} col × ${module.rect.height} lines from line ${module.rect.top}`]];
  const fit = module.copyfit;
  if (fit) {
    rows.push(["copyfit", fit.summary], ["lines", `${fit.lines_used} of ${fit.lines_available}`], ["字 over", String(fit.chars_over)], ["room", `${fit.room_chars} 字`],
      ["headline", `${fit.headline_lines} lines${fit.headline_fits ? "" : ", does not fit"}`]);
  }
  if (module.continues_on) rows.push(["jump", `下转第${module.continues_on}版`]);
  if (module.continued_from) rows.push(["jump", `上接第${module.continued_from}版`]);
  const list = document.createElement("dl");
  for (const [key, value] of rows) {
    const term = document.createElement("dt");
    term.textContent = key;
    const detail = document.createElement("dd");
    detail.textContent = value;
    list.append(term, detail);
  }
  panel.append(list, findingList(module.findings || []));
}

function findingList(findings) {
  const list = document.createElement("div");
  for (const finding of findings) {
    const line = document.createElement("p");
    line.className = `finding ${finding.severity}`;
    line.textContent = finding.text;
    list.append(line);
  }
  return list;
}

function drawPageFindings(page) {
  const box = $("page-findings");
  box.replaceChildren();
  const title = document.createElement("h2");
  title.textContent = `${page.label}: ${page.findings.length} findings`;
  box.append(title, findingList(page.findings.filter((f) => f.severity !== "info")));
}

function drawChanges() {
  const box = $("changes");
  box.replaceChildren();
  for (const [kind, list] of [["added", desk.state.findings_added], ["removed", desk.state.findings_removed]]) {
    for (const text of list) {
      const line = document.createElement("p");
      line.className = `finding ${kind}`;
      line.textContent = (kind === "added" ? "+ " : "− ") + text;
      box.append(line);
    }
  }
}

// -- dragging, nudging and the live copyfit ---------------------------------------------------

function startDrag(event, module, mode) {
  if (event.button !== 0) return;
  event.preventDefault();
  select(module);
  const start = module.rect;
  const origin = { x: event.clientX, y: event.clientY };
  const target = event.currentTarget;
  target.setPointerCapture(event.pointerId);
  const moved = (e) => propose(snapped(start, mode, e.clientX - origin.x, e.clientY - origin.y));
  const ended = (e) => {
    target.removeEventListener("pointermove", moved);
    target.removeEventListener("pointerup", ended);
    target.removeEventListener("pointercancel", ended);
    if (e.type === "pointerup" && desk.candidate && !same(desk.candidate.rect, start)) apply(); else cancelCandidate();
  };
  target.addEventListener("pointermove", moved);
  target.addEventListener("pointerup", ended);
  target.addEventListener("pointercancel", ended);
}

function propose(rect) {
  const module = selectedModule();
  if (!module || (desk.candidate && same(desk.candidate.rect, rect))) return;
  desk.candidate = { rect };
  showGhost(rect);
  askFit(module, rect);
}

function showGhost(rect) {
  const ghost = $("ghost");
  ghost.hidden = false;
  place(ghost, rect);
}

async function askFit(module, rect) {
  if (desk.fitting) { desk.pendingFit = rect; return; }
  desk.fitting = true;
  try {
    const fit = await post("/api/fit", { page: desk.page, article: module.ref, part: module.part, rect });
    if (desk.candidate && same(desk.candidate.rect, rect)) showTrial(fit);
  } finally {
    desk.fitting = false;
    const next = desk.pendingFit;
    desk.pendingFit = null;
    if (next && desk.candidate && same(desk.candidate.rect, next)) askFit(module, next);
  }
}

function showTrial(fit) {
  const trial = $("trial");
  const kind = fit.problem ? "refused" : fit.fits ? "fits" : "over";
  trial.className = kind;
  trial.textContent = `${fit.rect.span} col × ${fit.rect.height} lines at column ${fit.rect.column}, line ${fit.rect.top}: ${fit.summary}`;
  trial.dataset.ms = fit.ms;
  $("ghost").className = kind === "fits" ? "" : kind;
}

function cancelCandidate() {
  desk.candidate = null;
  desk.pendingFit = null;
  $("ghost").hidden = true;
  $("trial").textContent = "";
}

async function apply() {
  const module = selectedModule();
  const rect = desk.candidate.rect;
  status("applying…");
  const outcome = await post("/api/move", { page: desk.page, article: module.ref, part: module.part, rect });
  cancelCandidate();
  status(outcome.message, !outcome.ok);
  await refresh();
}

async function act(path, body) {
  status("working…");
  const outcome = await post(path, body);
  status(outcome.message, !outcome.ok);
  await refresh();
}

document.addEventListener("keydown", (event) => {
  const key = event.key.toLowerCase();
  if ((event.ctrlKey || event.metaKey) && key === "z") { event.preventDefault(); act(event.shiftKey ? "/api/redo" : "/api/undo"); return; }
  if ((event.ctrlKey || event.metaKey) && key === "y") { event.preventDefault(); act("/api/redo"); return; }
  const module = selectedModule();
  if (!module || !module.movable || desk.view !== "page") return;
  const steps = { arrowleft: [-1, 0], arrowright: [1, 0], arrowup: [0, -1], arrowdown: [0, 1] }[key];
  if (steps) {
    event.preventDefault();
    const from = desk.candidate ? desk.candidate.rect : module.rect;
    const grid = currentPage().grid;
    const rect = { ...from };
    if (event.shiftKey) {
      rect.span = clamp(from.span + steps[0], 1, grid.columns - from.column + 1);
      rect.height = clamp(from.height + steps[1], 1, grid.lines - from.top + 1);
    } else {
      rect.column = clamp(from.column + steps[0], 1, grid.columns - from.span + 1);
      rect.top = clamp(from.top + steps[1], 1, grid.lines - from.height + 1);
    }
    propose(rect);
  } else if (key === "enter" && desk.candidate) {
    event.preventDefault();
    if (!same(desk.candidate.rect, module.rect)) apply(); else cancelCandidate();
  } else if (key === "escape") {
    cancelCandidate();
  }
});

$("undo").onclick = () => act("/api/undo");
$("redo").onclick = () => act("/api/redo");
$("propose").onclick = () => act("/api/place", { page: desk.page });
window.addEventListener("resize", () => desk.view === "page" && desk.state && drawModules());

// -- live reload: the server says when its state changed (a rebuild, an edit, a broken file) --

const events = new EventSource("/events");
events.addEventListener("state", (event) => {
  if (!desk.state || String(desk.state.state) !== event.data) refresh();
});

refresh();
