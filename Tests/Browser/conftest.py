"""Browser tests: the sample catalogue, built by the real `atrium` binary, served from a
loopback HTTP server this file starts and stops, and read in Debian's headless Chromium."""
import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("ATRIUM_BINARY", os.path.join(ROOT, ".build", "debug", "atrium"))


def build_catalogue(site, out):
    result = subprocess.run([BINARY, "build", "--site", site, "--out", out, "--quiet"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url():
    """The bundled sample catalogue on http://127.0.0.1:<free port>/."""
    work = tempfile.mkdtemp(prefix="atrium-browser-")
    out = build_catalogue(ROOT, os.path.join(work, "public"))
    handler = lambda *a, **k: QuietHandler(*a, directory=out, **k)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield "http://127.0.0.1:%d/" % server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)


def chrome(javascript=True):
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--no-first-run", "--disable-extensions",
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]:
        options.add_argument(argument)
    if not javascript:
        options.add_argument("--blink-settings=scriptEnabled=false")
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


@pytest.fixture(scope="session")
def browser():
    driver = chrome()
    yield driver
    driver.quit()


@pytest.fixture()
def no_console_errors(browser, site_url):
    """Fails the test if the page logged an error: script errors, CSP violations, files of the
    site that failed to load. Images from other hosts that READMEs link to (badges) cannot load
    here, where only loopback is reachable; they are not the page's errors."""
    browser.get_log("browser")  # start clean
    yield
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"
              and not (entry.get("source") == "network" and not entry["message"].startswith(site_url))]
    assert errors == [], errors


SHARED = os.environ.get("ATRIUM_SHARED", os.path.join(ROOT, "..", "shared"))
GENERATOR = os.path.join(SHARED, "bench", "gen-corpus")
needs_generator = pytest.mark.skipif(not os.path.isfile(GENERATOR),
                                     reason="needs ../shared/bench/gen-corpus (set ATRIUM_SHARED)")


def serve(folder):
    """A loopback HTTP server for `folder`; returns (url, stop)."""
    handler = lambda *a, **k: QuietHandler(*a, directory=folder, **k)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop():
        server.shutdown()
        server.server_close()
    return "http://127.0.0.1:%d/" % server.server_address[1], stop


@pytest.fixture(scope="session")
def generated_1k():
    """A catalogue of 1,000 generated repositories (../shared/bench/gen-corpus), built in a
    temporary folder and served on loopback: (url, public folder)."""
    if not os.path.isfile(GENERATOR):
        pytest.skip("needs ../shared/bench/gen-corpus (set ATRIUM_SHARED)")
    work = tempfile.mkdtemp(prefix="atrium-1k-")
    try:
        corpus = os.path.join(work, "corpus")
        subprocess.run([sys.executable, GENERATOR, "-n", "1000", "-q", corpus], check=True, capture_output=True, timeout=300)
        site = os.path.join(work, "site")
        os.makedirs(os.path.join(site, "content"))
        with open(os.path.join(site, "content", "site.yml"), "w") as f:
            f.write("title: Generated\n")
        out = os.path.join(work, "public")
        subprocess.run([BINARY, "build", "--site", site, "--scan", corpus, "--out", out, "--quiet"], check=True,
                       capture_output=True, timeout=900)
        url, stop = serve(out)
        try:
            yield url, out
        finally:
            stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
