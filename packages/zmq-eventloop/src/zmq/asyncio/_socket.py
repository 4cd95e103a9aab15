# SPDX-License-Identifier: BSD-3-Clause
"""Awaitable ``Socket`` and its ``Context`` for asyncio."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import Any

import zmq
from zmq._loop_shared.watcher import existing_watcher, watcher_for

from ._future import chain, running_loop
from ._poller import Poller

_DONTWAIT = int(zmq.DONTWAIT)
_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_EVENTS = int(zmq.EVENTS)
_RCVTIMEO = int(zmq.RCVTIMEO)
_SNDTIMEO = int(zmq.SNDTIMEO)

# the blocking methods of the plain socket, called with DONTWAIT
_recv = zmq.Socket.recv
_recv_multipart = zmq.Socket.recv_multipart
_recv_into = zmq.Socket.recv_into
_send = zmq.Socket.send
_send_multipart = zmq.Socket.send_multipart
_get = zmq.Socket.get


class _Op:
    """A send or recv waiting for the socket: retried with DONTWAIT when ready."""

    __slots__ = ("future", "method", "flags", "args", "kwargs", "timer")

    def __init__(self, future: asyncio.Future, method: Callable, flags: int, args: tuple, kwargs: dict) -> None:
        self.future = future
        self.method = method
        self.flags = flags
        self.args = args
        self.kwargs = kwargs
        self.timer: asyncio.TimerHandle | None = None


class _Queues:
    """The pending sends and recvs of one socket: a listener of its Watcher."""

    __slots__ = ("socket", "recvs", "sends", "zmq_mask", "watcher")

    def __init__(self, socket: zmq.Socket) -> None:
        self.socket = socket
        self.recvs: deque[_Op] = deque()
        self.sends: deque[_Op] = deque()
        self.zmq_mask = 0
        self.watcher: Any = None

    def start(self, queue: deque[_Op], method: Callable, flags: int, args: tuple, kwargs: dict) -> asyncio.Future:
        loop = running_loop()
        future = loop.create_future()
        if not queue:
            # fast path: nothing queued ahead, try now
            try:
                result = method(self.socket, flags | _DONTWAIT, *args, **kwargs)
            except zmq.Again as error:
                if flags & _DONTWAIT:
                    future.set_exception(error)
                    return future
            except zmq.ZMQError as error:
                future.set_exception(error)
                return future
            else:
                future.set_result(result)
                return future
        elif flags & _DONTWAIT:
            future.set_exception(zmq.Again(zmq.EAGAIN, "other operations are queued on this socket"))
            return future
        op = _Op(future, method, flags, args, kwargs)
        timeout = _get(self.socket, _RCVTIMEO if queue is self.recvs else _SNDTIMEO)
        if timeout >= 0:
            op.timer = loop.call_later(timeout / 1000, self.expire, op, queue)
        queue.append(op)
        future.add_done_callback(lambda done: self.settled(op, queue))
        if self.watcher is None or self.watcher.loop is not loop:
            self.watcher = watcher_for(self.socket, loop)
        self.refresh()
        return future

    def refresh(self) -> None:
        mask = (_POLLIN if self.recvs else 0) | (_POLLOUT if self.sends else 0)
        if mask == self.zmq_mask:
            return
        self.zmq_mask = mask
        watcher = self.watcher
        if watcher is None:
            return
        if mask:
            watcher.add(self)
        else:
            self.watcher = None
            # lazy: Socket.close() closes the watcher before the socket
            watcher.remove(self, lazy=True)

    def settled(self, op: _Op, queue: deque[_Op]) -> None:
        """An op's future is done (result, error or cancelled): forget it."""
        if op.timer is not None:
            op.timer.cancel()
            op.timer = None
        if op.future.cancelled():
            try:
                queue.remove(op)
            except ValueError:
                pass
            self.refresh()

    def expire(self, op: _Op, queue: deque[_Op]) -> None:
        """RCVTIMEO/SNDTIMEO ran out for ``op``."""
        op.timer = None
        if not op.future.done():
            try:
                queue.remove(op)
            except ValueError:
                pass
            op.future.set_exception(zmq.Again(zmq.EAGAIN, "Resource temporarily unavailable (timed out)"))
            self.refresh()

    def zmq_events(self, events: int) -> None:
        if events & _POLLIN and self.recvs:
            self._run_one(self.recvs)
        if events & _POLLOUT and self.sends:
            self._run_one(self.sends)
        self.refresh()

    def _run_one(self, queue: deque[_Op]) -> None:
        while queue:
            op = queue[0]
            if op.future.done():
                queue.popleft()
                continue
            try:
                result = op.method(self.socket, op.flags | _DONTWAIT, *op.args, **op.kwargs)
            except zmq.Again:
                return
            except Exception as error:
                queue.popleft()
                op.future.set_exception(error)
            else:
                queue.popleft()
                op.future.set_result(result)
            return

    def zmq_closed(self) -> None:
        self.cancel_all()

    def cancel_all(self) -> None:
        """Cancel every pending op (the socket is closing)."""
        self.watcher = None
        self.zmq_mask = 0
        for queue in (self.recvs, self.sends):
            while queue:
                op = queue.popleft()
                if op.timer is not None:
                    op.timer.cancel()
                try:
                    op.future.cancel()
                except RuntimeError:
                    pass  # its loop is closed already: nobody can await it


