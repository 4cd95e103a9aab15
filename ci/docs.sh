#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build the Sphinx site with warnings as errors into docs/_build/html.
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"
hatch run docs:build
