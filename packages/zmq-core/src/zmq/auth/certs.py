# SPDX-License-Identifier: BSD-3-Clause
"""CURVE certificate files, in the text format czmq reads and writes.

``create_certificates(dir, name)`` writes ``name.key`` (the public key: give it
to peers) and ``name.key_secret`` (both keys: keep it private). Each file has a
``metadata`` section and a ``curve`` section holding ``public-key = "..."``
(and ``secret-key``) in Z85.
"""

from __future__ import annotations

import datetime
import os
import re

import zmq

_KEY_LINE = re.compile(r'^\s*(public|secret)-key\s*=\s*"([^"]*)"\s*$')
_PUBLIC_HEADER = """\
#   ZeroMQ CURVE public certificate, created {date} by zmq {version}
#   Share it with the peers that must trust this key.
"""
_SECRET_HEADER = """\
#   ZeroMQ CURVE **secret** certificate, created {date} by zmq {version}
#   Keep it private: whoever reads it can act as this peer.
"""


def _write(path: str, header: str, metadata: dict[str, str] | None, keys: dict[str, bytes]) -> None:
    lines = [header.format(date=datetime.datetime.now().isoformat(timespec="seconds"), version=zmq.__version__)]
    lines.append("metadata")
    for name, value in (metadata or {}).items():
        if not isinstance(name, str) or not isinstance(value, str) or '"' in value:
            raise ValueError(f"metadata must map str to str without quotes: {name!r}={value!r}")
        lines.append(f'    {name} = "{value}"')
    lines.append("curve")
    for name, key in keys.items():
        lines.append(f'    {name}-key = "{key.decode("ascii")}"')
    text = "\n".join(lines) + "\n"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    mode = 0o600 if "secret" in keys else 0o644
    with os.fdopen(os.open(path, flags, mode), "w", encoding="ascii") as file:
        file.write(text)


def create_certificates(
    key_dir: str | os.PathLike[str], name: str, metadata: dict[str, str] | None = None
) -> tuple[str, str]:
    """Generate a CURVE key pair into ``key_dir/name.key`` and ``name.key_secret``.

    Returns the two paths (public, secret). The secret file is readable by its
    owner only.
    """
    public, secret = zmq.curve_keypair()
    base = os.path.join(os.fspath(key_dir), name)
    public_path, secret_path = base + ".key", base + ".key_secret"
    _write(public_path, _PUBLIC_HEADER, metadata, {"public": public})
    _write(secret_path, _SECRET_HEADER, metadata, {"public": public, "secret": secret})
    return public_path, secret_path


def load_certificate(filename: str | os.PathLike[str]) -> tuple[bytes, bytes | None]:
    """The (public key, secret key or None) of a certificate file, Z85 bytes.

    OSError when the file cannot be read; ValueError when it has no public key.
    """
    keys: dict[str, bytes] = {}
    with open(filename, encoding="ascii", errors="replace") as file:
        for line in file:
            match = _KEY_LINE.match(line)
            if match:
                keys[match.group(1)] = match.group(2).encode("ascii")
    public = keys.get("public")
    if not public or len(public) != 40:
        raise ValueError(f"no public key in certificate {os.fspath(filename)!r}")
    secret = keys.get("secret")
    if secret is not None and len(secret) != 40:
        raise ValueError(f"malformed secret key in certificate {os.fspath(filename)!r}")
    return public, secret


def load_certificates(directory: str | os.PathLike[str] = ".") -> dict[bytes, bool]:
    """The public keys of every ``*.key`` certificate in ``directory``: ``{key: True}``.

    OSError when ``directory`` is not a readable directory.
    """
    if not os.path.isdir(directory):
        raise OSError(f"no such certificate directory: {os.fspath(directory)!r}")
    keys = {}
    for entry in sorted(os.listdir(directory)):
        if entry.endswith(".key"):
            public, _ = load_certificate(os.path.join(directory, entry))
            keys[public] = True
    return keys
