"""Scorer specs for the benchmark scripts: ``NAME[@MODEL]``.

``lexical``, ``gale-church``, ``embed@use-m3``, ``hybrid@e5-small-q4``, ``auto``: the part
after ``@`` is the model (``--model`` on the command line). One scorer object is built per
spec and reused for every document, so an encoder's vectors are computed once.
"""
from __future__ import annotations

from typing import Any

from align.scorers import Scorer, get_scorer


def make_scorer(spec: str, **kwargs: Any) -> Scorer:
    name, _, model = spec.partition("@")
    return get_scorer(name, **({"model": model} if model else {}), **kwargs)
