# SPDX-License-Identifier: BSD-3-Clause
"""BSD code uses only the public zmq API, never zmq.core internals.

Checked: every file of the BSD plugins, and zmq-core's BSD parts (``zmq``'s
own modules, ``zmq.auth``, ``zmq.log``, ``zmq.utils``, ``zmq.perf``, any
subpackage added later, the build hook). zmq-core's tests are left out: they
test the core itself, internals included. ``zmq/__init__.py`` is where the
public API is made, so it alone may import ``zmq.core``'s public names: a
star import of ``zmq.core`` and ``zmq.core.__all__`` (``zmq.constants``
is BSD and public).
"""

import ast

import pytest
from monorepo import PACKAGES, ROOT, core_bsd_parts, plugin_packages, source_files

FORBIDDEN = "zmq.core"
CORE = PACKAGES / "zmq-core"
FACADE = CORE / "src" / "zmq" / "__init__.py"
ADVICE = (
    "BSD code uses the public API only (import zmq; zmq.Socket, zmq.Event, ...), never zmq.core's "
    "modules: use the public name, or move what truly needs the internals into zmq/core/ (LGPL) "
    "and publish it there. Offending files and what they use:"
)


def facade_import(node: ast.AST) -> bool:
    """Whether ``node`` is one of the imports that publish zmq.core's public names."""
    if not (isinstance(node, ast.ImportFrom) and node.level == 0):
        return False
    names = [alias.name for alias in node.names]
    if node.module == FORBIDDEN and names == ["*"]:
        return True
    return node.module == FORBIDDEN and names == ["__all__"]


def internal_uses(source: str, facade: bool = False) -> list[str]:
    """Every import of, or attribute access to, zmq.core in ``source``.

    ``facade``: the source is zmq/__init__.py, whose publishing imports are allowed.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if facade and facade_import(node):
            continue
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


def offenders(paths) -> dict[str, list[str]]:
    """Each Python file among ``paths`` that uses zmq.core internals → what it uses."""
    found = {}
    for path in paths:
        if path.suffix == ".py":
            uses = internal_uses(path.read_text(encoding="utf-8"), facade=path == FACADE)
            if uses:
                found[str(path.relative_to(ROOT))] = uses
    return found


def core_bsd_files() -> dict[str, list]:
    """zmq-core's BSD parts (``zmq.auth``, ...; ``zmq``: modules directly in zmq/) → their files."""
    parts = {}
    for name, directory in core_bsd_parts().items():
        parts[name] = sorted(directory.glob("*.py") if name == "zmq" else directory.rglob("*.py"))
    parts["hatch_build.py"] = [CORE / "hatch_build.py"]
    return parts


@pytest.mark.parametrize("package", plugin_packages())
def test_plugin_uses_public_api_only(package):
    assert offenders(source_files(package)) == {}, ADVICE


@pytest.mark.parametrize("part", sorted(core_bsd_files()))
def test_core_bsd_part_uses_public_api_only(part):
    files = core_bsd_files()[part]
    assert files
    assert offenders(files) == {}, ADVICE


def test_every_bsd_file_of_the_core_is_checked():
    """The parts above cover every Python file of zmq-core outside zmq/core/ and tests/."""
    checked = {path for files in core_bsd_files().values() for path in files}
    expected = {
        path for path in source_files("zmq-core")
        if path.suffix == ".py" and not path.is_relative_to(CORE / "src" / "zmq" / "core")
        and not path.is_relative_to(CORE / "tests")
    }
    assert checked == expected
    assert {"zmq", "zmq.auth", "zmq.log", "zmq.utils", "zmq.perf"} <= set(core_bsd_files())


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


def test_facade_may_only_publish_the_public_names():
    publishing = (
        "from zmq.core import *\nfrom zmq.constants import *\nfrom zmq.core import __all__ as _all"
    )
    assert internal_uses(publishing, facade=True) == []
    assert internal_uses(publishing) != []  # anywhere else, even these are internal uses
    for source in ("from zmq.core import Socket", "from zmq.core.plugins import plugins",
                   "from zmq.core import __all__, _FINISHED_TRACKER", "import zmq.core", "from zmq.core.socket import *",
                   "from zmq.core.options import *"):
        assert internal_uses(source, facade=True), source


def test_checker_allows_public_api():
    assert internal_uses("import zmq\nfrom zmq import Context\nzmq.Socket\nctx.core") == []
