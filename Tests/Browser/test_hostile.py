"""The hostile corpus (Tests/Hostile/repos, described in Tests/Hostile/VECTORS.md) built into a
catalogue by the real `atrium` binary and read in headless Chromium with a detector installed
before any page script runs. Every page of the site is visited, and the home page's search is run
with queries and facet values that hit the hostile documents. No payload may run.

Two builds: `--scan` (no web template: relative links become text) and a manifest whose entries
have a `web:` template on git.example.invalid (relative links are rewritten).

A detection is evidence that author content ran script: a call to alert/confirm/prompt/print, a
change of document.title, a `data-pwned` attribute on <html>, a request or navigation to
evil.invalid, or the page leaving the catalogue. Content-Security-Policy violations are reported
with the detections (they mean a payload reached the page and only the CSP stopped it), but do
not fail the run on their own. Run with `-rP` to see the summary of a passing run."""
import html.parser
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import types
import urllib.parse

import pytest
from selenium.common.exceptions import NoAlertPresentException, TimeoutException, UnexpectedAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BINARY, ROOT, QuietHandler, build_catalogue, chrome

CORPUS = os.path.join(ROOT, "Tests", "Hostile", "repos")
WEB_TEMPLATE = "https://git.example.invalid/{name}/blob/{ref}/{path}"

# Runs in every frame of every page before the page's own scripts (DevTools
# Page.addScriptToEvaluateOnNewDocument). It records; it never blocks anything.
DETECTOR = r"""
(() => {
  if (window.__hostile) return;
  const log = { calls: [], csp: [] };
  Object.defineProperty(window, "__hostile", { value: log });
  const here = () => String(location.href).slice(0, 160);
  const toTop = (list, entry) => {
    try { if (window.top !== window && window.top.__hostile) window.top.__hostile[list].push(entry); } catch (e) {}
  };
  const report = (kind, detail) => {
    const entry = { kind, detail: String(detail).slice(0, 300), frame: here() };
    log.calls.push(entry);
    toTop("calls", entry);
  };
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    try {
      Object.defineProperty(window, name, {
        value: function () { report(name, Array.from(arguments).join(" ")); return name === "prompt" ? null : false; },
        writable: false, configurable: false,
      });
    } catch (e) {}
  }
  const title = Object.getOwnPropertyDescriptor(Document.prototype, "title");
  Object.defineProperty(Document.prototype, "title", {
    configurable: false, enumerable: true,
    get() { return title.get.call(this); },
    set(value) { report("document.title", value); title.set.call(this, value); },
  });
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (/^data-pwned$/i.test(String(name))) report("data-pwned", value);
    return setAttribute.apply(this, arguments);
  };
  const evil = (url) => /evil\.invalid/i.test(String(url));
  const fetch_ = window.fetch;
  window.fetch = function (input) {
    const url = input && input.url ? input.url : input;
    if (evil(url)) report("fetch", url);
    return fetch_.apply(this, arguments);
  };
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (evil(url)) report("xhr", url);
    return open.apply(this, arguments);
  };
  if (navigator.sendBeacon) {
    const beacon = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url, data) => { if (evil(url)) report("beacon", url); return beacon(url, data); };
  }
  window.open = function (url) { report("window.open", url); return null; };
  if (window.navigation) {
    navigation.addEventListener("navigate", (event) => {
      const url = String(event.destination.url);
      if (!url.startsWith(location.origin + "/")) report("navigate", url);
    });
  }
  for (const Type of ["WebSocket", "EventSource", "Worker", "SharedWorker"]) {
    const Original = window[Type];
    if (!Original) continue;
    window[Type] = function (url) { report(Type, url); return new Original(...arguments); };
  }
  document.addEventListener("securitypolicyviolation", (event) => {
    const entry = { directive: event.violatedDirective, blocked: String(event.blockedURI).slice(0, 160),
                    sample: String(event.sample).slice(0, 120), frame: here() };
    log.csp.push(entry);
    toTop("csp", entry);
  }, true);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (evil(entry.name)) report("resource", entry.name);
    }).observe({ type: "resource", buffered: true });
  } catch (e) {}
})();
"""

