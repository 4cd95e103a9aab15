# SPDX-License-Identifier: LGPL-3.0-or-later
"""Exception classes of the zmq package."""

from __future__ import annotations

import errno as _errno

from ..constants import Errno


class ZMQBaseError(Exception):
    """Base class of every exception raised by zmq."""


class ZMQError(ZMQBaseError):
    """An error reported by libzmq.

    ``ZMQError()`` takes the current ``zmq_errno()``; ``ZMQError(errno)`` takes
    the message from ``zmq.strerror``; ``msg`` overrides the message. ``errno``
    is a ``zmq.Errno`` member when libzmq or the OS names it, and ``args`` are
    the arguments given, as pyzmq. The subclasses for one errno (``Again``,
    ``ContextTerminated``, ``InterruptedSystemCall``) always carry theirs.
    """

    errno: int | None
    strerror: str
    #: the errno a subclass always stands for (None: any)
    _fixed_errno: int | None = None

    def __init__(self, errno: int | str | None = None, msg: str | None = None) -> None:
        from ._zmq import last_errno, strerror

        given = tuple(a for a in (errno, msg) if a is not None)
        as_member = True  # pyzmq: an Errno member, but zmq_errno()'s and EINTR's stay ints
        if self._fixed_errno is not None:
            errno = self._fixed_errno
            as_member = errno != _errno.EINTR
        elif errno is None:
            errno = last_errno()
            as_member = False
        if isinstance(errno, int):
            message = msg if msg is not None else strerror(errno)
            if as_member:
                try:
                    errno = Errno(errno)
                except ValueError:
                    pass
        else:
            message = msg if msg is not None else str(errno)
            errno = None
        # first: OSError.__init__ (InterruptedSystemCall is an InterruptedError)
        # resets errno and strerror to None
        super().__init__(message)
        self.args = given
        self.errno = errno
        self.strerror = message

    def __str__(self) -> str:
        return self.strerror

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.strerror!r})"

    def __reduce__(self) -> tuple:
        # rebuilt from errno and message: args alone may name no errno
        if self.errno is None:
            return (type(self), (self.strerror,))
        return (type(self), (self.errno, self.strerror))


class Again(ZMQError):
    """EAGAIN: the operation would block (DONTWAIT, or SNDTIMEO/RCVTIMEO ran out)."""

    _fixed_errno = Errno.EAGAIN


class ContextTerminated(ZMQError):
    """ETERM: the socket's context was terminated."""

    _fixed_errno = Errno.ETERM


class InterruptedSystemCall(ZMQError, InterruptedError):
    """EINTR: a signal interrupted the call (retried internally when no handler raised)."""

    _fixed_errno = _errno.EINTR


class _ContextClosedError(ZMQError, RuntimeError):
    """ENOTSUP from a terminated context; also a RuntimeError, which pyzmq
    raises for ``get``/``set`` there, so either ``except`` clause works."""


class ZMQBindError(ZMQBaseError):
    """``bind_to_random_port`` found no free port."""


class NotDone(ZMQBaseError):
    """``MessageTracker.wait`` timed out before libzmq released the message."""


class ZMQVersionError(NotImplementedError):
    """The feature needs a newer libzmq than the one zmq was built against."""

    def __init__(self, min_version: str, msg: str = "Feature") -> None:
        from .version import zmq_version

        self.min_version = min_version
        self.msg = msg
        self.version = zmq_version()
        super().__init__(
            f"{msg} requires libzmq >= {min_version}, have {self.version}"
        )


_ERRNO_CLASSES: dict[int, type[ZMQError]] = {
    Errno.EAGAIN: Again,
    Errno.ETERM: ContextTerminated,
    _errno.EINTR: InterruptedSystemCall,
}


def error_for(errno: int, msg: str | None = None) -> ZMQError:
    """The ZMQError (or subclass) instance that stands for ``errno``."""
    return _ERRNO_CLASSES.get(errno, ZMQError)(errno, msg)


__all__ = [
    "ZMQBaseError",
    "ZMQError",
    "Again",
    "ContextTerminated",
    "InterruptedSystemCall",
    "ZMQBindError",
    "NotDone",
    "ZMQVersionError",
]
