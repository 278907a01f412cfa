"""What the history says, on the project page: a git repository made here with dated commits
and platform merges, built through a file:// remote with "now" fixed, read in headless Chromium."""
import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import BINARY, ROOT, chrome, serve

NOW = 2_000_000_000  # 2033-05-18T03:33:20Z
HOUR = 3_600
DAY = 86_400
SCREENSHOTS = os.environ.get("ATRIUM_SCREENSHOTS")  # set to a folder to keep the screenshot there too

CONTRIBUTING = """# Contributing

We review pull requests within 2 days.

## Trusted Committers

- @alice
- @bobby
- @carol-long-handle-for-a-narrow-screen
"""

CODEOWNERS = """/services/payments/settlement/reconciliation/legacy-batch-jobs/ @alice
/src/ @alice
* @acme/ledger
"""


def git(repo, *arguments, when=None, name="Erin Example", email="erin@acme.example"):
    environment = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    if when is not None:
        environment.update(GIT_AUTHOR_DATE="@%d +0000" % when, GIT_COMMITTER_DATE="@%d +0000" % when)
    subprocess.run(["git", "-c", "user.name=" + name, "-c", "user.email=" + email, *arguments], cwd=repo,
                   env=environment, check=True, capture_output=True, timeout=60)


def commit(repo, path, text, message, when, **who):
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when, **who)


def make_repository(repo):
    """Eight GitHub merges 10 to 80 hours after their first commit (median 45 h, 90% within
    80 h), two squash merges; Alice active, Bob not for 200 days, Carol never seen."""
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "README.md", "# Ledger\n\nBooks for the finance teams.\n", "Start", NOW - 300 * DAY)
    commit(repo, "CONTRIBUTING.md", CONTRIBUTING, "Guide", NOW - 299 * DAY)
    commit(repo, ".github/CODEOWNERS", CODEOWNERS, "Owners", NOW - 298 * DAY)
    commit(repo, "src/main.swift", "main\n", "Code", NOW - 297 * DAY)
    commit(repo, "bob.txt", "b\n", "Faster", NOW - 200 * DAY, name="Bob B", email="12345+bobby@users.noreply.github.com")
    for number, hours in enumerate([10, 20, 30, 40, 50, 60, 70, 80], start=1):
        start = NOW - 150 * DAY + number * 10 * DAY
        git(repo, "checkout", "-q", "-b", "b%d" % number)
        commit(repo, "b%d.txt" % number, "%d\n" % number, "Work %d" % number, start)
        git(repo, "checkout", "-q", "main")
        git(repo, "merge", "-q", "--no-ff", "-m", "Merge pull request #%d from acme/b%d" % (number, number),
            "b%d" % number, when=start + hours * HOUR)
    commit(repo, "e.txt", "e\n", "Add E (#9)", NOW - 20 * DAY)
    commit(repo, "f.txt", "f\n", "Add F (#10)", NOW - 15 * DAY)
    commit(repo, "src/a.swift", "a\n", "Balance", NOW - 10 * DAY, name="Alice", email="alice@users.noreply.github.com")


@pytest.fixture(scope="module")
def history_site():
    work = tempfile.mkdtemp(prefix="atrium-history-")
    try:
        repo = os.path.join(work, "ledger")
        make_repository(repo)
        site = os.path.join(work, "site")
        os.makedirs(os.path.join(site, "content"))
        with open(os.path.join(site, "content", "site.yml"), "w") as f:
            f.write("title: Catalogue\nhistory:\n  days: 365\n  activeDays: 180\n")
        with open(os.path.join(site, "content", "repositories.yml"), "w") as f:
            f.write("- name: ledger\n  url: file://%s\n" % repo)
        out = os.path.join(work, "public")
        result = subprocess.run([BINARY, "build", "--site", site, "--out", out, "--quiet"], capture_output=True,
                                text=True, timeout=300, env=dict(os.environ, SOURCE_DATE_EPOCH=str(NOW)))
        assert result.returncode == 0, result.stderr
        url, stop = serve(out)
        try:
            yield url
        finally:
            stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_the_promise_beside_the_measurement(history_site):
    driver = chrome()
    try:
        driver.set_page_load_timeout(30)
        driver.get(history_site + "projects/ledger/")
        measured = driver.find_element("id", "review-measured")
        assert measured.is_displayed()
        assert measured.text == "Promise: 48 h · Measured: median 45 h, 90% within 80 h, over 8 merges in the last 365 days"
        method = driver.find_element("css selector", ".method")
        assert "first commit to merge" in method.text
        assert "2 merges could not be measured (squash or rebase)." in method.text
        people = driver.find_element("css selector", ".people-activity")
        assert people.is_displayed()
        assert people.text == "1 of 3 Trusted Committers active in the last 180 days"
        assert "Last human commit 2033-05-08" in driver.find_element("css selector", ".activity").text
        fixes = driver.find_element("css selector", ".fixits")
        assert fixes.is_displayed()
        assert ".github/CODEOWNERS:1" in fixes.text and ".github/CODEOWNERS:2" in fixes.text

        folder = os.path.join(ROOT, ".build", "screenshots")
        os.makedirs(folder, exist_ok=True)
        driver.set_window_size(1280, 1000)
        shot = os.path.join(folder, "history.png")
        assert driver.save_screenshot(shot)
        assert os.path.getsize(shot) > 10_000
        if SCREENSHOTS:
            os.makedirs(SCREENSHOTS, exist_ok=True)
            shutil.copyfile(shot, os.path.join(SCREENSHOTS, "history.png"))

        # A phone: long handles and CODEOWNERS patterns wrap, nothing scrolls sideways.
        driver.set_window_size(360, 900)
        driver.get(history_site + "projects/ledger/")
        width = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], width
        assert driver.find_element("id", "review-measured").is_displayed()
    finally:
        driver.quit()
