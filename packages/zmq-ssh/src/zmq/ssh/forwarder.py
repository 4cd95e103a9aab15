# SPDX-License-Identifier: BSD-3-Clause
"""The child process of a paramiko tunnel.

Started by :func:`zmq.ssh.tunnel.paramiko_tunnel` as ``python -c <bootstrap>``.
It reads one JSON line of settings from stdin, logs in with paramiko, binds
the local port, and prints one JSON line on stdout: ``{"ok": true, ...}`` or
``{"ok": false, "error": <kind>, "message": ...}``. It then forwards until
stdin closes (the owner is gone), the ssh connection drops, or the tunnel has
been up ``timeout`` seconds and no connection is using it.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
from typing import Any

__all__ = ["main", "BOOTSTRAP", "connect_client", "ConnectFailure"]

# Run by the parent with ``python -c``: puts the parent's sys.path first so
# this module imports exactly as it did there. Ends with os._exit: the
# daemon threads (paramiko's, the forwarder's) need no interpreter clean-up.
BOOTSTRAP = (
    "import sys, json, os\n"
    "settings = json.loads(sys.stdin.readline())\n"
    "sys.path[:0] = settings.pop('sys_path')\n"
    "from zmq.ssh.forwarder import main\n"
    "code = main(settings)\n"
    "sys.stdout.flush(); sys.stderr.flush()\n"
    "os._exit(code)\n"
)

_TICK = 0.2


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def connect_client(settings: dict[str, Any], warnings: list[str]) -> Any:
    """Log in with paramiko; return the SSHClient or raise :class:`ConnectFailure`."""
    import paramiko

    class _RecordUnknownKey(paramiko.MissingHostKeyPolicy):
        # pyzmq's paramiko tunnel accepted unknown host keys with a warning; so
        # do we, but the warning is raised in the owner, where it can be seen.
        def missing_host_key(self, client: Any, hostname: str, key: Any) -> None:
            warnings.append(f"unknown {key.get_name()} host key for {hostname}: "
                            f"{key.fingerprint if hasattr(key, 'fingerprint') else key.get_base64()}")

    client = paramiko.SSHClient()
    if settings["known_hosts"]:
        client.load_host_keys(settings["known_hosts"])
        client.set_missing_host_key_policy(paramiko.RejectPolicy())
    else:
        client.load_system_host_keys()
        client.set_missing_host_key_policy(_RecordUnknownKey())
    keyfile = settings["keyfile"]
    timeout = settings["connect_timeout"]
    try:
        client.connect(settings["host"], settings["port"], username=settings["user"],
                       password=settings["password"], key_filename=keyfile,
                       passphrase=settings["password"],
                       look_for_keys=keyfile is None, allow_agent=keyfile is None,
                       timeout=timeout, banner_timeout=timeout, auth_timeout=timeout)
    except paramiko.AuthenticationException as exc:
        raise ConnectFailure("auth", f"authentication refused: {exc}") from None
    except paramiko.BadHostKeyException as exc:
        raise ConnectFailure("hostkey", str(exc)) from None
    except paramiko.SSHException as exc:
        text = str(exc)
        if "known_hosts" in text:
            raise ConnectFailure("hostkey", text) from None
        if "authentication" in text.lower():
            raise ConnectFailure("auth", text) from None
        raise ConnectFailure("connect", text) from None
    except paramiko.ssh_exception.NoValidConnectionsError as exc:
        reasons = "; ".join(f"{addr[0]}:{addr[1]}: {err}" for addr, err in exc.errors.items())
        raise ConnectFailure("connect", f"cannot connect: {reasons}") from None
    except (socket.gaierror, socket.herror) as exc:
        raise ConnectFailure("connect", f"cannot resolve {settings['host']!r}: {exc}") from None
    except OSError as exc:
        raise ConnectFailure("connect", f"{type(exc).__name__}: {exc}") from None
    return client


class ConnectFailure(Exception):
    """Logging in failed; ``kind`` is auth, hostkey or connect."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(kind, message)
        self.kind = kind
        self.message = message


def _watch_stdin(gone: threading.Event) -> None:
    # os.read, not sys.stdin: a daemon thread blocked inside a buffered reader
    # aborts the interpreter at exit.
    fd = sys.stdin.fileno()
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    gone.set()


def main(settings: dict[str, Any]) -> int:
    """Run the tunnel described by ``settings``; return the exit status."""
    from .forward import make_forward_server

    warnings: list[str] = []
    try:
        client = connect_client(settings, warnings)
    except ConnectFailure as failure:
        _say({"ok": False, "error": failure.kind, "message": failure.message})
        return 1
    transport = client.get_transport()
    transport.set_keepalive(15)  # notice a dead server instead of lingering
    try:
        server = make_forward_server(settings["lport"], settings["remote_host"],
                                     settings["remote_port"], transport)
    except OSError as exc:
        _say({"ok": False, "error": "forward",
              "message": f"cannot listen on 127.0.0.1:{settings['lport']}: {exc}"})
        client.close()
        return 1
    owner_gone = threading.Event()
    threading.Thread(target=_watch_stdin, args=(owner_gone,), daemon=True).start()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": _TICK}, daemon=True).start()
    _say({"ok": True, "port": server.local_port, "warnings": warnings})

    started = time.monotonic()
    timeout = settings["timeout"]
    try:
        while not owner_gone.is_set() and transport.is_active():
            idle = server.active_connections == 0
            if idle and time.monotonic() - started >= timeout:
                break
            owner_gone.wait(_TICK)
    finally:
        server.shutdown()
        server.server_close()
        client.close()
    return 0
