# SPDX-License-Identifier: BSD-3-Clause
"""zmq.log.handlers.PUBHandler publishes records as [topic, text]."""

import logging

import pytest

import zmq
from zmq.log.handlers import PUBHandler


@pytest.fixture
def logger_and_sub(context):
    pub = context.socket(zmq.PUB)
    pub.bind("inproc://log")
    sub = context.socket(zmq.SUB)
    sub.connect("inproc://log")
    sub.subscribe(b"")
    sub.rcvtimeo = 10_000
    handler = PUBHandler(pub)
    logger = logging.getLogger(f"zmq-test-{id(handler)}")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    # slow joiner: publish until the subscription is in place
    for _ in range(1000):
        logger.info("sync")
        try:
            sub.recv_multipart(zmq.DONTWAIT)
            break
        except zmq.Again:
            sub.poll(10)
    while sub.poll(50):
        sub.recv_multipart()
    yield logger, handler, sub
    logger.removeHandler(handler)


def test_info_record(logger_and_sub):
    logger, handler, sub = logger_and_sub
    assert handler.socket.context is handler.ctx
    logger.info("message")
    assert sub.recv_multipart() == [b"INFO", b"message\n"]


def test_root_topic_and_subtopic(logger_and_sub):
    logger, handler, sub = logger_and_sub
    handler.root_topic = b"zmq"
    assert handler.root_topic == "zmq"
    logger.info("message")
    assert sub.recv_multipart() == [b"zmq.INFO", b"message\n"]
    handler.setRootTopic("app")
    logger.warning("disk::almost full")
    topic, text = sub.recv_multipart()
    assert topic == b"app.WARNING.disk"
    assert text.endswith(b"almost full\n") and b"WARNING" in text


def test_custom_formatter_and_record_untouched(logger_and_sub):
    logger, handler, sub = logger_and_sub
    handler.setFormatter(logging.Formatter("<%(message)s>"), logging.ERROR)
    record = logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "sub::boom %d", (1,), None)
    logger.handle(record)
    assert sub.recv_multipart() == [b"ERROR.sub", b"<boom 1>"]
    assert record.msg == "sub::boom %d" and record.args == (1,)


def test_handler_binds_an_address():
    handler = PUBHandler("inproc://log-bound")
    try:
        assert handler.socket.type == zmq.PUB
        assert isinstance(handler.ctx, zmq.Context)
    finally:
        handler.ctx.destroy(linger=0)
