# SPDX-License-Identifier: BSD-3-Clause
"""Each BSD part works when vendored alone: copied under another name, next to the installed core.

The BSD parts are the plugins and zmq-core's ``zmq.auth``, ``zmq.log`` and
``zmq.utils``. For each, the test copies its source (and nothing else of the
repository) into a temporary project as a package of another name
(``zmq/devices`` → ``vendored_devices``), rewrites the references the copy
makes to its own modules by their full name (relative imports need no
change), and runs a small program against the copy in a fresh interpreter.
In that interpreter the part's own module names (``zmq.devices``, ...) are
blocked, so the copy can lean neither on the installed original nor on its
entry points; ``import zmq`` is the installed zmq-core. zmq-web keeps using
the installed zmq-eventloop, which it depends on; the copy of ``zmq.auth``
uses the installed ``zmq.utils.z85``, a public module of zmq-core.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from monorepo import PACKAGES, core_bsd_parts, plugin_packages
from sshd_fixture import sshd  # noqa: F401  (a fixture: a real sshd on 127.0.0.1)

TIMEOUT = 60  # seconds per program: only to stop a hang


@dataclass
class Vendoring:
    """How one BSD part is vendored: what is copied where, and the smoke program."""

    copies: dict[str, str]  # module of the part → its module in the copy
    smoke: str  # run in the temporary project; prints "ok" at the end
    blocked: list[str] | None = None  # modules the smoke cannot import; default: those copied

    def blocked_modules(self) -> list[str]:
        return sorted(self.blocked if self.blocked is not None else self.copies)


def distribution_of(key: str) -> str:
    """``zmq-core:zmq.auth`` → ``zmq-core``; a plugin's key is its distribution."""
    return key.split(":")[0]


