"""What a person sees: the home page, instant search, facets, keyboard use, pages without
JavaScript, and an automated accessibility check (axe-core)."""
import os
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, chrome

SCREENSHOTS = os.environ.get("ATRIUM_SCREENSHOTS")  # set to a folder to keep screenshots


def wait(browser, condition, timeout=10):
    return WebDriverWait(browser, timeout).until(lambda driver: condition(driver))


def result_names(browser):
    return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#result-list li.result h2 a")]


def search(browser, site_url, query):
    browser.get(site_url)
    box = browser.find_element(By.ID, "search-input")
    box.clear()
    box.send_keys(query)
    wait(browser, lambda d: d.find_element(By.ID, "results").is_displayed()
         and "project" in d.find_element(By.ID, "result-count").text.lower())
    return result_names(browser)


def test_home_lists_every_sample(browser, site_url, no_console_errors):
    browser.get(site_url)
    cards = browser.find_elements(By.CSS_SELECTOR, "#all-projects > li.project-card")
    assert len(cards) == 8
    assert browser.title == "Projects · Acme InnerSource Catalogue"
    assert not browser.find_element(By.ID, "results").is_displayed()


def test_search_finds_projects_in_order(browser, site_url, no_console_errors):
    names = search(browser, site_url, "payments")
    assert names[0] == "Payments SDK"
    names = search(browser, site_url, "design system")
    assert names[0] == "Pebble Mobile Design System"
    # A prefix is enough.
    assert search(browser, site_url, "observab")[0] == "Observability Dashboards"
    # The query is in the URL, so the view can be shared.
    assert urllib.parse.parse_qs(urllib.parse.urlparse(browser.current_url).query)["q"] == ["observab"]
    # Matching words are highlighted with <mark>, built as elements, not markup.
    marks = browser.find_elements(By.CSS_SELECTOR, "#result-list mark")
    assert any(mark.text.lower().startswith("observab") for mark in marks)


def test_no_results(browser, site_url, no_console_errors):
    search(browser, site_url, "zebrafinchquux")
    assert browser.find_element(By.ID, "result-count").text == "No projects match."
    assert result_names(browser) == []


def test_facets_narrow_results(browser, site_url, no_console_errors):
    browser.get(site_url)
    # "i18n" is not among the most common topics the facet shows: its filter box finds it.
    assert browser.find_elements(By.CSS_SELECTOR, 'input[name="topic"][value="i18n"]') == []
    browser.find_element(By.CSS_SELECTOR, '[data-facet-frame="topic"] input.facet-filter').send_keys("i18")
    checkbox = wait(browser, lambda d: (d.find_elements(By.CSS_SELECTOR, 'input[name="topic"][value="i18n"]') or [None])[0])
    checkbox.click()
    wait(browser, lambda d: d.find_element(By.ID, "results").is_displayed() and len(result_names(d)) >= 1)
    assert result_names(browser) == ["Übersetzungs-Service 🌍"]
    assert not browser.find_element(By.ID, "all-projects").is_displayed()
    assert "topic=i18n" in browser.current_url
    # A query and a facet together: both must hold.
    box = browser.find_element(By.ID, "search-input")
    box.send_keys("payments")
    wait(browser, lambda d: d.find_element(By.ID, "result-count").text == "No projects match.")
    checkbox = browser.find_element(By.CSS_SELECTOR, 'input[name="topic"][value="i18n"]')
    checkbox.click()
    wait(browser, lambda d: "Payments SDK" in result_names(d))


def facet_counts(browser):
    """(facet, value) -> the count its label shows."""
    counts = {}
    for box in browser.find_elements(By.CSS_SELECTOR, "fieldset.facet[data-facet] input[type=checkbox]"):
        label = box.find_element(By.XPATH, "./ancestor::label")
        counts[(box.get_attribute("name"), box.get_attribute("value"))] = int(label.find_element(By.CSS_SELECTOR, ".facet-count").text)
    return counts


