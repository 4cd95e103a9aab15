# SPDX-License-Identifier: BSD-3-Clause
"""Timeouts, missing backends, bad frames and gone clients: answered, logged, never a hang or crash."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
import tornado.web
from tornado.httpclient import AsyncHTTPClient

import zmq
import zmq.asyncio
from zmq.web import (
    ZMQApplication,
    ZMQApplicationProxy,
    ZMQHTTPRequest,
    ZMQRequestHandlerProxy,
    ZMQStreamingHTTPRequest,
)
from zmq.web import _wire


async def eventually(predicate, what: str, limit: float = 10.0) -> None:
    """Wait (bounded) until ``predicate()`` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not predicate():
        assert loop.time() < deadline, f"never happened: {what}"
        await asyncio.sleep(0.01)


def test_timeout_is_504_and_the_late_reply_is_dropped(run, web, apps):
    async def main():
        async with web(timeout=200) as w:
            response = await w.fetch("/wait/never")
            assert response.code == 504
            assert response.reason == "Gateway Timeout"
            assert w.proxy.pending == 0
            apps.gate("never").set()  # the backend answers now; nobody waits for it
            await eventually(lambda: apps.seen == ["/wait/never"], "the backend ran the request")
            response = await w.fetch("/pid")
            assert response.code == 200

    run(main())


def test_zero_timeout_waits_as_long_as_it_takes(run, web, apps):
    async def main():
        async with web(timeout=0) as w:
            fetch = asyncio.ensure_future(w.fetch("/wait/open"))
            await eventually(lambda: apps.seen == ["/wait/open"], "the request reached the backend")
            await asyncio.sleep(0.3)
            assert not fetch.done()
            apps.gate("open").set()
            response = await fetch
            assert response.code == 200 and response.body == b"released open"

    run(main())


def test_request_waits_for_a_backend_to_come_up(run, web, apps):
    async def main():
        async with web(timeout=10000, backends=0) as w:
            fetch = asyncio.ensure_future(w.fetch("/pid"))
            await asyncio.sleep(0.2)
            assert not fetch.done()
            w.add_backend()
            response = await fetch
            assert response.code == 200

    run(main())


def test_request_that_timed_out_without_a_backend_is_never_delivered(run, web, apps):
    async def main():
        async with web(timeout=200, backends=0) as w:
            response = await w.fetch("/echo?stale=1")
            assert response.code == 504
            w.add_backend()
            response = await w.fetch("/pid")
            assert response.code == 200
            assert apps.seen == ["/pid"]  # the stale request went nowhere

    run(main())


def test_client_going_away_forgets_the_request(run, web, apps):
    async def main():
        async with web() as w:
            reader, writer = await asyncio.open_connection("127.0.0.1", w.port)
            writer.write(b"GET /wait/gone HTTP/1.1\r\nHost: x\r\n\r\n")
            await writer.drain()
            await eventually(lambda: w.proxy.pending == 1 and apps.seen == ["/wait/gone"], "request forwarded")
            writer.close()
            await eventually(lambda: w.proxy.pending == 0, "the frontend forgot the request")
            apps.gate("gone").set()  # the late reply finds nobody
            assert (await w.fetch("/pid")).code == 200

    run(main())


def test_closing_the_proxy_answers_waiting_requests_503(run, web, apps):
    async def main():
        async with web() as w:
            fetch = asyncio.ensure_future(w.fetch("/wait/closing"))
            await eventually(lambda: w.proxy.pending == 1, "request forwarded")
            w.proxy.close()
            assert (await fetch).code == 503
            assert (await w.fetch("/pid")).code == 503  # a closed proxy takes nothing

    run(main())


async def rogue_backend(context: zmq.Context, url: str) -> zmq.asyncio.Socket:
    """A raw ROUTER connected to the frontend, to answer with whatever the test wants."""
    rogue = zmq.asyncio.Context.shadow(context).socket(zmq.ROUTER)
    rogue.linger = 0
    monitor = rogue.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
    rogue.connect(url)
    await eventually(lambda: monitor.poll(0), "rogue connected")
    rogue.disable_monitor()
    monitor.close(0)
    return rogue


