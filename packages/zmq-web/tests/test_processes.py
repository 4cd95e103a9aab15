# SPDX-License-Identifier: BSD-3-Clause
"""Backends as real processes: load spread over all of them, one killed mid-load, one restarted,
and the runnable example started by one command."""

from __future__ import annotations

import asyncio
import collections
import os
import re
import signal
import subprocess
import sys

from tornado.httpclient import AsyncHTTPClient

import zmq


async def hammer(w, path: str, count: int, workers: int, started: list | None = None) -> list[tuple[int, int, str]]:
    """``count`` GETs of ``path`` from ``workers`` concurrent clients: [(sequence, code, backend pid)]."""
    numbers = iter(range(count))
    results: list[tuple[int, int, str]] = []

    async def worker() -> None:
        for number in numbers:
            if started is not None:
                started.append(number)
            response = await w.fetch(path)
            results.append((number, response.code, response.headers.get("X-Backend-Pid", "")))

    await asyncio.gather(*(worker() for _ in range(workers)))
    return results


def test_three_backend_processes_share_the_load(run, web):
    async def main():
        async with web(timeout=10000, backends=0) as w:
            started = await asyncio.gather(*(w.add_backend_process() for _ in range(3)))
            pids = {str(pid) for _, pid in started}
            results = await hammer(w, "/slow?ms=5", 60, 6)
            assert [code for _, code, _ in results] == [200] * 60
            served = collections.Counter(pid for _, _, pid in results)
            assert set(served) == pids
            assert min(served.values()) >= 5, served  # round-robin: about 20 each
            # streaming replies come from the processes too
            chunks = await hammer(w, "/stream/chunks?n=2", 6, 3)
            assert {pid for _, _, pid in chunks} == pids

    run(main())


def test_killing_a_backend_mid_load_costs_only_its_in_flight_requests(run, web):
    async def main():
        workers = 6
        async with web(timeout=1500, backends=0) as w:
            started = await asyncio.gather(*(w.add_backend_process() for _ in range(3)))
            (victim, victim_pid), *survivors = started
            survivor_pids = {str(pid) for _, pid in survivors}
            sent: list[int] = []
            load = asyncio.ensure_future(hammer(w, "/slow?ms=20", 150, workers, sent))
            while len(sent) < 40:
                await asyncio.sleep(0.005)
            assert not load.done()
            # the frontend's view of the connections, to know when it saw the victim go
            monitor = w.proxy.stream.socket.get_monitor_socket(zmq.EVENT_DISCONNECTED)
            victim.send_signal(signal.SIGKILL)
            await victim.wait()
            while not monitor.poll(0):
                await asyncio.sleep(0.005)
            killed_at = len(sent)
            w.proxy.stream.socket.disable_monitor()
            monitor.close(0)
            results = await load  # every client gets an answer (bounded by the run timeout)

            codes = collections.Counter(code for _, code, _ in results)
            assert len(results) == 150
            assert set(codes) <= {200, 504}, codes
            # only what the victim held when it died (at most one per client) becomes a 504;
            # everything sent once the frontend saw it go is served by the others
            assert codes[504] <= workers, codes
            after = [(code, pid) for number, code, pid in results if number >= killed_at + workers]
            assert after and all(code == 200 for code, _ in after)
            assert {pid for _, pid in after} == survivor_pids

            # a restarted backend takes work again
            _, new_pid = await w.add_backend_process()
            results = await hammer(w, "/pid", 30, 3)
            assert all(code == 200 for _, code, _ in results)
            assert {pid for _, _, pid in results} == survivor_pids | {str(new_pid)}

    run(main())


def test_example_runs_frontend_and_backends_from_one_command(run):
    async def main():
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "zmq.web.example", "--backends", "2", "--port", "0", stdout=asyncio.subprocess.PIPE
        )
        client = AsyncHTTPClient(force_instance=True)
        try:
            assert process.stdout is not None
            line = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
            match = re.match(r"frontend: (http://127\.0\.0\.1:\d+) \(2 backends\)", line)
            assert match, line
            url = match.group(1)
            pids = set()
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 20
            while len(pids) < 2:  # until both backends have connected and answered
                assert loop.time() < deadline, pids
                response = await client.fetch(url + "/", raise_error=False)
                if response.code == 200:
                    assert response.body.startswith(b"Hello from backend ")
                    pids.add(response.headers["X-Backend-Pid"])
            response = await client.fetch(url + "/echo?a=1", method="POST", body=b"data", headers={"Cookie": "c=d"})
            assert b'"body_length": 4' in response.body and b'"cookies": {"c": "d"}' in response.body
            chunks: list[bytes] = []
            response = await client.fetch(url + "/stream/count?n=2", streaming_callback=chunks.append)
            assert b"".join(chunks) == b"1\n2\n"
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 20) == 0
            for pid in pids:  # the backends were stopped with it
                assert not _alive(int(pid)), pid
        finally:
            client.close()
            if process.returncode is None:
                process.kill()
                await process.wait()

    run(main())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is gone for our purposes
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return bool(state) and not state.startswith("Z")