def test_facet_counts_follow_the_query_and_the_other_facets(browser, site_url, no_console_errors):
    for query, second in [("payments", None), ("service", ("accepts", "documentation"))]:
        search(browser, site_url, query)
        if second:
            browser.find_element(By.CSS_SELECTOR, 'input[name="%s"][value="%s"]' % second).click()
            wait(browser, lambda d: second[0] + "=" in d.current_url)
        wait(browser, lambda d: sum(facet_counts(d).values()) > 0)
        counts = facet_counts(browser)
        # Several values, zero and non-zero: selecting one gives exactly the count it showed.
        checked = [key for key in sorted(counts) if key != second][:12]
        for name, value in checked:
            if second and name == second[0]:
                continue
            url = browser.current_url
            box = browser.find_element(By.CSS_SELECTOR, 'input[name="%s"][value="%s"]' % (name, value))
            box.click()
            wait(browser, lambda d: d.current_url != url)
            expected = counts[(name, value)]
            wait(browser, lambda d: len(result_names(d)) == expected
                 or (expected == 0 and d.find_element(By.ID, "result-count").text == "No projects match."))
            empty = "facet-empty" in box.find_element(By.XPATH, "./ancestor::label").get_attribute("class")
            box = browser.find_element(By.CSS_SELECTOR, 'input[name="%s"][value="%s"]' % (name, value))
            url = browser.current_url
            box.click()
            wait(browser, lambda d: d.current_url != url)
            assert empty == (expected == 0), (name, value)
        assert any(counts[key] == 0 for key in checked) and any(counts[key] > 0 for key in checked)


def test_shared_url_restores_the_view(browser, site_url, no_console_errors):
    browser.get(site_url + "?q=gateway&sort=name")
    wait(browser, lambda d: len(result_names(d)) > 0)
    assert result_names(browser)[0] == "search-gateway"
    assert browser.find_element(By.ID, "search-input").get_attribute("value") == "gateway"
    assert browser.find_element(By.ID, "sort").get_attribute("value") == "name"


def test_keyboard(browser, site_url, no_console_errors):
    browser.get(site_url)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("/")
    active = browser.switch_to.active_element
    assert active.get_attribute("id") == "search-input"
    active.send_keys("flags")
    wait(browser, lambda d: len(result_names(d)) > 0)
    active.send_keys(Keys.ARROW_DOWN)
    focused = browser.switch_to.active_element
    assert focused.tag_name == "a" and focused.text == result_names(browser)[0]
    focused.send_keys(Keys.ARROW_UP)
    box = browser.switch_to.active_element
    assert box.get_attribute("id") == "search-input"
    box.send_keys(Keys.ESCAPE)
    wait(browser, lambda d: d.find_element(By.ID, "search-input").get_attribute("value") == "")
    assert browser.find_element(By.ID, "all-projects").is_displayed()


def test_hostile_query_is_text(browser, site_url, no_console_errors):
    payload = '"><img src=x onerror="document.title=\'pwned\'">'
    browser.get(site_url + "?q=" + urllib.parse.quote(payload))
    wait(browser, lambda d: d.find_element(By.ID, "result-count").text != "")
    assert browser.title != "pwned"
    assert browser.find_elements(By.CSS_SELECTOR, "#results img") == []
    assert browser.find_element(By.ID, "search-input").get_attribute("value") == payload


def test_project_page_shows_how_to_contribute(browser, site_url, no_console_errors):
    browser.get(site_url + "projects/payments-sdk/")
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "Payments SDK" in text
    assert "make bootstrap" in text
    assert "#payments-dev" in text
    assert "We review pull requests within 2 business days." in text


def test_every_project_is_reachable_without_javascript(site_url):
    driver = chrome(javascript=False)
    try:
        driver.get(site_url)
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#all-projects h2 a")]
        assert len(links) == 8
        driver.get(site_url + "owners/")
        assert "@acme/payments-team" in driver.find_element(By.TAG_NAME, "main").text
        driver.get(site_url + "topics/i18n/")
        assert "Übersetzungs-Service" in driver.find_element(By.TAG_NAME, "main").text
    finally:
        driver.quit()


