#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Real applications on zmq with pyzmq absent: a Jupyter kernel round trip
# (jupyter_client + ipykernel) and circus, each installed the way
# docs/migration.rst tells users ("Packages that depend on pyzmq"):
#   1. the zmq distributions (here: the wheels ci/build.sh made in dist/release,
#      with their third-party requirements from dist/deps)
#   2. the applications from PyPI without their pyzmq requirement: uv's override
#      for Jupyter, pip's --no-deps plus the other requirements for circus
# then apps/'s tests in those venvs (.venvs/apps-jupyter, .venvs/apps-circus).
# Also checks that `python -m zmq` warns when pyzmq does get installed next to
# zmq-core (.venvs/apps-pyzmq).
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"
VENVS="$ROOT/.venvs"
# our wheels keep their version between builds: never take them from uv's cache
REFRESH=()
for dist in "${PACKAGES[@]}"; do REFRESH+=(--refresh-package "$dist"); done

ls "$DIST"/zmq_core-*.whl >/dev/null 2>&1 || "$CI/build.sh"
FROM_DIST=(--no-index --find-links "$DIST" --find-links "$DEPS")

app_venv() {  # app_venv NAME ZMQ_REQUIREMENT APP... : the recipe, into .venvs/NAME
  local venv="$VENVS/$1" zmq="$2"; shift 2
  rm -rf "$venv"
  uv venv -q -p "$PYTHON" "$venv"
  # step 1: zmq with the extras the application needs, from our wheels only
  uv pip install -q -p "$venv/bin/python" "${REFRESH[@]}" "${FROM_DIST[@]}" "$zmq"
  # step 2: the application, its pyzmq requirement overridden away (the recipe)
  echo 'pyzmq; sys_platform == "never"' > "$venv/no-pyzmq.txt"
  uv pip install -q -p "$venv/bin/python" --override "$venv/no-pyzmq.txt" "$@" pytest
  "$venv/bin/python" "$CI/check_installed.py" --present zmq-core "$@" --absent pyzmq >/dev/null
  echo "$venv"
}

# Jupyter needs zmq-eventloop only (zmq.Message and the other pyzmq 27 names are the core's)
venv=$(app_venv apps-jupyter 'zmq[eventloop]' jupyter_client ipykernel)
"$venv/bin/python" "$CI/check_installed.py" --absent zmq-compat zmq-ssh zmq-devices zmq-web
"$venv/bin/python" -m pytest -q apps/test_jupyter_kernel.py

# circus imports zmq.ssh as well; installed by the pip form of the recipe:
# --no-deps, then its other requirements (psutil, tornado)
venv="$VENVS/apps-circus"
rm -rf "$venv"
uv venv -q --seed -p "$PYTHON" "$venv"
"$venv/bin/python" -m pip install -q --no-cache-dir "${FROM_DIST[@]}" 'zmq[eventloop,ssh]'
"$venv/bin/python" -m pip install -q --no-deps circus
"$venv/bin/python" -m pip install -q psutil 'tornado>=5.0.2' pytest
"$venv/bin/python" "$CI/check_installed.py" --present zmq-core zmq-eventloop zmq-ssh circus --absent pyzmq
"$venv/bin/python" -m pytest -q apps/test_circus.py

# pyzmq installed over zmq-core (what a plain `pip install jupyter_client` does): python -m zmq warns
venv="$VENVS/apps-pyzmq"
rm -rf "$venv"
uv venv -q -p "$PYTHON" "$venv"
uv pip install -q -p "$venv/bin/python" "${REFRESH[@]}" "${FROM_DIST[@]}" zmq-core
uv pip install -q -p "$venv/bin/python" pyzmq
stderr=$("$venv/bin/python" -m zmq 2>&1 >/dev/null || true)
if ! grep -q "WARNING: pyzmq .* is installed in this environment, next to zmq-core" <<<"$stderr"; then
  echo "ci/apps.sh: python -m zmq did not warn about pyzmq:"; echo "$stderr"; exit 1
fi
echo "ci/apps.sh: python -m zmq warns when pyzmq is installed too"
