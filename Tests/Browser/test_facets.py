"""Facets at scale, as a person uses them: on a generated 1,000-repository catalogue a long
facet shows its most common values, "Show all" shows the rest, its filter box finds a value by
typing, counts after a query equal what selecting a value gives, a shared URL with a rare value
shows it selected, every facet and result is reachable from the keyboard alone, and the home
page's first visit stays small."""
import json
import os
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

SHOWN = 8  # the values a facet shows before "Show all"
HOME_BUDGET = 100 * 1024  # HTML + CSS + JS of a first visit, before compression


def wait(browser, condition, timeout=20):
    return WebDriverWait(browser, timeout).until(lambda driver: condition(driver))


def decode_ids(text):
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    ids, previous, number, shift = [], -1, 0, 0
    for c in text:
        digit = digits.index(c)
        number += (digit & 31) << shift
        if digit & 32:
            shift += 5
            continue
        previous += number + 1
        ids.append(previous)
        number = shift = 0
    return ids


def facet_data(out, name):
    with open(os.path.join(out, "search", "facets.json")) as f:
        facet = json.load(f)["facets"][name]
    return {value: decode_ids(ids) for value, ids in zip(facet["values"], facet["documents"])}


def labels(browser, name):
    return browser.find_elements(By.CSS_SELECTOR, 'fieldset[data-facet="%s"] .facet-values label' % name)


def values(browser, name):
    """The values a facet shows, read in one step (the script may redraw the list at any time)."""
    return browser.execute_script(
        "return [...document.querySelectorAll(`fieldset[data-facet=\"${arguments[0]}\"] .facet-values input`)]"
        ".map(box => box.value)", name)


def value_box(browser, name, value):
    return browser.execute_script(
        "return [...document.querySelectorAll(`fieldset[data-facet=\"${arguments[0]}\"] .facet-values input`)]"
        ".find(box => box.value === arguments[1]) ?? null", name, value)


def result_total(browser):
    text = browser.find_element(By.ID, "result-count").text
    return 0 if text.startswith("No projects") else int(text.split()[0])


def test_a_long_facet_shows_the_most_common_values_until_show_all(browser, generated_1k):
    url, out = generated_1k
    owners = facet_data(out, "owner")
    assert len(owners) > 3 * SHOWN, "the generated catalogue should have many owner teams"
    browser.get(url)
    fieldset = browser.find_element(By.CSS_SELECTOR, 'fieldset[data-facet="owner"]')
    shown = values(browser, "owner")
    assert len(shown) == SHOWN
    counts = sorted((len(ids) for ids in owners.values()), reverse=True)
    assert [len(owners[v]) for v in shown] == counts[:SHOWN]
    toggle = browser.find_element(By.CSS_SELECTOR, '[data-facet-frame="owner"] button.facet-toggle')
    assert toggle.text == "Show all %d" % len(owners)
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    wait(browser, lambda d: len(labels(d, "owner")) == len(owners))
    assert sorted(values(browser, "owner")) == sorted(owners)
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    wait(browser, lambda d: len(labels(d, "owner")) == SHOWN)
    # Without JavaScript the list of every owner team is one link away.
    more = fieldset.find_element(By.CSS_SELECTOR, ".facet-more a")
    assert more.text == "All %d owner teams" % len(owners)
    assert more.get_attribute("href") == url + "owners/"


def test_the_filter_box_finds_a_value_by_typing(browser, generated_1k):
    url, out = generated_1k
    owners = facet_data(out, "owner")
    browser.get(url)
    top = set(values(browser, "owner"))
    rare = sorted((v for v in owners if v not in top), key=lambda v: (len(owners[v]), v))[0]
    box = browser.find_element(By.CSS_SELECTOR, '[data-facet-frame="owner"] input.facet-filter')
    box.send_keys(rare)
    wait(browser, lambda d: rare in values(d, "owner"))
    assert all(rare.lower() in v.lower() for v in values(browser, "owner"))
    value_box(browser, "owner", rare).click()
    wait(browser, lambda d: d.find_element(By.ID, "results").is_displayed()
         and d.find_element(By.ID, "result-count").text.endswith(("project", "projects")))
    assert result_total(browser) == len(owners[rare])
    # The selection stays in view once the filter is cleared, and is in the URL.
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    wait(browser, lambda d: len(labels(d, "owner")) == SHOWN + 1)
    assert rare in values(browser, "owner")
    assert ("owner=" + urllib.parse.quote(rare, safe="")) in browser.current_url.replace("+", "%20")


