"""Fixtures of the browser tests: a real `postsearch serve` over the sample archive plus a few
posts of the tests' own, headless Chromium (Debian's chromium and chromium-driver, selenium from
PyPI), and a host site on another loopback port for the widget.

    make browser-test        # or: python3 -m pytest Tests/browser -v

Screenshots go to Tests/browser/artifacts/ (git-ignored).
"""
import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request

import pytest

selenium = pytest.importorskip("selenium", reason="pip install selenium")
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTIFACTS = os.path.join(REPO, "Tests", "browser", "artifacts")
HOSTILE = "<script>alert(1)</script>"
TITLE = "Example News"
PHONE = (390, 844)

# A post with structure: [kind, start, end] blocks in UTF-16 units into its body.
STRUCTURED_PARTS = [
    ("h2", "Searching archives"),
    ("p", "Every archive keeps its own words; searching them well takes a few habits."),
    ("li", "Use quotes for phrases"),
    ("li", "End a word with a star to match its beginning"),
    ("pre", 'postsearch search "western balkans"'),
    ("blockquote", "An archive is only as good as the search in front of it."),
]


def structured_post():
    body, blocks = "", []
    for kind, text in STRUCTURED_PARTS:
        if body:
            body += "\n\n"
        start = len(body.encode("utf-16-le")) // 2
        body += text
        blocks.append([kind, start, start + len(text.encode("utf-16-le")) // 2])
    return {"id": "guides/structure", "title": "A structured guide to archives", "date": "2023-03-08", "author": "Rosa Lind",
            "categories": ["Guides"], "tags": ["guides", "archives"], "url": "https://news.example.org/guides/structure",
            "lang": "en", "body": body, "blocks": blocks, "fields": {"series": ["How to"]}}


def binary():
    path = os.environ.get("POSTSEARCH_BINARY") or os.path.join(REPO, ".build", "debug", "postsearch")
    if not os.path.exists(path):
        pytest.fail(f"build postsearch first ({path} is missing): swift build")
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """A folder served over HTTP on a loopback port, in a thread of the test process."""

    def __init__(self, files, port=0):
        self.folder = tempfile.mkdtemp(prefix="postsearch-host-")
        for name, text in files.items():
            with open(os.path.join(self.folder, name), "w") as f:
                f.write(text)
        handler = functools.partial(QuietHandler, directory=self.folder)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        shutil.rmtree(self.folder, ignore_errors=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    def __init__(self, base, work, query_log, host_origin):
        self.base, self.work, self.query_log, self.host_origin = base, work, query_log, host_origin


@pytest.fixture(scope="session")
def host_port():
    """The port of the host site allowed by --cors-origin (chosen before the server starts)."""
    return free_port()


@pytest.fixture(scope="session")
def server(host_port):
    work = tempfile.mkdtemp(prefix="postsearch-browser-")
    extra = os.path.join(work, "extra.jsonl")
    with open(extra, "w") as f:
        f.write(json.dumps({"id": "hostile", "title": HOSTILE, "date": "2023-02-01", "author": "Mallory", "categories": ["Security"],
                            "body": "An alert test: <img src=x onerror=alert(2)> & friends.",
                            "url": "javascript:alert(3)"}) + "\n")
        f.write(json.dumps(structured_post()) + "\n")
    index = os.path.join(work, "index")
    subprocess.run([binary(), "index", os.path.join(REPO, "examples", "sample-archive"), extra, "--index", index],
                   check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    query_log = os.path.join(work, "queries.jsonl")
    host_origin = f"http://127.0.0.1:{host_port}"
    process = subprocess.Popen([binary(), "serve", "--index", index, "--port", str(port), "--title", TITLE,
                                "--cors-origin", host_origin, "--query-log", query_log],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/health", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield Server(base, work, query_log, host_origin)
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
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


@pytest.fixture
def phone(browser):
    """The browser as a 390×844 phone for one test."""
    width, height = PHONE
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def wait(driver, condition, timeout=10):
    # The page redraws by replacing elements: a check may catch one mid-swap.
    return WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def summary(driver):
    """The summary line once a search has answered."""
    return wait(driver, lambda d: d.find_element(By.ID, "summary").text or None)


def load(driver, url):
    """Opens a page of the site and waits for its first answer."""
    driver.get(url)
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    if "post=" in url:
        return wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#post h1, #post .error"))
    return summary(driver)


def screenshot(driver, name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    path = os.path.join(ARTIFACTS, name)
    driver.save_screenshot(path)
    assert os.path.getsize(path) > 10_000
    print(f"screenshot: {path}")
    return path
