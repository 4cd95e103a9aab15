# SPDX-License-Identifier: BSD-3-Clause
"""``python -m zmq.perf``: throughput and latency benchmarks.

The workloads live in ``workloads.py``, a standalone script that any
interpreter with a ``zmq`` module can run (ours, or pyzmq in another venv), and
in ``cbench.c``, the same workloads in C against libzmq. ``__main__`` runs
them side by side and prints one table with ratios from the same run.
"""
