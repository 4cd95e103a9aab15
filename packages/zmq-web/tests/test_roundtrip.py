# SPDX-License-Identifier: BSD-3-Clause
"""Requests and replies survive the trip: HTTP client → frontend → zmq → backend handler → back."""

from __future__ import annotations

import asyncio
import base64
import gzip
import json
import os
import shutil
import urllib.parse

import pytest
from tornado.httputil import HTTPHeaders


def echoed(response) -> dict:
    assert response.code == 200, (response.code, response.body)
    return json.loads(response.body)


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE", "OPTIONS"])
def test_methods_bodies_headers_and_query(run, web, method):
    async def main():
        async with web() as w:
            headers = HTTPHeaders({"X-Custom": "value with spaces", "Content-Type": "application/x-test"})
            headers.add("X-Multi", "a")
            headers.add("X-Multi", "b")
            body = f"body of {method}".encode() if method in ("POST", "PUT") else None
            kwargs = {"body": body, "allow_nonstandard_methods": True} if method in ("POST", "PUT") else {}
            got = echoed(await w.fetch("/echo?q=1&q=2&name=%C3%A9t%C3%A9", method=method, headers=headers, **kwargs))
            assert got["method"] == method
            assert got["path"] == "/echo"
            assert got["query"] == {"q": ["1", "2"], "name": ["été"]}
            received = [tuple(pair) for pair in got["headers"]]
            assert ("X-Custom", "value with spaces") in received
            assert [v for k, v in received if k == "X-Multi"] == ["a", "b"]
            assert got["remote_ip"] == "127.0.0.1"
            assert got["protocol"] == "http"
            assert got["host"] == f"127.0.0.1:{w.port}"
            assert got["version"] == "HTTP/1.1"
            assert base64.b64decode(got["body"]) == (body or b"")

    run(main())


def test_binary_bodies_both_ways(run, web):
    async def main():
        async with web() as w:
            for body in (bytes(range(256)) * 3, b"\x00", b"|", os.urandom(1 << 20)):
                response = await w.fetch("/raw", method="POST", body=body, headers={"Content-Type": "application/x-bin"})
                assert response.code == 200
                assert response.body == body
                assert response.headers["Content-Type"] == "application/x-bin"
            response = await w.fetch("/raw", method="PUT", body=b"")
            assert response.code == 200 and response.body == b""

    run(main())


def test_form_and_multipart_bodies_are_parsed_by_the_backend(run, web):
    async def main():
        async with web() as w:
            form = urllib.parse.urlencode({"a": "1", "b": "zwei"})
            got = echoed(await w.fetch("/echo", method="POST", body=form))
            assert got["body_arguments"] == {"a": ["1"], "b": ["zwei"]}
            boundary = "xyzBOUNDARY"
            multipart = (
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"up\"; filename=\"f.bin\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode() + b"\x00\xff\x10" + f"\r\n--{boundary}--\r\n".encode()
            got = echoed(
                await w.fetch(
                    "/echo", method="POST", body=multipart, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
                )
            )
            assert got["files"] == {"up": [["f.bin", "\x00\xff\x10"]]}

    run(main())


def test_cookies_both_ways(run, web):
    async def main():
        async with web() as w:
            got = echoed(await w.fetch("/echo", headers={"Cookie": "session=abc; theme=dark"}))
            assert got["cookies"] == {"session": "abc", "theme": "dark"}
            response = await w.fetch("/status/200")
            assert sorted(response.headers.get_list("Set-Cookie")) == ["first=1; Path=/", "second=two; Path=/"]
            assert response.headers.get_list("X-Repeated") == ["a", "b"]

    run(main())


@pytest.mark.parametrize(("code", "reason"), [(200, "OK"), (201, "Created"), (302, "Found"), (404, "Not Found"), (418, "I'm a Teapot"), (503, "Service Unavailable"), (299, "Fine Enough")])
def test_status_codes_and_reasons(run, web, code, reason):
    async def main():
        async with web() as w:
            query = f"?reason={urllib.parse.quote(reason)}" if code == 299 else ""
            response = await w.fetch(f"/status/{code}{query}")
            assert response.code == code
            assert response.reason == reason
            assert response.body == f"status {code}\n".encode()
            assert response.headers["X-Backend-Pid"] == str(os.getpid())
            if code == 302:
                assert response.headers["Location"] == "/elsewhere"

    run(main())


def test_no_content_and_head(run, web):
    async def main():
        async with web() as w:
            response = await w.fetch("/status/204")
            assert response.code == 204 and response.body == b""
            response = await w.fetch("/echo", method="HEAD")
            assert response.code == 200 and response.body == b""
            assert response.headers["Content-Length"] == "1234"  # the backend's, kept for HEAD

    run(main())


def test_path_arguments_are_the_backends(run, web):
    async def main():
        async with web() as w:
            got = echoed(await w.fetch("/echo/alpha/beta"))
            assert got["path_args"] == ["alpha", "beta"]

    run(main())


def test_404_and_500_from_the_backend(run, web, apps):
    async def main():
        async with web() as w:
            response = await w.fetch("/no/such/route")
            assert response.code == 404
            response = await w.fetch("/notfound")
            assert response.code == 404
            assert apps.seen == ["/notfound"]
            response = await w.fetch("/fail")
            assert response.code == 500
            assert b"500" in response.body
            # the backend still serves
            assert (await w.fetch("/pid")).body == str(os.getpid()).encode()

    run(main())


def test_methods_the_proxy_does_not_forward_are_405(run, web, apps):
    async def main():
        async with web() as w:
            response = await w.fetch("/echo", method="PATCH", body=b"x")
            assert response.code == 405
            assert apps.seen == []  # answered by the frontend

    run(main())


def test_large_response(run, web):
    async def main():
        async with web() as w:
            response = await w.fetch("/big?kb=2048")
            assert response.code == 200
            assert response.body == bytes(range(256)) * 4 * 2048

    run(main())


def test_frontend_applies_no_second_gzip(run, web):
    async def main():
        async with web(compress_response=True) as w:
            response = await w.fetch("/big?kb=64&type=text/plain", headers={"Accept-Encoding": "gzip"}, decompress_response=False)
            assert response.code == 200
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.body) == bytes(range(256)) * 4 * 64  # gzipped once, by the backend

    run(main())


