# SPDX-License-Identifier: LGPL-3.0-or-later
"""The plugin registry: what zmq-* distributions are installed, found by entry points.

Nothing here runs at ``import zmq`` beyond installing a tiny import hook that
turns ``import zmq.eventloop`` without zmq-eventloop into an error that says
what to install. Entry points are only read when ``plugins()`` is called.
"""

from __future__ import annotations

import sys
from collections import namedtuple

#: entry-point group in which every plugin distribution registers itself
ENTRY_POINT_GROUP = "zmq.plugins"

#: modules under ``zmq.`` that plugin distributions provide → (distribution, extra)
PLUGIN_MODULES: dict[str, tuple[str, str]] = {
    "eventloop": ("zmq-eventloop", "eventloop"),
    "asyncio": ("zmq-eventloop", "eventloop"),
    "devices": ("zmq-devices", "devices"),
    "ssh": ("zmq-ssh", "ssh"),
    "web": ("zmq-web", "web"),
    "compat": ("zmq-compat", "compat"),
}


PluginInfo = namedtuple("PluginInfo", "name module distribution version license")
PluginInfo.__doc__ = """One installed plugin: entry-point name, module, distribution, version, license."""


def _license_of(metadata) -> str:  # type: ignore[no-untyped-def]
    return metadata.get("License-Expression") or metadata.get("License") or "UNKNOWN"


def plugins() -> list[PluginInfo]:
    """Every installed zmq plugin, sorted by name (read from entry points)."""
    from importlib.metadata import entry_points

    found = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        dist = entry.dist
        found.append(
            PluginInfo(
                name=entry.name,
                module=entry.value,
                distribution=dist.name if dist else "?",
                version=dist.version if dist else "?",
                license=_license_of(dist.metadata) if dist else "UNKNOWN",
            )
        )
    return sorted(found, key=lambda info: info.name)


def missing_plugin_message(module: str) -> str:
    """The error text for importing ``zmq.<module>`` whose distribution is absent."""
    dist, extra = PLUGIN_MODULES[module]
    return (
        f"zmq.{module} is not installed: it comes with the {dist} distribution. "
        f"Install it with `pip install {dist}` (or `pip install 'zmq[{extra}]'`)."
    )


class MissingPluginFinder:
    """Last-resort finder: names the distribution to install for a missing plugin.

    A meta path finder (``find_spec`` only) placed at the end of ``sys.meta_path``.
    """

    def find_spec(self, fullname, path, target=None):  # type: ignore[no-untyped-def]
        head, _, rest = fullname.partition(".")
        if head == "zmq" and rest in PLUGIN_MODULES:
            raise ModuleNotFoundError(missing_plugin_message(rest), name=fullname)
        return None


def install_missing_plugin_hint() -> None:
    """Append MissingPluginFinder to ``sys.meta_path`` once."""
    if not any(isinstance(finder, MissingPluginFinder) for finder in sys.meta_path):
        sys.meta_path.append(MissingPluginFinder())
