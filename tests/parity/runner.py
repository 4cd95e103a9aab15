# SPDX-License-Identifier: BSD-3-Clause
"""Run parity scenarios under whichever ``zmq`` this interpreter imports.

Usage: ``python runner.py OUT.json SCENARIO_FILE [FUNCTION ...]``

Runs under pyzmq's venv and under this project's environment alike, so it
uses only the standard library. Each named top-level function of the
scenario file (all public ones when none is named) is called with a
:class:`Probe`; what it records, returns, raises, prints and warns becomes a
JSON-able record, normalised so that addresses, ports and ids do not differ
between two runs. The records of every function go to ``OUT.json``.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import importlib.util
import io
import json
import re
import sys
import traceback
import warnings
from pathlib import Path

_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
_TCP_PORT = re.compile(r"(tcp://[^\s:'\"]+|127\.0\.0\.1|localhost):\d+")


def normalize_text(text: str) -> str:
    """``text`` with memory addresses and TCP ports replaced by placeholders."""
    return _TCP_PORT.sub(r"\1:PORT", _ADDRESS.sub("0x?", text))


def normalize(value, depth: int = 0):
    """A JSON-able, run-independent form of ``value``."""
    if depth > 20:
        return "<too deep>"
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return {"enum": type(value).__name__, "name": value.name, "value": normalize(value.value, depth + 1)}
    if isinstance(value, (int, float)):
        return {"int": int(value)} if isinstance(value, int) and type(value) is not int else value
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {type(value).__name__: normalize_text(bytes(value).decode("latin-1"))}
    if isinstance(value, (list, tuple)):
        return [normalize(item, depth + 1) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((normalize(item, depth + 1) for item in value), key=repr)
    if isinstance(value, dict):
        return {"dict": sorted(([normalize(k, depth + 1), normalize(v, depth + 1)] for k, v in value.items()), key=repr)}
    if isinstance(value, type):
        return {"class": value.__qualname__}
    return {"object": type(value).__qualname__}


def describe_exception(exc: BaseException, kinds=()) -> dict:
    """Type name and errno of ``exc`` (or, with ``kinds``, which of those types it is)."""
    if kinds:
        described = {"raised": [k.__name__ for k in kinds if isinstance(exc, k)]}
    else:
        described = {"raised": type(exc).__name__}
    errno = getattr(exc, "errno", None)
    if isinstance(errno, int):
        described["errno"] = errno
    return described


class Probe:
    """What a scenario records; passed to every scenario function as ``p``."""

    def __init__(self, caught: list):
        self.records: list = []
        self._caught = caught  # the scenario's warnings.catch_warnings list

    def _take_warnings(self, with_text: bool) -> list:
        taken = [
            [w.category.__name__, normalize_text(str(w.message))] if with_text else w.category.__name__
            for w in self._caught
        ]
        del self._caught[:]
        return taken

    def value(self, label: str, value) -> None:
        """Record ``value`` (normalised)."""
        self.records.append([label, normalize(value)])

    def text(self, label: str, value) -> None:
        """Record ``str(value)`` with addresses and ports normalised (for reprs)."""
        self.records.append([label, normalize_text(str(value))])

    def call(self, label: str, fn, *args, kinds=(), message=False, warning_text=False, **kwargs):
        """Call ``fn(*args, **kwargs)``; record its result or exception and its warnings.

        ``kinds``: record which of these exception types it is an instance of,
        instead of its type name. ``message``: also record ``str(exception)``.
        ``warning_text``: record each warning's message, not only its category.
        Returns the result (None when it raised).
        """
        self._take_warnings(False)  # earlier, unrecorded warnings belong to no call
        result = None
        try:
            result = fn(*args, **kwargs)
            outcome = {"returned": normalize(result)}
        except Exception as exc:  # noqa: BLE001 - the exception is the observation
            outcome = describe_exception(exc, kinds)
            if message:
                outcome["message"] = normalize_text(str(exc))
        caught = self._take_warnings(warning_text)
        if caught:
            outcome["warnings"] = caught
        self.records.append([label, outcome])
        return result

    def warnings(self, label: str, with_text: bool = False) -> None:
        """Record the warnings seen since the last ``call``/``warnings`` (after a gc.collect())."""
        gc.collect()
        self.records.append([label, {"warnings": self._take_warnings(with_text)}])


def run_scenario(fn) -> dict:
    """Call one scenario function and describe everything it did."""
    unraisable: list = []
    old_hook = sys.unraisablehook
    sys.unraisablehook = lambda u: unraisable.append(type(u.exc_value).__name__)
    printed = io.StringIO()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            probe = Probe(caught)
            record: dict = {}
            try:
                with contextlib.redirect_stdout(printed):
                    record["returned"] = normalize(fn(probe))
            except Exception as exc:  # noqa: BLE001
                record["uncaught"] = describe_exception(exc)
                record["uncaught"]["_traceback"] = "".join(traceback.format_exception(exc))
            gc.collect()
            record["records"] = probe.records
            record["warnings"] = probe._take_warnings(False)
    finally:
        sys.unraisablehook = old_hook
    record["printed"] = normalize_text(printed.getvalue())
    if unraisable:
        record["unraisable"] = unraisable
    return record


def main(argv: list[str]) -> int:
    out, scenario_file, *names = argv
    path = Path(scenario_file).resolve()
    sys.path.insert(0, str(path.parent))  # scenario files may share helpers (_*.py)
    report: dict = {"python": sys.executable}
    try:
        import zmq

        report["zmq"] = zmq.__file__
        spec = importlib.util.spec_from_file_location(f"parity_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except Exception:  # noqa: BLE001
        report["import_error"] = traceback.format_exc()
        Path(out).write_text(json.dumps(report))
        return 0
    if not names:
        names = [n for n, v in vars(module).items() if callable(v) and not n.startswith("_")
                 and getattr(v, "__module__", None) == module.__name__ and not isinstance(v, type)]
    report["scenarios"] = {name: run_scenario(getattr(module, name)) for name in names}
    Path(out).write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
