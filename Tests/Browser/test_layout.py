"""Every page fits every width from a phone up: at 320, 360, 768 and 1280 CSS pixels no page
of the sample catalogue (home, search results, every project page, the lists, a team and a
topic page, a site page, 404) is wider than its viewport, and nothing on it reaches past the
right edge unless it is inside a box that scrolls on its own (code blocks, wide tables). The
same on a generated 1,000-repository catalogue (../shared/bench/gen-corpus), whose owners,
topics and READMEs are longer and more numerous."""
import os
import shutil
import subprocess
import tempfile

from selenium.webdriver.support.ui import WebDriverWait

from conftest import BINARY, ROOT

WIDTHS = [320, 360, 768, 1280]

# What sticks out past the viewport, ignoring what a scrolling (or clipping) box contains.
OVERFLOW = """
const width = document.documentElement.clientWidth;
const out = [];
for (const el of document.querySelectorAll('body *')) {
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.right <= width + 0.5) continue;
  let inside = false;
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const style = getComputedStyle(p);
    if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) && p.getBoundingClientRect().right <= width + 0.5) {
      inside = true; break;
    }
  }
  if (!inside && !el.closest('.visually-hidden')) out.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' → ' + Math.round(box.right));
}
return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width, out: out.slice(0, 5)};
"""


def pages_of(public):
    pages = ["", "all/", "owners/", "topics/", "404.html"]
    pages += ["projects/%s/" % name for name in sorted(os.listdir(os.path.join(public, "projects")))]
    for folder in ["owners", "topics", "pages"]:
        if not os.path.isdir(os.path.join(public, folder)):
            continue
        entries = sorted(e for e in os.listdir(os.path.join(public, folder)) if os.path.isdir(os.path.join(public, folder, e)))
        if entries:
            pages.append("%s/%s/" % (folder, entries[0]))
    return pages


def set_width(driver, width):
    driver.set_window_size(width, 900)
    inner = driver.execute_script("return window.innerWidth")
    driver.set_window_size(width + (width - inner), 900)
    assert driver.execute_script("return window.innerWidth") == width


def check(driver, base, pages, widths):
    problems = []
    for width in widths:
        set_width(driver, width)
        for page in pages:
            driver.get(base + page)
            found = driver.execute_script(OVERFLOW)
            if found["scrollWidth"] > found["clientWidth"] or found["out"]:
                problems.append((width, page, found))
        # Search results, as the search shows them.
        driver.get(base + "?q=payments")
        WebDriverWait(driver, 20).until(lambda d: d.execute_script(
            "return document.querySelectorAll('#result-list > li').length > 0"))
        found = driver.execute_script(OVERFLOW)
        if found["scrollWidth"] > found["clientWidth"] or found["out"]:
            problems.append((width, "?q=payments", found))
        # A long facet opened in full, with its filter box.
        opened = driver.execute_script(
            "const b = document.querySelector('.facet-toggle'); if (b) b.click(); return !!b")
        if opened:
            WebDriverWait(driver, 20).until(lambda d: d.execute_script(
                "return document.querySelector('.facet-toggle').getAttribute('aria-expanded') === 'true'"
                " && document.querySelector('.facet-toggle').closest('.facet-frame').querySelectorAll('label').length > 8"))
            found = driver.execute_script(OVERFLOW)
            if found["scrollWidth"] > found["clientWidth"] or found["out"]:
                problems.append((width, "?q=payments, a facet shown in full", found))
    return problems


def test_every_sample_page_fits_every_width(browser, site_url):
    # The session fixture serves a build of the samples; its pages are listed from one of ours.
    work = tempfile.mkdtemp(prefix="atrium-layout-")
    try:
        out = os.path.join(work, "public")
        subprocess.run([BINARY, "build", "--site", ROOT, "--out", out, "--quiet"], check=True,
                       capture_output=True, timeout=300)
        public_pages = pages_of(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    assert len(public_pages) >= 15
    assert check(browser, site_url, public_pages, WIDTHS) == []


def test_a_generated_catalogue_of_1000_fits_a_phone_and_a_desktop(browser, generated_1k):
    url, out = generated_1k
    pages = pages_of(out)
    projects = [p for p in pages if p.startswith("projects/")]
    # The lists and pages of the site, and every 50th project (the longest READMEs among them).
    chosen = [p for p in pages if not p.startswith("projects/")] + projects[::50]
    assert check(browser, url, chosen, WIDTHS) == []
