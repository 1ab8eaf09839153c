"""Sentence alignment and translation QA for Turkish sources and English summaries.

Importing this package does no I/O and loads no model; heavy parts are imported
inside the functions that need them.
"""
from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger("align").addHandler(logging.NullHandler())

__all__ = ["__version__"]
