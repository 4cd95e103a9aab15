#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Every package's tests: first in the dev environment (all packages editable),
# then each distribution alone from its wheel, everything together, mixed
# editable/wheel installs; valgrind over the zero-copy tests; the release
# build; then the docs build.
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"
hatch run test
# valgrind memcheck, short form: Frame and zero-copy lifetimes (the full subset: ci/valgrind.sh)
"$CI/valgrind.sh" packages/zmq-core/tests/test_frame.py packages/zmq-core/tests/reliability/test_zero_copy_lifetime.py
"$CI/wheels.sh"
"$CI/matrix.sh"
"$CI/release.sh"   # every sdist and wheel into dist/release/, twine check
"$CI/docs.sh"
echo "ci/test.sh: all passed"
