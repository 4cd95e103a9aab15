# SPDX-License-Identifier: BSD-3-Clause
"""Small helpers shipped with zmq-core (jsonapi, ...)."""
