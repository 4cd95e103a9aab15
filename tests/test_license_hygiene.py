# SPDX-License-Identifier: BSD-3-Clause
"""Every source file carries the SPDX line of its distribution's license."""

import re

import pytest
from monorepo import PACKAGES, ROOT, distributions, source_files

SPDX = re.compile(r"SPDX-License-Identifier:\s*(\S+)")


def spdx_of(path):
    """The SPDX expression on the first line of ``path`` (second after a shebang), or None."""
    lines = path.read_text(encoding="utf-8").splitlines()[:2]
    if lines and lines[0].startswith("#!"):
        lines = lines[1:]
    match = SPDX.search(lines[0]) if lines else None
    return match.group(1) if match else None


def test_every_distribution_is_there():
    assert set(distributions()) == {
        "zmq-core", "zmq-eventloop", "zmq-devices", "zmq-ssh", "zmq-web", "zmq-compat", "zmq",
    }


def test_licenses_are_declared_as_intended():
    licenses = {name: project["license"] for name, project in distributions().items()}
    assert licenses.pop("zmq-core") == "LGPL-3.0-or-later"
    assert set(licenses.values()) == {"BSD-3-Clause"}


@pytest.mark.parametrize("package", sorted(distributions()))
def test_source_files_carry_their_distribution_license(package):
    declared = distributions()[package]["license"]
    wrong = {}
    for path in source_files(package):
        found = spdx_of(path)
        if found != declared:
            wrong[str(path.relative_to(ROOT))] = found
    assert wrong == {}, f"files without `SPDX-License-Identifier: {declared}`"


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
