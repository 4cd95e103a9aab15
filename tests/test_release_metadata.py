# SPDX-License-Identifier: BSD-3-Clause
"""Every distribution's metadata is complete enough to publish.

The checks read each ``pyproject.toml`` and the core metadata hatchling
writes from it (the METADATA file of the wheel and PKG-INFO of the sdist),
without building anything. ci/build.sh builds the real artifacts, ci/check_dist.sh runs
``twine check`` on them.
"""

from __future__ import annotations

import re
import tomllib
from email.parser import Parser

import pytest
from hatchling.metadata.core import ProjectMetadata
from hatchling.metadata.spec import get_core_metadata_constructors
from hatchling.plugin.manager import PluginManager
from monorepo import PACKAGES, ROOT, distributions
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from trove_classifiers import classifiers as KNOWN_CLASSIFIERS

DISTRIBUTIONS = sorted(distributions())
URL_KEYS = {"Homepage", "Documentation", "Source", "Issues", "Changelog"}
VERSION_ASSIGNMENT = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.M)


def core_metadata(package: str):
    """The core metadata (an email.message.Message) hatchling writes for ``package``."""
    metadata = ProjectMetadata(str(PACKAGES / package), PluginManager())
    text = get_core_metadata_constructors()["2.4"](metadata)
    return Parser().parsestr(text)


def version_of(package: str) -> str:
    """The version from the one place that holds it."""
    return core_metadata(package)["Version"]


@pytest.mark.parametrize("package", DISTRIBUTIONS)
def test_core_metadata_is_complete(package):
    meta = core_metadata(package)
    assert meta["Name"] == package
    assert Version(meta["Version"])
    summary = meta["Summary"]
    assert summary and "\n" not in summary and len(summary) <= 200
    assert meta["License-Expression"] == distributions()[package]["license"]
    license_files = meta.get_all("License-File")
    assert license_files and all((PACKAGES / package / name).is_file() for name in license_files)
    assert meta["Author"] or meta["Author-email"]
    assert meta["Requires-Python"] == ">=3.10"
    assert meta["Description-Content-Type"] == "text/markdown"
    readme = (PACKAGES / package / "README.md").read_text(encoding="utf-8")
    assert meta.get_payload().strip() == readme.strip(), "the README is the long description"
    assert readme.startswith(f"# {package}"), "a README starts with its distribution's name"
    assert "zmq" in meta["Keywords"].split(",")
    urls = dict(entry.split(", ", 1) for entry in meta.get_all("Project-URL"))
    assert set(urls) == URL_KEYS
    assert all(url.startswith("https://") for url in urls.values())


@pytest.mark.parametrize("package", DISTRIBUTIONS)
def test_classifiers_are_known_and_agree_with_the_metadata(package):
    classifiers = core_metadata(package).get_all("Classifier")
    unknown = [c for c in classifiers if c not in KNOWN_CLASSIFIERS]
    assert unknown == []
    prefixes = {c.split(" :: ")[0] for c in classifiers}
    assert {"Development Status", "Intended Audience", "Operating System", "Programming Language", "Topic"} <= prefixes
    assert sum(c.startswith("Development Status ::") for c in classifiers) == 1
    assert "Programming Language :: Python :: 3 :: Only" in classifiers
    # a license expression replaces license classifiers (PEP 639): never both
    assert [c for c in classifiers if c.startswith("License ::")] == []
    supported = SpecifierSet(distributions()[package]["requires-python"])
    for classifier in classifiers:
        minor = re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", classifier)
        if minor:
            assert Version(minor.group(1) + ".99") in supported, classifier


def test_every_distribution_shares_the_project_urls():
    tables = {package: distributions()[package].get("urls") for package in DISTRIBUTIONS}
    assert len({tuple(sorted(t.items())) for t in tables.values()}) == 1, tables


@pytest.mark.parametrize("package", DISTRIBUTIONS)
def test_version_lives_in_one_place(package):
    project = distributions()[package]
    sources = [path for path in (PACKAGES / package / "src").rglob("*.py")
               if VERSION_ASSIGNMENT.search(path.read_text(encoding="utf-8"))]
    if "version" in project:  # static: the meta distribution, which has no code
        assert "version" not in project.get("dynamic", [])
        assert sources == []
        return
    assert project["dynamic"] == ["version"]
    pyproject = tomllib.loads((PACKAGES / package / "pyproject.toml").read_text())
    declared = PACKAGES / package / pyproject["tool"]["hatch"]["version"]["path"]
    assert sources == [declared], "one __version__ assignment, in the file hatch reads"
    assert VERSION_ASSIGNMENT.findall(declared.read_text(encoding="utf-8")) == [version_of(package)]


@pytest.mark.parametrize("package", [p for p in DISTRIBUTIONS if p != "zmq-core"])
def test_requirements_on_our_distributions_admit_their_versions(package):
    """Each plugin's zmq-core range, and each extra of zmq, includes today's version."""
    meta = core_metadata(package)
    ours = [Requirement(line) for line in meta.get_all("Requires-Dist") or []]
    ours = [req for req in ours if req.name in DISTRIBUTIONS]
    assert any(req.name == "zmq-core" for req in ours)
    for req in ours:
        assert req.specifier.contains(version_of(req.name)), f"{package}: {req}"


@pytest.mark.parametrize("package", DISTRIBUTIONS)
def test_changelog_has_an_entry_for_the_current_version(package):
    changelog = (ROOT / "docs" / "changelog.rst").read_text(encoding="utf-8")
    entry = f"{package} {version_of(package)}"
    assert re.search(rf"^{re.escape(entry)}\b", changelog, re.M), f"docs/changelog.rst lacks {entry!r}"


def test_release_script_builds_and_checks_every_distribution():
    release = (ROOT / "ci" / "release.sh").read_text(encoding="utf-8")
    assert '"$CI/build.sh"' in release and '"$CI/check_dist.sh"' in release
    build = (ROOT / "ci" / "build.sh").read_text(encoding="utf-8")
    assert '"${PACKAGES[@]}"' in build and "-m build" in build
    assert "twine check --strict" in (ROOT / "ci" / "check_dist.sh").read_text(encoding="utf-8")
    assert 'DIST="$ROOT/dist/release"' in (ROOT / "ci" / "common.sh").read_text(encoding="utf-8")
    common = (ROOT / "ci" / "common.sh").read_text(encoding="utf-8")
    listed = re.search(r"^PACKAGES=\(([^)]*)\)", common, re.M).group(1).split()
    assert sorted(listed) == DISTRIBUTIONS


def test_readme_files_are_the_declared_readmes():
    for package in DISTRIBUTIONS:
        assert distributions()[package]["readme"] == "README.md"
        assert (PACKAGES / package / "README.md").stat().st_size > 200
