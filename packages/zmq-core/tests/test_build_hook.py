# SPDX-License-Identifier: BSD-3-Clause
"""The build hook finds libzmq, or says what to install."""

import importlib.util
from pathlib import Path

import pytest

HOOK = Path(__file__).resolve().parents[1] / "hatch_build.py"
import hatchling  # noqa: E402,F401  (a test dependency: the hook imports it)


def load_hook():
    spec = importlib.util.spec_from_file_location("zmq_core_hatch_build", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pkg_config_finds_libzmq(monkeypatch):
    monkeypatch.delenv("ZMQ_PREFIX", raising=False)
    found = load_hook().find_libzmq()
    assert "zmq" in found["libraries"]


def test_missing_libzmq_says_what_to_install(monkeypatch, tmp_path):
    hook = load_hook()
    monkeypatch.delenv("ZMQ_PREFIX", raising=False)
    monkeypatch.setenv("PKG_CONFIG_LIBDIR", str(tmp_path))  # an empty pkg-config search path
    monkeypatch.setenv("PKG_CONFIG_PATH", str(tmp_path))
    with pytest.raises(hook.LibzmqNotFound) as info:
        hook.find_libzmq()
    message = str(info.value)
    for hint in ("apt-get install libzmq3-dev", "dnf install zeromq-devel", "brew install zeromq", "ZMQ_PREFIX"):
        assert hint in message


def test_zmq_prefix_is_used_and_checked(monkeypatch, tmp_path):
    hook = load_hook()
    monkeypatch.setenv("ZMQ_PREFIX", str(tmp_path))
    with pytest.raises(hook.LibzmqNotFound, match="no include/zmq.h"):
        hook.find_libzmq()
    (tmp_path / "include").mkdir()
    (tmp_path / "include" / "zmq.h").write_text("/* stand-in */\n")
    (tmp_path / "lib").mkdir()
    found = hook.find_libzmq()
    assert found["include_dirs"] == [str(tmp_path / "include")]
    assert found["library_dirs"] == [str(tmp_path / "lib")]
    assert found["runtime_library_dirs"] == [str(tmp_path / "lib")]
