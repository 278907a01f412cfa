"""The CI recipes in examples/ read by the tools that judge them: the JSON Schemas of GitHub
workflows and of GitLab CI (check-jsonschema's vendored copies), bash's parser for every shell
step, and Atrium itself: every `atrium` command line in them names a real subcommand and only
options that subcommand has. (actionlint, which the issue names, cannot be installed here: its
PyPI package downloads its binary from GitHub at install time.)"""
import glob
import os
import re
import shlex
import subprocess

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("ATRIUM_BINARY", os.path.join(ROOT, ".build", "debug", "atrium"))
GITHUB = sorted(glob.glob(os.path.join(ROOT, "examples", "github", "*.yml")))
GITLAB = sorted(glob.glob(os.path.join(ROOT, "examples", "gitlab", "*.yml")))


def shell_steps(path):
    """Every shell script of a recipe: GitHub `run:` steps, GitLab script lists."""
    with open(path, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    scripts = []
    for name, job in (document.get("jobs") or {}).items():
        for step in job.get("steps", []):
            if "run" in step:
                scripts.append(step["run"])
    for name, job in document.items():
        if isinstance(job, dict):
            for key in ("before_script", "script", "after_script"):
                if isinstance(job.get(key), list):
                    scripts.append("\n".join(job[key]))
    return scripts


def test_there_are_recipes_for_both_forges():
    assert len(GITHUB) >= 3 and len(GITLAB) >= 2


@pytest.mark.parametrize("path", GITHUB, ids=os.path.basename)
def test_github_workflows_match_the_schema(path):
    result = subprocess.run(["check-jsonschema", "--builtin-schema", "vendor.github-workflows", path],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", GITLAB, ids=os.path.basename)
def test_gitlab_pipelines_match_the_schema(path):
    result = subprocess.run(["check-jsonschema", "--builtin-schema", "vendor.gitlab-ci", path],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", GITHUB + GITLAB, ids=os.path.basename)
def test_every_shell_step_parses_and_every_atrium_command_exists(path):
    scripts = shell_steps(path)
    assert scripts, "no shell steps found"
    commands = 0
    for script in scripts:
        plain = re.sub(r"\$\{\{[^}]*\}\}", "X", script)
        parsed = subprocess.run(["bash", "-n"], input=plain, capture_output=True, text=True, timeout=30)
        assert parsed.returncode == 0, parsed.stderr + plain
        for line in plain.splitlines():
            line = line.split(">")[0].split("||")[0].strip()
            if not line.startswith("atrium "):
                continue
            words = shlex.split(line)
            subcommand = words[1]
            help_text = subprocess.run([BINARY, subcommand, "--help"], capture_output=True, text=True, timeout=30)
            assert help_text.returncode == 0, "no subcommand %r: %s" % (subcommand, line)
            for word in words[2:]:
                if word.startswith("--"):
                    assert re.search(r"(^|\s)%s\b" % re.escape(word), help_text.stdout), "%s has no %s" % (subcommand, word)
            commands += 1
    assert commands > 0, "the recipe runs no atrium command"


def test_the_matrix_and_the_shard_count_agree():
    with open(os.path.join(ROOT, "examples", "github", "publish-catalogue-sharded.yml"), encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    shards = workflow["jobs"]["harvest"]["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, int(workflow["env"]["SHARDS"]) + 1))
