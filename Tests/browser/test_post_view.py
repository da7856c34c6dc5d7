"""The post view (`/?post=ID&q=…`): structure, marks, filter links, the original, related
posts, and the way back to the results, also from a shared link."""
import json
import urllib.request
from urllib.parse import quote

from selenium.webdriver.common.by import By

from conftest import STRUCTURED_PARTS, load, screenshot, wait


def test_post_view_from_the_results(server, browser):
    load(browser, server.base + "/?q=archives")
    length = browser.execute_script("return history.length")
    hit = next(h for h in browser.find_elements(By.CSS_SELECTOR, ".hit") if "structured guide" in h.text)
    assert hit.find_element(By.CSS_SELECTOR, "h2 a").get_attribute("href") == "https://news.example.org/guides/structure"
    hit.find_element(By.CLASS_NAME, "read-here").click()
    wait(browser, lambda d: d.find_elements(By.ID, "post-title"))
    assert "post=guides%2Fstructure" in browser.current_url and "q=archives" in browser.current_url
    assert browser.find_element(By.ID, "post-title").text == "A structured guide to archives"

    # The body's structure from the post's blocks: its heading one level below the title, a list,
    # code, a quotation. A server whose posts carry no blocks (an index made before them) gets
    # the documented fallback instead: paragraphs between blank lines.
    body = browser.find_element(By.ID, "post-body")
    texts = dict(STRUCTURED_PARTS)
    with urllib.request.urlopen(server.base + "/posts/" + quote("guides/structure", safe="")) as response:
        stored = json.load(response)
    if stored.get("blocks"):
        assert body.find_element(By.CSS_SELECTOR, "h3").text == texts["h2"]
        assert [li.text for li in body.find_elements(By.CSS_SELECTOR, "ul > li")] == [t for k, t in STRUCTURED_PARTS if k == "li"]
        assert body.find_element(By.CSS_SELECTOR, "pre > code").text == texts["pre"]
        assert body.find_element(By.CSS_SELECTOR, "blockquote").text == texts["blockquote"]
        assert "How to" in browser.find_element(By.CSS_SELECTOR, "#post .fields").text
    else:
        print("post view: the server gives no blocks; checking the paragraphs fallback")
        assert [p.text for p in body.find_elements(By.CSS_SELECTOR, ":scope > p")] == [t for _, t in STRUCTURED_PARTS]
        assert not body.find_elements(By.CSS_SELECTOR, "h3, ul, pre, blockquote")

    # The search words marked (archive, archives), in the title and the body.
    marks = [m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, "#post mark")]
    assert "archives" in marks and "archive" in marks, marks

    # Tags, date, author and category are filters; the original is linked.
    tag = browser.find_element(By.CSS_SELECTOR, "#post .tags a")
    assert tag.text == "#guides" and "tag=guides" in tag.get_attribute("href")
    meta = browser.find_element(By.ID, "post-meta")
    assert [a.text for a in meta.find_elements(By.TAG_NAME, "a")] == ["2023-03-08", "Rosa Lind", "Guides"]
    assert browser.find_element(By.ID, "original").get_attribute("href") == "https://news.example.org/guides/structure"

    related = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#related li a"))
    assert related and browser.find_element(By.ID, "related-title").text == "Related posts"
    screenshot(browser, "post.png")

    # Back to the results: the browser's own back (a new entry was pushed for the post).
    assert browser.execute_script("return history.length") == length + 1
    browser.find_element(By.ID, "back").click()
    wait(browser, lambda d: "post=" not in d.current_url and d.find_elements(By.CSS_SELECTOR, ".hit"))
    assert browser.current_url.endswith("/?q=archives")

    # A related post opens in the page; a filter link leads to the filtered results.
    load(browser, server.base + "/?post=" + quote("guides/structure", safe="") + "&q=archives")
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#related li a"))[0].click()
    wait(browser, lambda d: "guides%2Fstructure" not in d.current_url and d.find_elements(By.ID, "post-title"))
    browser.back()
    wait(browser, lambda d: d.find_element(By.ID, "post-title").text == "A structured guide to archives")
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#post .tags a"))[0].click()
    wait(browser, lambda d: d.current_url.endswith("/?tag=guides") and d.find_elements(By.CSS_SELECTOR, ".hit"))


def test_back_from_a_shared_link_stays_on_the_site(server, browser):
    browser.get("about:blank")
    shared = server.base + "/?post=" + quote("news/2021/ministerial-meeting.txt", safe="") + "&q=ministers&category=Activities"
    load(browser, shared)
    assert browser.find_element(By.ID, "post-title").text == "Ministerial meeting"
    assert [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#post-body mark")][:1] == ["ministers"]
    back = browser.find_element(By.ID, "back")
    assert back.get_attribute("href") == server.base + "/?q=ministers&category=Activities"
    back.click()
    wait(browser, lambda d: d.current_url == server.base + "/?q=ministers&category=Activities")
    wait(browser, lambda d: d.find_element(By.ID, "summary").text.startswith("1 post"))


# Answers /posts/fake with a post of the tests' own (the page's contract: blocks are
# [kind, start, end] in UTF-16 units into body), whatever the index holds.
FAKE_POST = """
const post = POST;
const fetch0 = window.fetch;
window.fetch = (url, options) => /\\/posts\\/fake$/.test(String(url))
  ? Promise.resolve(new Response(JSON.stringify(post), {status: 200, headers: {"content-type": "application/json"}}))
  : fetch0(url, options);
"""


def test_blocks_are_sliced_in_utf16_units(server, browser):
    parts = [("h1", "Café 🎉 notes"), ("p", "Emoji 🎉🎉 before the list keep offsets right."), ("li", "Ž first"), ("li", "second"),
             ("h4", "Deep heading"), ("pre", "let x = \"<b>\";"), ("p", "Last paragraph.")]
    body, blocks = "", []
    for kind, text in parts:
        body += "\n\n" if body else ""
        start = len(body.encode("utf-16-le")) // 2
        body += text
        blocks.append([kind, start, start + len(text.encode("utf-16-le")) // 2])
    post = {"id": "fake", "title": "Fake", "date": None, "authors": [], "categories": [], "tags": [], "url": None,
            "language": None, "body": body, "blocks": blocks, "fields": {"series": ["A", "B"]}}
    source = "(() => {" + FAKE_POST.replace("POST", json.dumps(post)) + "})();"
    script = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})
    try:
        load(browser, server.base + "/?post=fake&q=paragraph")
        body_element = browser.find_element(By.ID, "post-body")
        assert [h.text for h in body_element.find_elements(By.CSS_SELECTOR, "h2, h5")] == ["Café 🎉 notes", "Deep heading"]
        assert [li.text for li in body_element.find_elements(By.CSS_SELECTOR, "ul > li")] == ["Ž first", "second"]
        assert body_element.find_element(By.CSS_SELECTOR, "pre code").text == "let x = \"<b>\";"
        assert [p.text for p in body_element.find_elements(By.CSS_SELECTOR, ":scope > p")] == [parts[1][1], parts[6][1]]
        assert [m.text for m in body_element.find_elements(By.TAG_NAME, "mark")] == ["paragraph"]
        assert browser.find_element(By.CSS_SELECTOR, "#post .fields dd").text == "A, B"
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})
