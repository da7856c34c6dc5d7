"""/widget.js on another site's page (another loopback port: another origin), allowed by
--cors-origin; and on a page whose origin is not allowed."""
import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

from conftest import HOSTILE, Site, screenshot, wait

HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A blog</title>
<style>body { font-family: Georgia, serif; max-width: 40rem; margin: 2rem auto; } input { color: rgb(1, 2, 3); }</style>
<script>
  // The globals the widget adds, counted by the page itself when it has loaded (async scripts
  // run before the load event), before the test driver adds any of its own.
  window.globalsBefore = Object.getOwnPropertyNames(window);
  addEventListener("load", () => {
    window.globalsAdded = Object.getOwnPropertyNames(window).filter((n) => !globalsBefore.includes(n) && n !== "globalsBefore");
  });
</script>
</head><body>
<h1>A blog of its own</h1>
<p>Search this blog:</p>
<div data-postsearch data-limit="3" data-placeholder="Search the blog"></div>
<script src="SERVER/widget.js" async></script>
</body></html>
"""


@pytest.fixture
def host_site(server, host_port):
    """The blog on the origin --cors-origin allows, and the same page on another port (not allowed)."""
    page = {"index.html": HOST_PAGE.replace("SERVER", server.base)}
    allowed, other = Site(page, port=host_port), Site(page)
    yield allowed, other
    allowed.close()
    other.close()


def widget(driver):
    host = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "[data-postsearch]"))
    return wait(driver, lambda d: host.shadow_root)


def type_into(driver, root, words):
    box = root.find_element(By.CSS_SELECTOR, "input")
    box.clear()
    box.send_keys(words)
    return box


def test_widget_on_another_origin(server, browser, host_site):
    allowed, _ = host_site
    assert allowed.base == server.host_origin
    browser.get(allowed.base + "/index.html")
    added = wait(browser, lambda d: d.execute_script("return window.globalsAdded"))
    assert added == ["PostSearchWidget"], "one global"
    root = widget(browser)
    box = type_into(browser, root, "migra")
    assert box.get_attribute("placeholder") == "Search the blog"
    wait(browser, lambda d: len(root.find_elements(By.CSS_SELECTOR, "li > a")) == 3)
    links = root.find_elements(By.CSS_SELECTOR, "li > a")
    assert any("migra" in a.text.lower() for a in links), [a.text for a in links]
    assert root.find_elements(By.CSS_SELECTOR, "li mark"), "matched words marked"
    more = root.find_element(By.CSS_SELECTOR, ".more a")
    assert more.get_attribute("href") == server.base + "/?q=migra" and more.text.startswith("All ")
    # The host's font is the widget's; the host's styles do not reach into it.
    fonts = browser.execute_script(
        "const i = document.querySelector('[data-postsearch]').shadowRoot.querySelector('input');"
        "return [getComputedStyle(i).fontFamily, getComputedStyle(document.body).fontFamily, getComputedStyle(i).color]")
    assert fonts[0] == fonts[1] == "Georgia, serif", fonts
    assert fonts[2] != "rgb(1, 2, 3)"
    # Index text only as text.
    type_into(browser, root, "alert")
    wait(browser, lambda d: any(a.text == HOSTILE for a in root.find_elements(By.CSS_SELECTOR, "li > a")))
    assert not root.find_elements(By.CSS_SELECTOR, "script, img")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    type_into(browser, root, "migra")
    wait(browser, lambda d: len(root.find_elements(By.CSS_SELECTOR, "li > a")) == 3)
    screenshot(browser, "widget.png")

    # Enter opens the full search page.
    root.find_element(By.CSS_SELECTOR, "button").click()
    wait(browser, lambda d: d.current_url == server.base + "/?q=migra" and d.find_element(By.ID, "summary").text)


def test_widget_on_an_origin_not_allowed(server, browser, host_site):
    _, other = host_site
    assert other.base != server.host_origin
    browser.get(other.base + "/index.html")
    root = widget(browser)
    type_into(browser, root, "migra")
    status = wait(browser, lambda d: root.find_element(By.CSS_SELECTOR, ".status").text or None)
    assert status == "Search is not available on this page."
    assert not root.find_elements(By.CSS_SELECTOR, "li")
