#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build every distribution's sdist and wheel into dist/release/ (ci/build.sh)
# and check them (ci/check_dist.sh: twine check --strict, one sdist and one
# wheel of the right version each). Uploading is left to a person:
# twine upload dist/release/*  (see docs/releasing.rst).
source "$(dirname "$0")/common.sh"
"$CI/build.sh"
"$CI/check_dist.sh"