ACCESSIBILITY_PAGES = ["", "projects/payments-sdk/", "projects/search-gateway/", "all/", "owners/",
                       "owners/acme-payments-team/", "topics/", "topics/i18n/", "pages/what-is-innersource/",
                       "404.html", "?q=payments", "?q=payments&topic=payments"]


def serious_violations(driver):
    from axe_selenium_python import Axe
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", ACCESSIBILITY_PAGES)
def test_accessibility(browser, site_url, path):
    browser.get(site_url + path)
    if path.startswith("?"):
        wait(browser, lambda d: len(result_names(d)) > 0)
    assert serious_violations(browser) == []


@pytest.fixture(scope="module")
def no_script_browser():
    """A browser in which the pages' own scripts never load (every .js request is blocked), so
    a page is what its HTML alone gives; the test's own scripts (axe) still run."""
    driver = chrome()
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*.js"]})
    yield driver
    driver.quit()


@pytest.mark.parametrize("path", [p for p in ACCESSIBILITY_PAGES if not p.startswith("?")])
def test_accessibility_without_javascript(no_script_browser, site_url, path):
    no_script_browser.get(site_url + path)
    assert no_script_browser.execute_script("return document.querySelector('.facet-toggle')") is None
    assert serious_violations(no_script_browser) == []


def test_screenshots(browser, site_url):
    """Pictures of what a person sees, for docs/ (kept when ATRIUM_SCREENSHOTS names a folder):
    (file, page, window width)."""
    shots = [("home.png", "", 1280), ("project.png", "projects/payments-sdk/", 1280), ("search.png", "?q=payments", 1280),
             ("raw-html.png", "projects/search-gateway/#readme", 1280), ("team.png", "owners/acme-payments-team/", 1280),
             ("facet-filter.png", "?topic=i18n", 1280), ("project-phone.png", "projects/payments-sdk/", 360)]
    folder = SCREENSHOTS or os.path.join(ROOT, ".build", "screenshots")
    os.makedirs(folder, exist_ok=True)
    try:
        for name, path, width in shots:
            browser.set_window_size(width, 1000)
            browser.get(site_url + path)
            if path.startswith("?"):
                wait(browser, lambda d: len(result_names(d)) > 0)
            if "#" in path:
                browser.execute_script("document.getElementById(arguments[0]).scrollIntoView()", path.split("#")[1])
            if name == "facet-filter.png":
                browser.find_element(By.CSS_SELECTOR, '[data-facet-frame="topic"] input.facet-filter').send_keys("i")
                wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, '[data-facet-frame="topic"] .facet-none').is_displayed())
            assert browser.save_screenshot(os.path.join(folder, name))
            assert os.path.getsize(os.path.join(folder, name)) > 10_000
    finally:
        browser.set_window_size(1280, 1000)


def test_similar_projects(browser, site_url, no_console_errors):
    browser.get(site_url + "projects/feature-flags/")
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#similar-list li a")) > 0)
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#similar-list li a")]
    assert "Feature Flags - Acme Toggle Service" not in names
    assert 1 <= len(names) <= 5
    # Without JavaScript the topic lists stand in for it.
    topics = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".similar p a")]
    assert any(href.endswith("/topics/platform/") for href in topics)


def test_common_raw_html_renders(browser, site_url, no_console_errors):
    """A README's centred logo, badges, details, kbd and line breaks survive the sanitiser."""
    browser.get(site_url + "projects/search-gateway/")
    readme = browser.find_element(By.CSS_SELECTOR, "#readme .markdown-body")
    assert readme.find_elements(By.CSS_SELECTOR, 'p[align="center"] img[alt="Search Gateway logo"]')
    assert len(readme.find_elements(By.CSS_SELECTOR, 'p[align="center"] a img')) == 3
    assert readme.find_elements(By.CSS_SELECTOR, "details > summary")
    assert [k.text for k in readme.find_elements(By.TAG_NAME, "kbd")][:2] == ["Ctrl", "K"]
    assert readme.find_elements(By.CSS_SELECTOR, "details table td")
    assert browser.find_elements(By.CSS_SELECTOR, "script:not([src])") == []
