# SPDX-License-Identifier: BSD-3-Clause
"""``python -m zmq.curve_keygen``: print a new CURVE key pair, or the public key of a secret one.

Both keys are printed in Z85 text (40 ASCII characters), under a heading
each, or as a JSON object ``{"public": ..., "secret": ...}`` with ``--json``.
``--secret KEY`` derives the public key of an existing Z85 secret key
instead of making a new pair. To write certificate files, see
``zmq.auth.create_certificates``.
"""

from __future__ import annotations

import argparse
import json
import sys

import zmq

__all__ = ["main"]

PROG = "python3 -m zmq.curve_keygen"  # as pyzmq spells it in the usage line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Print a new CURVE key pair (public and secret key, Z85 text), "
        "or with --secret the public key that belongs to a secret key.",
    )
    parser.add_argument("--json", action="store_true", help="print the two keys as a JSON object")
    parser.add_argument("--secret", help="a Z85 secret key (40 characters) to derive the public key of")
    return parser


def keypair(secret: str | None = None) -> tuple[str, str]:
    """``(public, secret)`` in Z85 text: a new pair, or the one of ``secret``.

    ValueError when ``secret`` is not a valid 40-character Z85 key.
    """
    if secret is None:
        public_key, secret_key = zmq.curve_keypair()
        return public_key.decode("ascii"), secret_key.decode("ascii")
    try:
        public_key = zmq.curve_public(secret.encode("ascii"))
    except (UnicodeEncodeError, zmq.ZMQError, ValueError):
        raise ValueError(f"not a Z85 secret key (40 characters of Z85 text): {secret!r}") from None
    return public_key.decode("ascii"), secret


def main(argv: list[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); the exit status."""
    args = _parser().parse_args(argv)
    try:
        public, secret = keypair(args.secret)
    except ValueError as error:
        print(f"{PROG}: error: --secret: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"public": public, "secret": secret}, indent=1))
    else:
        print(f"== CURVE PUBLIC KEY ==\n{public}\n\n== CURVE SECRET KEY ==\n{secret}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
