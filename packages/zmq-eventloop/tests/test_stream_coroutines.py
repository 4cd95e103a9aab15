# SPDX-License-Identifier: BSD-3-Clause
"""ZMQStream with coroutine callbacks, as ipykernel uses them (compared with pyzmq 27).

While a coroutine ``on_recv`` callback awaits, the stream goes on: messages
queued for sending go out and the next message is received (its callback
may be what the first one waits for).
"""

from __future__ import annotations

import asyncio

import zmq
import zmq.asyncio
from zmq.eventloop.zmqstream import ZMQStream

# only turns a hang into a failure
WAIT_S = 10.0


def test_reply_queued_inside_a_coroutine_callback_is_sent_while_it_awaits(run, context, socket_pair):
    """ipykernel's control handler: ``shutdown_reply`` queued, then the handler awaits more."""

    async def main():
        router, dealer = socket_pair(context, zmq.ROUTER, zmq.DEALER, transport="tcp")
        control = ZMQStream(router)
        client = ZMQStream(dealer)
        reply_arrived = asyncio.get_running_loop().create_future()
        client.on_recv(lambda msg: reply_arrived.done() or reply_arrived.set_result(msg))
        outcome = asyncio.get_running_loop().create_future()

        async def handler(msg):
            identity, body = msg
            control.send_multipart([identity, body.replace(b"request", b"reply")])
            try:
                # the peer can only see the reply if the stream sends while we await
                await asyncio.wait_for(asyncio.shield(reply_arrived), WAIT_S)
            except asyncio.TimeoutError:
                outcome.set_result("reply not sent while the callback awaited")
            else:
                outcome.set_result("sent")

        control.on_recv(handler)
        client.send(b"shutdown_request")
        result = await outcome
        return result, reply_arrived.result() if reply_arrived.done() else None

    assert run(main()) == ("sent", [b"shutdown_reply"])


def test_second_message_is_received_while_the_first_callback_awaits_it(run, context, socket_pair):
    """An async cell awaiting a comm reply: the reply is the next message on the same stream."""

    async def main():
        pair_a, pair_b = socket_pair(context, zmq.PAIR, zmq.PAIR)
        stream = ZMQStream(pair_a)
        comm_reply = asyncio.get_running_loop().create_future()
        log = []
        finished = asyncio.Event()

        async def on_msg(msg):
            log.append(("start", msg[0]))
            if msg[0] == b"execute":
                try:
                    value = await asyncio.wait_for(asyncio.shield(comm_reply), WAIT_S)
                except asyncio.TimeoutError:
                    value = b"timed out: the second message was not received"
                log.append(("result", value))
                finished.set()
            elif msg[0].startswith(b"comm_reply:"):
                comm_reply.set_result(msg[0].split(b":", 1)[1])
            log.append(("end", msg[0]))

        stream.on_recv(on_msg)
        pair_b.send(b"execute")
        await asyncio.sleep(0.05)
        pair_b.send(b"comm_reply:42")
        await finished.wait()
        await asyncio.sleep(0)
        return log

    assert run(main()) == [
        ("start", b"execute"),
        ("start", b"comm_reply:42"),
        ("end", b"comm_reply:42"),
        ("result", b"42"),
        ("end", b"execute"),
    ]


def test_send_callback_coroutine_and_flush_do_not_wait_for_running_callbacks(run, context, socket_pair):
    async def main():
        pull, push = socket_pair(context, zmq.PULL, zmq.PUSH)
        sender, receiver = ZMQStream(push), ZMQStream(pull)
        release = asyncio.Event()
        sent, received = [], []

        async def on_send(msg, status):
            sent.append(msg[0])
            await release.wait()

        async def on_recv(msg):
            received.append(msg[0])
            await release.wait()

        sender.on_send(on_send)
        receiver.on_recv(on_recv)
        for i in range(5):
            sender.send(b"%d" % i)
        # every queued message goes out although each on_send coroutine still awaits
        assert sender.flush(zmq.POLLOUT) == 5
        await asyncio.sleep(0.05)
        assert receiver.flush(zmq.POLLIN) == 0  # the loop received them all already
        release.set()
        await asyncio.sleep(0)
        return sent, received

    sent, received = run(main())
    assert sent == received == [b"%d" % i for i in range(5)]
