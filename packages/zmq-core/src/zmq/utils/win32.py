# SPDX-License-Identifier: BSD-3-Clause
"""``allow_interrupt``: a hook for Ctrl-C in a console program on Windows.

Code written for pyzmq wraps its polling loop in ``allow_interrupt(action)``
so that Ctrl-C on Windows can unblock it. On every other system it does
nothing (zmq's blocking calls are interrupted by Ctrl-C there), so programs
need not test the platform before using it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

CTRL_C_EVENT = 0


class allow_interrupt:  # noqa: N801 - pyzmq's name, used as a context manager
    """Call ``action()`` (default: nothing) when Ctrl-C is pressed, on Windows.

    Use it as ``with allow_interrupt(stop):`` around a polling loop; ``stop``
    typically sends to a PAIR socket the loop polls, so the loop wakes up and
    Python raises the pending ``KeyboardInterrupt``. Outside Windows it is a
    no-op context manager.
    """

    def __init__(self, action: Callable[[], Any] | None = None) -> None:
        self.action = action
        self._handler: Any = None

    def _on_console_event(self, event: int) -> int:
        if event == CTRL_C_EVENT and self.action is not None:
            self.action()
        return 0  # not handled: Python's own handler still raises KeyboardInterrupt

    def __enter__(self) -> None:
        if sys.platform != "win32":
            return None
        import ctypes
        from ctypes import wintypes

        handler_type = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)
        self._handler = handler_type(self._on_console_event)  # kept alive while installed
        if not ctypes.windll.kernel32.SetConsoleCtrlHandler(self._handler, True):
            raise ctypes.WinError()
        return None

    def __exit__(self, *exc_info: object) -> None:
        if self._handler is not None:
            import ctypes

            ctypes.windll.kernel32.SetConsoleCtrlHandler(self._handler, False)
            self._handler = None


__all__ = ["allow_interrupt"]
