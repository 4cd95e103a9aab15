# SPDX-License-Identifier: BSD-3-Clause
"""The reliability suite: quick under the normal test run, full with ZMQ_RELIABILITY=full.

The helpers live in ``reliability_support.py`` beside this file; pytest's
importlib mode puts no test directory on ``sys.path``, so this conftest does.
"""

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
