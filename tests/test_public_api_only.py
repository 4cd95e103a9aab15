# SPDX-License-Identifier: BSD-3-Clause
"""The BSD packages use only the public zmq API, never zmq.core internals."""

import ast

import pytest
from monorepo import ROOT, plugin_packages, source_files

FORBIDDEN = "zmq.core"


def internal_uses(source: str) -> list[str]:
    """Every import of, or attribute access to, zmq.core in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name == FORBIDDEN or a.name.startswith(FORBIDDEN + ".")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == FORBIDDEN or node.module.startswith(FORBIDDEN + "."):
                found.append(node.module)
            elif node.module == "zmq" and any(a.name == "core" for a in node.names):
                found.append("from zmq import core")
        elif isinstance(node, ast.Attribute) and node.attr == "core":
            if isinstance(node.value, ast.Name) and node.value.id == "zmq":
                found.append("zmq.core")
    return found


@pytest.mark.parametrize("package", plugin_packages())
def test_plugin_uses_public_api_only(package):
    offenders = {}
    for path in source_files(package):
        if path.suffix == ".py":
            uses = internal_uses(path.read_text(encoding="utf-8"))
            if uses:
                offenders[str(path.relative_to(ROOT))] = uses
    assert offenders == {}


@pytest.mark.parametrize(
    "source",
    [
        "import zmq.core",
        "import zmq.core._zmq as z",
        "from zmq.core.socket import Socket",
        "from zmq import core",
        "import zmq\nzmq.core.constants",
    ],
)
def test_checker_catches_internal_uses(source):
    assert internal_uses(source)


def test_checker_allows_public_api():
    assert internal_uses("import zmq\nfrom zmq import Context\nzmq.Socket\nctx.core") == []
