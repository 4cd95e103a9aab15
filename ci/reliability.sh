#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The full reliability suite of zmq-core (packages/zmq-core/tests/reliability):
# a million round trips per send/recv mode, 8 threads x 100,000 messages,
# peers killed mid-stream, thousands of fuzzed examples. Several minutes.
# The normal test run (`python -m pytest tests packages`) runs the same tests
# in their quick form.
#   ci/reliability.sh                 everything, figures printed at the end
#   ci/reliability.sh -k soak         pytest arguments select tests
# Figures (one JSON line per measurement) go to $ZMQ_RELIABILITY_REPORT
# (default: $TMPDIR/zmq-reliability-report.jsonl).
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"
PY="${PY:-$(dev_python)}"
export ZMQ_RELIABILITY=full
export ZMQ_RELIABILITY_REPORT="${ZMQ_RELIABILITY_REPORT:-${TMPDIR:-/tmp}/zmq-reliability-report.jsonl}"
rm -f "$ZMQ_RELIABILITY_REPORT"
status=0
"$PY" -m pytest packages/zmq-core/tests/reliability -v -p no:cacheprovider --durations=0 "$@" || status=$?
echo "== figures ($ZMQ_RELIABILITY_REPORT)"
[ -f "$ZMQ_RELIABILITY_REPORT" ] && cat "$ZMQ_RELIABILITY_REPORT"
exit $status
