# SPDX-License-Identifier: BSD-3-Clause
"""Argument checks shared by the OpenSSH and the paramiko tunnels."""

from __future__ import annotations

import math
import os

__all__ = ["check_seconds", "check_file", "check_password"]


def check_seconds(value: object, what: str) -> float:
    """Return ``value`` as a float if it is a finite number of seconds > 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number of seconds, not {type(value).__name__}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{what} must be a finite number of seconds > 0, got {value!r}")
    return float(value)


def check_file(path: object, what: str) -> str | None:
    """Return ``path`` as a str (None stays None); it must name an existing file.

    ssh only warns about a missing identity file and goes on without it; a
    typo in ``keyfile`` would then surface as a puzzling "Permission denied".
    """
    if path is None:
        return None
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{what} must be a path (str or os.PathLike), not {type(path).__name__}")
    text = os.fspath(path)
    if not isinstance(text, str):
        text = os.fsdecode(text)
    text = os.path.expanduser(text)
    if not os.path.isfile(text):
        raise FileNotFoundError(f"{what} {text!r} does not exist or is not a file")
    return text


def check_password(password: object) -> str | None:
    """Return ``password`` (None stays None); it must be a str without line breaks."""
    if password is None:
        return None
    if not isinstance(password, str):
        raise TypeError(f"password must be a str, not {type(password).__name__}")
    if "\n" in password or "\r" in password or "\0" in password:
        raise ValueError("password may not contain line breaks or NUL characters")
    return password
