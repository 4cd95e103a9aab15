# SPDX-License-Identifier: BSD-3-Clause
"""Plugin and meta wheels: never zmq/__init__.py, always their module, license and entry point.

ci/test.sh builds every wheel once (ci/build.sh) and points ``ZMQ_DIST`` at
them; without it (a developer's run) the pure wheels are built here.
"""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from monorepo import PACKAGES, plugin_packages


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    """Every pure wheel (plugins and meta): package name → wheel path."""
    built = {}
    dist = os.environ.get("ZMQ_DIST")
    if dist:
        for package in [*plugin_packages(), "zmq"]:
            (built[package],) = Path(dist).glob(f"{package.replace('-', '_')}-*-py3-none-any.whl")
        return built
    out = tmp_path_factory.mktemp("wheels")
    for package in [*plugin_packages(), "zmq"]:
        target = out / package
        subprocess.run(
            [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(target)],
            cwd=PACKAGES / package, check=True, capture_output=True,
        )
        (built[package],) = target.glob("*.whl")
    return built


def read(wheel, suffix):
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(suffix)]
        return archive.read(name).decode()


def names(wheel):
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_no_wheel_but_the_core_contains_zmq_init(wheels):
    for package, wheel in wheels.items():
        assert "zmq/__init__.py" not in names(wheel), package
        assert all(not n.startswith("zmq/") or n.count("/") >= 2 for n in names(wheel)), package


@pytest.mark.parametrize("package", plugin_packages())
def test_plugin_wheel_contents(wheels, package):
    wheel = wheels[package]
    name = package.removeprefix("zmq-")
    assert f"zmq/{name}/__init__.py" in names(wheel)
    assert wheel.name.endswith("-py3-none-any.whl")
    metadata = read(wheel, ".dist-info/METADATA")
    assert "License-Expression: BSD-3-Clause" in metadata
    assert "Requires-Dist: zmq-core<0.2,>=0.1" in metadata
    entry_points = read(wheel, ".dist-info/entry_points.txt")
    assert "[zmq.plugins]" in entry_points
    assert f"{name} = zmq.{name}" in entry_points


def test_meta_wheel_has_the_extras(wheels):
    wheel = wheels["zmq"]
    assert [n for n in names(wheel) if not n.startswith("zmq-")] == []  # metadata only
    metadata = read(wheel, ".dist-info/METADATA")
    for extra in ("eventloop", "devices", "ssh", "web", "compat", "all"):
        assert f"Provides-Extra: {extra}" in metadata
    assert "Requires-Dist: zmq-eventloop<0.2,>=0.1; extra == 'eventloop'" in metadata


def test_eventloop_wheel_ships_auth_asyncio_but_no_package_init(wheels):
    """zmq/auth/asyncio.py is zmq-eventloop's; zmq/__init__.py and zmq/auth/__init__.py are the core's."""
    listed = names(wheels["zmq-eventloop"])
    assert "zmq/auth/asyncio.py" in listed
    assert "zmq/eventloop/zmqstream.py" in listed and "zmq/asyncio/__init__.py" in listed
    assert "zmq/__init__.py" not in listed and "zmq/auth/__init__.py" not in listed