# In every program: `ssh_args` is sys.argv[1:] (server, keyfile, known_hosts) for zmq-ssh.
SMOKES = {
    "zmq-core:zmq.auth": Vendoring(
        {"zmq.auth": "vendored_auth"},
        """
        import tempfile

        import zmq
        from zmq.utils.monitor import recv_monitor_message
        from vendored_auth import ThreadAuthenticator, create_certificates, load_certificate, load_certificates

        keys = tempfile.mkdtemp()
        server_public, server_secret = load_certificate(create_certificates(keys, "server")[1])
        client_public, client_secret = load_certificate(create_certificates(keys, "client")[1])
        assert set(load_certificates(keys)) == {server_public, client_public}
        ctx = zmq.Context()
        with ThreadAuthenticator(ctx) as auth:
            auth.configure_curve(domain="*", location=keys)  # the keys of that directory get in
            server = ctx.socket(zmq.REP)
            server.curve_server = True
            server.curve_publickey, server.curve_secretkey = server_public, server_secret
            server.rcvtimeo = 10000
            port = server.bind_to_random_port("tcp://127.0.0.1")
            client = ctx.socket(zmq.REQ)
            client.curve_publickey, client.curve_secretkey = client_public, client_secret
            client.curve_serverkey = server_public
            client.connect(f"tcp://127.0.0.1:{port}")
            client.send(b"known key")
            frame = server.recv(copy=False)
            assert frame.bytes == b"known key"
            assert frame.get("User-Id") == client_public.decode()

            events = server.get_monitor_socket(zmq.EVENT_HANDSHAKE_FAILED_AUTH)
            events.rcvtimeo = 10000
            stranger = ctx.socket(zmq.REQ)
            stranger.curve_publickey, stranger.curve_secretkey = zmq.curve_keypair()
            stranger.curve_serverkey = server_public
            stranger.connect(f"tcp://127.0.0.1:{port}")
            assert recv_monitor_message(events)["event"] == zmq.EVENT_HANDSHAKE_FAILED_AUTH
        ctx.destroy(linger=0)
        print("ok")
        """,
    ),
    "zmq-core:zmq.log": Vendoring(
        {"zmq.log": "vendored_log"},
        """
        import logging

        import zmq
        from vendored_log.handlers import PUBHandler

        ctx = zmq.Context()
        sub = ctx.socket(zmq.SUB)
        sub.subscribe(b"")
        sub.rcvtimeo = 10000
        handler = PUBHandler("tcp://127.0.0.1:*", context=ctx, root_topic="app")
        sub.connect(handler.socket.last_endpoint.decode())
        logger = logging.getLogger("vendored")
        logger.propagate = False
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
        for _ in range(1000):  # a subscription takes a moment to reach the publisher
            logger.info("sync")
            if sub.poll(10):
                break
        else:
            raise AssertionError("the subscriber never received a record")
        while sub.poll(50):
            sub.recv_multipart()
        logger.warning("disk::almost full")
        topic, text = sub.recv_multipart()
        assert topic == b"app.WARNING.disk", topic
        assert text.endswith(b"almost full\\n") and b"WARNING" in text, text
        ctx.destroy(linger=0)
        print("ok")
        """,
    ),
    "zmq-core:zmq.utils": Vendoring(
        {"zmq.utils": "vendored_utils"},
        """
        import zmq
        from vendored_utils import jsonapi, legacy, monitor, z85

        assert z85.encode(bytes.fromhex("864fd26fb559f75b")) == b"HelloWorld"
        public, secret = zmq.curve_keypair()
        assert z85.encode(z85.decode(public)) == public
        assert jsonapi.loads(jsonapi.dumps({"a": [1, "\\u00e9"]})) == {"a": [1, "\\u00e9"]}

        ctx = zmq.Context()
        server = ctx.socket(zmq.REP)
        events = server.get_monitor_socket()
        events.rcvtimeo = 10000
        server.bind("tcp://127.0.0.1:*")
        event = monitor.recv_monitor_message(events)
        assert event["event"] == zmq.EVENT_LISTENING and event["endpoint"] == server.last_endpoint
        ctx.destroy(linger=0)

        assert "zmq.Frame" in legacy.missing_message("zmq.Message")
        try:
            legacy.module_getattr(zmq, "no_such_name")
        except AttributeError as error:
            assert "no_such_name" in str(error)
        else:
            raise AssertionError("an unknown name was served")
        print("ok")
        """,
        # the installed core imports zmq.utils.legacy at `import zmq`: block the rest
        blocked=["zmq.utils.jsonapi", "zmq.utils.monitor", "zmq.utils.z85"],
    ),
    "zmq-devices": Vendoring(
        {"zmq.devices": "vendored_devices"},
        """
        import zmq
        from vendored_devices import ThreadDevice, ThreadMonitoredQueue

        echo = ThreadDevice(zmq.QUEUE, zmq.REP, -1)      # single-socket mode: an echo server
        port = echo.bind_in_to_random_port("tcp://127.0.0.1")
        echo.start()
        broker = ThreadMonitoredQueue(zmq.ROUTER, zmq.DEALER, zmq.PUB)
        broker.bind_in("inproc://front")
        broker.bind_out("inproc://back")
        broker.bind_mon("inproc://mon")
        broker.start()

        ctx = zmq.Context.instance()
        req = ctx.socket(zmq.REQ)
        req.connect(f"tcp://127.0.0.1:{port}")
        req.send(b"echo")
        assert req.recv() == b"echo"
        mon = ctx.socket(zmq.SUB)
        mon.subscribe(b"")
        mon.connect("inproc://mon")
        client = ctx.socket(zmq.REQ)
        client.connect("inproc://front")
        worker = ctx.socket(zmq.REP)
        worker.connect("inproc://back")
        for sock in (req, mon, client, worker):
            sock.rcvtimeo = 10000
        client.send(b"question")
        assert worker.recv() == b"question"
        worker.send(b"answer")
        assert client.recv() == b"answer"
        assert mon.recv_multipart()[0] == b"in"
        assert mon.recv_multipart()[0] == b"out"
        ctx.destroy(linger=0)
        echo.join(10)
        broker.join(10)
        assert echo.done and broker.done
        print("ok")
        """,
    ),
    "zmq-eventloop": Vendoring(
        {
            "zmq.asyncio": "vendored_eventloop.asyncio",
            "zmq.eventloop": "vendored_eventloop.eventloop",
            "zmq.auth.asyncio": "vendored_eventloop.auth_asyncio",
            "zmq._loop_shared": "vendored_eventloop._loop_shared",
        },
        """
        import asyncio

        import zmq
        import vendored_eventloop.asyncio as zasyncio
        from vendored_eventloop.auth_asyncio import AsyncioAuthenticator
        from vendored_eventloop.eventloop.zmqstream import ZMQStream


        async def main():
            ctx = zasyncio.Context()
            async with AsyncioAuthenticator(ctx) as auth:
                auth.configure_plain(domain="*", passwords={"user": "secret"})
                rep = ctx.socket(zmq.REP)
                rep.plain_server = True
                port = rep.bind_to_random_port("tcp://127.0.0.1")
                req = ctx.socket(zmq.REQ)
                req.plain_username, req.plain_password = b"user", b"secret"
                req.rcvtimeo = rep.rcvtimeo = 10000
                req.connect(f"tcp://127.0.0.1:{port}")
                await req.send(b"ping")
                assert await rep.recv() == b"ping"
                await rep.send(b"pong")
                assert await req.recv() == b"pong"
            ctx.destroy(linger=0)

            plain = zmq.Context()
            server = ZMQStream(plain.socket(zmq.ROUTER))
            port = server.bind_to_random_port("tcp://127.0.0.1")
            server.on_recv(server.send_multipart)
            client = ZMQStream(plain.socket(zmq.DEALER))
            client.connect(f"tcp://127.0.0.1:{port}")
            back = asyncio.get_running_loop().create_future()
            client.on_recv(back.set_result)
            client.send(b"echo")
            assert await asyncio.wait_for(back, 10) == [b"echo"]
            client.close()
            server.close()
            plain.term()


        asyncio.run(main())
        print("ok")
        """,
    ),
    "zmq-ssh": Vendoring(
        {"zmq.ssh": "vendored_ssh"},
        """
        import sys
        import zmq
        from vendored_ssh import SSHTunnelError, select_random_ports, tunnel_connection

        server, keyfile, known_hosts = sys.argv[1:]
        assert len(set(select_random_ports(3))) == 3
        ctx = zmq.Context()
        rep = ctx.socket(zmq.REP)
        port = rep.bind_to_random_port("tcp://127.0.0.1")
        for carrier in (False, True):  # OpenSSH, then paramiko (its forwarder child)
            req = ctx.socket(zmq.REQ)
            req.rcvtimeo = rep.rcvtimeo = 20000
            with tunnel_connection(req, f"tcp://127.0.0.1:{port}", server, keyfile=keyfile,
                                   known_hosts=known_hosts, paramiko=carrier):
                req.send(b"through ssh")
                assert rep.recv() == b"through ssh"
                rep.send(b"back")
                assert req.recv() == b"back"
            req.close(linger=0)
        try:
            tunnel_connection(ctx.socket(zmq.REQ), "tcp://127.0.0.1:1", "user@")
        except (ValueError, SSHTunnelError):
            pass
        else:
            raise AssertionError("a malformed server string was accepted")
        ctx.destroy(linger=0)
        print("ok")
        """,
    ),
    "zmq-web": Vendoring(
        {"zmq.web": "vendored_web"},
        """
        import asyncio

        import tornado.httpserver
        import tornado.web
        from tornado.httpclient import AsyncHTTPClient
        from tornado.netutil import bind_sockets

        from vendored_web import ZMQApplication, ZMQApplicationProxy, ZMQRequestHandlerProxy


        class Hello(tornado.web.RequestHandler):
            def get(self):
                self.write("hello from the backend")


        async def main():
            proxy = ZMQApplicationProxy()
            port = proxy.bind_to_random_port("tcp://127.0.0.1")
            backend = ZMQApplication([(r"/hello", Hello)])
            backend.connect(f"tcp://127.0.0.1:{port}")
            app = tornado.web.Application([(r"/.*", ZMQRequestHandlerProxy, {"proxy": proxy, "timeout": 10000})])
            [sock] = bind_sockets(0, "127.0.0.1")
            server = tornado.httpserver.HTTPServer(app)
            server.add_sockets([sock])
            url = f"http://127.0.0.1:{sock.getsockname()[1]}/hello"
            response = await AsyncHTTPClient().fetch(url, raise_error=False, request_timeout=20)
            assert (response.code, response.body) == (200, b"hello from the backend"), response
            server.stop()
            proxy.close()
            backend.close()


        asyncio.run(main())
        print("ok")
        """,
    ),
    "zmq-compat": Vendoring(
        {"zmq.compat": "vendored_compat"},
        """
        import warnings

        import zmq
        from vendored_compat import providers


        def module_getattr(name):  # the core's module-name lookup: zmq.__getattr__ → here
            return getattr(providers, name)(zmq)


        def zmq_getattr(name):
            return module_getattr(name)


        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert zmq_getattr("upstream") == zmq.PULL
            assert zmq_getattr("downstream") == zmq.PUSH
            ctx = zmq.Context()
            pull = ctx.socket(zmq.PULL)
            pull.bind("inproc://old")
            push = ctx.socket(zmq.PUSH)
            push.connect("inproc://old")
            assert providers.old_wait(zmq.MessageTracker())(1) is None
            assert providers.multipart_prefix(push)(b"id", [b"body"]) == [b"id", b"body"]
            ctx.destroy(linger=0)
        assert [w.category for w in caught] == [DeprecationWarning] * 4, [str(w.message) for w in caught]
        print("ok")
        """,
    ),
}

