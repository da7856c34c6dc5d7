"""Search as you type and corrected queries (needs the server's prefix=true, autocorrect and
corrected_query)."""
import json
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import load, wait

# Holds back the answer to one search (by its q) for a while: a stale answer arriving late.
DELAY_ONE_ANSWER = """
const slow = arguments[0];
const fetch0 = window.fetch;
window.fetch = (url, options) => {
  const answer = fetch0(url, options && { ...options, signal: undefined });
  if (!String(url).includes("q=" + slow + "&")) return answer;
  return new Promise((resolve) => setTimeout(() => resolve(answer), 1200));
};
"""


def titles(driver):
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".hit h2 a")]


def type_slowly(element, text, pause=0.06):
    for letter in text:
        element.send_keys(letter)
        time.sleep(pause)


def test_results_follow_the_typing(server, browser):
    load(browser, server.base + "/?q=ministers")
    length = browser.execute_script("return history.length")
    box = browser.find_element(By.ID, "q")
    box.clear()
    type_slowly(box, "migr")
    # No Enter: the results follow, with the last word as a prefix (migr -> migration, migrants).
    wait(browser, lambda d: d.current_url.endswith("/?q=migr") and any("migra" in t.lower() for t in titles(d)))
    assert browser.execute_script("return history.length") == length + 1, "one history entry for the typing"
    type_slowly(box, "ation dat")
    wait(browser, lambda d: d.current_url.endswith("/?q=migration+dat") and "Open data on migration routes" in titles(d))
    assert browser.execute_script("return history.length") == length + 1, "replaced, not pushed, while typing"
    sent = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('prefix=true'))")
    assert len(sent) < len("migration dat"), f"debounced: {len(sent)} searches for 13 keys"

    # Back returns to the search before the typing.
    browser.back()
    wait(browser, lambda d: d.current_url.endswith("/?q=ministers") and d.find_element(By.ID, "q").get_attribute("value") == "ministers")

    # The typing is in the query log, marked as such.
    entries = [json.loads(line) for line in open(server.query_log)]
    assert any(e.get("prefix") is True and e["q"].startswith("migr") for e in entries)


def test_a_late_answer_does_not_overwrite_a_newer_one(server, browser):
    load(browser, server.base + "/")
    browser.execute_script(DELAY_ONE_ANSWER, "ministers")
    box = browser.find_element(By.ID, "q")
    box.send_keys("ministers")
    time.sleep(0.4)  # its search has started (and is held back)
    box.clear()
    box.send_keys("snippets")
    wait(browser, lambda d: d.current_url.endswith("/?q=snippets") and "How search snippets are made" in titles(d))
    time.sleep(1.5)  # the answer for "ministers" arrives now
    assert "Ministerial meeting" not in titles(browser), titles(browser)
    assert browser.current_url.endswith("/?q=snippets")


def test_a_typo_is_corrected_with_search_instead(server, browser):
    load(browser, server.base + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("ministres", Keys.ENTER)
    correction = wait(browser, lambda d: d.find_element(By.ID, "correction"))
    assert correction.text.startswith("Showing results for ministers."), correction.text
    assert "Ministerial meeting" in titles(browser)
    instead = browser.find_element(By.ID, "search-instead")
    assert instead.text == "ministres"
    instead.click()
    wait(browser, lambda d: "autocorrect=false" in d.current_url and not d.find_elements(By.ID, "correction"))
    wait(browser, lambda d: d.find_element(By.ID, "summary").text.startswith("0 posts"))
    # Without the correction, the suggestion is offered as a link.
    link = wait(browser, lambda d: d.find_element(By.ID, "suggestion"))
    assert link.text == "ministers"
    link.click()
    wait(browser, lambda d: d.current_url.endswith("/?q=ministers") and d.find_element(By.ID, "summary").text.startswith("3 posts"))