# After a page settles: what the detector saw, and what the DOM holds that it must not.
INSPECT = r"""
const done = arguments[arguments.length - 1];
setTimeout(() => {
  const log = window.__hostile || { calls: [{ kind: "detector-missing", detail: "", frame: location.href }], csp: [] };
  const describe = (el) => {
    let text = "<" + el.tagName.toLowerCase();
    for (const a of el.attributes) text += " " + a.name + '="' + a.value.slice(0, 60) + '"';
    return text.slice(0, 200) + ">";
  };
  const dom = [], ids = [], structure = [], repeats = [];
  const dangerous = /^(javascript|vbscript|livescript|data|mocha|jar|filesystem|blob|view-source):$/i;
  const urlAttributes = new Set(["href", "src", "srcset", "action", "formaction", "data", "poster", "background",
    "cite", "xlink:href", "ping", "longdesc", "lowsrc", "dynsrc", "manifest", "codebase", "archive", "icon", "usemap"]);
  const forbidden = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "param", "svg", "math",
    "template", "textarea", "noscript", "style", "plaintext", "xmp", "noembed", "noframes", "video", "audio",
    "marquee", "isindex", "portal", "dialog", "base", "listing", "canvas", "keygen"]);
  const root = document.querySelector('head meta[name="atrium-root"]')?.content ?? "";
  const assets = new URL(root + "assets/", location.href).href;
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") dom.push("foreign element " + describe(el));
    if (forbidden.has(tag)) dom.push("element " + describe(el));
    if (tag === "script" && !(el.src && el.src.startsWith(assets) && !el.textContent.trim()))
      dom.push("script " + describe(el));
    if ((tag === "meta" || tag === "link" || tag === "title") && !el.closest("head")) dom.push("in body " + describe(el));
    if (tag === "form" && el.id !== "search-form") dom.push("form " + describe(el));
    if (tag === "select" && el.id !== "sort") dom.push("select " + describe(el));
    // The theme's own controls: copy buttons, "show more", and a long facet's tools.
    const facetTool = (className) => el.classList.contains(className) && el.closest("aside.facets .facet-tools") && !el.closest(".markdown-body");
    if (tag === "button" && !(el.classList.contains("copy") || el.id === "more-results" || facetTool("facet-toggle"))) dom.push("button " + describe(el));
    if (tag === "input" && !(el.id === "search-input" || (el.type === "search" && facetTool("facet-filter")) || (el.type === "checkbox" &&
        (el.closest("fieldset.facet") || (el.closest(".markdown-body") && el.disabled)))))
      dom.push("input " + describe(el));
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) dom.push("handler " + name + " on " + describe(el));
      if (name === "style" || name === "srcdoc" || name === "formaction" || name === "ping" || name === "http-equiv" && !el.closest("head"))
        dom.push("attribute " + name + " on " + describe(el));
      if (!urlAttributes.has(name)) continue;
      const candidates = name === "srcset" ? attribute.value.split(",").map((c) => c.trim().split(/\s+/)[0]) : [attribute.value];
      for (const candidate of candidates) {
        let protocol;
        try { protocol = new URL(candidate, document.baseURI).protocol; } catch (e) { continue; }
        if (dangerous.test(protocol)) dom.push(protocol + " URL in " + name + " of " + describe(el));
      }
    }
  }
  // Author content: every id and name carries the user-content- prefix; no id repeats.
  const seen = new Map();
  for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
  // An author may repeat their own (prefixed) id; the page's own ids never repeat.
  for (const [id, n] of seen) if (n > 1) (id.startsWith("user-content-") ? repeats : ids).push("duplicate id " + JSON.stringify(id) + " x" + n);
  for (const el of document.querySelectorAll(".markdown-body [id], .markdown-body [name]")) {
    for (const name of ["id", "name"]) {
      const value = el.getAttribute(name);
      if (value !== null && !value.startsWith("user-content-")) ids.push("author " + name + " without user-content-: " + describe(el));
    }
  }
  // The page around the documents is whole.
  const body = document.body;
  const count = (selector) => document.querySelectorAll(selector).length;
  if (count("main") !== 1) structure.push(count("main") + " <main> elements");
  if (!body.querySelector(":scope > main#main")) structure.push("no main#main directly in body");
  if (!body.querySelector(":scope > header.site-header")) structure.push("no header.site-header directly in body");
  const footer = body.querySelector(":scope > footer.site-footer");
  if (!footer) structure.push("no footer.site-footer directly in body");
  else if (footer.textContent.trim() !== "Built by Atrium from what each repository's own files say.") structure.push("footer text changed: " + footer.textContent.trim().slice(0, 80));
  if (count("footer") !== 1) structure.push(count("footer") + " <footer> elements");
  if (count("body > header") !== 1) structure.push(count("body > header") + " header elements in body");
  const project = document.querySelector("main > article.project");
  if (location.pathname.includes("/projects/")) {
    if (!project) structure.push("no main > article.project");
    else {
      for (const selector of [":scope > header.project-header", ":scope > div.project-grid > section.contribute",
                              ":scope > div.project-grid > aside.people", ":scope > section.similar > ol#similar-list",
                              ":scope > section.facts", ':scope > script[src$="assets/copy.js"]',
                              ':scope > script[src$="assets/similar.js"]'])
        if (!project.querySelector(selector)) structure.push("project page lacks " + selector);
      for (const doc of project.querySelectorAll("section.document"))
        if (doc.parentElement !== project || !doc.querySelector(":scope > div.markdown-body"))
          structure.push("document section out of place: " + describe(doc));
      for (const md of document.querySelectorAll(".markdown-body"))
        if (!md.parentElement.matches("section.document")) structure.push("markdown-body outside its section");
    }
  }
  const isHome = !!document.getElementById("search-form");
  if (isHome && !document.querySelector('script[src$="assets/search.js"]')) structure.push("home page lacks search.js");
  const evilResources = performance.getEntriesByType("resource").map((e) => e.name).filter((n) => /evil\.invalid/i.test(n));
  done({
    calls: log.calls, csp: log.csp, title: document.title, href: location.href,
    pwned: document.documentElement.hasAttribute("data-pwned"),
    evilResources, dom, ids, structure, repeats,
  });
}, 30);
"""


