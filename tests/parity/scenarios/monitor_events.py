# SPDX-License-Identifier: BSD-3-Clause
"""Socket monitors: recv_monitor_message on asyncio sockets, disable_monitor
leaving the reader its socket (EVENT_MONITOR_STOPPED), monitor again."""

import asyncio
import inspect
import threading

import zmq
import zmq.asyncio
from zmq.utils.monitor import parse_monitor_message, recv_monitor_message


def _event(message):
    return {"event": int(message["event"]), "value type": type(message["value"]).__name__,
            "endpoint": message["endpoint"]}


def asyncio_recv_monitor_message(p):
    async def main():
        ctx = zmq.asyncio.Context()
        sock = ctx.socket(zmq.PULL)
        events = sock.get_monitor_socket(zmq.EVENT_LISTENING | zmq.EVENT_MONITOR_STOPPED)
        p.value("monitor socket class", type(events).__name__)
        sock.bind("tcp://127.0.0.1:*")
        pending = recv_monitor_message(events)
        p.value("awaitable", inspect.isawaitable(pending))
        p.value("listening", _event(await asyncio.wait_for(pending, 10)))
        sock.disable_monitor()
        p.value("stopped", _event(await asyncio.wait_for(recv_monitor_message(events), 10)))
        p.value("still open", not events.closed)
        events.close()
        sock.close()
        ctx.term()

    asyncio.run(main())


def reader_thread_closes_its_socket(p):
    ctx = zmq.Context()
    sock = ctx.socket(zmq.PULL)
    events = sock.get_monitor_socket()
    seen = []
    listening = threading.Event()

    def read():
        events.rcvtimeo = 10_000
        while True:
            event = recv_monitor_message(events)["event"]
            seen.append(int(event))
            if event == zmq.EVENT_LISTENING:
                listening.set()
            if event == zmq.EVENT_MONITOR_STOPPED:
                break
        events.close()

    reader = threading.Thread(target=read)
    reader.start()
    sock.bind("tcp://127.0.0.1:*")
    listening.wait(10)
    sock.disable_monitor()
    reader.join(10)
    p.value("reader ended", not reader.is_alive())
    p.value("events", seen)
    p.value("closed by the reader", events.closed)
    sock.close()
    ctx.term()
    p.value("terminated", ctx.closed)


def monitor_disable_monitor_again(p):
    ctx = zmq.Context()
    sock = ctx.socket(zmq.PULL)
    for round_number in range(3):
        events = sock.get_monitor_socket(zmq.EVENT_LISTENING | zmq.EVENT_MONITOR_STOPPED,
                                         addr=f"inproc://parity-monitor-{round_number}")
        events.rcvtimeo = 10_000
        p.value("same while open", sock.get_monitor_socket() is events)
        sock.bind("tcp://127.0.0.1:*")
        p.value("listening", _event(recv_monitor_message(events)))
        sock.disable_monitor()
        p.value("stopped", _event(recv_monitor_message(events)))
        p.value("left open", not events.closed)
        events.close()
    sock.close()
    ctx.term()


def parse_errors(p):
    for bad in ([b"x"], [b"123456"], [b"12345", b"x"], [b"123456", b"x", b"y"]):
        p.call("parse", parse_monitor_message, bad, message=True)
    parsed = parse_monitor_message([b"\x08\x00\x05\x00\x00\x00", b"tcp://x"])
    p.value("types", (type(parsed["event"]).__name__, type(parsed["value"]).__name__))
    p.value("values", (int(parsed["event"]), int(parsed["value"]), parsed["endpoint"]))
