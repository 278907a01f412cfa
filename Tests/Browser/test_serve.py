"""`atrium serve` in a browser: an open page reloads itself when a README it shows is edited,
without the person pressing anything, and its Content-Security-Policy lets the reload script
run (no console error)."""
import os
import signal
import socket
import subprocess
import tempfile
import time

from selenium.webdriver.support.ui import WebDriverWait

from conftest import BINARY, chrome


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_open_page_shows_an_edit_by_itself():
    work = tempfile.mkdtemp(prefix="atrium-serve-")
    site = os.path.join(work, "site")
    subprocess.run([BINARY, "init", site], check=True, capture_output=True, timeout=60)
    port = free_port()
    server = subprocess.Popen([BINARY, "serve", "--site", site, "--port", str(port), "--interval", "0.2"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = chrome()
    try:
        url = "http://127.0.0.1:%d/projects/example-service/" % port
        deadline = time.time() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert time.time() < deadline, "serve never listened"
                time.sleep(0.1)
        driver.get_log("browser")
        driver.get(url)
        WebDriverWait(driver, 30).until(lambda d: "Example Service" in d.find_element("tag name", "h1").text)
        driver.execute_script("window.__notReloaded = true")
        readme = os.path.join(site, "repositories", "example-service", "README.md")
        with open(readme, "a", encoding="utf-8") as f:
            f.write("\nFresh from the editor.\n")
        WebDriverWait(driver, 60).until(lambda d: "Fresh from the editor." in d.find_element("tag name", "body").text)
        assert driver.execute_script("return window.__notReloaded === undefined"), "the page reloaded itself"
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"
                  and not e["message"].startswith("http://127.0.0.1:%d/favicon.ico" % port)]
        assert errors == [], errors
    finally:
        driver.quit()
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        finally:
            if server.poll() is None:
                server.kill()
        subprocess.run(["rm", "-rf", work])
    assert server.returncode == 0
