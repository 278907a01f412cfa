"""The SAP InnerSource Portal (../shared/clients/sap-innersource-portal, a real client no one
here wrote) reading the `repos.json` that Atrium exports: copied to a temporary folder with the
export beside its index.html, served on loopback, loaded in headless Chromium. With the samples,
every project has its card and its detail view and nothing is logged as an error; with the
hostile corpus, no payload runs (the portal puts `html_url`, `docs` and `logo` into href/src and
shows some values through tooltips that read HTML)."""
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
import urllib.parse
import xml.etree.ElementTree

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BINARY, ROOT, QuietHandler, build_catalogue, chrome
from test_hostile import CORPUS, DETECTOR, write_site

SHARED = os.environ.get("ATRIUM_SHARED", os.path.join(ROOT, "..", "shared"))
PORTAL = os.path.join(SHARED, "clients", "sap-innersource-portal")

pytestmark = pytest.mark.skipif(not os.path.isfile(os.path.join(PORTAL, "index.html")),
                                reason="needs ../shared/clients/sap-innersource-portal (set ATRIUM_SHARED)")


class Portal:
    """A copy of the portal with one catalogue's repos.json, on http://127.0.0.1:<free port>/."""

    def __init__(self, work, public):
        self.folder = os.path.join(work, "portal")
        shutil.copytree(PORTAL, self.folder)
        shutil.copy(os.path.join(public, "repos.json"), os.path.join(self.folder, "repos.json"))
        with open(os.path.join(self.folder, "repos.json"), encoding="utf-8") as f:
            self.repos = json.load(f)
        handler = lambda *a, **k: QuietHandler(*a, directory=self.folder, **k)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d/" % self.server.server_address[1]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def work():
    folder = tempfile.mkdtemp(prefix="atrium-portal-")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def open_portal(driver, portal):
    driver.get(portal.url + "index.html")
    WebDriverWait(driver, 20).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#cards > *")) == len(portal.repos))


def open_details(driver, repo):
    """Clicks the project's card (on its description, not a link) and waits for the detail view."""
    driver.execute_script("window.scrollTo(0, 0)")
    for card in driver.find_elements(By.CSS_SELECTOR, "#cards .card"):
        if card.get_attribute("onclick") == "showModal(%d, event)" % repo["id"]:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", card)
            card.find_element(By.CSS_SELECTOR, ".card-description").click()
            break
    else:
        raise AssertionError("no card for %s" % repo["full_name"])
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "modal-details").value_of_css_property("display") == "block"
        and d.find_elements(By.CSS_SELECTOR, "#modal-details h4"))
    return driver.find_element(By.ID, "modal-details")


def close_details(driver):
    driver.execute_script("M.Modal.getInstance(document.getElementById('modal-details')).close()")
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "modal-details").value_of_css_property("display") == "none")


