#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Every package's tests: the one build of every sdist and wheel, then every
# suite in the development environment (all packages editable), valgrind over
# the zero-copy tests, each distribution's tests from its unpacked sdist with
# only it and the core installed, everything together and mixed
# editable/wheel installs, real applications (Jupyter, circus) on the wheels,
# the release checks, then the docs build.
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"
"$CI/build.sh"
export ZMQ_DIST="$DIST"   # tests/test_wheels.py checks these wheels instead of building its own
hatch run test
# valgrind memcheck, short form: Frame and zero-copy lifetimes (the full subset: ci/valgrind.sh)
"$CI/valgrind.sh" packages/zmq-core/tests/test_frame.py packages/zmq-core/tests/reliability/test_zero_copy_lifetime.py
"$CI/matrix.sh"
"$CI/apps.sh"         # Jupyter (jupyter_client + ipykernel) and circus on zmq, pyzmq absent
"$CI/check_dist.sh"   # twine check, one sdist and one wheel of the right version each
"$CI/docs.sh"
echo "ci/test.sh: all passed"