class TitleParser(html.parser.HTMLParser):
    """The page's <title> as the browser's document.title gives it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside, self.parts, self.done = False, [], False

    def handle_starttag(self, tag, attrs):
        if tag == "title" and not self.done:
            self.inside = True

    def handle_endtag(self, tag):
        if tag == "title" and self.inside:
            self.inside, self.done = False, True

    def handle_data(self, data):
        if self.inside:
            self.parts.append(data)


def served_title(path):
    parser = TitleParser()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    return re.sub(r"[\t\n\f\r ]+", " ", "".join(parser.parts)).strip(" ")


def corpus_folders():
    return sorted(name for name in os.listdir(CORPUS) if os.path.isdir(os.path.join(CORPUS, name)))


def write_site(site, manifest):
    content = os.path.join(site, "content")
    os.makedirs(os.path.join(content, "pages"))
    with open(os.path.join(content, "site.yml"), "w") as f:
        f.write("title: Hostile\ndescription: A catalogue of repositories that attack it.\n")
    # The site's own page goes through the same renderer.
    with open(os.path.join(content, "pages", "notes.md"), "w") as f:
        f.write("---\ntitle: \"Notes <img src=x onerror=alert('page')>\"\n---\n\n# Main\n\n"
                "<script>alert('page-script')</script>\n\n[js](javascript:alert('page-link'))\n\n"
                "<img src=x onerror=\"document.title='PWNED'\">\n\n## search-input\n")
    if manifest:
        lines = ["repositories:"]
        for folder in corpus_folders():  # with `...dots`, which --scan skips (dot-folder); a manifest does not
            lines += ["  - name: " + json.dumps(folder), "    path: " + json.dumps(os.path.join(CORPUS, folder)),
                      "    web: " + json.dumps(WEB_TEMPLATE)]
        with open(os.path.join(content, "repositories.yml"), "w") as f:
            f.write("\n".join(lines) + "\n")


class Served:
    """One built catalogue on http://127.0.0.1:<free port>/."""

    def __init__(self, kind, out):
        self.kind, self.out = kind, out
        handler = lambda *a, **k: QuietHandler(*a, directory=out, **k)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = "http://127.0.0.1:%d/" % self.server.server_address[1]
        self.report = None

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def pages(self):
        """Every HTML page of the site, as (URL path, file)."""
        found = []
        for folder, _, files in os.walk(self.out):
            for name in files:
                if not name.endswith(".html"):
                    continue
                path = os.path.relpath(os.path.join(folder, name), self.out).replace(os.sep, "/")
                url = path[:-len("index.html")] if path.endswith("index.html") else path
                found.append((urllib.parse.quote(url), os.path.join(folder, name)))
        return sorted(found)

    def project_pages(self):
        return sorted(name for name in os.listdir(os.path.join(self.out, "projects")))


