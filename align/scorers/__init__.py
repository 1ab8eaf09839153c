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
    "embed.v1": "align.scorers.embed:EmbedScorer",
    "mt.v1": "align.scorers.mt:MTScorer",
    "hybrid.v1": "align.scorers.hybrid:HybridScorer",
}

DEFAULT_SCORER = "auto"
"""What the CLI, ``align digest``/``batch`` and the app use unless told otherwise."""


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
    """Instantiate a registered scorer by (versioned) name.

    ``auto``: the hybrid of lexical and ``embed`` evidence when the encoder
    (:data:`align.neural.bundled.DEFAULT_ENCODER` or ``model=``) is available locally, else
    ``lexical``; the signature says which ran.
    """
    if name == "auto":
        return _auto(**kwargs)
    full = resolve_name(name)
    module, cls = REGISTRY[full].split(":")
    factory = getattr(importlib.import_module(module), cls)
    import inspect

    accepted = inspect.signature(factory).parameters
    takes_any = any(p.kind is p.VAR_KEYWORD for p in accepted.values())
    unknown = sorted(k for k in kwargs if k not in accepted and not takes_any)
    if unknown:
        raise UnknownComponent(f"scorer {full} does not take {', '.join(unknown)} "
                               f"(it takes: {', '.join(accepted) or 'no options'})")
    return factory(**kwargs)


def available() -> list[str]:
    return sorted(REGISTRY)


__all__ = ["REGISTRY", "PreparedPair", "Scorer", "available", "get_scorer", "resolve_name"]


def _auto(model: str | None = None, **kwargs: Any) -> Scorer:
    from align.errors import ModelNotAvailable
    from align.neural.bundled import DEFAULT_ENCODER

    model = model or DEFAULT_ENCODER
    try:
        return get_scorer("hybrid", neural="embed", model=model)
    except ModelNotAvailable as e:
        import logging

        logging.getLogger("align").info("scorer auto: lexical (%s)", e)
        return get_scorer("lexical", **kwargs)