def test_streaming_reply_arrives_chunk_by_chunk(run, web, apps):
    async def main():
        async with web() as w:
            got: list[bytes] = []
            first = asyncio.Event()

            def on_chunk(chunk: bytes) -> None:
                got.append(chunk)
                first.set()

            # the handler sends "first", then waits for the gate that only opens once
            # the client has received "first": no streaming, no end
            fetch = asyncio.ensure_future(w.fetch("/stream/gated/one", streaming_callback=on_chunk))
            await first.wait()
            assert b"".join(got) == b"first\n"
            apps.gate("one").set()
            response = await fetch
            assert response.code == 200
            assert b"".join(got) == b"first\nlast\n"
            assert response.headers["X-Backend-Pid"] == str(os.getpid())

            chunks: list[bytes] = []
            response = await w.fetch("/stream/chunks?n=5", streaming_callback=chunks.append)
            assert response.code == 200
            assert b"".join(chunks) == b"".join(b"chunk %d\n" % n for n in range(5))
            assert response.headers["Transfer-Encoding"] == "chunked"
            response = await w.fetch("/stream/big?kb=1024")
            assert response.body == bytes(range(256)) * 4 * 1024

    run(main())


def test_streaming_errors_and_binary(run, web):
    async def main():
        async with web() as w:
            assert (await w.fetch("/stream/nope")).code == 404
            response = await w.fetch("/stream/chunks?n=0")
            assert response.code == 200 and response.body == b""

    run(main())


def test_first_streamed_chunk_stops_the_timeout(run, web, apps):
    async def main():
        async with web(timeout=1000) as w:
            first = asyncio.Event()
            fetch = asyncio.ensure_future(w.fetch("/stream/gated/late", streaming_callback=lambda chunk: first.set()))
            await first.wait()
            await asyncio.sleep(1.5)  # past the timeout: the response has started, it must not be cut
            apps.gate("late").set()
            response = await fetch
            assert response.code == 200

    run(main())


def test_with_curl(run, web):
    # ci/setup.sh installs curl: a missing curl is a failure, not a skip
    assert shutil.which("curl") is not None, "curl is not installed (apt-get install curl)"

    async def curl(*args: str) -> bytes:
        process = await asyncio.create_subprocess_exec("curl", "-sS", "--max-time", "20", *args, stdout=asyncio.subprocess.PIPE)
        out, _ = await process.communicate()
        assert process.returncode == 0
        return out

    async def main():
        async with web() as w:
            out = await curl("-X", "PUT", "--data-binary", "pay load", "-b", "k=v", f"{w.url}/echo?x=a%2Bb")
            got = json.loads(out)
            assert got["method"] == "PUT" and got["cookies"] == {"k": "v"} and got["query"] == {"x": ["a+b"]}
            assert base64.b64decode(got["body"]) == b"pay load"
            out = await curl("-i", f"{w.url}/status/201")
            head, _, body = out.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 201 Created")
            assert head.count(b"Set-Cookie:") == 2
            assert body == b"status 201\n"
            out = await curl("-N", f"{w.url}/stream/chunks?n=3")
            assert out == b"chunk 0\nchunk 1\nchunk 2\n"
            out = await curl("-o", "/dev/null", "-w", "%{http_code}", f"{w.url}/fail")
            assert out == b"500"

    run(main())
