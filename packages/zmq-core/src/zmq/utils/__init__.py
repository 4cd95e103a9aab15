# SPDX-License-Identifier: LGPL-3.0-or-later
"""Small helpers shipped with zmq-core (jsonapi, ...)."""