def test_bad_frames_from_a_backend_are_logged_and_dropped(run, web, context, caplog):
    async def main():
        async with web(timeout=10000, backends=0) as w:
            rogue = await rogue_backend(context, w.zmq_url)
            fetch = asyncio.ensure_future(w.fetch("/anything", method="POST", body=b"\x00body"))
            request = await asyncio.wait_for(rogue.recv_multipart(), 10)
            ident, delim, msg_id, header, body = request
            assert delim == b"|" and body == b"\x00body"
            assert json.loads(header)["method"] == "POST"
            head = b"HTTP/1.1 207 Multi-Status\r\nX-Rogue: yes\r\n\r\n"
            for junk in (
                [ident, b"short"],
                [ident, b"no-delimiter", msg_id, head],
                [ident, b"|", b"unknown-id", head],
                [ident, b"|", msg_id],  # too few frames
            ):
                await rogue.send_multipart(junk)
            await rogue.send_multipart([ident, b"|", msg_id, head, b"part one, ", b"part two"])
            response = await fetch
            assert response.code == 207
            assert response.headers["X-Rogue"] == "yes"
            assert response.body == b"part one, part two"

            # a reply to a real request that is not an HTTP response: 502
            fetch = asyncio.ensure_future(w.fetch("/again"))
            ident, _, msg_id, *_ = await asyncio.wait_for(rogue.recv_multipart(), 10)
            await rogue.send_multipart([ident, b"|", msg_id, b"this is no HTTP\r\n\r\n"])
            assert (await fetch).code == 502
            fetch = asyncio.ensure_future(w.fetch("/again"))
            ident, _, msg_id, *_ = await asyncio.wait_for(rogue.recv_multipart(), 10)
            await rogue.send_multipart([ident, b"|", msg_id, b"HTTP/1.1 200 OK\r\nBad\x01Header: \x01\r\n\r\n"])
            assert (await fetch).code == 502
            rogue.close()
        errors = [r for r in caplog.records if r.name == "zmq.web" and r.levelno >= logging.ERROR]
        assert len(errors) >= 5

    caplog.set_level(logging.DEBUG, logger="zmq.web")
    run(main())


def test_bad_streaming_frames_are_logged_and_answered_502(run, web, context, caplog):
    async def main():
        async with web(timeout=10000, backends=0) as w:
            rogue = await rogue_backend(context, w.stream_zmq_url)
            bad_header = b"HTTP/1.1 200 OK\r\nBad\x01Header: \x01\r\n\r\n"
            for junk in ([b"BOGUS"], [b"DATA"], [b"FINISH"], [b"DATA", b"not a head\r\n\r\n"], [b"DATA", bad_header]):
                fetch = asyncio.ensure_future(w.fetch("/stream/x"))
                ident, _, msg_id, *_ = await asyncio.wait_for(rogue.recv_multipart(), 10)
                await rogue.send_multipart([ident, b"|", msg_id, *junk])
                assert (await fetch).code == 502, junk
            # a head split over two DATA frames is still a head
            chunks: list[bytes] = []
            fetch = asyncio.ensure_future(w.fetch("/stream/y", streaming_callback=chunks.append))
            ident, _, msg_id, *_ = await asyncio.wait_for(rogue.recv_multipart(), 10)
            await rogue.send_multipart([ident, b"|", msg_id, b"DATA", b"HTTP/1.1 200 OK\r\nX-A: 1"])
            await rogue.send_multipart([ident, b"|", msg_id, b"DATA", b"\r\n\r\nbody"])
            await rogue.send_multipart([ident, b"|", msg_id, b"DATA", b" more"])
            await rogue.send_multipart([ident, b"|", msg_id, b"FINISH"])
            response = await fetch
            assert response.code == 200 and response.headers["X-A"] == "1"
            assert b"".join(chunks) == b"body more"
            rogue.close()
        assert any(r.name == "zmq.web" and r.levelno >= logging.ERROR for r in caplog.records)

    run(main())


def test_bad_frames_from_a_frontend_are_logged_and_dropped(run, context, apps, caplog):
    async def main():
        backend = ZMQApplication(apps.handlers(), context=context)
        port = backend.bind_to_random_port("tcp://127.0.0.1")
        dealer = zmq.asyncio.Context.shadow(context).socket(zmq.DEALER)
        dealer.linger = 0
        dealer.connect(f"tcp://127.0.0.1:{port}")
        good = json.dumps({"method": "GET", "uri": "/pid", "version": "HTTP/1.1", "headers": [["Host", "h"]]}).encode()
        await dealer.send_multipart([b"|", b"short"])  # too few frames: dropped silently
        await dealer.send_multipart([b"x", b"y", b"z"])  # no delimiter: dropped
        await dealer.send_multipart([b"|", b"id-json", b"{not json"])
        await dealer.send_multipart([b"|", b"id-type", json.dumps({"method": 7, "uri": "/pid"}).encode()])
        await dealer.send_multipart([b"|", b"id-uri", json.dumps({"method": "GET", "uri": "/a b"}).encode()])
        await dealer.send_multipart([b"|", b"id-crlf", json.dumps({"method": "GET", "uri": "/pid", "headers": [["A", "b\r\nc"]]}).encode()])
        await dealer.send_multipart([b"|", b"id-good", good])
        replies = {}
        while "id-good" not in replies:
            reply = await asyncio.wait_for(dealer.recv_multipart(), 10)
            assert reply[0] == b"|"
            head, _ = _wire.split_head(b"".join(reply[2:]))
            replies[reply[1].decode()] = head.code
        assert replies == {"id-json": 400, "id-type": 400, "id-uri": 400, "id-crlf": 400, "id-good": 200}
        dealer.close()
        backend.close()
        errors = [r for r in caplog.records if r.name == "zmq.web" and r.levelno >= logging.ERROR]
        assert len(errors) == 6

    run(main())


