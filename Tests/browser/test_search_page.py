"""Browser test of the search page at `/`: headless Chromium (Debian's chromium and
chromium-driver, selenium from PyPI) against a real `postsearch serve` over a small index.

    make browser-test        # or: python3 -m pytest Tests/browser -v

Saves a screenshot to Tests/browser/artifacts/search-page.png.
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest

selenium = pytest.importorskip("selenium", reason="pip install selenium")
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTIFACTS = os.path.join(REPO, "Tests", "browser", "artifacts")
HOSTILE = "<script>alert(1)</script>"


def binary():
    path = os.environ.get("POSTSEARCH_BINARY") or os.path.join(REPO, ".build", "debug", "postsearch")
    if not os.path.exists(path):
        pytest.fail(f"build postsearch first ({path} is missing): swift build")
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    work = tempfile.mkdtemp(prefix="postsearch-browser-")
    extra = os.path.join(work, "extra.jsonl")
    with open(extra, "w") as f:
        f.write(json.dumps({"id": "hostile", "title": HOSTILE, "date": "2023-02-01", "author": "Mallory",
                            "categories": ["Security"], "body": "An alert test: <img src=x onerror=alert(2)> & friends."}) + "\n")
    index = os.path.join(work, "index")
    subprocess.run([binary(), "index", os.path.join(REPO, "examples", "sample-archive"), extra, "--index", index],
                   check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    process = subprocess.Popen([binary(), "serve", "--index", index, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/health", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900"):
        options.add_argument(arg)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    yield driver
    driver.quit()


def wait(driver, condition, timeout=10):
    # The page redraws its results by replacing elements: a check may catch one mid-swap.
    return WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def summary(driver):
    return wait(driver, EC.presence_of_element_located((By.ID, "summary"))).text


def search(driver, words):
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(words, Keys.ENTER)
    wait(driver, lambda d: f"q={words.split()[0]}" in d.current_url and d.find_element(By.ID, "q").get_attribute("value") == words)
    return summary(driver)


def facet_counts(driver, name):
    counts = {}
    for label in driver.find_elements(By.CSS_SELECTOR, f"input[name={name}]"):
        row = label.find_element(By.XPATH, "..")
        counts[label.get_attribute("value")] = (int(row.find_element(By.CLASS_NAME, "count").text), label.is_selected())
    return counts


def test_search_filters_suggestions_pages_and_escaping(server, browser):
    browser.get(server + "/")
    wait(browser, EC.presence_of_element_located((By.ID, "summary")))

    # Type a query: hits with marked words and facet counts.
    text = search(browser, "ministers")
    assert text.startswith("3 posts"), text
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "article h2 a")]
    assert "Ministerial meeting" in titles
    assert browser.find_elements(By.CSS_SELECTOR, "article mark"), "matched words are marked"
    before = facet_counts(browser, "category")
    assert before["International event"] == (2, False), before

    # Tick a category: fewer results, the other categories keep their counts (multi-select).
    browser.find_element(By.CSS_SELECTOR, "input[name=category][value='Activities']").click()
    wait(browser, lambda d: "category=Activities" in d.current_url)
    wait(browser, lambda d: d.find_element(By.ID, "summary").text.startswith("1 post"))
    after = facet_counts(browser, "category")
    assert after["Activities"] == (1, True), after
    assert after["International event"][0] == 2, "other values counted as if the filter were absent"

    # The back button undoes the tick.
    browser.back()
    wait(browser, lambda d: d.find_element(By.ID, "summary").text.startswith("3 posts"))

    # A word in no post is corrected: the results are those of the corrected query.
    search(browser, "ministres")
    wait(browser, lambda d: "q=ministres" in d.current_url and d.find_element(By.ID, "summary").text.startswith("3 posts"))

    # Pages: an empty query lists all 19 posts, 10 at a time.
    browser.get(server + "/")
    assert summary(browser).startswith("19 posts — 1–10")
    wait(browser, EC.element_to_be_clickable((By.ID, "next"))).click()
    wait(browser, lambda d: "offset=10" in d.current_url and "11–19" in d.find_element(By.ID, "summary").text)
    assert len(browser.find_elements(By.CSS_SELECTOR, "article")) == 9

    # A hostile title and body are shown as text and run nothing.
    search(browser, "alert")
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "article h2 a")]
    assert HOSTILE in titles, titles
    assert "<img src=x onerror=alert(2)>" in browser.find_element(By.CSS_SELECTOR, "article .snippet").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#results script, #results img")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text

    # The post view (no url): title and full body.
    browser.find_element(By.LINK_TEXT, HOSTILE).click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#results h1"))
    assert browser.find_element(By.CSS_SELECTOR, "#results h1").text == HOSTILE

    # A year and the screenshot.
    browser.get(server + "/?q=migration")
    summary(browser)
    os.makedirs(ARTIFACTS, exist_ok=True)
    shot = os.path.join(ARTIFACTS, "search-page.png")
    browser.save_screenshot(shot)
    assert os.path.getsize(shot) > 10_000
    print(f"screenshot: {shot}")


def test_page_weight_and_policy(server):
    total = 0
    for path in ("/", "/app.css", "/app.js"):
        with urllib.request.urlopen(server + path) as response:
            total += len(response.read())
            assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    print(f"page weight: {total} bytes")
    assert total < 40_000
