# SPDX-License-Identifier: BSD-3-Clause
"""The child process behind a tunnel: start it, wait until it is ready, end it.

Both kinds of tunnel (the OpenSSH client, or a Python child running the
paramiko forwarder) run as a child process whose stdin is a pipe from the
owner. The child says on stdout when the tunnel is up; its stderr is kept
(the last lines) to explain failures. The owner keeps the stdin pipe open for
the tunnel's whole life: when the owner dies, however it dies, the child sees
end-of-file and shuts down. On a normal interpreter exit the owner also ends
its tunnels explicitly (``atexit``).
"""

from __future__ import annotations

import atexit
import collections
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import IO

__all__ = ["Tunnel", "StartResult", "start_child", "live_tunnels"]

_STDERR_LINES = 200


def _pipe(stream: IO[bytes] | None) -> IO[bytes]:
    """A pipe of a child started with stdin/stdout/stderr=PIPE (never None)."""
    if stream is None:  # pragma: no cover - start_child always asks for pipes
        raise RuntimeError("expected a pipe to the child process")
    return stream


class _StreamKeeper(threading.Thread):
    """Drain one pipe of the child so it never blocks; keep the last lines.

    Reads the raw file descriptor: a daemon thread blocked inside a buffered
    reader would abort the interpreter at exit.
    """

    def __init__(self, stream: IO[bytes], keep: bool) -> None:
        super().__init__(name="zmq.ssh pipe reader", daemon=True)
        self._stream = stream  # this thread owns it and closes it at end of file
        self._fd = stream.fileno()
        self.lines: collections.deque[str] | None = collections.deque(maxlen=_STDERR_LINES) if keep else None

    def run(self) -> None:
        try:
            self._drain()
        finally:
            self._stream.close()

    def _drain(self) -> None:
        pending = b""
        while True:
            try:
                chunk = os.read(self._fd, 65536)
            except OSError:
                chunk = b""  # the pipe was closed under us: nothing more to read
            if self.lines is None:
                if not chunk:
                    return
                continue
            if chunk:
                *complete, pending = (pending + chunk).split(b"\n")
            else:  # end of file: a last line without a newline still counts
                complete, pending = ([pending] if pending else []), b""
            self.lines.extend(raw.decode("utf-8", "replace").rstrip("\r") for raw in complete)
            if not chunk:
                return


class StartResult:
    """What happened while a child started: its ready line or how it failed."""

    def __init__(self, popen: subprocess.Popen[bytes], ready_line: str | None, timed_out: bool,
                 stderr: _StreamKeeper) -> None:
        self.popen = popen
        self.ready_line = ready_line
        self.timed_out = timed_out
        self._stderr = stderr

    @property
    def ok(self) -> bool:
        """True if the child printed its ready line."""
        return self.ready_line is not None

    def abandon(self, grace: float = 5.0) -> None:
        """The child reported a failure: let it exit (kill it after ``grace`` s) and reap it."""
        try:
            _pipe(self.popen.stdin).close()
        except OSError:
            pass
        try:
            self.popen.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            _kill_group(self.popen)

    def stderr_text(self) -> str:
        """What the child wrote on stderr so far (its last lines)."""
        self._stderr.join(timeout=2.0)
        lines = self._stderr.lines or ()
        return "\n".join(line for line in lines if line.strip())