# Run first in the fresh interpreter: the plugin's own modules cannot be imported.
BLOCKER = """
import importlib.abc, sys
BLOCKED = {blocked!r}

class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == b or name.startswith(b + ".") for b in BLOCKED):
            raise ModuleNotFoundError(f"{{name}} is blocked: a vendored copy must not use it", name=name)
        return None

sys.meta_path.insert(0, Blocker())
sys.argv = [{script!r}, *sys.argv[1:]]
source = open({script!r}, encoding="utf-8").read()
exec(compile(source, {script!r}, "exec"), {{"__name__": "__main__"}})
"""


def source_of(package: str, module: str) -> Path:
    """The file or directory of ``module`` (``zmq.devices``) in ``packages/<package>/src``.

    ``package`` may be a key of SMOKES (``zmq-core:zmq.auth``).
    """
    package = distribution_of(package)
    base = PACKAGES / package / "src" / Path(*module.split("."))
    return base if base.is_dir() else base.with_suffix(".py")


def vendor(package: str, project: Path) -> list[str]:
    """Copy ``package``'s modules into ``project`` under their new names; rewrite self-references.

    Returns the files whose text had to be rewritten (relative paths in the copy).
    """
    copies = SMOKES[package].copies
    for module, target in copies.items():
        source = source_of(package, module)
        destination = project / Path(*target.split("."))
        if source.is_dir():
            shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            destination = destination.with_suffix(".py")
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, destination)
        for parent in destination.relative_to(project).parents:  # vendored_eventloop/__init__.py
            if parent != Path(".") and not (project / parent / "__init__.py").exists():
                (project / parent / "__init__.py").write_text("# SPDX-License-Identifier: BSD-3-Clause\n")
    # longest names first: zmq.auth.asyncio before zmq.asyncio
    names = sorted(copies, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(name) for name in names) + r")\b")
    rewritten = []
    for path in sorted(project.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        new = pattern.sub(lambda match: copies[match.group(1)], text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            rewritten.append(str(path.relative_to(project)))
    return rewritten


def run_vendored(package: str, project: Path, *args: str) -> subprocess.CompletedProcess:
    script = project / "smoke.py"
    script.write_text(textwrap.dedent(SMOKES[package].smoke), encoding="utf-8")
    bootstrap = BLOCKER.format(blocked=SMOKES[package].blocked_modules(), script=str(script))
    return subprocess.run(
        [sys.executable, "-c", bootstrap, *args],
        cwd=project, capture_output=True, text=True, timeout=TIMEOUT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "PYTHONPATH": str(project)},
    )


def test_every_bsd_part_is_vendored():
    """Every plugin, and the BSD subpackages of zmq-core named in the licensing docs."""
    assert sorted(key for key in SMOKES if ":" not in key) == sorted(plugin_packages())
    core_parts = {key.split(":")[1] for key in SMOKES if key.startswith("zmq-core:")}
    assert core_parts == {"zmq.auth", "zmq.log", "zmq.utils"}
    assert core_parts <= set(core_bsd_parts())  # they are BSD, outside zmq.core


@pytest.mark.parametrize("package", [p for p in sorted(SMOKES) if p != "zmq-ssh"])
def test_bsd_part_works_vendored_alone(package, tmp_path):
    vendor(package, tmp_path)
    result = run_vendored(package, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_ssh_plugin_works_vendored_alone(tmp_path, sshd):  # noqa: F811  (the fixture)
    vendor("zmq-ssh", tmp_path)
    result = run_vendored("zmq-ssh", tmp_path, sshd.server(), str(sshd.keyfile), str(sshd.known_hosts))
    assert result.returncode == 0, result.stderr + sshd.log.read_text()
    assert result.stdout.strip() == "ok"


def test_the_copy_refers_to_nothing_of_the_original(tmp_path):
    """After vendoring, no copied file names a module of the plugin it came from."""
    for package, vendoring in SMOKES.items():
        project = tmp_path / package
        vendor(package, project)
        for path in project.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for module in vendoring.copies:
                assert not re.search(rf"\b{re.escape(module)}\b", text), (package, path.name, module)


def test_the_blocker_blocks(tmp_path):
    """The guard itself: with zmq.devices blocked, importing it fails in the smoke interpreter."""
    script = tmp_path / "smoke.py"
    script.write_text("import zmq.devices\n")
    bootstrap = BLOCKER.format(blocked=["zmq.devices"], script=str(script))
    result = subprocess.run([sys.executable, "-c", bootstrap], capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode != 0
    assert "zmq.devices is blocked" in result.stderr
