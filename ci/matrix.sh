#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Test the artifacts of ci/build.sh (dist/release, dist/deps) installed into
# clean venvs: each distribution's own tests, run from its unpacked sdist with
# only that distribution (from its wheel), the core and the test tools
# installed; everything together; editable installs mixed with wheels.
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"
[ -d "$DIST" ] || "$CI/build.sh"
VENVS="$ROOT/.venvs"
# our wheels keep their version between builds: never take them from uv's cache
REFRESH=()
for dist in "${PACKAGES[@]}"; do REFRESH+=(--refresh-package "$dist"); done
TEST_TOOLS=(pytest 'hatchling>=1.27' 'Cython>=3.0.10' 'setuptools>=69' 'mypy>=1.10' 'hypothesis>=6.100' 'cffi>=1.15')  # Cython: a test cimports the core; mypy: a typing test; hypothesis: fuzzed bad input; cffi: cast_int_addr of a cffi pointer

fresh_venv() {  # fresh_venv NAME → path of a new venv with pip and the test tools
  local venv="$VENVS/$1"
  rm -rf "$venv"
  uv venv -q --seed -p "$PYTHON" "$venv"
  uv pip install -q -p "$venv/bin/python" "${TEST_TOOLS[@]}"
  echo "$venv"
}

from_dist() {  # from_dist VENV REQUIREMENT... : install from dist/ only
  local venv="$1"; shift
  uv pip install -q -p "$venv/bin/python" "${REFRESH[@]}" --no-index --find-links "$DIST" --find-links "$DEPS" "$@"
}

unpacked_sdist() {  # unpacked_sdist DIST → directory of its sdist, unpacked under build/sdists
  local stem="${1//-/_}" target="$ROOT/build/sdists"
  mkdir -p "$target"
  local archive=("$DIST/$stem"-*.tar.gz)
  rm -rf "$target/$(basename "${archive[0]}" .tar.gz)"
  tar -xzf "${archive[0]}" -C "$target"
  echo "$target/$(basename "${archive[0]}" .tar.gz)"
}

run_tests() {  # run_tests VENV PATH...
  local venv="$1"; shift
  echo "== $(basename "$venv"): pytest $*"
  "$venv/bin/python" -m pytest -q "$@"
}

# each distribution alone, next to the core only, its tests run from its sdist
for dist in zmq-core "${PLUGINS[@]}"; do
  venv=$(fresh_venv "alone-$dist")
  from_dist "$venv" "$dist"
  sdist=$(unpacked_sdist "$dist")
  (cd "$sdist" && run_tests "$venv" tests)
done

# the meta distribution's extras, with pip exactly as a user would type it
venv=$(fresh_venv extras)
"$venv/bin/python" -m pip install -q --no-cache-dir --no-index --find-links "$DIST" --find-links "$DEPS" 'zmq[eventloop,web]'
"$venv/bin/python" "$CI/check_installed.py" --present zmq-core zmq-eventloop zmq-web \
  --absent zmq-devices zmq-ssh zmq-compat

# everything together from wheels
venv=$(fresh_venv all-wheels)
from_dist "$venv" 'zmq[all]'
run_tests "$venv" tests packages

# mixed: core from its wheel, plugins editable
venv=$(fresh_venv mixed-core-wheel)
from_dist "$venv" 'zmq[all]'
editables=(); for dist in "${PLUGINS[@]}"; do editables+=(-e "packages/$dist"); done
uv pip install -q -p "$venv/bin/python" "${REFRESH[@]}" --no-deps "${editables[@]}"
"$venv/bin/python" "$CI/check_installed.py" --importable --editable "${PLUGINS[@]}"

# mixed: core editable, plugins from their wheels
venv=$(fresh_venv mixed-core-editable)
from_dist "$venv" 'zmq[all]'
uv pip install -q -p "$venv/bin/python" "${REFRESH[@]}" --no-deps -e packages/zmq-core
"$venv/bin/python" "$CI/check_installed.py" --importable --editable zmq-core
