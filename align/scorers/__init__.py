"""Similarity scorers behind one interface, found by versioned name.

A registry maps ``family.vN`` names to ``module:Class`` strings, resolved lazily so
that importing ``align`` loads no model. A bare family name (``lexical``) resolves to
its newest version. A name never changes behaviour; new behaviour gets a new version.
"""
from __future__ import annotations

import importlib
from typing import Any

from align.errors import UnknownComponent
from align.scorers.base import PreparedPair, Scorer

REGISTRY: dict[str, str] = {
    "lexical.v1": "align.scorers.lexical:LexicalScorer",
    "gale-church.v1": "align.scorers.galechurch:GaleChurchScorer",
}


def resolve_name(name: str) -> str:
    """Map ``lexical`` to ``lexical.v1`` (newest version); check that the name exists."""
    if name in REGISTRY:
        return name
    versions = sorted((k for k in REGISTRY if k.rsplit(".v", 1)[0] == name),
                      key=lambda k: int(k.rsplit(".v", 1)[1]))
    if not versions:
        known = ", ".join(sorted({k.rsplit(".v", 1)[0] for k in REGISTRY}))
        raise UnknownComponent(f"unknown scorer {name!r} (known: {known})")
    return versions[-1]


def get_scorer(name: str = "lexical", **kwargs: Any) -> Scorer:
    """Instantiate a registered scorer by (versioned) name."""
    full = resolve_name(name)
    module, cls = REGISTRY[full].split(":")
    return getattr(importlib.import_module(module), cls)(**kwargs)


def available() -> list[str]:
    return sorted(REGISTRY)


__all__ = ["REGISTRY", "PreparedPair", "Scorer", "available", "get_scorer", "resolve_name"]
