# SPDX-License-Identifier: BSD-3-Clause
"""Sphinx configuration of the zmq documentation (built with -W: warnings are errors)."""

from zmq.core.release import __version__ as core_release

project = "zmq"
author = "zmq developers"
copyright = "2026, zmq developers"
release = core_release
version = ".".join(release.split(".")[:2])

extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.viewcode"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_docstring_signature = True  # Cython's embedded signatures
exclude_patterns = ["_build"]
html_theme = "alabaster"
nitpicky = False
