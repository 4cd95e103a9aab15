#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install what building and testing need; safe to run again.
#  - system: libzmq headers, pkg-config, a C compiler, OpenSSH server and client, curl,
#    valgrind (apt, as root: the only place any ci/ script calls apt-get)
#  - .venv/tools: hatch (which brings uv) for the project environments
#  - .venv/release: build and twine, for ci/build.sh and ci/check_dist.sh
#  - .venvs/pyzmq: pyzmq 27 (and tornado), the reference of the differential
#    tests (tests/parity) and the benchmark
# Every ci/ script calls it first, so each one works on a fresh clone.
source "$(dirname "$0")/common.sh"

missing=()
pkg-config --exists 'libzmq >= 4.3' 2>/dev/null || missing+=(libzmq3-dev pkg-config)
command -v cc >/dev/null || missing+=(gcc libc6-dev)
# zmq-ssh's tests run a real sshd on loopback and the real ssh client
[ -x /usr/sbin/sshd ] && command -v ssh >/dev/null || missing+=(openssh-server openssh-client)
# zmq-web's tests also talk HTTP to the frontend with curl
command -v curl >/dev/null || missing+=(curl)
# ci/valgrind.sh: memcheck over the core's tests
command -v valgrind >/dev/null || missing+=(valgrind)
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

if [ ! -x "$TOOLS/bin/hatch" ]; then
  "$PYTHON" -m venv "$TOOLS"
  "$TOOLS/bin/python" -m pip install -q --upgrade pip
  "$TOOLS/bin/python" -m pip install -q 'hatch>=1.16,<2' 'uv>=0.5'
fi

# build and twine live in a venv of their own
if ! "$RELEASE_VENV/bin/python" -c 'import build, twine' 2>/dev/null; then
  rm -rf "$RELEASE_VENV"
  uv venv -q -p "$PYTHON" "$RELEASE_VENV"
  uv pip install -q -p "$RELEASE_VENV/bin/python" 'build>=1.2' 'twine>=6.1'
fi

# pyzmq 27, the reference the differential tests (tests/parity) and the
# benchmark compare against; tornado for its eventloop scenarios
PYZMQ="$ROOT/.venvs/pyzmq"
if ! "$PYZMQ/bin/python" -c 'import zmq, tornado; assert zmq.pyzmq_version_info()[0] == 27' 2>/dev/null; then
  rm -rf "$PYZMQ"
  uv venv -q -p "$PYTHON" "$PYZMQ"
  uv pip install -q -p "$PYZMQ/bin/python" 'pyzmq>=27,<28' 'tornado>=6'
fi
