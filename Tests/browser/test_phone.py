"""The search page on a 390×844 phone: results first, filters in a drawer."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import PHONE, load, screenshot, wait


def drawer_open(driver):
    return driver.execute_script("return document.body.classList.contains('filters-open')")


def slid_in(driver, drawer):
    """Waits until the drawer has slid in: within the screen, at its right edge."""
    wait(driver, lambda d: drawer_open(d) and abs(drawer.rect["x"] + drawer.rect["width"] - PHONE[0]) < 1)


def test_first_result_on_the_first_screen_and_the_filter_drawer(server, phone):
    load(phone, server.base + "/?q=migration")
    assert phone.execute_script("return [innerWidth, innerHeight]") == list(PHONE)
    title = phone.find_element(By.CSS_SELECTOR, ".hit h2").rect
    assert title["y"] + title["height"] <= PHONE[1], f"the first result's title is on the first screen: {title}"
    first = phone.find_element(By.CSS_SELECTOR, ".hit").rect
    print(f"phone: first result at y={first['y']:.0f}, bottom {first['y'] + first['height']:.0f} of {PHONE[1]}")
    assert first["y"] + first["height"] <= PHONE[1], "and all of it"
    facets = phone.find_element(By.ID, "filters")
    assert not facets.is_displayed(), "facets wait behind the Filter button"
    assert phone.execute_script("return document.documentElement.scrollWidth") <= PHONE[0], "no sideways scrolling"
    screenshot(phone, "phone.png")

    # The drawer opens over the results, with the keyboard in it.
    button = phone.find_element(By.ID, "filter-button")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    wait(phone, lambda d: facets.is_displayed() and drawer_open(d))
    assert button.get_attribute("aria-expanded") == "true"
    assert phone.execute_script("return document.activeElement.id") == "filters"
    slid_in(phone, facets)

    # Ticking a value searches at once; the drawer stays open and says how many posts it shows.
    phone.find_element(By.CSS_SELECTOR, "input[name=category][value='Data']").click()
    wait(phone, lambda d: "category=Data" in d.current_url and d.find_element(By.ID, "close-filters").text == "Show 1 post")
    assert drawer_open(phone)
    focused = phone.switch_to.active_element
    assert (focused.get_attribute("name"), focused.get_attribute("value")) == ("category", "Data"), "the keyboard stays on the box"
    screenshot(phone, "phone-filters.png")

    # Escape closes it and gives the keyboard back to the button; the choice shows as a chip.
    ActionChains(phone).send_keys(Keys.ESCAPE).perform()
    wait(phone, lambda d: not drawer_open(d) and not facets.is_displayed())
    assert phone.execute_script("return document.activeElement.id") == "filter-button"
    assert phone.find_element(By.ID, "filter-button").text == "Filter (1)"
    chip = phone.find_element(By.CSS_SELECTOR, ".chip")
    assert chip.text == "Category: Data ×" and chip.rect["y"] < phone.find_element(By.CSS_SELECTOR, ".hit").rect["y"]

    # "Show 1 post" closes it too.
    phone.find_element(By.ID, "filter-button").click()
    slid_in(phone, facets)
    phone.find_element(By.ID, "close-filters").click()
    wait(phone, lambda d: not drawer_open(d))
