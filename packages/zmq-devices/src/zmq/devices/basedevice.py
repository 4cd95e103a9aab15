# SPDX-License-Identifier: BSD-3-Clause
"""``Device`` and its background forms: ``ThreadDevice`` and ``ProcessDevice``.

A device owns two sockets (``in`` and ``out``) and relays messages between
them with ``zmq.proxy``. Everything the caller asks for (options, binds,
connects) is queued and applied in the worker that runs the device, in three
phases over all of the device's sockets: options, then binds, then connects.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
import time
from typing import Any, Callable

import zmq

from ._setup import SocketSetup, socket_type

__all__ = ["Device", "BackgroundDevice", "ThreadDevice", "ProcessDevice"]

# How often a waiting caller looks again at a worker that may have died.
_WATCH_INTERVAL = 0.05


def _check_device_type(device_type: Any) -> int:
    # Only informational, as for libzmq's zmq_proxy (the socket types decide
    # what flows): any int is kept as given, like pyzmq (which also sees
    # socket types such as zmq.PUB passed here).
    if isinstance(device_type, bool) or not isinstance(device_type, int):
        raise TypeError(f"device_type must be an int such as zmq.QUEUE, zmq.FORWARDER or "
                        f"zmq.STREAMER, not {type(device_type).__name__}")
    return device_type


class Device:
    """A device that runs in the thread that calls ``start()`` (it blocks).

    ``Device(device_type=zmq.QUEUE, in_type, out_type)``: ``in_type`` and
    ``out_type`` are socket types and both are required (TypeError when
    missing). An ``out_type`` below zero means *single-socket mode*: the in
    socket is used for both sides (a REP socket then echoes every request),
    and the ``_out`` configuration (``connect_out``, ``bind_out``,
    ``setsockopt_out``) applies to it as well. ``device_type`` only documents
    intent (``zmq.QUEUE``, ``zmq.FORWARDER``, ``zmq.STREAMER``; any int is
    accepted): the socket types decide what flows, as in ``zmq.proxy``.

    Configure with ``bind_in``/``connect_in``/``setsockopt_in`` and the
    ``_out`` forms; they only queue work that ``run()`` performs. The device
    ends when its context is terminated: its sockets are closed and ``done``
    becomes True. Its sockets come from ``context_factory()``, a class
    attribute (``zmq.Context.instance``) that an instance may override.
    """

    context_factory: Callable[[], zmq.Context] = zmq.Context.instance
    # LINGER given to each socket before the user's options (None: libzmq's default)
    _default_linger: int | None = None

    device_type: int
    in_type: int
    out_type: int
    daemon: bool

    def __init__(self, device_type: int = zmq.QUEUE, in_type: int | None = None,
                 out_type: int | None = None) -> None:
        self.device_type = _check_device_type(device_type)
        self.in_type = socket_type(in_type, "in_type")
        if isinstance(out_type, int) and not isinstance(out_type, bool) and out_type < 0:
            self.out_type = out_type
        else:
            self.out_type = socket_type(out_type, "out_type")
        self.daemon = True
        self._done = False
        self._reserved_ports: list[str] = []  # shared by every socket's setup
        self._setups: dict[str, SocketSetup] = {}
        self._add_setup("in")
        self._add_setup("out")
        self._sockets: list[zmq.Socket] = []
        self._context: zmq.Context | None = None
        # set while a background worker still owes its starter the setup result
        self._report: Callable[[BaseException | None], None] | None = None

    def _add_setup(self, role: str) -> None:
        """Start the queued configuration of the ``role`` socket."""
        self._setups[role] = SocketSetup(role, self._reserved_ports)

    def __repr__(self) -> str:
        state = "done" if self.done else "not done"
        return f"<{type(self).__name__} in={self.in_type} out={self.out_type} {state}>"

    # -- configuration (queued) ----------------------------------------------

    def bind_in(self, addr: str) -> None:
        """Queue a bind of the in socket to ``addr``."""
        self._setups["in"].add_bind(addr)

    def bind_out(self, addr: str) -> None:
        """Queue a bind of the out socket to ``addr``."""
        self._setups["out"].add_bind(addr)

    def connect_in(self, addr: str) -> None:
        """Queue a connect of the in socket to ``addr``."""
        self._setups["in"].add_connect(addr)

    def connect_out(self, addr: str) -> None:
        """Queue a connect of the out socket to ``addr``."""
        self._setups["out"].add_connect(addr)

    def setsockopt_in(self, opt: int, value: Any) -> None:
        """Queue ``setsockopt(opt, value)`` on the in socket."""
        self._setups["in"].add_option(opt, value)

    def setsockopt_out(self, opt: int, value: Any) -> None:
        """Queue ``setsockopt(opt, value)`` on the out socket."""
        self._setups["out"].add_option(opt, value)

    def bind_in_to_random_port(self, addr: str, *args: int, **kwargs: int) -> int:
        """Reserve a random port on ``addr`` (``'tcp://127.0.0.1'``), queue the
        in socket's bind to it and return the port.

        Extra arguments are those of ``Socket.bind_to_random_port``
        (``min_port``, ``max_port``, ``max_tries``).
        """
        return self._setups["in"].add_random_port_bind(addr, *args, **kwargs)

    def bind_out_to_random_port(self, addr: str, *args: int, **kwargs: int) -> int:
        """Like ``bind_in_to_random_port``, for the out socket."""
        return self._setups["out"].add_random_port_bind(addr, *args, **kwargs)

    # -- state -----------------------------------------------------------------

    @property
    def done(self) -> bool:
        """True once the device has stopped relaying and closed its sockets."""
        return self._done

    @done.setter
    def done(self, value: bool) -> None:
        self._done = bool(value)

    # -- the worker --------------------------------------------------------------

    def _roles(self) -> list[tuple[str, int]]:
        """The sockets to create, as ``(role, socket_type)`` in creation order."""
        roles = [("in", self.in_type)]
        if self.out_type >= 0:
            roles.append(("out", self.out_type))
        return roles

    def _setup_sockets(self) -> dict[str, zmq.Socket]:
        """Create and configure every socket; returns them by role.

        In single-socket mode ``'out'`` is the in socket, and what was queued
        for the out socket is applied to it too.
        """
        ctx = self._context
        if ctx is None or ctx.closed:
            ctx = self._context = self.context_factory()
        created: dict[str, zmq.Socket] = {}
        for role, kind in self._roles():
            sock = ctx.socket(kind)
            self._sockets.append(sock)
            if self._default_linger is not None:
                sock.linger = self._default_linger
            created[role] = sock
        created.setdefault("out", created["in"])
        setups = [(self._setups[role], sock) for role, sock in created.items()]
        for setup, sock in setups:
            setup.apply_options(sock)
        for setup, sock in setups:
            setup.apply_binds(sock)
        for setup, sock in setups:
            setup.apply_connects(sock)
        self._report_setup(None)
        return created

    def run_device(self) -> None:
        """Set up the sockets and relay (``zmq.proxy``) until the context ends."""
        sockets = self._setup_sockets()
        zmq.proxy(sockets["in"], sockets["out"])

    def _close_sockets(self) -> None:
        for sock in self._sockets:
            if not sock.closed:
                sock.close()
        self._sockets = []

    def run(self) -> None:
        """Run the device in this thread until its context is terminated.

        Termination of the context (ETERM) or sockets closed under it
        (ENOTSOCK) end the device quietly; any other error propagates. Either
        way the sockets are closed and ``done`` is set.
        """
        try:
            self.run_device()
        except zmq.ZMQError as error:
            if error.errno not in (zmq.ETERM, zmq.ENOTSOCK):
                raise
        finally:
            self._close_sockets()
            self._mark_done()

    def _mark_done(self) -> None:
        self._done = True

    def _report_setup(self, error: BaseException | None) -> None:
        """Tell a waiting ``start()`` that setup finished (or failed), once."""
        report, self._report = self._report, None
        if report is not None:
            report(error)

    def _worker_main(self, report: Callable[[BaseException | None], None]) -> bool:
        """Body of a background worker: run, and hand a setup failure to the starter.

        Returns False when setup failed (the starter raises the error).
        """
        self._report = report
        try:
            self.run()
        except Exception as error:
            if self._report is None:
                raise  # failed while relaying: the worker's own error
            self._report_setup(error)
            return False
        except BaseException:
            self._report_setup(RuntimeError("the device was stopped while setting up its sockets"))
            raise
        # ended without relaying (e.g. its context was terminated first)
        self._report_setup(None)
        return True

    # -- running -------------------------------------------------------------------

    def start(self) -> None:
        """Run the device in the calling thread: blocks until it ends."""
        self.run()

    def join(self, timeout: float | None = None) -> None:
        """Wait until ``done``, at most ``timeout`` seconds (None: forever)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.done:
            if deadline is not None and time.monotonic() >= deadline:
                return
            time.sleep(0.005)


