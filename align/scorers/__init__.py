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
from align.types import Document

REGISTRY: dict[str, str] = {
    "lexical.v1": "align.scorers.lexical:LexicalScorer",
    "hybrid.v1": "align.scorers.hybrid:HybridScorer",
    "embed.v1": "align.scorers.embed:EmbedScorer",
    "mt.v1": "align.scorers.mt:MTScorer",
    "gale-church.v1": "align.scorers.galechurch:GaleChurchScorer",
}
"""Every scorer, in menu order (:mod:`align.scorers.catalog` describes them for the CLI and
the app). A new scorer is one module plus one line here."""

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

    ``auto``: an :class:`AutoScorer`, which picks per language pair.
    """
    if name == "auto":
        return AutoScorer(**kwargs)
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
    scorer: Scorer = factory(**kwargs)
    return scorer


def available() -> list[str]:
    return sorted(REGISTRY)


__all__ = ["REGISTRY", "AutoScorer", "PreparedPair", "Scorer", "available", "get_scorer",
           "resolve_name"]


class AutoScorer(Scorer):
    """``auto``: for each language pair, the hybrid of lexical evidence and the first
    encoder of :data:`align.neural.bundled.AUTO_ENCODERS` that is installed and knows both
    languages (or the ``model=`` given), else ``lexical``. :func:`align_documents` asks
    :meth:`for_languages` first, so the signature names what ran."""

    name = "auto"

    def __init__(self, model: str | None = None, **kwargs: Any) -> None:
        self.choice, self.kwargs = model, kwargs
        self._chosen: dict[tuple[str, str], Scorer] = {}

    def for_languages(self, src_lang: str, tgt_lang: str) -> Scorer:
        key = (src_lang, tgt_lang)
        if key not in self._chosen:
            self._chosen[key] = self._choose(src_lang, tgt_lang)
        return self._chosen[key]

    def _choose(self, src_lang: str, tgt_lang: str) -> Scorer:
        import logging

        from align.errors import ModelNotAvailable
        from align.neural.bundled import AUTO_ENCODERS, covers, installed

        log = logging.getLogger("align")
        models = [self.choice] if self.choice else [
            m for m in AUTO_ENCODERS if installed(m) and covers(m, src_lang, tgt_lang)]
        for model in models:
            try:
                return get_scorer("hybrid", neural="embed", model=model, **self.kwargs)
            except ModelNotAvailable as e:
                log.info("scorer auto: %s unavailable (%s)", model, e)
        log.info("scorer auto: lexical for %s-%s", src_lang, tgt_lang)
        return get_scorer("lexical", **self.kwargs)

    def prepare(self, src: Document, tgt: Document) -> PreparedPair:
        return self.for_languages(src.lang, tgt.lang).prepare(src, tgt)
