"""`layout serve` driven in a real headless browser: Debian's chromium through its
chromium-driver (Selenium's WebDriver). `make test` installs both (tools/install_browser.sh);
the tests skip only where neither can be found, and say so."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading

import pytest

from conftest import ROOT, copy_project

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="no chromium and chromedriver on this machine: `make test` installs Debian's (tools/install_browser.sh)")

NARROWED = "      - {article: standing-committee, column: 1, span: 4, top: 85, height: 20}\n"
MOVED = "      - {article: standing-committee, column: 2, span: 4, top: 85, height: 20}\n"
WAIT = 60  # seconds: a first layout and render on a busy CI machine


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1600,1200"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_script_timeout(WAIT)
    yield driver
    driver.quit()


@pytest.fixture
def desk(tmp_path):
    """`layout serve` on a copy of the sample (standing-committee one column narrower, so it can
    move right), in its own process; yields (url, issue path)."""
    path = copy_project(tmp_path)
    text = open(path, encoding="utf-8").read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(NARROWED.replace("span: 4", "span: 5"), NARROWED))
    process = subprocess.Popen([sys.executable, "-m", "layout", "serve", path, "--port", "0", "--interval", "0.1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        first = lines.get(timeout=WAIT)
    except queue.Empty:
        process.kill()
        pytest.fail(f"layout serve printed no URL: {process.stderr.read()}")
    assert first.startswith("layout desk for ") and "http://localhost:" in first, first
    yield first.split(": ", 1)[1].strip(), path
    process.terminate()
    process.wait(timeout=10)


def _wait(driver, condition, what: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT, poll_frequency=0.05).until(lambda d: condition(d), message=what)


def _page_shown(driver) -> str | None:
    """The page picture's URL once it has loaded and its modules are drawn over it."""
    return driver.execute_script("const i = document.getElementById('page-image'); return i.complete && i.naturalWidth > 0 && document.querySelectorAll('.module').length ? i.dataset.loaded : null;")


def _open(driver, url: str) -> str:
    driver.get(url)
    return _wait(driver, _page_shown, "page 1 shown")


def _file(path: str) -> str:
    return open(path, encoding="utf-8").read()


def test_the_desk_shows_every_page_and_a_contact_sheet(browser, desk):
    from selenium.webdriver.common.by import By

    url, _ = desk
    shown = _open(browser, url)
    assert "/page/1.png" in shown
    tabs = browser.find_elements(By.CSS_SELECTOR, "#tabs .page-tab")
    assert [t.get_attribute("data-page") for t in tabs] == [str(n) for n in range(1, 9)] + ["contact"]
    assert {m.get_attribute("data-ref") for m in browser.find_elements(By.CSS_SELECTOR, ".module.movable")} >= {"liujie-epidemic", "standing-committee", "government-meeting"}
    tabs[4].click()
    _wait(browser, lambda d: (_page_shown(d) or "").startswith("/page/5.png"), "page 5 shown")
    browser.find_element(By.CSS_SELECTOR, '#tabs .page-tab[data-page="contact"]').click()
    _wait(browser, lambda d: d.execute_script("const s = [...document.querySelectorAll('#contact img')]; return s.length === 8 && s.every(i => i.complete && i.naturalWidth > 0);"), "eight pages on the contact sheet")


