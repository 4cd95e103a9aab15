# SPDX-License-Identifier: BSD-3-Clause
"""The repository's license rule, checked on every source file.

Every file under ``packages/zmq-core/src/zmq/core/`` (``zmq.core``, the
Cython binding) is LGPL-3.0-or-later; every other source file of the
repository (the rest of zmq-core, the plugins, tests, docs examples, ci
scripts) is BSD-3-Clause. Each says so on its first line (second after a
shebang) with an ``SPDX-License-Identifier`` comment, and each distribution
declares the licenses its files carry.
"""

import re

import pytest
from monorepo import (
    BSD,
    LGPL,
    LGPL_DIR,
    PACKAGES,
    ROOT,
    distributions,
    license_of_path,
    repository_source_files,
    source_files,
)

SPDX = re.compile(r"SPDX-License-Identifier:\s*(\S+)")

#: the comment that starts a line, per source suffix
COMMENT = {".c": "//", ".h": "//"}

#: a phrase from the text of each license, to know a license file by
LICENSE_TEXT = {
    LGPL: "GNU LESSER GENERAL PUBLIC LICENSE",
    BSD: "BSD 3-Clause License",
}


def spdx_of(path):
    """The SPDX expression on the first line of ``path`` (second after a shebang), or None."""
    lines = path.read_text(encoding="utf-8").splitlines()[:2]
    if lines and lines[0].startswith("#!"):
        lines = lines[1:]
    match = SPDX.search(lines[0]) if lines else None
    return match.group(1) if match else None


def header_for(suffix, license):
    """The line a file of ``suffix`` under ``license`` starts with (after a shebang, if any)."""
    return f"{COMMENT.get(suffix, '#')} SPDX-License-Identifier: {license}"


def message(name, suffix, found, needed):
    """What is wrong with file ``name`` (found SPDX id ``found``), in words that say how to fix it."""
    has = f"has `SPDX-License-Identifier: {found}`" if found else "has no SPDX line"
    why = "it is in zmq.core" if needed == LGPL else "only files under packages/zmq-core/src/zmq/core/ are LGPL"
    return f"{name} {has}; its first line (second after a shebang) must be `{header_for(suffix, needed)}` ({why})"


def problem(path, name=None):
    """Why ``path`` (shown as ``name``, by default its path in the repository) breaks the rule, or None."""
    name = name or path.relative_to(ROOT)
    found, needed = spdx_of(path), license_of_path(path)
    if found != needed:
        return message(name, path.suffix, found, needed)
    lines = len(SPDX.findall("\n".join(path.read_text(encoding="utf-8").splitlines()[:10])))
    if lines > 1:  # e.g. two merged edits that each added the line
        return f"{name} has {lines} SPDX lines at its top: keep only the first"
    return None


def test_every_distribution_is_there():
    assert set(distributions()) == {
        "zmq-core", "zmq-eventloop", "zmq-devices", "zmq-ssh", "zmq-web", "zmq-compat", "zmq",
    }


def test_licenses_are_declared_as_intended():
    licenses = {name: project["license"] for name, project in distributions().items()}
    assert licenses.pop("zmq-core") == f"{LGPL} AND {BSD}"
    assert set(licenses.values()) == {BSD}


def test_the_repository_has_source_files_of_both_licenses():
    """The walk finds what it should: the binding (LGPL) and the rest (BSD), tests and ci included."""
    found = {str(path.relative_to(ROOT)) for path in repository_source_files()}
    assert "packages/zmq-core/src/zmq/core/_zmq.pyx" in found
    assert "packages/zmq-core/src/zmq/auth/base.py" in found
    assert "packages/zmq-core/hatch_build.py" in found
    assert "tests/test_license_hygiene.py" in found
    assert "ci/test.sh" in found
    assert not any("/build/" in name or "__pycache__" in name for name in found)


def test_every_source_file_carries_the_license_of_its_path():
    problems = [message for path in repository_source_files() if (message := problem(path))]
    assert problems == [], "\n" + "\n".join(problems)


@pytest.mark.parametrize("package", sorted(distributions()))
def test_declared_license_is_what_the_files_carry(package):
    """A distribution's license expression names exactly the licenses of its shipped files."""
    declared = distributions()[package]["license"]
    shipped = source_files(package) if package == "zmq" else [
        path for path in source_files(package) if path.is_relative_to(PACKAGES / package / "src")
    ]
    carried = ({spdx_of(path) for path in shipped} - {None}) or {BSD}  # zmq (meta) holds no code
    assert set(declared.split(" AND ")) == carried


