# SPDX-License-Identifier: BSD-3-Clause
"""The plugin registry, python -m zmq, and a fast, lean import zmq."""

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

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


def run_python_m_zmq() -> list[str]:
    done = subprocess.run([sys.executable, "-m", "zmq"], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_python_m_zmq_reports_versions_and_plugins():
    from importlib import metadata

    lines = run_python_m_zmq()
    declared = metadata.metadata("zmq-core")["License-Expression"]
    assert lines[0] == f"zmq-core {metadata.version('zmq-core')} ({declared})"
    libzmq = next(line for line in lines if line.startswith("libzmq"))
    assert libzmq.split() == ["libzmq", zmq.zmq_version()]
    assert f"pyzmq API level {zmq.__version__} (zmq.__version__, zmq.pyzmq_version())" in lines
    assert "plugins:" in lines
    for info in zmq.plugins():
        assert any(info.distribution in line and info.license in line for line in lines)
        assert info.license == "BSD-3-Clause"


def test_python_m_zmq_reports_the_license_of_each_part_of_the_core():
    """zmq.core is LGPL, every other part of zmq-core BSD, as read from the installed files."""
    lines = run_python_m_zmq()
    end = next(i for i, line in enumerate(lines) if line.startswith("libzmq"))
    parts = dict(line.split(None, 1) for line in lines[1:end])
    assert list(parts)[:2] == ["zmq.core", "zmq"]
    assert parts.pop("zmq.core") == "LGPL-3.0-or-later"
    assert {"zmq", "zmq.auth", "zmq.log", "zmq.utils", "zmq.perf"} <= set(parts)
    assert set(parts.values()) == {"BSD-3-Clause"}
    for info in zmq.plugins():  # a plugin's files are never counted as the core's
        assert info.module not in parts


def test_part_licenses_reads_each_file(tmp_path):
    from zmq.__main__ import part_licenses, part_of

    files = {
        "zmq/__init__.py": "# SPDX-License-Identifier: BSD-3-Clause\n",
        "zmq/core/_x.pyx": "# SPDX-License-Identifier: LGPL-3.0-or-later\n",
        "zmq/core/x.h": "// SPDX-License-Identifier: LGPL-3.0-or-later\n",
        "zmq/mixed/a.py": "#!/usr/bin/env python\n# SPDX-License-Identifier: BSD-3-Clause\n",
        "zmq/mixed/deep/b.py": "# SPDX-License-Identifier: LGPL-3.0-or-later\n",
        "zmq/bare/__init__.py": "import os\n# SPDX-License-Identifier: MIT\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert part_of(Path("zmq/mixed/deep/b.py")) == "zmq.mixed" and part_of(Path("zmq/__main__.py")) == "zmq"
    assert part_licenses(tmp_path, [Path(name) for name in files]) == {
        "zmq": "BSD-3-Clause",
        "zmq.core": "LGPL-3.0-or-later",
        "zmq.mixed": "BSD-3-Clause AND LGPL-3.0-or-later",
        "zmq.bare": "UNKNOWN",
    }


def test_python_m_zmq_warns_when_pyzmq_is_installed_too(tmp_path):
    """The metadata pip leaves for pyzmq, found on sys.path, earns a loud warning on stderr."""
    import os

    dist_info = tmp_path / "pyzmq-27.3.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: pyzmq\nVersion: 27.3.0\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "zmq"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "WARNING: pyzmq 27.3.0 is installed in this environment, next to zmq-core." in done.stderr
    assert "pip uninstall -y pyzmq" in done.stderr
    assert done.stdout.startswith("zmq-core ")
    clean = subprocess.run([sys.executable, "-m", "zmq"], capture_output=True, text=True, timeout=60)
    assert "pyzmq" not in clean.stderr


@pytest.mark.parametrize("module", sorted(PLUGIN_MODULES))
def test_from_zmq_import_plugin_keeps_the_install_hint(module, tmp_path):
    """`from zmq import ssh` without zmq-ssh names the distribution, like `import zmq.ssh`.

    (A plain attribute access, `zmq.ssh` or hasattr, is an AttributeError as in pyzmq.)
    """
    # as if the plugin were not installed: a copy of the installed zmq package
    # without the plugin's directory, run without site-packages (wheels put
    # every plugin into the core's own zmq/ directory)
    package = Path(zmq.__file__).parent
    shutil.copytree(package, tmp_path / "zmq", ignore=lambda where, names: (
        [module] if Path(where) == package else []))
    code = (
        "import os, sys, zmq\n"
        f"assert os.path.dirname(zmq.__file__) == {str(tmp_path / 'zmq')!r}, zmq.__file__\n"
        f"assert not hasattr(zmq, {module!r})\n"
        "try:\n"
        f"    from zmq import {module}\n"
        "except ModuleNotFoundError as error:\n"
        "    print(error)\n"
        "try:\n"
        f"    zmq.{module}\n"
        "except AttributeError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [missing_plugin_message(module), f"module 'zmq' has no attribute {module!r}"]


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


def test_from_zmq_import_unknown_name_is_the_plain_import_error():
    with pytest.raises(ImportError, match="cannot import name 'no_such_thing' from 'zmq'"):
        from zmq import no_such_thing  # noqa: F401