def test_constructor_and_argument_errors(run, context):
    async def main():
        with pytest.raises(TypeError):
            ZMQApplicationProxy(context="not a context")
        with pytest.raises(ValueError):
            ZMQApplication([], context=context, wsgi=True)
        with pytest.raises(TypeError):
            ZMQApplication([], context=context, http_request_class=dict)
        with pytest.warns(DeprecationWarning):
            ZMQApplication([], context=context, redirect_handler_class=tornado.web.RedirectHandler).close()
        app = ZMQApplication([], context=context)
        with pytest.raises(NotImplementedError):
            app.listen(0)
        request = ZMQHTTPRequest("GET", "/", host="example.org:81", idents=[b"i"], msg_id=b"m", stream=app.stream, remote_ip="10.0.0.1")
        assert (request.remote_ip, request.host, request.host_name) == ("10.0.0.1", "example.org:81", "example.org")
        with pytest.raises(NotImplementedError):
            request.get_ssl_certificate()
        app.close()
        proxy = ZMQApplicationProxy(context=context)
        with pytest.raises(TypeError):
            proxy.send_request(request, (), {}, None, timeout="5")
        with pytest.raises(TypeError):
            ZMQRequestHandlerProxy.initialize(object.__new__(ZMQRequestHandlerProxy), proxy="nope")
        with pytest.raises(TypeError):
            ZMQRequestHandlerProxy.initialize(object.__new__(ZMQRequestHandlerProxy), proxy=proxy, timeout=None)
        proxy.close()

    run(main())


def test_wire_parsing_errors():
    with pytest.raises(ValueError):
        _wire.parse_request([b"i", b"|", b"id"])
    with pytest.raises(ValueError):
        _wire.parse_request([b"i", b"x", b"id", b"{}"])
    with pytest.raises(ValueError) as info:
        _wire.parse_request([b"i", b"|", b"id", b"[]"])
    assert info.value.args[1:] == ([b"i"], b"id")
    assert _wire.split_head(b"HTTP/1.1 200 OK\r\nA: b") is None
    head, rest = _wire.split_head(b"HTTP/1.1 404 Not Found\r\nA: b\r\nA: c\r\n\r\nxyz")
    assert (head.code, head.reason, head.headers.get_list("A"), rest) == (404, "Not Found", ["b", "c"], b"xyz")
    with pytest.raises(ValueError):
        _wire.split_head(b"GARBAGE\r\n\r\n")
    with pytest.raises(ValueError):
        _wire.split_head(b"x" * 70000)


def test_frontend_can_connect_to_backends_that_bind(run, context, apps):
    async def main():
        backends = [ZMQApplication(apps.handlers(), context=context) for _ in range(2)]
        proxy = ZMQApplicationProxy(context=context)
        for backend in backends:
            proxy.connect(f"tcp://127.0.0.1:{backend.bind_to_random_port('tcp://127.0.0.1')}")
        assert proxy.urls == [backend.urls[0] for backend in backends]
        app = tornado.web.Application([(r"/.*", ZMQRequestHandlerProxy, {"proxy": proxy, "timeout": 10000})])
        server = app.listen(0, "127.0.0.1")
        port = next(iter(server._sockets.values())).getsockname()[1]
        client = AsyncHTTPClient(force_instance=True)
        try:
            responses = [await client.fetch(f"http://127.0.0.1:{port}/pid", raise_error=False) for _ in range(6)]
            assert [r.code for r in responses] == [200] * 6
        finally:
            client.close()
            server.stop()
            proxy.close()
            for backend in backends:
                backend.close()

    run(main())


def test_mismatched_streaming_pair_is_502_not_a_hang(run, web):
    async def main():
        async with web(timeout=10000, backends=0) as w:
            # a streaming backend behind the plain proxy: its DATA frames are no HTTP response
            w.add_backend(http_request_class=ZMQStreamingHTTPRequest)
            response = await w.fetch("/pid")
            assert response.code == 502

    run(main())
