# SPDX-License-Identifier: BSD-3-Clause
"""Decorators that give a function a context or socket for the time of a call.

``@context()`` makes a new :class:`zmq.Context` for each call and destroys it
when the call returns or raises; ``@socket(socket_type)`` opens a socket and
closes it the same way::

    @zmq.decorators.context()
    @zmq.decorators.socket(zmq.PUSH)
    def work(ctx, push):
        push.connect("tcp://127.0.0.1:5555")
        push.send(b"job")

Without a name the object is added after the caller's positional arguments
(decorators apply outermost first, so ``ctx`` comes before ``push`` above).
With a name, ``@context("ctx")`` / ``@socket("push", zmq.PUSH)`` or
``name="ctx"``, it is passed as that keyword argument; a caller who passes it
too gets ``TypeError``. The other arguments go to ``zmq.Context(...)`` and
``ctx.socket(...)`` (``socket_class=``, for instance).

``@socket`` takes its context from the keyword argument ``context_name``
(default ``"context"``) if it holds a :class:`zmq.Context`, else from the first
positional argument that is one (a ``@context()`` above it, or the caller's),
else :meth:`zmq.Context.instance`.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

import zmq

__all__ = ["context", "socket"]

F = TypeVar("F", bound=Callable[..., Any])


def _split_name(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[str | None, tuple[Any, ...]]:
    """The injection name (``name=`` or a leading str) and the remaining positional args."""
    if isinstance(kwargs.get("name"), str):
        return kwargs.pop("name"), args
    if args and isinstance(args[0], str):
        return args[0], args[1:]
    return None, args


def _call_with(func: Callable[..., Any], name: str | None, value: Any, args: tuple[Any, ...],
               kwargs: dict[str, Any]) -> Any:
    if name is None:
        return func(*args, value, **kwargs)
    if name in kwargs:
        raise TypeError(f"{func.__name__}() got multiple values for argument '{name}'")
    return func(*args, **{**kwargs, name: value})


def context(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Decorator: a new ``zmq.Context(*args, **kwargs)`` for every call, destroyed after it.

    ``@context()`` adds the context after the caller's positional arguments;
    ``@context("ctx")`` or ``@context(name="ctx")`` passes it as keyword ``ctx``.
    """
    name, context_args = _split_name(args, kwargs)

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*call_args: Any, **call_kwargs: Any) -> Any:
            with zmq.Context(*context_args, **kwargs) as ctx:
                return _call_with(func, name, ctx, call_args, call_kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def socket(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Decorator: a socket ``ctx.socket(*args, **kwargs)`` for every call, closed after it.

    ``@socket(zmq.PUSH)`` adds it after the caller's positional arguments;
    ``@socket("push", zmq.PUSH)`` or ``@socket(zmq.PUSH, name="push")`` passes
    it as keyword ``push``. The context is the keyword argument named
    ``context_name`` (default ``"context"``) when that is a Context, else the
    first positional Context argument, else ``zmq.Context.instance()``.
    """
    name, socket_args = _split_name(args, kwargs)
    context_name = kwargs.pop("context_name", "context")

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*call_args: Any, **call_kwargs: Any) -> Any:
            ctx = _context_of(call_args, call_kwargs, context_name)
            with ctx.socket(*socket_args, **kwargs) as sock:
                return _call_with(func, name, sock, call_args, call_kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def _context_of(args: tuple[Any, ...], kwargs: dict[str, Any], context_name: str) -> zmq.Context:
    candidate = kwargs.get(context_name)
    if isinstance(candidate, zmq.Context):
        return candidate
    for arg in args:
        if isinstance(arg, zmq.Context):
            return arg
    return zmq.Context.instance()
