# SPDX-License-Identifier: BSD-3-Clause
"""A Jupyter kernel round trip on zmq: jupyter_client drives a real ipykernel.

Run by ci/apps.sh in a venv where jupyter_client and ipykernel were installed
by the recipe of docs/migration.rst (pyzmq absent). Start, execute (stdout and
a result), interrupt, restart, shutdown: each kernel must end by answering its
``shutdown_request`` and exiting on its own, never by jupyter_client's SIGTERM
or SIGKILL after the wait (a kernel that never answers is killed, exit -15/-9).
"""

from __future__ import annotations

import importlib.metadata
import signal

import pytest

import jupyter_client  # noqa: E402,F401  (ci/apps.sh installs it into .venvs/apps-jupyter)
from jupyter_client.manager import KernelManager  # noqa: E402

TIMEOUT = 60  # seconds; only turns a hang into a failure


@pytest.fixture
def jupyter_dirs(tmp_path, monkeypatch):
    """Connection files, kernel data and IPython's profile in the test's own directory."""
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")


@pytest.fixture
def kernel(jupyter_dirs):
    """A started python3 kernel (ipykernel in this venv) and a client whose channels are ready."""
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        yield manager, client
    finally:
        client.stop_channels()
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)


def reply_to(get_msg, msg_id):
    """The next message from ``get_msg`` whose parent is ``msg_id`` (others are skipped)."""
    while True:
        msg = get_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def run(client, code):
    """Execute ``code``; (reply content, iopub messages of the execution)."""
    outputs = []
    reply = client.execute_interactive(code, timeout=TIMEOUT, output_hook=outputs.append)
    return reply["content"], outputs


def stdout_of(outputs):
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def exited_by_itself(process):
    """Wait for the kernel process; True if it exited with status 0 (not by a signal)."""
    return process.wait(timeout=TIMEOUT) == 0


def test_pyzmq_is_absent_and_zmq_core_serves_the_kernel():
    import zmq

    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.distribution("pyzmq")
    assert importlib.metadata.distribution("zmq-core")
    assert zmq.zmq_version_info() >= (4, 3)
    assert hasattr(zmq, "plugins"), "zmq must be this project's package, not pyzmq's"


def test_kernel_round_trip(kernel):
    manager, client = kernel
    first = manager.provisioner.process

    # execute: stdout on iopub, a result, state kept between cells
    content, outputs = run(client, "print('hello from', 6 * 7)")
    assert content["status"] == "ok"
    assert stdout_of(outputs) == "hello from 42\n"
    content, outputs = run(client, "answer = 6 * 7\nanswer")
    results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
    assert (content["status"], results) == ("ok", ["42"])

    # interrupt a running cell: KeyboardInterrupt in the cell, the kernel lives on
    msg_id = client.execute("import time\nprint('sleeping', flush=True)\ntime.sleep(600)")
    while True:  # the cell's own output: the user code is running
        msg = reply_to(client.get_iopub_msg, msg_id)
        if msg["msg_type"] == "stream" and "sleeping" in msg["content"]["text"]:
            break
    manager.interrupt_kernel()
    reply = reply_to(client.get_shell_msg, msg_id)
    assert (reply["content"]["status"], reply["content"]["ename"]) == ("error", "KeyboardInterrupt")
    content, outputs = run(client, "print(answer)")
    assert stdout_of(outputs) == "42\n"

    # restart: the old kernel answers the manager's shutdown_request and exits by itself
    manager.restart_kernel(now=False)
    second = manager.provisioner.process
    assert second.pid != first.pid
    assert first.poll() is not None
    assert first.returncode == 0, f"the old kernel was killed (exit {first.returncode}), it never answered"
    client.wait_for_ready(timeout=TIMEOUT)
    content, outputs = run(client, "print('answer' in dir())")
    assert stdout_of(outputs) == "False\n", "a restarted kernel starts afresh"

    # shutdown: the client sees the shutdown_reply, then the kernel exits by itself
    msg_id = client.shutdown()
    reply = reply_to(client.get_control_msg, msg_id)
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["content"]["status"] == "ok" and reply["content"]["restart"] is False
    assert exited_by_itself(second), f"kernel exit status {second.returncode}"
    manager.cleanup_resources()


def test_manager_shutdown_needs_no_signal(kernel):
    """KernelManager.shutdown_kernel (as Jupyter servers use it): no SIGTERM, no SIGKILL."""
    manager, client = kernel
    process = manager.provisioner.process
    content, _ = run(client, "1 + 1")
    assert content["status"] == "ok"
    manager.shutdown_kernel(now=False)
    assert process.returncode not in (-signal.SIGTERM, -signal.SIGKILL), "the kernel never answered"
    assert process.returncode == 0