@pytest.fixture(scope="module")
def hostile_sites():
    """Both builds of the corpus, served; stopped and removed at the end."""
    assert len(corpus_folders()) >= 40
    work = tempfile.mkdtemp(prefix="atrium-hostile-")
    sites = {}
    try:
        scan_site = os.path.join(work, "scan-site")
        write_site(scan_site, manifest=False)
        out = os.path.join(work, "scan-public")
        result = subprocess.run([BINARY, "build", "--site", scan_site, "--scan", CORPUS, "--out", out, "--quiet"],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        sites["scan"] = Served("scan", out)
        manifest_site = os.path.join(work, "manifest-site")
        write_site(manifest_site, manifest=True)
        sites["manifest"] = Served("manifest", build_catalogue(manifest_site, os.path.join(work, "manifest-public")))
        yield sites
    finally:
        for served in sites.values():
            served.stop()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def detector_browser():
    driver = chrome()
    driver.set_page_load_timeout(20)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": DETECTOR})
    yield driver
    driver.quit()


class Visit:
    """What one page (or one search) showed."""

    def __init__(self, label):
        self.label = label
        self.detections, self.csp, self.dom, self.ids, self.structure, self.notes = [], [], [], [], [], []
        self.repeats = []


def dismiss_alerts(driver, visit):
    """A native dialog means the override was bypassed: a detection in its own right."""
    for _ in range(5):
        try:
            alert = driver.switch_to.alert
        except NoAlertPresentException:
            return
        visit.detections.append("native dialog: " + alert.text)
        alert.accept()


def inspect(driver, served, visit, expected_title=None, expected_path=None):
    try:
        result = driver.execute_async_script(INSPECT)
    except UnexpectedAlertPresentException as error:
        visit.detections.append("native dialog: %s" % error.alert_text)
        dismiss_alerts(driver, visit)
        result = driver.execute_async_script(INSPECT)
    for call in result["calls"]:
        visit.detections.append("%s(%s) in %s" % (call["kind"], call["detail"], call["frame"]))
    if result["pwned"]:
        visit.detections.append("data-pwned set on <html>")
    for url in result["evilResources"]:
        visit.detections.append("resource loaded from " + url)
    if expected_title is not None and result["title"] != expected_title:
        visit.detections.append("document.title is %r, the page says %r" % (result["title"], expected_title))
    if "PWNED" in result["title"] and (expected_title is None or "PWNED" not in expected_title):
        visit.detections.append("document.title is %r" % result["title"])
    href = result["href"]
    if not href.startswith(served.url):
        visit.detections.append("navigated away to " + href)
    elif expected_path is not None and urllib.parse.urlsplit(href).path != "/" + expected_path.lstrip("/"):
        visit.detections.append("navigated to %s instead of /%s" % (href, expected_path))
    for entry in result["csp"]:
        visit.csp.append("%s blocked %s %s" % (entry["directive"], entry["blocked"], entry["sample"]))
    for entry in driver.get_log("browser"):
        message = entry["message"]
        if "Content Security Policy" in message or "Content-Security-Policy" in message:
            visit.csp.append(message[:300])
        elif "evil.invalid" in message:
            visit.detections.append("browser log: " + message[:300])
    visit.dom += result["dom"]
    visit.ids += result["ids"]
    visit.structure += result["structure"]
    visit.repeats += result["repeats"]
    return result


def load(driver, url, visit):
    try:
        driver.get(url)
    except UnexpectedAlertPresentException as error:
        visit.detections.append("native dialog: %s" % error.alert_text)
        dismiss_alerts(driver, visit)
    except TimeoutException:
        visit.notes.append("page load timed out")


HOSTILE_QUERIES = [
    "script", "img", "onerror", "alert", "svg", "iframe", "javascript", "pwned", "evil", "payload", "onload",
    "mustache", "frame root", "reserved", "collision", "marker", "unicode", "contributing", "footnotes",
    "<img src=x onerror=alert(1)>", '"><script>alert(1)</script>', "</script><script>alert(1)</script>",
    "&lt;script&gt;", "{{{frame.root}}}", "javascript:alert(1)", "\u2028", "\u202eevil",
    "`<img src=x onerror=alert(3001)>`", "<svg onload=confirm(3003)>",
]
EXTRA_STATES = [
    "?q=script&sort=name", "?q=img&sort=readiness", "?sort=activity", "?q=onerror&sort=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "?owner=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "?%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1",
    "?topic=%3Csvg%20onload%3Dalert(1)%3E&q=svg", "?q=alert#%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "?q=" + urllib.parse.quote("javascript:alert(1)") + "&level=%3Cscript%3Ealert(1)%3C/script%3E",
]


def result_links(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#result-list li.result h2 a")


def crawl(driver, served, facets_and_clicks):
    """Every page, then the searches, each checked by the detector. The two builds share their
    metadata, so facet values and clicks into results are run on one of them only (time)."""
    if served.report is not None:
        return served.report
    started = time.monotonic()
    visits = []
    driver.get_log("browser")
    for url_path, path in served.pages():
        visit = Visit(url_path or "/")
        load(driver, served.url + url_path, visit)
        inspect(driver, served, visit, expected_title=served_title(path), expected_path=url_path)
        visits.append(visit)
    with open(os.path.join(served.out, "search", "facets.json")) as f:
        facets = json.load(f)["facets"]
    states = ["?q=" + urllib.parse.quote(q) for q in HOSTILE_QUERIES] + EXTRA_STATES
    if facets_and_clicks:
        states += ["?%s=%s" % (name, urllib.parse.quote(value, safe=""))
                   for name, facet in sorted(facets.items()) for value in facet["values"]]
    home_title = served_title(os.path.join(served.out, "index.html"))
    clicked = set()
    queries = answered = 0
    for state in states:
        visit = Visit("search " + state)
        load(driver, served.url + state, visit)
        try:
            WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "result-count").text != ""
                                            or not d.find_element(By.ID, "results").is_displayed())
        except TimeoutException:
            visit.notes.append("search did not answer")
        except UnexpectedAlertPresentException as error:
            visit.detections.append("native dialog: %s" % error.alert_text)
            dismiss_alerts(driver, visit)
        inspect(driver, served, visit, expected_title=home_title, expected_path="")
        answer = driver.find_element(By.ID, "result-count").text
        visit.notes.append(answer)
        answered += bool(re.match(r"[1-9]\d* projects?$", answer))
        visits.append(visit)
        queries += 1
        # Click into the first result not yet opened from a search.
        targets = [a for a in result_links(driver) if a.get_attribute("href") not in clicked] if facets_and_clicks else []
        if targets:
            href = targets[0].get_attribute("href")
            clicked.add(href)
            click = Visit("result %s from %s" % (urllib.parse.urlsplit(href).path, state))
            try:
                driver.execute_script("arguments[0].click()", targets[0])
                WebDriverWait(driver, 10).until(lambda d: d.current_url == href)
            except UnexpectedAlertPresentException as error:
                click.detections.append("native dialog: %s" % error.alert_text)
                dismiss_alerts(driver, click)
            except TimeoutException:
                click.detections.append("clicking the result did not open " + href)
            path = urllib.parse.urlsplit(href).path.lstrip("/")
            inspect(driver, served, click, expected_title=served_title(os.path.join(served.out, path, "index.html")),
                    expected_path=path)
            visits.append(click)
    served.report = {"visits": visits, "pages": len(served.pages()), "queries": queries, "answered": answered,
                     "clicks": len(clicked), "seconds": time.monotonic() - started}
    return served.report


