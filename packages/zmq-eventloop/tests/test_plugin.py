# SPDX-License-Identifier: BSD-3-Clause
"""zmq-eventloop is installed as a zmq plugin: registered, importable, licensed."""

import zmq
import zmq.auth
from zmq.testing import assert_plugin_installed


def test_installed_as_zmq_plugin():
    """zmq.plugins() lists zmq-eventloop; its modules import as packages inside zmq."""
    assert_plugin_installed("zmq-eventloop", "eventloop", ['eventloop', 'asyncio'])


def test_auth_asyncio_importable():
    from zmq.auth.asyncio import AsyncioAuthenticator

    assert issubclass(AsyncioAuthenticator, zmq.auth.Authenticator)
