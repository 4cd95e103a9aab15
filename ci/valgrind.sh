#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# valgrind memcheck over a subset of zmq-core's tests (frames, zero-copy
# lifetimes, sockets, options, polling, proxies), with Python's own allocator
# replaced by malloc so that every object is visible to valgrind.
# Fails (exit 99) on any invalid read/write, use of uninitialised memory
# outside the interpreter, bad free or definite leak; noise from CPython
# itself is suppressed by ci/valgrind.supp. Takes a few minutes.
#   ci/valgrind.sh                    the subset
#   ci/valgrind.sh PYTEST_ARGS...     other tests or options instead
# The valgrind log of each process is written to $VALGRIND_LOG.PID
# (default $TMPDIR/zmq-valgrind.log.PID).
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"
PY="${PY:-$(dev_python)}"
LOG="${VALGRIND_LOG:-${TMPDIR:-/tmp}/zmq-valgrind.log}"
TESTS=(
  packages/zmq-core/tests/test_frame.py
  packages/zmq-core/tests/test_socket.py
  packages/zmq-core/tests/test_options.py
  packages/zmq-core/tests/test_poll.py
  packages/zmq-core/tests/test_proxy.py
  packages/zmq-core/tests/reliability/test_zero_copy_lifetime.py
)
if (($#)); then TESTS=("$@"); fi
rm -f "$LOG".*
status=0
# --fair-sched: valgrind runs one thread at a time; a test that spins on
# tracker.done must not starve libzmq's I/O thread of its turns
PYTHONMALLOC=malloc valgrind --tool=memcheck --fair-sched=yes --leak-check=full \
  --errors-for-leak-kinds=definite --show-leak-kinds=definite \
  --suppressions="$CI/valgrind.supp" --error-exitcode=99 --num-callers=40 \
  --log-file="$LOG.%p" \
  "$PY" -m pytest -q -p no:cacheprovider "${TESTS[@]}" || status=$?
echo "== valgrind summary (logs: $LOG.*)"
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable|suppressed:" "$LOG".* || true
exit $status