class BackgroundDevice(Device):
    """A device that ``start()`` launches in a background thread or process.

    ``start()`` returns once the device's sockets are set up (bound and
    connected), and raises there any error of that setup (a bad address, a
    port in use, a bad option). ``daemon`` (default True) is passed to the
    launcher; ``launcher`` is the Thread or Process once started.
    """

    launcher: Any = None

    def start(self) -> None:
        """Launch the device in the background; return when its sockets are ready."""
        if self.launcher is not None:
            raise RuntimeError(f"this {type(self).__name__} was started already; a device starts once")
        error = self._launch()
        if error is not None:
            launcher: Any = self.launcher
            launcher.join()
            raise error

    def _launch(self) -> BaseException | None:
        """Start ``self.launcher``; return the worker's setup error, if any."""
        raise NotImplementedError

    def join(self, timeout: float | None = None) -> None:
        """Wait for the background worker to end, at most ``timeout`` seconds."""
        if self.launcher is None:
            raise RuntimeError(f"this {type(self).__name__} has not been started")
        self.launcher.join(timeout)


class ThreadDevice(BackgroundDevice):
    """A device running in a background ``threading.Thread``.

    Its sockets come from ``zmq.Context.instance()``, so it can bind or
    connect ``inproc://`` endpoints shared with other threads of the process;
    terminating that context ends the device.
    """

    context_factory: Callable[[], zmq.Context] = zmq.Context.instance

    def _launch(self) -> BaseException | None:
        results: queue.SimpleQueue[BaseException | None] = queue.SimpleQueue()
        self.launcher = threading.Thread(target=self._worker_main, args=(results.put,),
                                         name=type(self).__name__, daemon=self.daemon)
        self.launcher.start()
        while True:
            try:
                return results.get(timeout=_WATCH_INTERVAL)
            except queue.Empty:
                if not self.launcher.is_alive() and results.empty():
                    return RuntimeError("the device thread ended before setting up its sockets")


