# SPDX-License-Identifier: BSD-3-Clause
# Sourced by the ci/ scripts: paths and the project-local tool environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CI="$ROOT/ci"
PYTHON="${PYTHON:-python3}"
TOOLS="$ROOT/.venv/tools"
RELEASE_VENV="$ROOT/.venv/release"   # build and twine (ci/setup.sh)
DIST="$ROOT/dist/release"            # every sdist and wheel, built once by ci/build.sh
DEPS="$ROOT/dist/deps"               # wheels of their third-party requirements
export HATCH_DATA_DIR="$ROOT/.hatch"   # hatch's environments live in the clone
export PATH="$TOOLS/bin:$PATH"
PACKAGES=(zmq-core zmq-eventloop zmq-devices zmq-ssh zmq-web zmq-compat zmq)
PLUGINS=(zmq-eventloop zmq-devices zmq-ssh zmq-web zmq-compat)
cd "$ROOT"

dev_python() {  # the Python of the development environment (every package editable)
  hatch env create >&2
  echo "$(hatch env find default)/bin/python"
}
