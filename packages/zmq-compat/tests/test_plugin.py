# SPDX-License-Identifier: BSD-3-Clause
"""zmq-compat is installed as a zmq plugin: registered, importable, licensed."""

from zmq.testing import assert_plugin_installed


def test_installed_as_zmq_plugin():
    """zmq.plugins() lists zmq-compat; its modules import as packages inside zmq."""
    assert_plugin_installed("zmq-compat", "compat", ['compat'])
