"""The search page at `/` on a desktop-sized window: searching, facets, sort, chips, months,
pages, the empty state, escaping, and the page's weight and policy."""
import re
import urllib.request

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import HOSTILE, TITLE, load, screenshot, summary, wait


def search(driver, words):
    """Types words and Enter; the summary once this search has answered."""
    driver.execute_script("document.getElementById('summary').textContent = ''")
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(words, Keys.ENTER)
    wait(driver, lambda d: f"q={words.split()[0]}" in d.current_url)
    return summary(driver)


def facet_counts(driver, name):
    counts = {}
    for box in driver.find_elements(By.CSS_SELECTOR, f"input[name={name}]"):
        row = box.find_element(By.XPATH, "..")
        counts[box.get_attribute("value")] = (int(row.find_element(By.CLASS_NAME, "count").text), box.is_selected())
    return counts


def hit_dates(driver):
    return [re.match(r"\d{4}-\d{2}-\d{2}", p.text).group(0) for p in driver.find_elements(By.CSS_SELECTOR, ".hit .meta")
            if re.match(r"\d{4}-\d{2}-\d{2}", p.text)]


def test_search_filters_pages_and_escaping(server, browser):
    text = load(browser, server.base + "/")
    assert browser.title == TITLE and browser.find_element(By.ID, "home").text == TITLE
    assert text.startswith("20 posts — 1–10"), text

    # A query: hits with marked words and facet counts.
    assert search(browser, "ministers").startswith("3 posts")
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".hit h2 a")]
    assert "Ministerial meeting" in titles
    assert browser.find_elements(By.CSS_SELECTOR, ".hit .snippet mark"), "matched words are marked"
    before = facet_counts(browser, "category")
    assert before["International event"] == (2, False), before

    # Tick a category: fewer results, the other categories keep their counts (multi-select).
    browser.find_element(By.CSS_SELECTOR, "input[name=category][value='Activities']").click()
    wait(browser, lambda d: "category=Activities" in d.current_url and d.find_element(By.ID, "summary").text.startswith("1 post"))
    after = facet_counts(browser, "category")
    assert after["Activities"] == (1, True), after
    assert after["International event"][0] == 2, "other values counted as if the filter were absent"

    # The back button undoes the tick.
    browser.back()
    wait(browser, lambda d: d.find_element(By.ID, "summary").text.startswith("3 posts"))

    # A hostile title and body are shown as text and run nothing; a javascript: url is no link.
    search(browser, "alert")
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".hit h2 a")]
    assert HOSTILE in titles, titles
    assert "<img src=x onerror=alert(2)>" in browser.find_element(By.CSS_SELECTOR, ".hit .snippet").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#results script, #results img")
    assert not [a for a in browser.find_elements(By.CSS_SELECTOR, "#results a") if (a.get_attribute("href") or "").startswith("javascript:")]
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text


def test_sort(server, browser):
    load(browser, server.base + "/?q=search&sort=newest")
    sort = Select(browser.find_element(By.ID, "sort"))
    assert sort.first_selected_option.get_attribute("value") == "newest", "the URL's sort is shown"
    newest = hit_dates(browser)
    assert len(newest) > 3 and newest == sorted(newest, reverse=True), newest
    sort.select_by_value("oldest")
    wait(browser, lambda d: "sort=oldest" in d.current_url and hit_dates(d) and hit_dates(d)[0] < newest[0])
    oldest = hit_dates(browser)
    assert oldest == sorted(oldest), oldest
    Select(browser.find_element(By.ID, "sort")).select_by_value("relevance")
    wait(browser, lambda d: "sort=" not in d.current_url)


def test_chips_and_clear_all(server, browser):
    load(browser, server.base + "/?q=search")
    browser.find_element(By.CSS_SELECTOR, "input[name=category][value='Explainers']").click()
    wait(browser, lambda d: "category=Explainers" in d.current_url)
    wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, "input[name=author][value='Sam Reed']"))).click()
    wait(browser, lambda d: "author=Sam+Reed" in d.current_url and len(d.find_elements(By.CSS_SELECTOR, ".chip")) == 2)
    chips = [c.text for c in browser.find_elements(By.CSS_SELECTOR, ".chip")]
    assert chips == ["Category: Explainers ×", "Author: Sam Reed ×"], chips
    assert browser.find_element(By.ID, "filter-count").get_attribute("textContent") == " (2)"

    # One chip removes its filter only.
    browser.find_element(By.CSS_SELECTOR, ".chip[aria-label='Remove Author: Sam Reed']").click()
    wait(browser, lambda d: "author=" not in d.current_url and "category=Explainers" in d.current_url)
    assert [c.text for c in browser.find_elements(By.CSS_SELECTOR, ".chip")] == ["Category: Explainers ×"]

    # A date range is a chip too; "Clear all" removes every filter and keeps the words.
    load(browser, server.base + "/?q=search&category=Search&from=2020-01-01&to=2021-12-31&language=en")
    chips = [c.text for c in browser.find_elements(By.CSS_SELECTOR, ".chip")]
    assert "Date: 2020-01-01 – 2021-12-31 ×" in chips and "Language: English (en) ×" in chips, chips
    browser.find_element(By.ID, "clear-all").click()
    wait(browser, lambda d: d.current_url.endswith("/?q=search") and not d.find_elements(By.CSS_SELECTOR, ".chip"))


