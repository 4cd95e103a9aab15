# SPDX-License-Identifier: BSD-3-Clause
"""Check which zmq distributions a venv holds and that their modules import.

    check_installed.py --present zmq-core zmq-web --absent zmq-ssh
    check_installed.py --importable --editable zmq-core
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from importlib import metadata

#: modules each distribution provides
MODULES = {
    "zmq-core": ["zmq"],
    "zmq-eventloop": ["zmq.eventloop", "zmq.asyncio"],
    "zmq-devices": ["zmq.devices"],
    "zmq-ssh": ["zmq.ssh"],
    "zmq-web": ["zmq.web"],
    "zmq-compat": ["zmq.compat"],
}


def installed(dist: str) -> bool:
    """Whether distribution ``dist`` is installed."""
    try:
        metadata.distribution(dist)
    except metadata.PackageNotFoundError:
        return False
    return True


def is_editable(dist: str) -> bool:
    """Whether ``dist`` was installed in editable mode (PEP 660 direct_url.json)."""
    text = metadata.distribution(dist).read_text("direct_url.json")
    return bool(text) and json.loads(text).get("dir_info", {}).get("editable", False)


def main() -> int:
    """Check the venv; print each problem and return 1 if any."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--present", nargs="*", default=[])
    parser.add_argument("--absent", nargs="*", default=[])
    parser.add_argument("--editable", nargs="*", default=[])
    parser.add_argument("--importable", action="store_true", help="import every installed plugin")
    args = parser.parse_args()
    problems = []
    problems += [f"{d} is not installed" for d in args.present if not installed(d)]
    problems += [f"{d} is installed but should not be" for d in args.absent if installed(d)]
    problems += [f"{d} is not an editable install" for d in args.editable if not is_editable(d)]
    if args.importable:
        import zmq

        registered = {info.distribution for info in zmq.plugins()}
        for dist, modules in MODULES.items():
            if not installed(dist):
                continue
            for module in modules:
                try:
                    importlib.import_module(module)
                except ImportError as error:
                    problems.append(f"{module} ({dist}) does not import: {error}")
            if dist != "zmq-core" and dist not in registered:
                problems.append(f"{dist} is missing from zmq.plugins()")
    for problem in problems:
        print("FAIL:", problem)
    if not problems:
        print("ok:", " ".join(sys.argv[1:]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