def findings(report, field):
    return ["%s: %s" % (visit.label, item) for visit in report["visits"] for item in getattr(visit, field)]


@pytest.fixture(params=["scan", "manifest"])
def crawled(request, hostile_sites, detector_browser):
    served = hostile_sites[request.param]
    return served, crawl(detector_browser, served, facets_and_clicks=request.param == "manifest")


# ---------------------------------------------------------------------------------------------
# The detector works


def test_detector_catches_a_canary(detector_browser, tmp_path):
    """A page with no CSP that runs every kind of payload: each one must be seen, or a clean
    crawl proves nothing. A second page with the catalogue's CSP: the violation is recorded."""
    (tmp_path / "open.html").write_text(
        "<!DOCTYPE html><title>Canary</title><body><script>alert('c1'); confirm('c2'); prompt('c3');"
        "document.title='PWNED'; document.documentElement.setAttribute('data-pwned','c4');"
        "fetch('http://evil.invalid/canary').catch(() => {});</script>"
        "<img src=x onerror=\"alert('c5')\"><iframe srcdoc=\"<script>parent.confirm('c6'); alert('c7')</script>\"></iframe>")
    (tmp_path / "csp.html").write_text(
        "<!DOCTYPE html><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'\"><title>CSP</title>"
        "<body><script>alert('blocked')</script><img src=x onerror=\"alert('blocked')\">")
    (tmp_path / "refresh.html").write_text(
        "<!DOCTYPE html><title>Refresh</title><meta http-equiv=\"refresh\" content=\"0;url=http://evil.invalid/nav\">")
    handler = lambda *a, **k: QuietHandler(*a, directory=str(tmp_path), **k)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        canary = types.SimpleNamespace(url="http://127.0.0.1:%d/" % server.server_address[1])
        detector_browser.get_log("browser")
        visit = Visit("canary")
        load(detector_browser, canary.url + "open.html", visit)
        time.sleep(0.2)
        inspect(detector_browser, canary, visit, expected_title="Canary")
        text = "\n".join(visit.detections)
        for expected in ["alert(c1)", "confirm(c2)", "prompt(c3)", "document.title(PWNED)", "data-pwned(c4)",
                         "fetch(http://evil.invalid/canary)", "alert(c5)", "confirm(c6)", "alert(c7)",
                         "data-pwned set on <html>", "document.title is 'PWNED'"]:
            assert expected in text, (expected, visit.detections)
        visit = Visit("csp")
        load(detector_browser, canary.url + "csp.html", visit)
        inspect(detector_browser, canary, visit, expected_title="CSP")
        assert visit.detections == []
        assert any("script-src" in entry for entry in visit.csp), visit.csp
        visit = Visit("refresh")
        load(detector_browser, canary.url + "refresh.html", visit)
        time.sleep(0.3)
        inspect(detector_browser, canary, visit)
        assert any("navigated away" in d for d in visit.detections), visit.detections
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------------------------------
# No payload runs, anywhere


