#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The one build of a CI run: every distribution's sdist, and its wheel built
# from that sdist (so an sdist that lacks a file fails here), into dist/release/;
# the wheels of their third-party requirements into dist/deps/, so that
# `--no-index --find-links dist/release --find-links dist/deps` installs work.
# ci/matrix.sh, ci/check_dist.sh and the wheel tests use these artifacts.
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"
rm -rf "$DIST" "$DEPS"
mkdir -p "$DIST" "$DEPS"
for dist in "${PACKAGES[@]}"; do
  echo "== build $dist"
  "$RELEASE_VENV/bin/python" -m build -q --installer uv --outdir "$DIST" "packages/$dist"
done
# third-party requirements of every extra (tornado, paramiko, ...) as wheels
"$TOOLS/bin/python" -m pip download -q --dest "$DEPS" --find-links "$DIST" --only-binary :all: \
  "zmq[all]"
rm -f "$DEPS"/zmq*.whl   # ours are in dist/release
ls "$DIST"
