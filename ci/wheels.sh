#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build every distribution's wheel into dist/, with the wheels of their
# third-party dependencies, so `pip install --no-index --find-links dist ...` works.
source "$(dirname "$0")/common.sh"
rm -rf dist
"$TOOLS/bin/python" -m pip wheel -q --wheel-dir dist "${PACKAGES[@]/#/./packages/}"
ls dist