def test_no_payload_runs(crawled):
    served, report = crawled
    detections = findings(report, "detections")
    csp = findings(report, "csp")
    summary = ("hostile catalogue (%s build): %d pages visited, %d searches run (%d with results), "
               "%d results opened, %d detections, %d CSP violations, %.1fs"
               % (served.kind, report["pages"], report["queries"], report["answered"], report["clicks"],
                  len(detections), len(csp), report["seconds"]))
    print(summary)
    for line in csp[:50]:
        print("  CSP " + line)
    # The searches reached the hostile documents (a search that fails shows no results at all).
    assert report["pages"] >= 80 and report["queries"] >= 30 and report["answered"] >= 15, summary
    assert detections == [], summary + "\n" + "\n".join(detections + ["CSP: " + c for c in csp])


def test_no_dangerous_markup_in_the_dom(crawled):
    """No handler attribute, no style attribute, no javascript:/data:/vbscript: URL, no element
    outside the allowlist, anywhere on any page — even where nothing would run it."""
    served, report = crawled
    problems = findings(report, "dom")
    assert problems == [], "\n".join(problems)




def test_author_ids_are_prefixed_and_unique(crawled):
    """Every id and name in a rendered document starts with user-content-, and no id that is not
    an author's (prefixed) one appears twice: an author's element never stands in for the page's."""
    served, report = crawled
    for line in sorted(set(item.split(": ", 1)[1] + " on " + item.split(": ", 1)[0]
                           for item in findings(report, "repeats")))[:20]:
        print("author repeats own id: " + line)
    problems = findings(report, "ids")
    # Footnotes too: every document's ids carry its own prefix, so none repeat across documents.
    assert problems == [], "\n".join(problems)


def test_page_structure_is_intact(crawled):
    """Unclosed tags, <plaintext>, stray </main></body> and unclosed comments stay inside their
    document: every page keeps one main, its header and footer, and project pages keep the
    similar-projects list and their scripts."""
    served, report = crawled
    problems = findings(report, "structure")
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# Names, slugs, metadata