@pytest.mark.parametrize("package", sorted(distributions()))
def test_license_files_hold_the_text_of_every_declared_license(package):
    project = distributions()[package]
    texts = [(PACKAGES / package / name).read_text(encoding="utf-8") for name in project["license-files"]]
    for license in project["license"].split(" AND "):
        assert any(LICENSE_TEXT[license] in text for text in texts), f"{package}: no {license} text"
    if LGPL in project["license"]:  # the LGPL is a set of permissions added to the GPL: both texts
        assert any(text.lstrip().startswith("GNU GENERAL PUBLIC LICENSE") for text in texts)


def test_zmq_core_ships_both_license_texts():
    assert distributions()["zmq-core"]["license-files"] == ["LICENSE", "LICENSE.GPL-3", "LICENSE.BSD-3-Clause"]


@pytest.mark.parametrize("package", sorted(distributions()))
def test_package_layout(package):
    root = PACKAGES / package
    assert (root / "pyproject.toml").is_file()
    assert (root / "README.md").is_file()
    assert (root / "LICENSE").is_file()
    if package != "zmq":  # the meta distribution holds no code
        assert (root / "src" / "zmq").is_dir()
        assert (root / "tests").is_dir()
        assert list((root / "tests").glob("test_*.py"))


def test_plugins_do_not_ship_the_zmq_package_init():
    for package in distributions():
        if package != "zmq-core":
            assert not (PACKAGES / package / "src" / "zmq" / "__init__.py").exists()


def test_spdx_reader_rejects_files_without_a_line(tmp_path):
    unlabelled = tmp_path / "x.py"
    unlabelled.write_text("import os\n# SPDX-License-Identifier: MIT\n# too late\n")
    assert spdx_of(unlabelled) is None
    labelled = tmp_path / "y.py"
    labelled.write_text("#!/usr/bin/env python\n# SPDX-License-Identifier: BSD-3-Clause\n")
    assert spdx_of(labelled) == "BSD-3-Clause"


def test_the_rule_is_by_path(tmp_path):
    assert license_of_path(LGPL_DIR / "socket.py") == LGPL
    assert license_of_path(LGPL_DIR / "sub" / "new.pyx") == LGPL
    assert license_of_path(LGPL_DIR.parent / "auth" / "base.py") == BSD
    assert license_of_path(LGPL_DIR.parent / "__init__.py") == BSD
    assert license_of_path(LGPL_DIR.parent / "corelike.py") == BSD
    assert license_of_path(PACKAGES / "zmq-core" / "tests" / "test_socket.py") == BSD


def test_a_wrong_header_is_reported_with_the_line_it_needs(tmp_path):
    """The failure names the file and the exact first line to write."""
    assert message("packages/zmq-core/src/zmq/sugar/x.py", ".py", LGPL, BSD) == (
        "packages/zmq-core/src/zmq/sugar/x.py has `SPDX-License-Identifier: LGPL-3.0-or-later`; its first "
        "line (second after a shebang) must be `# SPDX-License-Identifier: BSD-3-Clause` (only files under "
        "packages/zmq-core/src/zmq/core/ are LGPL)"
    )
    assert message("x/new.c", ".c", None, LGPL) == (
        "x/new.c has no SPDX line; its first line (second after a shebang) must be "
        "`// SPDX-License-Identifier: LGPL-3.0-or-later` (it is in zmq.core)"
    )
    unlabelled = tmp_path / "new.py"
    unlabelled.write_text("import zmq\n")
    assert spdx_of(unlabelled) is None and license_of_path(unlabelled) == BSD


def test_a_repeated_spdx_line_is_reported(tmp_path):
    """A script with its line twice (as two merged edits leave it) is named."""
    path = ROOT / "ci" / "test.sh"
    assert problem(path) is None
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    doubled = tmp_path / "test.sh"
    doubled.write_text("".join(text[:2] + text[1:2] + text[2:]), encoding="utf-8")
    assert problem(doubled, "ci/test.sh") == "ci/test.sh has 2 SPDX lines at its top: keep only the first"
