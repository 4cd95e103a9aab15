# SPDX-License-Identifier: BSD-3-Clause
"""circus on zmq: a real circusd with a watcher, driven by the real circusctl.

Run by ci/apps.sh in a venv where circus was installed by the recipe of
docs/migration.rst (pyzmq absent). circusd checks ``zmq.__version__`` against
pyzmq 13.1 and imports ``zmq.ssh`` (``from zmq import ssh``); circusctl talks
to it over a DEALER/ROUTER pair on 127.0.0.1.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import circus  # noqa: E402,F401  (ci/apps.sh installs it into .venvs/apps-circus)

BIN = Path(sys.executable).parent
TIMEOUT = 60  # seconds; only turns a hang into a failure


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture
def circusd(tmp_path):
    """A running circusd with watcher ``sleeper`` (2 processes); ``ctl(*args)`` runs circusctl."""
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    config = tmp_path / "circus.ini"
    config.write_text(
        "[circus]\n"
        f"endpoint = {endpoint}\n"
        f"pubsub_endpoint = tcp://127.0.0.1:{free_port()}\n"
        "statsd = False\n"
        "check_delay = 5\n"
        "\n"
        "[watcher:sleeper]\n"
        f'cmd = {sys.executable} -c "import time; time.sleep(600)"\n'
        "numprocesses = 2\n"
    )
    log = tmp_path / "circusd.log"
    with open(log, "w") as out:
        daemon = subprocess.Popen([str(BIN / "circusd"), str(config)], stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path)

    def ctl(*args: str) -> str:
        done = subprocess.run(
            [str(BIN / "circusctl"), "--endpoint", endpoint, "--timeout", "30", *args],
            capture_output=True, text=True, timeout=TIMEOUT,
        )
        assert done.returncode == 0, f"circusctl {' '.join(args)}: {done.stdout}{done.stderr}\n{log.read_text()}"
        return done.stdout.strip()

    ctl.daemon = daemon
    ctl.log = log
    deadline = time.monotonic() + TIMEOUT
    while True:  # until circusd answers (it binds its endpoint after start-up)
        done = subprocess.run(
            [str(BIN / "circusctl"), "--endpoint", endpoint, "--timeout", "2", "status", "sleeper"],
            capture_output=True, text=True, timeout=TIMEOUT,
        )
        if done.returncode == 0 and done.stdout.strip() == "active":
            break
        assert daemon.poll() is None, f"circusd exited {daemon.returncode}:\n{log.read_text()}"
        assert time.monotonic() < deadline, f"circusd never answered:\n{log.read_text()}"
        time.sleep(0.2)
    try:
        yield ctl
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait(timeout=TIMEOUT)


def pids(ctl) -> list[int]:
    listed = ctl("list", "sleeper")
    return [int(pid) for pid in listed.split(",") if pid.strip()]


def test_circusd_runs_and_obeys_circusctl(circusd):
    ctl = circusd
    assert ctl("status") == "sleeper: active"
    first = pids(ctl)
    assert len(first) == 2 and all(alive(pid) for pid in first)

    # --waiting: circusctl answers once the watcher has stopped (without it, at once)
    assert ctl("stop", "sleeper", "--waiting") == "ok"
    assert ctl("status", "sleeper") == "stopped"
    deadline = time.monotonic() + TIMEOUT
    while any(alive(pid) for pid in first):
        assert time.monotonic() < deadline, "stopped watcher's processes still run"
        time.sleep(0.1)

    assert ctl("start", "sleeper", "--waiting") == "ok"
    assert ctl("status", "sleeper") == "active"
    second = pids(ctl)
    assert len(second) == 2 and all(alive(pid) for pid in second) and not set(second) & set(first)

    assert ctl("quit") == "ok"
    assert ctl.daemon.wait(timeout=TIMEOUT) == 0, ctl.log.read_text()
    assert not any(alive(pid) for pid in second), "circusd left its watcher's processes behind"
    log = ctl.log.read_text()
    assert "Arbiter exiting" in log
    assert "PyZMQ" not in log, "circusd's version gate must pass"


def test_version_gate_and_ssh_import_as_circus_does():
    import zmq
    from zmq import ssh

    major, minor = (int(part) for part in zmq.__version__.split(".")[:2])
    assert (major, minor) >= (13, 1)
    assert callable(ssh.tunnel_connection)
    assert os.path.basename(zmq.__file__) == "__init__.py" and hasattr(zmq, "plugins")
