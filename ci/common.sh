# SPDX-License-Identifier: BSD-3-Clause
# Sourced by the ci/ scripts: paths and the project-local tool environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CI="$ROOT/ci"
PYTHON="${PYTHON:-python3}"
TOOLS="$ROOT/.venv/tools"
export HATCH_DATA_DIR="$ROOT/.hatch"   # hatch's environments live in the clone
export PATH="$TOOLS/bin:$PATH"
PACKAGES=(zmq-core zmq-eventloop zmq-devices zmq-ssh zmq-web zmq-compat zmq)
PLUGINS=(zmq-eventloop zmq-devices zmq-ssh zmq-web zmq-compat)
cd "$ROOT"