def test_dragging_a_module_one_column_shows_copyfit_live_then_writes_and_undoes(browser, desk):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    url, path = desk
    before = _file(path)
    shown = _open(browser, url)
    step = browser.execute_script("const g = currentPage().grid; return (g.column_width + g.gutter) * scale();")
    module = browser.find_element(By.CSS_SELECTOR, '.module[data-ref="standing-committee"]')
    ActionChains(browser).click_and_hold(module).move_by_offset(round(step * 0.3), 0).perform()  # not yet a column: where it stands
    _wait(browser, lambda d: "4 col × 20 lines at column 1, line 85: +" in d.find_element(By.ID, "trial").text, "live copyfit where it stands (overset)")
    ActionChains(browser).move_by_offset(round(step * 0.7), 0).perform()
    _wait(browser, lambda d: "at column 2, line 85" in d.find_element(By.ID, "trial").text, "live copyfit for column 2")
    trial = browser.find_element(By.ID, "trial").text
    assert "4 col × 20 lines" in trial and ("fits" in trial or "over" in trial), trial
    assert _file(path) == before  # nothing written while dragging
    ActionChains(browser).release().perform()
    _wait(browser, lambda d: d.find_element(By.ID, "status").text.startswith("moved standing-committee"), "the move applied")
    after = _file(path)
    assert after == before.replace(NARROWED, MOVED)  # that line, and nothing else
    _wait(browser, lambda d: (_page_shown(d) or shown) != shown, "page 1 rendered again")
    box = browser.execute_script("return currentPage().modules.find(m => m.ref === 'standing-committee').rect;")
    assert box == {"column": 2, "span": 4, "top": 85, "height": 20}
    browser.find_element(By.ID, "undo").click()
    _wait(browser, lambda d: d.find_element(By.ID, "status").text.startswith("undid"), "undone")
    assert _file(path) == before
    browser.find_element(By.ID, "redo").click()
    _wait(browser, lambda d: d.find_element(By.ID, "status").text.startswith("redid"), "redone")
    assert _file(path) == after


def test_the_keyboard_nudges_with_live_copyfit_and_enter_applies(browser, desk):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, path = desk
    before = _file(path)
    _open(browser, url)
    browser.find_element(By.CSS_SELECTOR, '.module[data-ref="standing-committee"]').click()
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ARROW_RIGHT).key_up(Keys.SHIFT).perform()  # 5 columns again: it fits
    _wait(browser, lambda d: "5 col × 20 lines at column 1, line 85: fits" in d.find_element(By.ID, "trial").text, "wider: fits")
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ARROW_UP, Keys.ARROW_UP, Keys.ARROW_UP, Keys.ARROW_UP, Keys.ARROW_UP).key_up(Keys.SHIFT).perform()
    _wait(browser, lambda d: "5 col × 15 lines at column 1, line 85: +" in d.find_element(By.ID, "trial").text, "shorter: overset again")
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    _wait(browser, lambda d: d.find_element(By.ID, "trial").text == "", "cancelled")
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).perform()
    _wait(browser, lambda d: "overlaps" in d.find_element(By.ID, "trial").text, "two columns right: refused")
    ActionChains(browser).send_keys(Keys.ARROW_LEFT).perform()
    _wait(browser, lambda d: "at column 2, line 85" in d.find_element(By.ID, "trial").text, "one column right")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    _wait(browser, lambda d: d.find_element(By.ID, "status").text.startswith("moved"), "applied")
    assert _file(path) == before.replace(NARROWED, MOVED)
    ActionChains(browser).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
    _wait(browser, lambda d: d.find_element(By.ID, "status").text.startswith("undid"), "undone with Ctrl+Z")
    assert _file(path) == before


def test_edits_on_disk_reload_the_page_and_a_broken_file_shows_its_error(browser, desk):
    from selenium.webdriver.common.by import By

    url, path = desk
    good = _file(path)
    shown = _open(browser, url)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(good.replace("    modules:\n", "    modules: [\n", 1))
    _wait(browser, lambda d: d.find_element(By.ID, "error").is_displayed(), "the error shown")
    message = browser.find_element(By.ID, "error").text
    assert "2022-01-28.yaml:" in message and "keeps the last good layout" in message, message
    assert _page_shown(browser) == shown  # the last good page stays
    with open(path, "w", encoding="utf-8") as handle:  # fixed, and the module moved, by hand
        handle.write(good.replace(NARROWED, MOVED))
    _wait(browser, lambda d: not d.find_element(By.ID, "error").is_displayed(), "the error gone")
    _wait(browser, lambda d: (_page_shown(d) or shown) != shown, "page 1 rendered again")
    assert browser.execute_script("return currentPage().modules.find(m => m.ref === 'standing-committee').rect.column;") == 2
    assert os.path.exists(path)