class Socket(zmq.Socket):
    """A zmq socket whose send, recv and poll return awaitables (asyncio futures).

    Every method that would block (``recv``, ``recv_multipart``,
    ``recv_into``, ``send``, ``send_multipart``, ``poll`` and the helpers
    ``recv_string``, ``send_json``, ...) returns a future of what the plain
    socket returns. Operations complete in the order they were started;
    RCVTIMEO/SNDTIMEO make a waiting operation fail with ``zmq.Again``; a
    future can be cancelled; ``close()`` cancels the pending ones. Use the
    socket from the thread running its loop.
    """

    __slots__ = ("_queues",)

    def __init__(self, context: zmq.Context | zmq.Socket | None = None, socket_type: int = 0, **kwargs: Any) -> None:
        self._queues = _Queues(self)
        super().__init__(context, socket_type, **kwargs)

    @classmethod
    def from_socket(cls, socket: zmq.Socket) -> Socket:
        """An awaitable shadow of a plain ``zmq.Socket``: the same libzmq socket.

        The plain socket stays the owner: closing the shadow cancels its
        futures but leaves the socket open.
        """
        if not isinstance(socket, zmq.Socket):
            raise TypeError(f"from_socket needs a zmq.Socket, not {type(socket).__name__}")
        return cls(socket)

    # -- receiving ----------------------------------------------------------------

    def recv(self, flags: int = 0, copy: bool = True, track: bool = False) -> asyncio.Future:  # type: ignore[override]
        """Future of one frame: bytes, or a Frame with ``copy=False``."""
        queues = self._queues
        return queues.start(queues.recvs, _recv, flags, (copy, track), {})

    def recv_multipart(self, flags: int = 0, copy: bool = True, track: bool = False) -> asyncio.Future:  # type: ignore[override]
        """Future of every part of the next message (a list)."""
        queues = self._queues
        return queues.start(queues.recvs, _recv_multipart, flags, (copy, track), {})

    def recv_into(self, buffer: Any, *, nbytes: int = 0, flags: int = 0) -> asyncio.Future:  # type: ignore[override]
        """Future of the size of the frame received into ``buffer``."""
        queues = self._queues
        return queues.start(queues.recvs, _recv_into_flags, flags, (buffer, nbytes), {})

    def recv_string(self, flags: int = 0, encoding: str = "utf-8") -> asyncio.Future:  # type: ignore[override]
        """Future of one frame decoded with ``encoding``."""
        return chain(self.recv(flags), lambda data: data.decode(encoding))

    def recv_json(self, flags: int = 0, **kwargs: Any) -> asyncio.Future:  # type: ignore[override]
        """Future of a JSON frame, decoded; kwargs go to ``json.loads``."""
        from zmq.utils import jsonapi

        return chain(self.recv(flags), lambda data: jsonapi.loads(data, **kwargs))

    def recv_pyobj(self, flags: int = 0) -> asyncio.Future:  # type: ignore[override]
        """Future of an unpickled object (never from an untrusted peer)."""
        import pickle

        return chain(self.recv(flags), pickle.loads)

    def recv_serialized(self, deserialize: Callable[[list], Any], flags: int = 0, copy: bool = True) -> asyncio.Future:  # type: ignore[override]
        """Future of ``deserialize(frames)`` of the next multipart message."""
        return chain(self.recv_multipart(flags, copy), deserialize)

    # -- sending ------------------------------------------------------------------

    def send(self, data: Any, flags: int = 0, copy: bool = True, track: bool = False) -> asyncio.Future:  # type: ignore[override]
        """Future of the send: None, or a MessageTracker (``copy=False``/Frames)."""
        queues = self._queues
        return queues.start(queues.sends, _send_flags, flags, (data, copy, track), {})

    def send_multipart(self, msg_parts: Any, flags: int = 0, copy: bool = True, track: bool = False) -> asyncio.Future:  # type: ignore[override]
        """Future of sending a multipart message (all parts or none)."""
        if not isinstance(msg_parts, (list, tuple)):
            msg_parts = list(msg_parts)
        queues = self._queues
        return queues.start(queues.sends, _send_multipart_flags, flags, (msg_parts, copy, track), {})

    def send_string(self, u: str, flags: int = 0, copy: bool = True, encoding: str = "utf-8") -> asyncio.Future:  # type: ignore[override]
        """Future of sending a str as one frame, encoded with ``encoding``."""
        if not isinstance(u, str):
            raise TypeError(f"send_string expects str, not {type(u).__name__}")
        return self.send(u.encode(encoding), flags, copy)

    def send_json(self, obj: Any, flags: int = 0, **kwargs: Any) -> asyncio.Future:  # type: ignore[override]
        """Future of sending ``obj`` as JSON; kwargs go to ``json.dumps``."""
        from zmq.utils import jsonapi

        return self.send(jsonapi.dumps(obj, **kwargs), flags)

    def send_pyobj(self, obj: Any, flags: int = 0, protocol: int | None = None) -> asyncio.Future:  # type: ignore[override]
        """Future of sending a pickled object."""
        import pickle

        return self.send(pickle.dumps(obj, protocol), flags)

    def send_serialized(self, msg: Any, serialize: Callable[[Any], list], flags: int = 0, copy: bool = True) -> asyncio.Future:  # type: ignore[override]
        """Future of sending ``serialize(msg)`` as one multipart message."""
        return self.send_multipart(serialize(msg), flags, copy)

    # -- polling and options ------------------------------------------------------

    def poll(self, timeout: float | None = None, flags: int = _POLLIN) -> asyncio.Future:  # type: ignore[override]
        """Future of the events among ``flags`` that occur within ``timeout`` ms (None: forever); 0 on timeout."""
        poller = Poller()
        poller.register(self, flags)
        return chain(poller.poll(timeout), lambda ready: ready[0][1] if ready else 0)

    def get(self, option: int) -> Any:
        """Read a socket option; reading EVENTS makes pending operations re-check.

        (Reading EVENTS consumes libzmq's FD edge, which the loop waits on.)
        """
        value = _get(self, option)
        if option == _EVENTS:
            watcher = existing_watcher(self)
            if watcher is not None:
                watcher.schedule()
        return value

    getsockopt = get

    def close(self, linger: int | None = None) -> None:
        """Cancel pending futures, stop watching the socket, then close it."""
        watcher = existing_watcher(self)
        if watcher is not None:
            listeners = list(watcher.listeners)
            watcher.close()  # before the FD goes away with the socket
            for listener in listeners:
                listener.zmq_closed()
        self._queues.cancel_all()
        super().close(linger)


def _recv_into_flags(socket: zmq.Socket, flags: int, buffer: Any, nbytes: int) -> int:
    return _recv_into(socket, buffer, nbytes=nbytes, flags=flags)


def _send_multipart_flags(socket: zmq.Socket, flags: int, msg_parts: Any, copy: bool, track: bool) -> Any:
    return _send_multipart(socket, msg_parts, flags, copy, track)


def _send_flags(socket: zmq.Socket, flags: int, data: Any, copy: bool, track: bool) -> Any:
    return _send(socket, data, flags, copy, track)


class Context(zmq.Context):
    """A zmq Context whose ``socket()`` makes :class:`Socket` (awaitable) sockets.

    ``Context.instance()`` is a process-wide context of its own, apart from
    ``zmq.Context.instance()``.
    """

    __slots__ = ()
    _socket_class = Socket
    _instance = None  # instance() is one of this class's own, not its base's


__all__ = ["Context", "Socket"]
