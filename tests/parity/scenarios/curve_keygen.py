# SPDX-License-Identifier: BSD-3-Clause
"""python -m zmq.curve_keygen: output format, --json, --secret, --help, errors (exit codes)."""

import json
import subprocess
import sys

import zmq

SECRET = "i%bUr4w+3F-7/{bQ(O7*zkU+pQw[H)WzGm2l{=[A"


def _run(*args):
    return subprocess.run([sys.executable, "-m", "zmq.curve_keygen", *args],
                          capture_output=True, text=True, timeout=120)


def _shape(text):
    """Each line of ``text``, keys (40 characters) replaced by a placeholder."""
    return ["<key>" if len(line) == 40 and " " not in line else line for line in text.split("\n")]


def new_keypair_text(p):
    done = _run()
    p.value("returncode", done.returncode)
    p.value("shape", _shape(done.stdout))
    lines = done.stdout.split("\n")
    p.value("pair matches", zmq.curve_public(lines[4].encode()).decode() == lines[1])


def new_keypair_json(p):
    done = _run("--json")
    p.value("returncode", done.returncode)
    keys = json.loads(done.stdout)
    p.value("keys", list(keys))
    p.value("indent", done.stdout == json.dumps(keys, indent=1) + "\n")
    p.value("pair matches", zmq.curve_public(keys["secret"].encode()).decode() == keys["public"])


def derived_from_secret(p):
    for args in (("--secret", SECRET), ("--json", "--secret", SECRET)):
        done = _run(*args)
        p.value("returncode", done.returncode)
        p.value("stdout", done.stdout)


def help_and_errors(p):
    done = _run("--help")
    p.value("help returncode", done.returncode)
    p.value("usage", done.stdout.split("\n")[0])
    for args in (["--bogus"], ["extra"], ["--secret"]):
        done = _run(*args)
        p.value(f"{args} returncode", done.returncode)
        p.value(f"{args} stderr", done.stderr)
    for secret in ("abc", "~" * 40):
        done = _run("--secret", secret)
        p.value(f"bad secret {secret[:3]} returncode", done.returncode)
        p.value(f"bad secret {secret[:3]} stdout", done.stdout)
