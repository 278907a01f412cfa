"""`atrium export backstage` read by Backstage's own JSON Schemas (../shared/clients/
backstage-catalog-schema, registered under their $ids as Backstage does) and by a YAML parser:
for every sample and every hostile repository, the catalog-info.yaml parses, validates as a
Component, follows Backstage's name and tag rules, and says exactly what `explain` says."""
import json
import os
import re
import subprocess

import jsonschema
import pytest
import referencing
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("ATRIUM_BINARY", os.path.join(ROOT, ".build", "debug", "atrium"))
SHARED = os.environ.get("ATRIUM_SHARED", os.path.join(ROOT, "..", "shared"))
SCHEMAS = os.path.join(SHARED, "clients", "backstage-catalog-schema")
SAMPLES = os.path.join(ROOT, "content", "samples")
HOSTILE = os.path.join(ROOT, "Tests", "Hostile", "repos")
WEB = "https://git.acme.example/{name}/blob/{ref}/{path}"

pytestmark = pytest.mark.skipif(not os.path.isdir(SCHEMAS),
                                reason="needs ../shared/clients/backstage-catalog-schema (set ATRIUM_SHARED)")

# Backstage's catalog-model validators (KubernetesValidatorFunctions, CommonValidatorFunctions).
NAME = re.compile(r"^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$")
TAG = re.compile(r"^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$")
REFERENCE = re.compile(r"^(group|user):[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$")


def component_validator():
    registry = referencing.Registry()
    for folder, _, files in os.walk(SCHEMAS):
        for name in files:
            if name.endswith(".schema.json"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    schema = json.load(f)
                resource = referencing.Resource.from_contents(schema, default_specification=referencing.jsonschema.DRAFT7)
                registry = registry.with_resource(schema["$id"], resource)
    schema = registry.contents("ComponentV1alpha1")
    return jsonschema.Draft7Validator(schema, registry=registry)


def folders(root):
    return sorted(os.path.join(root, name) for name in os.listdir(root) if os.path.isdir(os.path.join(root, name)))


def run(*arguments):
    return subprocess.run([BINARY, *arguments], capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def validator():
    return component_validator()


@pytest.mark.parametrize("folder", folders(SAMPLES) + folders(HOSTILE), ids=os.path.basename)
def test_the_export_is_a_valid_component_that_says_what_explain_says(validator, folder):
    exported = run("export", "backstage", folder, "--force", "--web", WEB)
    assert exported.returncode == 0, exported.stderr
    document = yaml.safe_load(exported.stdout)
    errors = sorted(str(e.message) for e in validator.iter_errors(document))
    assert errors == [], errors
    metadata, spec = document["metadata"], document["spec"]
    assert NAME.match(metadata["name"]) and len(metadata["name"]) <= 63, metadata["name"]
    for tag in metadata.get("tags", []):
        assert TAG.match(tag) and len(tag) <= 63, tag
    assert spec["owner"] == "unknown" or REFERENCE.match(spec["owner"]), spec["owner"]
    for link in metadata.get("links", []):
        assert link["url"].startswith(("https://", "http://")), link["url"]

    explained = run("explain", folder, "--format", "json")
    facts = json.loads(explained.stdout)
    assert metadata["title"] == facts["name"], "the title survives YAML escaping"
    assert metadata.get("description") == facts.get("description")
    owners = facts.get("owners") or []
    if owners:
        assert owners[0]["source"] in exported.stdout, "the owner's line is named"


def test_a_repository_with_its_own_catalog_info_is_not_overwritten():
    folder = os.path.join(SAMPLES, "observability-dashboards")
    assert os.path.isfile(os.path.join(folder, "catalog-info.yaml"))
    refused = run("export", "backstage", folder)
    assert refused.returncode == 1
    assert "has catalog-info.yaml already" in refused.stderr


def test_sources_are_named_beside_the_values():
    exported = run("export", "backstage", os.path.join(SAMPLES, "payments-sdk"), "--web", WEB)
    assert exported.returncode == 0, exported.stderr
    text = exported.stdout
    assert re.search(r'^  title: "Payments SDK"  # README\.md:\d+$', text, re.M), text
    assert re.search(r'^  owner: "group:payments-team"  # \.github/CODEOWNERS:\d+ \(@acme/payments-team\)$', text, re.M), text
    assert 'url: "https://git.acme.example/payments-sdk/blob/HEAD/CONTRIBUTING.md"' in text
