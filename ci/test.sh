#!/usr/bin/env bash
# Every package's tests: first in the dev environment (all packages editable),
# then each distribution alone from its wheel, everything together, mixed
# editable/wheel installs; then the docs build.
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"
hatch run test
"$CI/wheels.sh"
"$CI/matrix.sh"
"$CI/release.sh"   # every sdist and wheel into dist/release/, twine check
"$CI/docs.sh"
echo "ci/test.sh: all passed"