def test_every_repository_has_its_own_page(hostile_sites):
    """Folders named after the site's paths and folders whose slugs collide each get a page of
    their own; the site's own files are untouched."""
    for kind, served in hostile_sites.items():
        folders = [f for f in corpus_folders() if kind == "manifest" or not f.startswith(".")]
        pages = served.project_pages()
        assert len(pages) == len(folders), (kind, len(pages), len(folders))
        markers = {}
        for slug in pages:
            with open(os.path.join(served.out, "projects", slug, "index.html"), encoding="utf-8") as f:
                text = f.read()
            for marker in re.findall(r"(collide-[a-d]-marker|reserved-[0-9a-z]+-marker|upper-assets-marker)", text):
                markers.setdefault(marker, set()).add(slug)
        for folder, marker in [("Foo-Bar", "collide-a-marker"), ("foo_bar", "collide-b-marker"),
                               ("FOO BAR", "collide-c-marker"), ("foo-bar-2", "collide-d-marker"),
                               ("Assets", "upper-assets-marker")] + \
                              [(r, "reserved-%s-marker" % r) for r in
                               ["assets", "search", "index", "projects", "all", "owners", "topics", "pages", "404"]]:
            assert len(markers.get(marker, ())) == 1, (kind, folder, markers.get(marker))
        assert len({next(iter(s)) for s in markers.values()}) == len(markers), (kind, markers)
        with open(os.path.join(ROOT, "Templates", "assets", "search.js"), "rb") as f:
            theme_search = f.read()
        with open(os.path.join(served.out, "assets", "search.js"), "rb") as f:
            assert f.read() == theme_search
        with open(os.path.join(served.out, "search", "shards.json")) as f:
            assert json.load(f)["format"] == 2
        titles = {"index.html": "Projects · Hostile", "all/index.html": "All projects · Hostile",
                  "owners/index.html": "Owner teams · Hostile", "topics/index.html": "Topics · Hostile",
                  "404.html": "Page not found · Hostile"}
        for path, title in titles.items():
            assert served_title(os.path.join(served.out, path)) == title, (kind, path)
        assert not os.path.exists(os.path.join(served.out, "projects", "projects", "projects"))


def test_hostile_metadata_is_shown_as_text(hostile_sites, detector_browser):
    """Markup and Mustache look-alikes in names arrive as the very characters written."""
    served = hostile_sites["manifest"]
    expected = {
        "innersource-json-hostile": "\"><script>alert(2101)</script> Inner\u2028Source",
        "catalog-info-hostile": "<script>alert(2201)</script> Catalog",
        "front-matter-hostile": "<script>alert(2601)</script> Front matter",
        "mustache-lookalike": "{{{frame.site.title}}} Mustache",
    }
    for slug, name in expected.items():
        detector_browser.get(served.url + "projects/%s/" % slug)
        heading = detector_browser.find_element(By.CSS_SELECTOR, "article.project h1")
        assert heading.get_attribute("textContent") == name, slug
        assert detector_browser.execute_script("return document.title") == name + " · Hostile", slug
    detector_browser.get(served.url + "projects/mustache-lookalike/")
    body = detector_browser.find_element(By.CSS_SELECTOR, ".markdown-body").get_attribute("textContent")
    assert "{{{frame.root}}}" in body and "{{=<% %>=}}" in body


def test_links_point_at_the_git_server_or_nowhere(hostile_sites, detector_browser):
    """With a web template, relative links and images lead to git.example.invalid (the path
    percent-encoded); without one, nothing in a document points back into the catalogue."""
    script = """return [...document.querySelectorAll('.markdown-body a[href], .markdown-body img[src]')]
                  .map((e) => [e.tagName, e.getAttribute(e.tagName === 'A' ? 'href' : 'src'), e.href || e.src])"""
    for kind, served in hostile_sites.items():
        for slug in ["link-rewrite-tricks", "docs-filename", "legit-html-logo", "base-meta-link"]:
            detector_browser.get(served.url + "projects/%s/" % slug)
            for tag, written, resolved in detector_browser.execute_script(script):
                parts = urllib.parse.urlsplit(resolved)
                assert parts.scheme in ("http", "https", "mailto"), (kind, slug, written)
                if written.startswith("#"):
                    continue
                if parts.hostname == "127.0.0.1":
                    pytest.fail("%s build, %s: %s %r leads into the catalogue" % (kind, slug, tag, written))
                if kind == "manifest" and parts.hostname == "git.example.invalid":
                    # The path is percent-encoded; a ?query or #fragment the author wrote stays as
                    # written (the attribute is escaped).
                    assert not re.search(r"[\"<>' ]", re.split(r"[?#]", written)[0]), (slug, written)
    served = hostile_sites["manifest"]
    detector_browser.get(served.url + "projects/docs-filename/")
    hrefs = [a.get_attribute("href") for a in detector_browser.find_elements(By.CSS_SELECTOR, ".markdown-body a")]
    assert "https://git.example.invalid/docs-filename/blob/HEAD/docs/%3Cimg%20src%3Dx%20onerror%3Dalert%283101%29%3E.md" \
        in hrefs, hrefs


# ---------------------------------------------------------------------------------------------
# Legitimate raw HTML still renders (expected to fail while raw HTML is omitted)


