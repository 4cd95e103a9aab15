# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's ``zmq.sugar.attrsettr``: ``AttributeSetter``, options as attributes.

``zmq.Context`` and ``zmq.Socket`` serve their options as attributes with
descriptors of their own; they are registered as virtual subclasses of
:class:`AttributeSetter`, so ``isinstance(sock, AttributeSetter)`` holds as in
pyzmq. A class of your own that subclasses it gets the same behaviour from its
``set(option, value)`` and ``get(option)`` methods.
"""

from __future__ import annotations

import abc
from typing import Any

import zmq


class AttributeSetter(metaclass=abc.ABCMeta):
    """Mixin: ``obj.linger = 0`` calls ``obj.set(zmq.LINGER, 0)``, ``obj.linger`` calls ``get``.

    An attribute name is an option name in any case (``linger``, ``LINGER``);
    names the class or instance already has, and private names, are ordinary
    attributes. An unknown name raises AttributeError.
    """

    def _option_number(self, name: str) -> int:
        value = getattr(zmq, name.upper(), None) if not name.startswith("_") else None
        if not isinstance(value, int) or isinstance(value, bool):
            raise AttributeError(f"{type(self).__name__} has no such option: {name.upper()}")
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_") or name in self.__dict__ or hasattr(type(self), name):
            object.__setattr__(self, name, value)
            return
        self._set_attr_opt(name, self._option_number(name), value)

    def __getattr__(self, name: str) -> Any:
        # only called when normal lookup fails
        option = self._option_number(name)
        return self._get_attr_opt(name, option)

    def _set_attr_opt(self, name: str, option: int, value: Any) -> None:
        """Set option ``option`` (attribute ``name``); the hook subclasses override."""
        self.set(option, value)  # type: ignore[attr-defined]

    def _get_attr_opt(self, name: str, option: int) -> Any:
        """Read option ``option`` (attribute ``name``); the hook subclasses override."""
        return self.get(option)  # type: ignore[attr-defined]


AttributeSetter.register(zmq.Context)
AttributeSetter.register(zmq.Socket)

__all__ = ["AttributeSetter"]
