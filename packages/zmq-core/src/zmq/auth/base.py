# SPDX-License-Identifier: BSD-3-Clause
"""The authentication policy and the ZAP (RFC 27) request/reply handling."""

from __future__ import annotations

import hmac
import inspect
import logging
from collections.abc import Awaitable, Generator
from typing import Any, NamedTuple

import zmq
from zmq.utils import z85

#: the endpoint libzmq sends ZAP requests to
ZAP_ENDPOINT = "inproc://zeromq.zap.01"
#: ``configure_curve(location=CURVE_ALLOW_ANY)``: any CURVE client key is accepted
CURVE_ALLOW_ANY = "*"

_VERSION = b"1.0"
_MECHANISMS = (b"NULL", b"PLAIN", b"CURVE", b"GSSAPI")


class ZAPRequest(NamedTuple):
    """One ZAP request as libzmq sends it (RFC 27)."""

    version: bytes
    request_id: bytes
    domain: str
    address: str
    identity: bytes
    mechanism: bytes
    credentials: list[bytes]

    @classmethod
    def from_frames(cls, frames: list[bytes], encoding: str = "utf-8") -> ZAPRequest:
        """Parse the frames of a request; ValueError when they are not ZAP 1.0."""
        if len(frames) < 6:
            raise ValueError(f"a ZAP request has at least 6 frames, got {len(frames)}")
        version, request_id, domain, address, identity, mechanism, *credentials = frames
        if version != _VERSION:
            raise ValueError(f"unsupported ZAP version {version!r}")
        if mechanism not in _MECHANISMS:
            raise ValueError(f"unknown security mechanism {mechanism!r}")
        try:
            domain_text, address_text = domain.decode(encoding), address.decode(encoding)
        except UnicodeDecodeError as error:
            raise ValueError(f"undecodable domain or address: {error}") from None
        return cls(version, request_id, domain_text, address_text, identity, mechanism, credentials)


class Decision(NamedTuple):
    """What to answer: ``allowed`` may be an awaitable (async credentials providers)."""

    allowed: bool | Awaitable[bool]
    reason: str
    user_id: str


