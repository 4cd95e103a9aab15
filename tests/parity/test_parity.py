# SPDX-License-Identifier: BSD-3-Clause
"""Differential tests: every scenario in ``scenarios/`` behaves as under pyzmq 27.

Each scenario file runs once under pyzmq's interpreter (``.venvs/pyzmq``,
made by ``ci/setup.sh``; ``ZMQ_PARITY_PYZMQ`` names another) and once under
this interpreter, through ``runner.py``; each of its functions is one test
comparing the two records. See README.md in this directory.
"""

from __future__ import annotations

import ast
import difflib
import json
import os
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RUNNER = HERE / "runner.py"
SCENARIOS = HERE / "scenarios"
TIMEOUT = 300  # seconds for one scenario file; only turns a hang into a failure


def pyzmq_python() -> Path:
    """pyzmq's interpreter (fails the test, clearly, when it is missing)."""
    python = Path(os.environ.get("ZMQ_PARITY_PYZMQ") or ROOT / ".venvs" / "pyzmq" / "bin" / "python")
    if not python.exists():
        pytest.fail(f"pyzmq's interpreter {python} is missing: run ci/setup.sh (it creates .venvs/pyzmq)"
                    " or set ZMQ_PARITY_PYZMQ", pytrace=False)
    return python


def scenario_functions(path: Path) -> list[str]:
    """The public top-level functions of a scenario file, in source order."""
    tree = ast.parse(path.read_text(), str(path))
    return [node.name for node in tree.body if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")]


def all_scenarios() -> list:
    params = []
    for path in sorted(SCENARIOS.glob("[!_]*.py")):
        for name in scenario_functions(path):
            params.append(pytest.param(path, name, id=f"{path.stem}::{name}"))
    return params


def _start(python: Path, path: Path, out: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.setdefault("PYTHONFAULTHANDLER", "1")
    return subprocess.Popen([str(python), str(RUNNER), str(out), str(path)], env=env, cwd=tempfile.gettempdir(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@cache
def run_file(path: Path) -> tuple[dict, dict]:
    """(pyzmq's report, ours) for every function of one scenario file, run side by side."""
    reports = []
    with tempfile.TemporaryDirectory(prefix="zmq-parity-") as tmp:
        procs = [(_start(python, path, Path(tmp) / f"{which}.json"), which, Path(tmp) / f"{which}.json")
                 for which, python in (("pyzmq", pyzmq_python()), ("ours", Path(sys.executable)))]
        for proc, which, out in procs:
            try:
                output, _ = proc.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                output, _ = proc.communicate()
                reports.append({"failure": f"{which}: {path.name} did not finish in {TIMEOUT} s\n{output}"})
                continue
            if proc.returncode != 0 or not out.exists():
                reports.append({"failure": f"{which}: runner exited {proc.returncode}\n{output}"})
                continue
            report = json.loads(out.read_text())
            report["output"] = output
            reports.append(report)
    return reports[0], reports[1]


def _check_report(report: dict, which: str) -> None:
    if "failure" in report:
        pytest.fail(report["failure"], pytrace=False)
    if "import_error" in report:
        pytest.fail(f"{which}: the scenario file did not import under {report['python']}:\n{report['import_error']}",
                    pytrace=False)
    in_pyzmq_venv = str(Path(report["zmq"]).resolve()).startswith(str(pyzmq_python().parent.parent.resolve()))
    if in_pyzmq_venv != (which == "pyzmq"):
        pytest.fail(f"{which}'s run imported the wrong zmq: {report['zmq']}", pytrace=False)


def _comparable(record):
    """``record`` without the keys that name run-specific detail (leading underscore)."""
    if isinstance(record, dict):
        return {k: _comparable(v) for k, v in record.items() if not k.startswith("_")}
    if isinstance(record, list):
        return [_comparable(v) for v in record]
    return record


@pytest.mark.parametrize(("path", "name"), all_scenarios())
def test_same_as_pyzmq(path: Path, name: str) -> None:
    reference, ours = run_file(path)
    _check_report(reference, "pyzmq")
    _check_report(ours, "ours")
    expected, got = reference["scenarios"][name], ours["scenarios"][name]
    if _comparable(expected) != _comparable(got):
        diff = "\n".join(difflib.unified_diff(
            json.dumps(_comparable(expected), indent=1).splitlines(),
            json.dumps(_comparable(got), indent=1).splitlines(),
            "pyzmq 27", "this project", n=8, lineterm=""))
        details = [f"{which} traceback:\n{rec['uncaught']['_traceback']}"
                   for which, rec in (("pyzmq", expected), ("ours", got)) if "uncaught" in rec]
        stderr = [f"{which} output:\n{rep['output']}" for which, rep in (("pyzmq", reference), ("ours", ours))
                  if rep.get("output")]
        pytest.fail("\n".join([f"{path.name}::{name} differs from pyzmq 27:", diff, *details, *stderr]),
                    pytrace=False)


def test_scenarios_exist() -> None:
    """The harness found scenarios (a glob that matched nothing would pass vacuously)."""
    assert len(all_scenarios()) >= 5
