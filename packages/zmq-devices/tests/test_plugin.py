# SPDX-License-Identifier: BSD-3-Clause
"""zmq-devices is installed as a zmq plugin: registered, importable, licensed."""

from zmq.testing import assert_plugin_installed


def test_installed_as_zmq_plugin():
    """zmq.plugins() lists zmq-devices; its modules import as packages inside zmq."""
    assert_plugin_installed("zmq-devices", "devices", ['devices'])
