# SPDX-License-Identifier: BSD-3-Clause
"""Sphinx configuration of the zmq documentation (built with -W: warnings are errors)."""

from importlib.metadata import version as distribution_version

project = "zmq"
author = "zmq developers"
copyright = "2026, zmq developers"
release = distribution_version("zmq-core")  # zmq.__version__ is the pyzmq API level
version = ".".join(release.split(".")[:2])

extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.viewcode"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_docstring_signature = True  # Cython's embedded signatures
exclude_patterns = ["_build"]
html_theme = "alabaster"
nitpicky = False
