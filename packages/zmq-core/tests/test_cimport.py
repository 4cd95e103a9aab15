# SPDX-License-Identifier: BSD-3-Clause
"""Other Cython code can cimport the core through zmq.get_includes()."""

import importlib.util
import subprocess
import sys
import textwrap

import zmq

EXTENSION = textwrap.dedent(
    """
    # cython: language_level=3
    from zmq.core._zmq cimport Socket, Frame
    from zmq.core.libzmq cimport zmq_msg_size

    def echo_through(Socket sender, Socket receiver, bytes data):
        # the core's C-level API: no Python method calls on the hot path
        sender.send_buffer(data, len(data), 0)
        return receiver.recv_bytes(0)

    def frame_size(Frame frame):
        return zmq_msg_size(&frame.zmq_msg)
    """
)

SETUP = textwrap.dedent(
    """
    import subprocess, sys
    from Cython.Build import cythonize
    from setuptools import Extension, setup
    import zmq

    flags = subprocess.run(["pkg-config", "--cflags-only-I", "libzmq"],
                           capture_output=True, text=True).stdout.split()
    includes = [f[2:] for f in flags] + zmq.get_includes()
    setup(
        name="uses_zmq",
        ext_modules=cythonize(
            [Extension("uses_zmq", ["uses_zmq.pyx"], include_dirs=includes, libraries=["zmq"])],
            include_path=zmq.get_includes(),
        ),
        script_args=["build_ext", "--inplace"],
    )
    """
)


def test_cython_extension_cimports_the_core(tmp_path, pair):
    (tmp_path / "uses_zmq.pyx").write_text(EXTENSION)
    (tmp_path / "setup.py").write_text(SETUP)
    done = subprocess.run([sys.executable, "setup.py"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = tmp_path.glob("uses_zmq*.so")
    spec = importlib.util.spec_from_file_location("uses_zmq", built)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    pull, push = pair(zmq.PULL, zmq.PUSH)
    assert module.echo_through(push, pull, b"through C") == b"through C"
    push.send(b"12345")
    assert module.frame_size(pull.recv(copy=False)) == 5