def test_a_shared_url_shows_a_rare_selected_value(browser, generated_1k):
    url, out = generated_1k
    topics = facet_data(out, "topic")
    rare = sorted(topics, key=lambda v: (len(topics[v]), v))[0]
    browser.get(url + "?topic=" + urllib.parse.quote(rare, safe=""))
    wait(browser, lambda d: rare in values(d, "topic"))
    assert value_box(browser, "topic", rare).is_selected()
    wait(browser, lambda d: d.find_element(By.ID, "result-count").text != "")
    assert result_total(browser) == len(topics[rare])


def test_counts_after_a_query_equal_what_selecting_gives(browser, generated_1k):
    url, out = generated_1k
    browser.get(url + "?q=service")
    wait(browser, lambda d: d.find_element(By.ID, "result-count").text.endswith(("project", "projects")))
    total = result_total(browser)
    assert total > 10
    checked = 0
    for name in ["topic", "accepts", "language"]:
        for index in range(min(3, len(labels(browser, name)))):
            label = labels(browser, name)[index]
            promised = int(label.find_element(By.CSS_SELECTOR, ".facet-count").text)
            box = label.find_element(By.TAG_NAME, "input")
            box.click()
            wait(browser, lambda d: "%s=" % name in d.current_url)
            wait(browser, lambda d: result_total(d) == promised or d.find_element(By.ID, "result-count").text == "")
            assert result_total(browser) == promised, (name, box.get_attribute("value"))
            box.click()
            wait(browser, lambda d: result_total(d) == total)
            checked += 1
    assert checked >= 6


def test_keyboard_alone_reaches_every_facet_and_result(browser, generated_1k):
    url, _ = generated_1k
    browser.get(url + "?q=service")
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#result-list li.result h2 a")) > 0)
    browser.find_element(By.ID, "search-input").click()
    reached = []
    for _ in range(400):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        reached.append(browser.execute_script("""
            const el = document.activeElement, f = el.closest('fieldset.facet'), frame = el.closest('.facet-frame');
            return [el.tagName, el.className, f ? f.dataset.facet : frame ? frame.dataset.facetFrame : '',
                    el.closest('#result-list') ? 'result' : ''];"""))
        if reached[-1][3] == "result":
            break
    facets = browser.execute_script("return [...document.querySelectorAll('fieldset.facet')].map(f => f.dataset.facet)")
    assert set(facets) <= {entry[2] for entry in reached}, reached
    assert ["INPUT", "facet-filter"] in [entry[:2] for entry in reached]
    assert ["BUTTON", "facet-toggle"] in [entry[:2] for entry in reached]
    assert reached[-1][3] == "result"
    # Space on a facet value selects it, as on any checkbox.
    browser.get(url)
    box = browser.find_element(By.CSS_SELECTOR, 'fieldset[data-facet="level"] input[type=checkbox]')
    browser.execute_script("arguments[0].focus()", box)
    browser.switch_to.active_element.send_keys(Keys.SPACE)
    wait(browser, lambda d: d.find_element(By.ID, "results").is_displayed())
    assert box.is_selected()


def test_the_first_visit_to_the_home_page_is_small(browser, generated_1k):
    url, out = generated_1k
    browser.get(url)
    wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    files = ["index.html"] + [urllib.parse.urlparse(u).path.lstrip("/") for u in loaded
                              if u.startswith(url) and u.endswith((".js", ".css"))]
    total = sum(os.path.getsize(os.path.join(out, f)) for f in files)
    assert any(f.endswith("search.js") for f in files) and any(f.endswith(".css") for f in files), files
    assert total <= HOME_BUDGET, (total, files)
    # The facets are the same size whatever the catalogue: at most SHOWN values each.
    with open(os.path.join(out, "index.html")) as f:
        html = f.read()
    assert html.count('type="checkbox"') <= 6 * SHOWN
