#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The main job: a short run of `python -m zmq.perf` (PUSH/PULL messages and MB
# per second, REQ/REP round trips, inproc and tcp, ...), side by side with
# pyzmq 27 from its own venv and with the same workloads written in C.
#   ci/bench.sh            the short run (--quick)
#   ci/bench.sh --full     every size, transport, mode, paced rate and load (about half an hour)
# Other arguments go to zmq.perf (try --help).
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"
PYZMQ="$ROOT/.venvs/pyzmq"   # made by ci/setup.sh
length=(--quick)
if [ "${1:-}" = "--full" ]; then length=(); shift; fi
hatch run bench:perf "${length[@]}" --vs "pyzmq=$PYZMQ/bin/python" "$@"
