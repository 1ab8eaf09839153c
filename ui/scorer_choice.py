"""Which scorers the Re-align menu offers: only those that can run on this machine.

``lexical``, ``auto`` (falls back to lexical) and ``gale-church`` need no model and are
always offered. ``embed``, ``hybrid`` and ``mt`` need their default model in a local
directory or the Hugging Face cache; that is checked with ``align.neural.models.resolve``,
which never touches the network and raises ``ModelNotAvailable`` quickly when the model is
absent (and ``torch``/``transformers`` must be importable). Nothing is ever downloaded.
The Streamlit side caches the answer per browser session.
"""
from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence

from align.errors import AlignError

NEEDS_MODEL: dict[str, str] = {
    "embed": "sentence-transformers/LaBSE",  # EmbedScorer's default model
    "hybrid": "sentence-transformers/LaBSE",  # lexical + embed (default model)
    "mt": "Helsinki-NLP/opus-mt-tr-en",  # MTScorer's default model
}
"""Scorer name -> the model it loads by default (see align/scorers/embed.py, mt.py)."""


def _resolve(name: str) -> object:
    from align.neural.models import resolve

    return resolve(name)


def neural_installed() -> bool:
    """torch and transformers are importable (checked without importing them)."""
    return all(importlib.util.find_spec(m) is not None for m in ("torch", "transformers"))


def runnable_scorers(candidates: Sequence[str], *,
                     resolve: Callable[[str], object] | None = None,
                     installed: Callable[[], bool] = neural_installed) -> list[str]:
    """``candidates`` (in order) that can run here. ``resolve`` finds a model locally or
    raises an ``AlignError`` (default: ``align.neural.models.resolve``); each model is
    looked up at most once, and only when a candidate needs it."""
    find = resolve or _resolve
    seen: dict[str, bool] = {}

    def ok(model: str) -> bool:
        if model not in seen:
            try:
                find(model)
                seen[model] = True
            except (AlignError, OSError):
                seen[model] = False
        return seen[model]

    need = [s for s in candidates if s in NEEDS_MODEL]
    neural = bool(need) and installed()
    return [s for s in candidates if s not in NEEDS_MODEL or (neural and ok(NEEDS_MODEL[s]))]
