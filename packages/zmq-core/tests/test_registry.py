# SPDX-License-Identifier: BSD-3-Clause
"""The plugin registry, python -m zmq, and a fast, lean import zmq."""

import importlib
import subprocess
import sys

import pytest

import zmq
from zmq.core.plugins import PLUGIN_MODULES, MissingPluginFinder, missing_plugin_message


def test_plugins_lists_plugin_infos():
    infos = zmq.plugins()
    assert infos == sorted(infos, key=lambda info: info.name)
    for info in infos:
        assert info.module.startswith("zmq.")
        assert info.distribution.startswith("zmq-")
        assert info.license


def test_python_m_zmq_reports_versions_and_plugins():
    done = subprocess.run([sys.executable, "-m", "zmq"], capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert lines[0] == f"zmq-core {zmq.__version__} (LGPL-3.0-or-later AND BSD-3-Clause)"
    assert lines[1].split() == ["libzmq", zmq.zmq_version()]
    assert "plugins:" in lines
    for info in zmq.plugins():
        assert any(info.distribution in line and info.license in line for line in lines)


def test_missing_plugin_finder_names_the_distribution():
    finder = MissingPluginFinder()
    with pytest.raises(ModuleNotFoundError) as info:
        finder.find_spec("zmq.eventloop", None)
    message = str(info.value)
    assert "pip install zmq-eventloop" in message
    assert "zmq[eventloop]" in message
    assert info.value.name == "zmq.eventloop"
    assert finder.find_spec("zmq.not_a_plugin", None) is None
    assert finder.find_spec("json", None) is None


@pytest.mark.parametrize("module", sorted(PLUGIN_MODULES))
def test_plugin_import_works_or_names_its_distribution(module):
    distribution = PLUGIN_MODULES[module][0]
    try:
        importlib.import_module(f"zmq.{module}")
    except ModuleNotFoundError as error:
        assert str(error) == missing_plugin_message(module)
        assert distribution not in {info.distribution for info in zmq.plugins()}
    else:
        assert distribution in {info.distribution for info in zmq.plugins()}


def test_import_zmq_stays_lean():
    code = (
        "import sys, zmq; "
        "print(' '.join(m for m in ('importlib.metadata', 'json', 'pickle', 'typing', 'pkgutil', "
        "'random', 'dataclasses') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_get_includes_finds_the_pxd_files():
    from pathlib import Path

    top, core = (Path(p) for p in zmq.get_includes())
    assert (top / "zmq" / "core" / "_zmq.pxd").is_file()
    assert (core / "libzmq.pxd").is_file()
