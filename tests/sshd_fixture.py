# SPDX-License-Identifier: BSD-3-Clause
"""The ``sshd`` fixture of zmq-ssh's tests, for repo-wide tests that need a real sshd.

``from sshd_fixture import sshd`` in a test module gives it zmq-ssh's
session fixture: a throw-away OpenSSH server on 127.0.0.1 with its own host
and user keys (see packages/zmq-ssh/tests/conftest.py). It is imported
rather than written twice, so both suites test against the same server set-up.
"""

from __future__ import annotations

import importlib.util
import sys

from monorepo import PACKAGES

_NAME = "zmq_ssh_tests_conftest"


def _zmq_ssh_conftest():
    if _NAME not in sys.modules:
        spec = importlib.util.spec_from_file_location(_NAME, PACKAGES / "zmq-ssh" / "tests" / "conftest.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[_NAME] = module  # its dataclass looks its module up there
        spec.loader.exec_module(module)
    return sys.modules[_NAME]


sshd = _zmq_ssh_conftest().sshd