def _kill_group(popen: subprocess.Popen[bytes]) -> None:
    """Kill the child and anything it started (it leads its own session)."""
    if popen.poll() is not None:
        return
    try:
        if hasattr(os, "killpg"):
            os.killpg(popen.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            popen.kill()
    except (ProcessLookupError, PermissionError):
        pass
    popen.wait()


def start_child(argv: Sequence[str], *, env: dict[str, str] | None, stdin_data: bytes,
                is_ready: Callable[[str], bool], deadline: float) -> StartResult:
    """Start ``argv`` and read its stdout until a line satisfies ``is_ready``.

    ``stdin_data`` is written to the child's stdin, which then stays open.
    Returns when the ready line arrives, when the child ends without it, or
    at ``deadline`` (a ``time.monotonic()`` value; the child is then killed).
    A child that fails is always reaped before this returns.
    """
    kwargs: dict = {}
    if os.name == "posix":
        kwargs["start_new_session"] = True  # no terminal signals (Ctrl-C), no tty prompts
    else:  # pragma: no cover - Windows
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    popen = subprocess.Popen(list(argv), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, close_fds=True, **kwargs)
    stderr = _StreamKeeper(_pipe(popen.stderr), keep=True)
    stderr.start()
    try:
        if stdin_data:
            _pipe(popen.stdin).write(stdin_data)
        _pipe(popen.stdin).flush()
    except (BrokenPipeError, OSError):
        pass  # the child died already; its exit status tells why
    ready, timed_out = _read_until_ready(popen, is_ready, deadline)
    if ready is None:
        _kill_group(popen)
        for pipe in (popen.stdin, popen.stdout):
            try:
                _pipe(pipe).close()
            except OSError:
                pass
    else:
        _StreamKeeper(_pipe(popen.stdout), keep=False).start()  # nothing is expected there; never let it fill
    return StartResult(popen, ready, timed_out, stderr)


def _read_until_ready(popen: subprocess.Popen[bytes], is_ready: Callable[[str], bool],
                      deadline: float) -> tuple[str | None, bool]:
    fd = _pipe(popen.stdout).fileno()
    buffer = b""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None, True
            if not selector.select(timeout=min(remaining, 0.5)):
                continue
            chunk = os.read(fd, 65536)
            if not chunk:  # the child closed stdout: it ended without getting ready
                try:
                    popen.wait(timeout=max(0.1, min(5.0, deadline - time.monotonic())))
                except subprocess.TimeoutExpired:
                    pass
                return None, False
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for raw in lines:
                line = raw.decode("utf-8", "replace").strip()
                if is_ready(line):
                    return line, False


# Tunnels started by this process and not yet closed: ended at exit.
_live: dict[int, Tunnel] = {}
_live_lock = threading.Lock()


def live_tunnels() -> list[Tunnel]:
    """The tunnels this process started whose child is still running."""
    with _live_lock:
        for pid, tunnel in list(_live.items()):
            if not tunnel.is_alive():
                del _live[pid]
                tunnel._release()
        return list(_live.values())


class Tunnel:
    """A running ssh tunnel: a child process forwarding a local port.

    Connections to ``127.0.0.1:local_port`` are carried through ssh to
    ``remote_host:remote_port`` as seen from the ssh server. The tunnel ends
    when :meth:`close` is called, when its owner process exits, or when it has
    been up for ``timeout`` seconds and no connection is using it.

    For pyzmq code, which got a pid from ``openssh_tunnel`` and a
    ``multiprocessing.Process`` from ``paramiko_tunnel``, a Tunnel is both:
    ``int(tunnel)`` and ``os.kill(tunnel, sig)`` use its pid, and it has
    ``pid``, ``is_alive()``, ``terminate()``, ``kill()``, ``join()`` and
    ``exitcode``.
    """

    def __init__(self, popen: subprocess.Popen[bytes], *, kind: str, server: str, local_port: int,
                 remote_host: str, remote_port: int, timeout: float, start: StartResult) -> None:
        self._popen = popen
        self._start = start
        self._owner_pid = os.getpid()
        self.kind = kind
        """``'openssh'`` or ``'paramiko'``: what carries the tunnel."""
        self.server = server
        """The ssh server, as ``user@host:port``."""
        self.local_port = local_port
        """The local port (on 127.0.0.1) that the tunnel listens on."""
        self.remote_host = remote_host
        """The host connections are forwarded to, as the server names it."""
        self.remote_port = remote_port
        """The port connections are forwarded to."""
        self.timeout = timeout
        """Seconds the tunnel stays up at least; after that it ends once idle."""
        live_tunnels()  # forget the ones that ended by themselves
        with _live_lock:
            _live[popen.pid] = self

    @property
    def pid(self) -> int:
        """The process id of the child carrying the tunnel."""
        return self._popen.pid

    @property
    def local_url(self) -> str:
        """``tcp://127.0.0.1:<local_port>``: the url to connect zmq sockets to."""
        return f"tcp://127.0.0.1:{self.local_port}"

    @property
    def exitcode(self) -> int | None:
        """The child's exit status, or None while it runs (negative: killed by that signal)."""
        return self._popen.poll()

    def is_alive(self) -> bool:
        """True while the child carrying the tunnel runs."""
        return self._popen.poll() is None

    def messages(self) -> str:
        """The last lines the child wrote on stderr (ssh warnings, forward errors)."""
        lines = self._start._stderr.lines or ()
        return "\n".join(lines)

    def terminate(self) -> None:
        """Ask the child to end (SIGTERM); see :meth:`close` to also wait for it."""
        if self._popen.poll() is None:
            try:
                self._popen.terminate()
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        """End the child and anything it started at once (SIGKILL)."""
        _kill_group(self._popen)

    def join(self, timeout: float | None = None) -> None:
        """Wait until the child ends, or ``timeout`` seconds (None: no limit)."""
        try:
            self._popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass

    def close(self, timeout: float = 5.0) -> None:
        """End the tunnel and wait for its child; kill it if it takes over ``timeout`` s.

        Connections through the tunnel are cut. Calling close again does nothing.
        """
        self.terminate()
        self.join(timeout)
        if self._popen.poll() is None:
            self.kill()
        self._release()
        with _live_lock:
            if _live.get(self._popen.pid) is self:
                del _live[self._popen.pid]

    def _release(self) -> None:
        # stdout and stderr belong to their reader threads, which close them
        try:
            _pipe(self._popen.stdin).close()
        except OSError:
            pass

    def __enter__(self) -> Tunnel:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __index__(self) -> int:
        return self.pid

    __int__ = __index__

    def __repr__(self) -> str:
        state = "running" if self.is_alive() else f"exited {self.exitcode}"
        return (f"<Tunnel {self.kind} 127.0.0.1:{self.local_port} -> {self.server} -> "
                f"{self.remote_host}:{self.remote_port} pid={self.pid} {state}>")


@atexit.register
def _close_tunnels_at_exit() -> None:
    # Only tunnels this very process started: a forked child exiting must not
    # end its parent's tunnels.
    me = os.getpid()
    with _live_lock:
        mine = [t for t in _live.values() if t._owner_pid == me]
    for tunnel in mine:
        try:
            tunnel.close(timeout=2.0)
        except Exception as exc:  # keep closing the others
            print(f"zmq.ssh: could not close {tunnel!r}: {exc}", file=sys.stderr)
