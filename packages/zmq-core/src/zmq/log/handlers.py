# SPDX-License-Identifier: BSD-3-Clause
"""A logging handler that publishes records on a zmq PUB socket.

Each record goes out as two frames: the topic ``<root_topic>.<LEVEL>[.<sub>]``
(the root omitted when empty) and the formatted text. A message that starts
with ``"sub.topic::"`` (see TOPIC_DELIM) puts ``sub.topic`` into the topic.
Subscribers filter by topic prefix as usual.
"""

from __future__ import annotations

import copy
import logging

import zmq

TOPIC_DELIM = "::"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _default_formatters() -> dict[int, logging.Formatter]:
    detailed = logging.Formatter("%(levelname)s %(filename)s:%(lineno)d - %(message)s\n")
    return {
        logging.DEBUG: detailed,
        logging.INFO: logging.Formatter("%(message)s\n"),
        logging.WARNING: detailed,
        logging.ERROR: logging.Formatter(
            "%(levelname)s %(filename)s:%(lineno)d - %(message)s - %(exc_info)s\n"
        ),
        logging.CRITICAL: detailed,
    }


class PUBHandler(logging.Handler):
    """Publish log records on a PUB socket.

    ``PUBHandler(interface_or_socket, context=None, root_topic='')``: given a
    socket, the handler uses it; given an address, it creates a PUB socket
    (in ``context`` or a new Context) and binds it there.
    """

    def __init__(
        self, interface_or_socket: str | zmq.Socket, context: zmq.Context | None = None,
        root_topic: str = "",
    ) -> None:
        super().__init__()
        self.formatters = _default_formatters()
        if isinstance(interface_or_socket, zmq.Socket):
            self.socket = interface_or_socket
            self.ctx = interface_or_socket.context
        else:
            self.ctx = context or zmq.Context()
            self.socket = self.ctx.socket(zmq.PUB)
            self.socket.bind(interface_or_socket)
        self._root_topic = ""
        self.root_topic = root_topic

    @property
    def root_topic(self) -> str:
        """The topic every published record starts with (str; bytes are decoded)."""
        return self._root_topic

    @root_topic.setter
    def root_topic(self, value: str | bytes) -> None:
        self._root_topic = value.decode("utf-8") if isinstance(value, bytes) else value

    def setRootTopic(self, root_topic: str | bytes) -> None:  # noqa: N802 (logging style)
        """Set ``root_topic``."""
        self.root_topic = root_topic

    def setFormatter(self, fmt: logging.Formatter | None, level: int = logging.NOTSET) -> None:  # noqa: N802
        """Use ``fmt`` for records of ``level``, or for every level with NOTSET."""
        if level == logging.NOTSET:
            for each in self.formatters:
                self.formatters[each] = fmt  # type: ignore[assignment]
        else:
            self.formatters[level] = fmt  # type: ignore[assignment]

    def format(self, record: logging.LogRecord) -> str:
        """Format with the formatter for the record's level."""
        formatter = self.formatters.get(record.levelno) or self.formatter or logging.Formatter()
        return formatter.format(record)

    def emit(self, record: logging.LogRecord) -> None:
        """Publish ``[topic, text]``; the record itself is left unchanged."""
        try:
            record = copy.copy(record)
            message = record.getMessage()
            subtopic, sep, rest = message.partition(TOPIC_DELIM)
            topic_parts = [self.root_topic] if self.root_topic else []
            topic_parts.append(record.levelname)
            if sep:
                topic_parts.append(subtopic)
                record.msg, record.args = rest, ()
            text = self.format(record)
            self.socket.send_multipart(
                [".".join(topic_parts).encode("utf-8"), text.encode("utf-8")]
            )
        except Exception:
            self.handleError(record)


class TopicLogger(logging.Logger):
    """A Logger whose ``log(level, topic, msg, ...)`` puts ``topic`` into the zmq topic."""

    def log(self, level: int, topic: str, msg: Any, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        """Log ``msg`` under ``topic`` (joined with TOPIC_DELIM)."""
        super().log(level, f"{topic}{TOPIC_DELIM}{msg}", *args, **kwargs)


__all__ = ["PUBHandler", "TopicLogger", "TOPIC_DELIM"]