def project_dom(driver, served, slug):
    driver.get(served.url + "projects/%s/" % slug)
    return driver.find_element(By.CSS_SELECTOR, "section.document .markdown-body")


def test_centered_logo_renders(hostile_sites, detector_browser):
    body = project_dom(detector_browser, hostile_sites["manifest"], "legit-html-logo")
    logo = body.find_element(By.CSS_SELECTOR, '[align="center"] img[alt="Logo"]')
    assert logo.get_dom_attribute("width") == "120"
    assert logo.get_attribute("src").startswith("https://git.example.invalid/legit-html-logo/")
    assert body.find_elements(By.CSS_SELECTOR, 'h1[align="center"]')
    # Authors' anchors work, under the prefix.
    assert body.find_elements(By.CSS_SELECTOR, "#user-content-readme-top")
    assert body.find_elements(By.CSS_SELECTOR, 'a[href="#user-content-readme-top"]')
    assert body.find_elements(By.CSS_SELECTOR, '[name="user-content-readme-install"]')
    boxes = body.find_elements(By.CSS_SELECTOR, 'input[type="checkbox"]')
    assert len(boxes) == 2 and all(box.get_attribute("disabled") is not None for box in boxes)


def test_details_and_summary_render(hostile_sites, detector_browser):
    body = project_dom(detector_browser, hostile_sites["manifest"], "legit-html-details-table")
    details = body.find_element(By.CSS_SELECTOR, "details")
    assert details.find_element(By.CSS_SELECTOR, "summary").get_attribute("textContent") == "More"
    assert "Hidden" in details.get_attribute("textContent")


def test_raw_table_renders(hostile_sites, detector_browser):
    body = project_dom(detector_browser, hostile_sites["manifest"], "legit-html-details-table")
    assert [th.text for th in body.find_elements(By.CSS_SELECTOR, "table th")] == ["Name", "Value"]
    cells = body.find_elements(By.CSS_SELECTOR, "table td")
    assert [td.text for td in cells] == ["alpha", "1", "both"]
    assert cells[2].get_dom_attribute("colspan") == "2"
    assert body.find_elements(By.CSS_SELECTOR, "dl > dt") and body.find_elements(By.CSS_SELECTOR, "dl > dd")


def test_picture_renders(hostile_sites, detector_browser):
    body = project_dom(detector_browser, hostile_sites["manifest"], "legit-html-details-table")
    source = body.find_element(By.CSS_SELECTOR, "picture > source")
    assert source.get_dom_attribute("srcset") == "https://img.example/dark.png"
    assert source.get_dom_attribute("media") == "(prefers-color-scheme: dark)"
    assert body.find_element(By.CSS_SELECTOR, "picture > img").get_dom_attribute("src") == "https://img.example/light.png"


def test_badges_and_inline_elements_render(hostile_sites, detector_browser):
    body = project_dom(detector_browser, hostile_sites["manifest"], "legit-html-badges")
    badge = body.find_element(By.CSS_SELECTOR, 'a[href="https://ci.example/x"] > img[alt="build"]')
    assert badge.get_dom_attribute("src") == "https://img.shields.io/badge/x.svg"
    assert [k.text for k in body.find_elements(By.CSS_SELECTOR, "kbd")] == ["Ctrl", "C"]
    assert body.find_element(By.CSS_SELECTOR, "sub").text == "2"
    assert body.find_element(By.CSS_SELECTOR, "sup").text == "2"
    assert body.find_elements(By.CSS_SELECTOR, "br")
    for tag in ["ins", "del", "abbr[title=InnerSource]", "mark"]:
        assert body.find_elements(By.CSS_SELECTOR, tag), tag


def test_centered_blocks_and_lists_render(hostile_sites, detector_browser):
    body = project_dom(detector_browser, hostile_sites["manifest"], "legit-html-mixed")
    banner = body.find_element(By.CSS_SELECTOR, '[align="center"] img[alt="Banner"]')
    assert banner.get_dom_attribute("src") == "https://img.example/banner.png"
    assert body.find_element(By.CSS_SELECTOR, '[align="center"] h1').text.startswith("Legit Mixed")
    assert body.find_element(By.CSS_SELECTOR, 'a[href="mailto:team@example.com"]')
    assert body.find_element(By.CSS_SELECTOR, "ol[start='3']")
    assert body.find_elements(By.CSS_SELECTOR, "hr")
