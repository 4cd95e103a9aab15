# SPDX-License-Identifier: BSD-3-Clause
"""The parity runner itself records what a scenario did (under this interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

RUNNER = Path(__file__).resolve().parent / "runner.py"


def run(tmp_path: Path, source: str) -> dict:
    scenario = tmp_path / "sample.py"
    scenario.write_text(textwrap.dedent(source))
    out = tmp_path / "out.json"
    subprocess.run([sys.executable, str(RUNNER), str(out), str(scenario)], check=True, timeout=120)
    return json.loads(out.read_text())


def test_records_values_exceptions_warnings_and_output(tmp_path):
    report = run(tmp_path, """
        import warnings
        import zmq

        def sample(p):
            ctx = zmq.Context()
            s = ctx.socket(zmq.PULL)
            p.call("again", s.recv, zmq.NOBLOCK)
            p.call("kinds", s.recv, zmq.NOBLOCK, kinds=(zmq.ZMQError, KeyError))
            p.value("bytes and tuple", (b"x", 1))
            p.text("address", "<thing at 0xdeadbeef> tcp://127.0.0.1:5555")
            p.call("warns", warnings.warn, "careful", DeprecationWarning, warning_text=True)
            print("printed at 0x1234")
            s.close()
            ctx.term()
            return {"done": True}

        def fails(p):
            raise KeyError("x")

        def _helper(p):
            raise AssertionError("private functions are not scenarios")
    """)
    assert report["zmq"].endswith("__init__.py")
    sample = report["scenarios"]["sample"]
    assert sample["records"] == [
        ["again", {"raised": "Again", "errno": 11}],
        ["kinds", {"raised": ["ZMQError"], "errno": 11}],
        ["bytes and tuple", [{"bytes": "x"}, 1]],
        ["address", "<thing at 0x?> tcp://127.0.0.1:PORT"],
        ["warns", {"returned": None, "warnings": [["DeprecationWarning", "careful"]]}],
    ]
    assert sample["printed"] == "printed at 0x?\n"
    assert sample["returned"] == {"dict": [["done", True]]}
    assert report["scenarios"]["fails"]["uncaught"]["raised"] == "KeyError"
    assert set(report["scenarios"]) == {"sample", "fails"}


def test_import_error_is_reported(tmp_path):
    report = run(tmp_path, "import zmq.no_such_module\n")
    assert "ModuleNotFoundError" in report["import_error"]


def test_a_missing_pyzmq_interpreter_fails_clearly(monkeypatch, tmp_path):
    # never a skip or a vacuous pass: the differential tests need pyzmq
    import importlib.util

    import pytest

    spec = importlib.util.spec_from_file_location("parity_harness", RUNNER.parent / "test_parity.py")
    harness = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(harness)
    monkeypatch.setenv("ZMQ_PARITY_PYZMQ", str(tmp_path / "no-such-venv" / "bin" / "python"))
    with pytest.raises(pytest.fail.Exception, match="ci/setup.sh"):
        harness.pyzmq_python()