class Authenticator:
    """ZAP authentication policy for the sockets of ``context``.

    Addresses: ``allow(*ips)`` admits only those peers, ``deny(*ips)`` refuses
    those (use one of the two, not both). Credentials per ZAP domain (``'*'``
    = any domain): ``configure_plain`` (user → password),
    ``configure_curve`` (a directory of public certificates, or
    ``CURVE_ALLOW_ANY``), ``configure_curve_callback`` (an object whose
    ``callback(domain, key)`` decides), ``configure_gssapi``.

    ``start()`` binds the ZAP socket; feed each request's frames to
    ``handle_zap_message`` (:class:`~zmq.auth.thread.ThreadAuthenticator` does
    that for you in a thread).
    """

    #: the class of the ZAP socket ``start()`` makes: a plain synchronous
    #: socket whatever the context (a ``zmq.asyncio.Context`` included); an
    #: authenticator served by an event loop sets its awaitable socket class
    zap_socket_class: type[zmq.Socket] = zmq.Socket

    def __init__(
        self,
        context: zmq.Context | None = None,
        encoding: str = "utf-8",
        log: logging.Logger | None = None,
    ) -> None:
        self.context = context if context is not None else zmq.Context.instance()
        self.encoding = encoding
        self.log = log if log is not None else logging.getLogger("zmq.auth")
        self.allow_any = False
        self.allowed_addresses: set[str] = set()
        self.denied_addresses: set[str] = set()
        self.passwords: dict[str, dict[str, str]] = {}
        self.certs: dict[str, dict[bytes, bool]] = {}
        self.curve_any_domains: set[str] = set()
        self.credentials_providers: dict[str, Any] = {}
        self.gssapi_domains: set[str] = set()
        self.zap_socket: zmq.Socket | None = None

    # -- lifecycle -------------------------------------------------------------

    def start(self) -> None:
        """Bind the ZAP socket (only one authenticator per context)."""
        if self.zap_socket is not None:
            raise RuntimeError("this authenticator is already started")
        socket = self.context.socket(zmq.REP, socket_class=self.zap_socket_class)
        socket.linger = 1
        try:
            socket.bind(ZAP_ENDPOINT)
        except zmq.ZMQError:
            socket.close()
            raise
        self.zap_socket = socket

    def stop(self) -> None:
        """Close the ZAP socket: the context's sockets are no longer authenticated."""
        if self.zap_socket is not None:
            # unbind first: closing alone unregisters the endpoint later, in
            # libzmq's reaper, and a handshake starting meanwhile would send its
            # ZAP request to a socket that never answers
            try:
                self.zap_socket.unbind(ZAP_ENDPOINT)
            except zmq.ZMQError:
                pass  # context terminated: nothing will connect any more
            self.zap_socket.close()
            self.zap_socket = None

    # -- policy ----------------------------------------------------------------

    def allow(self, *addresses: str) -> None:
        """Admit only peers from these IP addresses (all mechanisms)."""
        if self.denied_addresses:
            raise ValueError("allow() and deny() exclude each other: this authenticator denies")
        self.allowed_addresses.update(_addresses(addresses))

    def deny(self, *addresses: str) -> None:
        """Refuse peers from these IP addresses (all mechanisms)."""
        if self.allowed_addresses:
            raise ValueError("allow() and deny() exclude each other: this authenticator allows")
        self.denied_addresses.update(_addresses(addresses))

    def configure_plain(self, domain: str = "*", passwords: dict[str, str] | None = None) -> None:
        """PLAIN: ``passwords`` maps user names to passwords for ``domain``."""
        self.passwords[domain] = dict(passwords or {})

    def configure_curve(self, domain: str = "*", location: str = ".") -> None:
        """CURVE: accept the public keys of the certificates in directory ``location``.

        ``location=CURVE_ALLOW_ANY`` accepts every client key (encryption
        without client authentication).
        """
        if location == CURVE_ALLOW_ANY:
            self.curve_any_domains.add(domain)
            self.certs.pop(domain, None)
        else:
            from .certs import load_certificates

            self.curve_any_domains.discard(domain)
            self.certs[domain] = load_certificates(location)

    def configure_curve_callback(self, domain: str = "*", credentials_provider: Any = None) -> None:
        """CURVE: ``credentials_provider.callback(domain, key)`` decides (key in z85 bytes)."""
        if credentials_provider is None or not callable(getattr(credentials_provider, "callback", None)):
            raise TypeError("credentials_provider needs a callback(domain, key) method")
        self.credentials_providers[domain] = credentials_provider

    def configure_gssapi(self, domain: str = "*", location: str | None = None) -> None:
        """GSSAPI: accept principals libzmq authenticated (``location`` is unused)."""
        self.gssapi_domains.add(domain)

    def curve_user_id(self, client_public_key: bytes) -> str:
        """The User-Id reported for a CURVE client: its public key in Z85 text."""
        return z85.encode(client_public_key).decode("ascii")

    # -- requests --------------------------------------------------------------

    def decide(self, request: ZAPRequest) -> Decision:
        """The answer to ``request`` under the current policy."""
        address = request.address
        if self.allowed_addresses and address not in self.allowed_addresses:
            return Decision(False, "Address not allowed", "")
        if address in self.denied_addresses:
            return Decision(False, "Address denied", "")
        mechanism = request.mechanism
        if mechanism == b"NULL":
            return Decision(True, "OK", "")
        if mechanism == b"PLAIN":
            return self._decide_plain(request)
        if mechanism == b"CURVE":
            return self._decide_curve(request)
        principal = request.credentials[0].decode(self.encoding, "replace") if request.credentials else ""
        if _for_domain(self.gssapi_domains, request.domain):
            return Decision(True, "OK", principal)
        return Decision(False, "GSSAPI not configured", "")

    def _decide_plain(self, request: ZAPRequest) -> Decision:
        if len(request.credentials) != 2:
            return Decision(False, "Malformed PLAIN credentials", "")
        passwords = _domain_value(self.passwords, request.domain)
        if passwords is None:
            return Decision(False, "PLAIN not configured", "")
        try:
            user, password = (part.decode(self.encoding) for part in request.credentials)
        except UnicodeDecodeError:
            return Decision(False, "Undecodable PLAIN credentials", "")
        if user in passwords and hmac.compare_digest(passwords[user].encode(self.encoding), password.encode(self.encoding)):
            return Decision(True, "OK", user)
        return Decision(False, "Invalid user name or password", "")

    def _decide_curve(self, request: ZAPRequest) -> Decision:
        if len(request.credentials) != 1 or len(request.credentials[0]) != 32:
            return Decision(False, "Malformed CURVE credentials", "")
        key = request.credentials[0]
        user_id = self.curve_user_id(key)
        if _for_domain(self.curve_any_domains, request.domain):
            return Decision(True, "OK", user_id)
        provider = _domain_value(self.credentials_providers, request.domain)
        if provider is not None:
            return Decision(provider.callback(request.domain, z85.encode(key)), "OK", user_id)
        certs = _domain_value(self.certs, request.domain)
        if certs is None:
            return Decision(False, "CURVE not configured", "")
        if certs.get(z85.encode(key)):
            return Decision(True, "OK", user_id)
        return Decision(False, "Unknown CURVE key", "")

    def zap_request(self, msg: list[bytes]) -> ZAPRequest | None:
        """The request in ``msg`` (its frames), or None once a malformed one is answered 500."""
        try:
            return ZAPRequest.from_frames(msg, self.encoding)
        except ValueError as error:
            self.log.error("malformed ZAP request: %s", error)
            self.send_zap_reply(msg[1] if len(msg) > 1 else b"", 500, "Malformed request")
            return None

    def handle_zap_message(self, msg: list[bytes]) -> Awaitable[None]:
        """Answer one ZAP request (its frames) on the ZAP socket, at once.

        Returns an awaitable that is already done, so that code written for
        pyzmq, where this is a coroutine (``await auth.handle_zap_message(msg)``),
        works too.
        """
        request = self.zap_request(msg)
        if request is None:
            return _DONE
        decision = self.decide(request)
        allowed = decision.allowed
        if inspect.isawaitable(allowed):
            if inspect.iscoroutine(allowed):
                allowed.close()
            self.log.error("an async credentials provider needs AsyncioAuthenticator")
            self.send_zap_reply(request.request_id, 500, "Credentials provider failed")
            return _DONE
        self.reply(request, bool(allowed), decision)
        return _DONE

    def reply(self, request: ZAPRequest, allowed: bool, decision: Decision) -> None:
        """Send the answer for ``request``, logging what was decided."""
        if allowed:
            self.log.debug("ZAP allowed %s %s from %s", request.mechanism.decode(), decision.user_id, request.address)
            self.send_zap_reply(request.request_id, 200, "OK", decision.user_id)
        else:
            reason = decision.reason if decision.reason != "OK" else "Denied"
            self.log.debug("ZAP denied %s from %s: %s", request.mechanism.decode(), request.address, reason)
            self.send_zap_reply(request.request_id, 400, reason)

    def send_zap_reply(self, request_id: bytes, status_code: int, status_text: str, user_id: str = "") -> None:
        """Send a ZAP reply on the ZAP socket (at once: a REP reply never waits)."""
        if self.zap_socket is None:
            raise RuntimeError("the authenticator is not started")
        # the plain method also for an awaitable zap_socket_class
        zmq.Socket.send_multipart(
            self.zap_socket,
            [
                _VERSION,
                request_id,
                str(status_code).encode("ascii"),
                status_text.encode(self.encoding),
                user_id.encode(self.encoding),
                b"",
            ]
        )


class _Done:
    """An awaitable that is already done (what ``handle_zap_message`` returns)."""

    __slots__ = ()

    def __await__(self) -> Generator[None, None, None]:
        return
        yield  # a generator that finishes at once


_DONE = _Done()


def _addresses(addresses: tuple[str, ...]) -> list[str]:
    for address in addresses:
        if not isinstance(address, str):
            raise TypeError(f"addresses are str, not {type(address).__name__}")
    return list(addresses)


def _for_domain(domains: set[str], domain: str) -> bool:
    return domain in domains or "*" in domains


def _domain_value(table: dict[str, Any], domain: str) -> Any:
    if domain in table:
        return table[domain]
    return table.get("*")

