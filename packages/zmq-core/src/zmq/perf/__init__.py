# SPDX-License-Identifier: BSD-3-Clause
"""``python -m zmq.perf``: throughput, latency and CPU-per-message benchmarks.

The workloads live in ``workloads.py``, a standalone script that any
interpreter with a ``zmq`` module can run (ours, or pyzmq in another venv), and
in ``cbench.c``, the same workloads in C against libzmq. ``__main__`` runs
them side by side (with ``--contend N`` busy processes beside them, if asked)
and prints one table with ratios from the same run. It ships in the wheel
because users are told to run it on their own machines (docs/design.rst,
"Benchmarks in the wheel").
"""