class _SigtermWatch:
    """Terminates a context when the process gets SIGTERM.

    A Python signal handler would only run once the main thread leaves the
    libzmq call it is blocked in, and a signal that lands between two polls
    of a proxy never makes it leave. So SIGTERM is blocked and a thread waits
    for it with ``sigwait``, then terminates the context, which ends any
    device on it (ETERM) wherever it is.
    """

    def __init__(self, ctx: zmq.Context) -> None:
        self._ctx = ctx
        self._lock = threading.Lock()
        self._finished = False
        self._terminating = False
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        self._thread = threading.Thread(target=self._watch, name="zmq.devices-sigterm", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        signal.sigwait({signal.SIGTERM})
        with self._lock:
            if self._finished:
                return
            self._terminating = True
        self._ctx.term()

    def finish(self) -> None:
        """Terminate the context, or wait for the watcher that is doing it."""
        with self._lock:
            self._finished = True
            terminating = self._terminating
        if terminating:
            self._thread.join()
        elif not self._ctx.closed:
            self._ctx.term()


class ProcessDevice(BackgroundDevice):
    """A device running in a child process (``multiprocessing.Process``).

    The child makes a fresh ``zmq.Context`` (``context_factory = zmq.Context``)
    and terminates it when the device ends. ``launcher.terminate()`` (SIGTERM)
    terminates that context, which ends the device cleanly: sockets closed,
    exit code 0. Its sockets get a LINGER of 1 s unless set otherwise, so the
    child never hangs on exit. ``start_method`` picks the multiprocessing start method (None: the
    platform's default). ``done`` is read across the process boundary.
    """

    context_factory: Callable[[], zmq.Context] = zmq.Context
    start_method: str | None = None
    _default_linger: int | None = 1000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._done_event: Any = None

    @property
    def done(self) -> bool:
        """True once the device has ended, in the child or seen from the parent."""
        if self._done:
            return True
        if self._done_event is not None and self._done_event.is_set():
            return True
        launcher = self.launcher
        return launcher is not None and getattr(launcher, "exitcode", None) is not None

    @done.setter
    def done(self, value: bool) -> None:
        self._done = bool(value)

    def _mark_done(self) -> None:
        self._done = True
        if self._done_event is not None:
            self._done_event.set()

    def __getstate__(self) -> dict[str, Any]:
        # spawn/forkserver pickle the device for the child
        state = self.__dict__.copy()
        state["_report"] = None
        state["launcher"] = None
        return state

    def _launch(self) -> BaseException | None:
        mp: Any = multiprocessing.get_context(self.start_method)
        self._done_event = mp.Event()
        reader, writer = mp.Pipe(duplex=False)
        self.launcher = mp.Process(target=self._process_main, args=(writer,),
                                   name=type(self).__name__, daemon=self.daemon)
        self.launcher.start()
        writer.close()
        try:
            while True:
                if reader.poll(_WATCH_INTERVAL):
                    try:
                        return reader.recv()
                    except EOFError:
                        pass  # the child ended without a word
                    return RuntimeError(f"the device process ended (exit code {self.launcher.exitcode}) "
                                        "before setting up its sockets")
                if not self.launcher.is_alive() and not reader.poll(0):
                    return RuntimeError(f"the device process ended (exit code {self.launcher.exitcode}) "
                                        "before setting up its sockets")
        finally:
            reader.close()

    def _process_main(self, writer: Any) -> None:
        """Body of the child process."""

        def report(error: BaseException | None) -> None:
            try:
                writer.send(error)
            except Exception:  # an error that does not pickle: send its text
                writer.send(RuntimeError(f"{type(error).__name__}: {error}"))
            writer.close()

        try:
            self._context = self.context_factory()
        except Exception as error:
            report(error)
            raise SystemExit(1) from None
        watch = _SigtermWatch(self._context)
        try:
            ran = self._worker_main(report)
        finally:
            watch.finish()
        if not ran:
            raise SystemExit(1)
