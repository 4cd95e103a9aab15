# SPDX-License-Identifier: BSD-3-Clause
"""The messages between frontend and backends, in one place.

Request (frontend DEALER → backend ROUTER, which prepends the peer identities)::

    [b'|', msg_id, json(request), body]        # body frame only if non-empty

Reply (backend ROUTER → frontend DEALER, identities stripped by the DEALER)::

    plain:      [b'|', msg_id, part, part, ...]  # the parts joined are an HTTP/1.1 response
    streaming:  [b'|', msg_id, b'DATA', chunk]   # as each write is flushed (first carries the head)
                [b'|', msg_id, b'FINISH']        # the response is complete

The response head (status line and headers) travels as HTTP/1.1 text in front
of the body, so the status code, reason and every header (repeated ones like
Set-Cookie too) survive byte for byte.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from tornado import httputil

DELIMITER = b"|"
DATA = b"DATA"
FINISH = b"FINISH"

# Headers about one hop of HTTP, not about the response itself: the frontend's
# own connection sets them again for its client.
HOP_BY_HOP = frozenset(
    name.lower()
    for name in (
        "Connection",
        "Keep-Alive",
        "Proxy-Authenticate",
        "Proxy-Authorization",
        "TE",
        "Trailer",
        "Transfer-Encoding",
        "Upgrade",
    )
)

_HEAD_END = b"\r\n\r\n"


@dataclass
class RequestInfo:
    """A request as the backend receives it (see :func:`parse_request`)."""

    idents: list[bytes]
    msg_id: bytes
    method: str
    uri: str
    version: str
    headers: httputil.HTTPHeaders
    remote_ip: str
    protocol: str
    host: str
    body: bytes
    args: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)


def encode_request(request: httputil.HTTPServerRequest, args: Any, kwargs: Any) -> list[bytes]:
    """The frames ``[json, body?]`` that follow ``[b'|', msg_id]`` for ``request``."""
    query = {name: [value.decode("latin-1") for value in values] for name, values in request.query_arguments.items()}
    fields = {
        "method": request.method,
        "uri": request.uri,
        "version": request.version,
        # pairs, so that repeated headers (Cookie, ...) stay apart and in order
        "headers": [[name, value] for name, value in request.headers.get_all() if name.lower() != "transfer-encoding"],
        "remote_ip": request.remote_ip,
        "protocol": request.protocol,
        "host": request.host,
        # the backend rebuilds arguments and files from uri and body (binary-safe);
        # these are for information only
        "files": {},
        "arguments": query,
        "args": list(args or ()),
        "kwargs": dict(kwargs or {}),
    }
    frames = [json.dumps(fields, separators=(",", ":")).encode("utf-8")]
    if request.body:
        frames.append(bytes(request.body))
    return frames


def parse_request(msg: list[bytes]) -> RequestInfo:
    """Split ``[idents..., b'|', msg_id, json, body?]``; ValueError when malformed.

    The error's ``args[1:]`` holds ``(idents, msg_id)`` when those were
    readable, so the caller can still answer the peer.
    """
    if len(msg) < 4:
        raise ValueError(f"a request needs at least 4 frames, got {len(msg)}")
    try:
        cut = msg.index(DELIMITER)
    except ValueError:
        raise ValueError("no b'|' delimiter frame in the request") from None
    idents, rest = msg[:cut], msg[cut + 1 :]
    if not idents or len(rest) not in (2, 3):
        raise ValueError(f"malformed request: {len(idents)} identity frame(s), {len(rest)} frame(s) after the delimiter")
    msg_id = rest[0]
    try:
        fields = json.loads(rest[1])
        if not isinstance(fields, dict):
            raise ValueError("the request header is not a JSON object")
        headers = httputil.HTTPHeaders()
        for pair in fields.get("headers", []):
            name, value = pair
            headers.add(_text(name, "header name"), _text(value, "header value"))
        info = RequestInfo(
            idents=idents,
            msg_id=msg_id,
            method=_text(fields["method"], "method"),
            uri=_text(fields["uri"], "uri"),
            version=_text(fields.get("version", "HTTP/1.1"), "version"),
            headers=headers,
            remote_ip=_text(fields.get("remote_ip") or "", "remote_ip"),
            protocol=_text(fields.get("protocol") or "http", "protocol"),
            host=_text(fields.get("host") or headers.get("Host") or "127.0.0.1", "host"),
            body=rest[2] if len(rest) == 3 else b"",
            args=list(fields.get("args") or []),
            kwargs=dict(fields.get("kwargs") or {}),
        )
    except (ValueError, KeyError, TypeError) as error:  # JSONDecodeError is a ValueError
        raise ValueError(f"malformed request header: {error!r}", idents, msg_id) from None
    if not info.uri or not info.method or any(c.isspace() for c in info.uri + info.method):
        raise ValueError(f"malformed request line {info.method!r} {info.uri!r}", idents, msg_id)
    return info


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, not {type(value).__name__}")
    if "\r" in value or "\n" in value:
        raise ValueError(f"{what} contains a line break")
    return value


def encode_head(start_line: httputil.ResponseStartLine, headers: httputil.HTTPHeaders) -> bytes:
    """The HTTP/1.1 status line and headers of a response, ending with a blank line."""
    lines = [f"HTTP/1.1 {start_line.code} {start_line.reason}"]
    lines += [f"{name}: {value}" for name, value in headers.get_all()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")


@dataclass
class ResponseHead:
    """A parsed response head: status code, reason and headers."""

    code: int
    reason: str
    headers: httputil.HTTPHeaders


def split_head(data: bytes) -> tuple[ResponseHead, bytes] | None:
    """``(head, rest_of_data)``, or None if the head is not complete yet.

    Raises ValueError if ``data`` does not start with an HTTP response head.
    """
    end = data.find(_HEAD_END)
    if end < 0:
        if len(data) > 65536:
            raise ValueError("no end of the response head in the first 64 KiB")
        return None
    text = data[:end].decode("latin-1")
    first, _, header_text = text.partition("\r\n")
    try:
        start_line = httputil.parse_response_start_line(first)
        headers = httputil.HTTPHeaders.parse(header_text)
    except httputil.HTTPInputError as error:
        raise ValueError(f"malformed response head: {error}") from None
    return ResponseHead(start_line.code, start_line.reason, headers), data[end + len(_HEAD_END) :]