def test_months_in_calendar_order_with_names(server, browser):
    load(browser, server.base + "/")
    browser.find_element(By.CSS_SELECTOR, ".years button[data-key='year:2021']").click()
    wait(browser, lambda d: "from=2021&to=2021" in d.current_url and d.find_elements(By.CSS_SELECTOR, ".months button"))
    months = browser.find_elements(By.CSS_SELECTOR, ".months button")
    keys = [m.get_attribute("data-key") for m in months]
    assert keys == sorted(keys) and len(keys) >= 3, keys
    names = [browser.execute_script("return arguments[0].firstChild.textContent", m) for m in months]
    assert set(names) <= {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}, names
    june = browser.find_element(By.CSS_SELECTOR, ".months button[data-key='month:2021-06']")
    assert re.fullmatch(r"June 2021, \d+ posts?", june.get_attribute("aria-label")), june.get_attribute("aria-label")
    june.click()
    wait(browser, lambda d: "from=2021-06&to=2021-06" in d.current_url)
    chip = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".chip"))
    assert chip.text == "Date: June 2021 ×"
    assert wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".months button[data-key='month:2021-06']")).get_attribute("aria-pressed") == "true"
    chip.click()
    wait(browser, lambda d: "from=" not in d.current_url and not d.find_elements(By.CSS_SELECTOR, ".chip"))


def test_page_numbers_and_back_to_the_top(server, browser):
    browser.set_window_size(1200, 600)
    try:
        load(browser, server.base + "/")
        numbers = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#pages a.page, #pages [aria-current=page]")]
        assert numbers == ["1", "2"], numbers
        browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
        bottom = browser.execute_script("return scrollY")
        assert bottom > 200, "the page is long enough to scroll"
        browser.find_element(By.ID, "next").click()
        wait(browser, lambda d: "offset=10" in d.current_url and "11–20" in d.find_element(By.ID, "summary").text)
        top = browser.execute_script("return document.getElementById('results').getBoundingClientRect().top")
        assert -1 <= top < 100, f"the new page starts at the top of the results ({top})"
        assert browser.execute_script("return document.activeElement.id") == "summary"
        browser.find_element(By.CSS_SELECTOR, "#pages a.page").click()
        wait(browser, lambda d: "offset=" not in d.current_url and "1–10" in d.find_element(By.ID, "summary").text)
    finally:
        browser.set_window_size(1200, 900)


def test_empty_state_and_empty_filters(server, browser):
    load(browser, server.base + "/?q=zzqqxxw&category=Search")
    empty = wait(browser, lambda d: d.find_element(By.ID, "empty"))
    assert "No posts match “zzqqxxw”" in empty.text
    assert "Tips" in empty.text
    browser.find_element(By.ID, "remove-filters").click()
    wait(browser, lambda d: "category" not in d.current_url and "q=zzqqxxw" in d.current_url)

    # An empty filter in the URL ticks nothing and is never sent.
    load(browser, server.base + "/?q=ministers&category=&author=")
    assert summary(browser).startswith("3 posts")
    assert not browser.find_elements(By.CSS_SELECTOR, "input[name=category][value='']")
    assert not [b for b in browser.find_elements(By.CSS_SELECTOR, "input[type=checkbox]") if b.is_selected()]
    sent = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/search?'))")
    assert sent and not [u for u in sent if re.search(r"(category|author|tag|language)=(&|$)", u)], sent


def test_desktop_screenshot(server, browser):
    load(browser, server.base + "/?q=search&category=Search&category=Explainers&sort=newest")
    first = browser.find_element(By.CSS_SELECTOR, ".hit").rect
    filters = browser.find_element(By.ID, "filters").rect
    assert filters["x"] < first["x"], "filters on the left of the results on a wide screen"
    screenshot(browser, "desktop.png")


def test_page_weight_and_policy(server):
    total = 0
    for path in ("/", "/app.css", "/app.js", "/favicon.ico"):
        with urllib.request.urlopen(server.base + path) as response:
            total += len(response.read())
            assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    print(f"page weight: {total} bytes")
    assert total < 60_000