def errors(driver, origin):
    """What the page logged as errors; the browser's own request for a favicon, which the
    portal does not ship, is not the page's."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"
            and not (entry.get("source") == "network" and not entry["message"].startswith(origin))
            and not entry["message"].startswith(origin + "favicon.ico ")]


def test_every_sample_project_has_a_card_and_a_detail_view(work):
    public = build_catalogue(ROOT, os.path.join(work, "samples-public"))
    portal = Portal(os.path.join(work, "samples"), public)
    with open(os.path.join(public, "api", "projects.json"), encoding="utf-8") as f:
        projects = json.load(f)
    assert len(portal.repos) == len(projects) == 8
    driver = chrome()
    try:
        driver.get_log("browser")
        open_portal(driver, portal)
        assert driver.find_element(By.ID, "count").text == "8"
        titles = [e.text.split("\n")[0] for e in driver.find_elements(By.CSS_SELECTOR, "#cards .card-title")]
        assert sorted(titles) == sorted(p["name"] for p in projects)
        guides = []
        for repo in portal.repos:
            modal = open_details(driver, repo)
            metadata = repo["_InnerSourceMetadata"]
            assert modal.find_element(By.TAG_NAME, "h4").text == metadata["title"]
            if repo.get("description"):
                assert repo["description"] in modal.text
            for topic in metadata["topics"]:
                assert topic in modal.text
            contribute = modal.find_element(By.XPATH, ".//a[normalize-space()='CONTRIBUTE']").get_attribute("href")
            # The contribution guide, where the repository has one.
            if metadata.get("guidelines"):
                expected = "%s/blob/%s/%s" % (repo["html_url"], repo["default_branch"], metadata["guidelines"])
            else:
                expected = metadata.get("docs") or repo["html_url"]
            assert contribute == expected, (repo["full_name"], contribute)
            if metadata.get("guidelines") or metadata.get("docs"):
                assert "contributing" in contribute.lower(), contribute
                guides.append(repo["name"])
            close_details(driver)
        samples = os.path.join(ROOT, "content", "samples")
        with_guide = [name for name in os.listdir(samples) if any(
            f.lower().startswith("contributing") for folder in ["", ".github", "docs"]
            if os.path.isdir(os.path.join(samples, name, folder)) for f in os.listdir(os.path.join(samples, name, folder)))]
        assert sorted(guides) == sorted(with_guide), "Contribute leads to the guide wherever there is one"
        assert errors(driver, portal.url) == []
    finally:
        driver.quit()
        portal.stop()


def test_the_hostile_corpus_runs_no_script_in_the_portal(work):
    site = os.path.join(work, "hostile-site")
    write_site(site, manifest=True)
    public = build_catalogue(site, os.path.join(work, "hostile-public"))
    portal = Portal(os.path.join(work, "hostile"), public)
    assert len(portal.repos) >= 40
    # What the portal puts into href/src: web addresses only (or its own placeholder image).
    for repo in portal.repos:
        metadata = repo["_InnerSourceMetadata"]
        for url in [repo.get("html_url"), metadata.get("docs"), metadata.get("logo")]:
            assert url is None or urllib.parse.urlsplit(url).scheme in ("http", "https"), url
        assert repo["owner"]["avatar_url"] == "./images/default1.png"
        assert isinstance(repo["id"], int)
    text = json.dumps(portal.repos, ensure_ascii=False)
    assert "<" not in text and ">" not in text
    # The feed and every badge stay well-formed XML whatever the repositories say.
    feed = xml.etree.ElementTree.parse(os.path.join(public, "feed.xml")).getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == min(50, len(portal.repos))
    badges = [os.path.join(public, "projects", slug, "badge.svg") for slug in os.listdir(os.path.join(public, "projects"))]
    assert len(badges) == len(portal.repos)
    for badge in badges:
        assert xml.etree.ElementTree.parse(badge).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    driver = chrome()
    driver.set_page_load_timeout(20)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": DETECTOR})
    try:
        open_portal(driver, portal)
        # Every detail view, with its tooltips shown (they render their text as HTML).
        for repo in portal.repos:
            open_details(driver, repo)
            driver.execute_script("""
                for (const el of document.querySelectorAll('#modal-details .tooltipped'))
                  el.dispatchEvent(new MouseEvent('mouseenter', {bubbles: true}));""")
            close_details(driver)
        driver.execute_script("""
            for (const el of document.querySelectorAll('#cards .tooltipped'))
              el.dispatchEvent(new MouseEvent('mouseenter', {bubbles: true}));""")
        driver.execute_script("""
            for (const el of document.querySelectorAll('#cards .tooltipped'))
              el.dispatchEvent(new MouseEvent('mouseleave', {bubbles: true}));
            window.scrollTo(0, 0);""")
        for query in ["script", "onerror", "alert", "javascript"]:
            box = WebDriverWait(driver, 10).until(expected_conditions.element_to_be_clickable((By.ID, "search")))
            box.clear()
            box.send_keys(query)
        log = driver.execute_script("return window.__hostile")
        assert log is not None, "the detector did not run"
        assert log["calls"] == [], log["calls"]
        assert driver.execute_script("return document.documentElement.hasAttribute('data-pwned')") is False
        assert driver.current_url.startswith(portal.url)
    finally:
        driver.quit()
        portal.stop()
