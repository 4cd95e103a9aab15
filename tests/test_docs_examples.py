# SPDX-License-Identifier: BSD-3-Clause
"""Every program in docs/examples/ runs (time-bounded) and prints what its guide says.

The guides include these files with ``literalinclude``, so what readers see is
what runs here. Which examples run where:

* the first program and the core, devices and compat examples run as they
  are, on loopback;
* the ssh example runs against the real ``sshd`` fixture of zmq-ssh's tests
  (a throw-away OpenSSH server on 127.0.0.1 with its own keys), imported
  from packages/zmq-ssh/tests/conftest.py rather than written twice;
* the programs inline in docs/guide/eventloop.rst and docs/guide/web.rst
  are run by test_guide_programs.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from monorepo import ROOT
from sshd_fixture import sshd  # noqa: F401  (a fixture: a real sshd on 127.0.0.1)

DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
TIMEOUT = 60  # seconds per example: far above what any needs, only to stop a hang


# example file → the exact standard output it must print
EXPECTED = {
    "first_program.py": "hello\n",
    "core_reqrep.py": "b'HELLO'\nb'ZERO'\nb'MQ'\n",
    "core_pubsub.py": "b'\\x01weather.'\nweather.paris 20 C\nweather.paris 21 C\nweather.paris 22 C\n",
    "core_pipeline.py": "sum of squares: 328350\nworkers done\n",
    "core_poller.py": "[]\njob: wash\njob: dry\njob: fold\ncontrol: stop\n",
    "core_zerocopy.py": (
        "1000000 b'xxx'\n"
        "done while the frame lives: False\n"
        "done once it is dropped: True\n"
        "small message copied, tracker done: True\n"
        "b'tiny'\n"
    ),
    "devices_broker.py": "b'4'\nb'in' [b'', b'2 + 2']\nb'out' [b'', b'4']\nbroker done: True\n",
    "devices_steerable.py": "b'job 1'\n1 1\nproxy done: True\n",
    "compat_old_names.py": "b'worker' b'hello'\nb'hi'\n",
}
SSH_EXPECTED = re.compile(r"tunnel from tcp://127\.0\.0\.1:\d+\nb'THROUGH THE TUNNEL'\n")


def run_example(name: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run docs/examples/<name> in a fresh interpreter, from a scratch directory."""
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True, text=True, timeout=TIMEOUT, cwd=EXAMPLES,
        env={**os.environ, "ZMQ_LEGACY_WARNINGS": "", **(env or {})},
    )


def included_examples() -> set[str]:
    """Names of the example files some page of the site includes with literalinclude."""
    found = set()
    for page in DOCS.rglob("*.rst"):
        if "_build" in page.parts:
            continue
        for target in re.findall(r"^\.\. literalinclude:: (\S+)", page.read_text(encoding="utf-8"), re.M):
            path = (page.parent / target).resolve()
            if path.parent == EXAMPLES:
                found.add(path.name)
    return found


def test_every_example_is_run_and_shown():
    files = {path.name for path in EXAMPLES.glob("*.py")}
    assert files == set(EXPECTED) | {"ssh_tunnel.py"}, "each example needs its expected output here"
    assert files - included_examples() == set(), "each example is shown by a guide"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_prints_what_the_guide_says(name):
    result = run_example(name)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED[name]
    assert "Traceback" not in result.stderr, result.stderr


def test_compat_example_warns_for_each_name_pyzmq27_dropped():
    """By default only the names zmq-compat serves warn; ZMQ_LEGACY_WARNINGS=1 adds pyzmq 27's aliases."""
    result = run_example("compat_old_names.py")
    assert re.findall(r"DeprecationWarning: (\S+)", result.stderr) == ["send_multipart(...,"]
    result = run_example("compat_old_names.py", env={"ZMQ_LEGACY_WARNINGS": "1"})
    warned = re.findall(r"DeprecationWarning: (\S+)", result.stderr)
    assert warned == ["Socket.setsockopt_unicode", "Socket.send_unicode", "send_multipart(...,", "zmq.Message"]


def test_ssh_example_through_a_real_sshd(sshd):
    result = run_example("ssh_tunnel.py", sshd.server(), str(sshd.keyfile), str(sshd.known_hosts))
    assert result.returncode == 0, result.stderr + sshd.log.read_text()
    assert SSH_EXPECTED.fullmatch(result.stdout), result.stdout
