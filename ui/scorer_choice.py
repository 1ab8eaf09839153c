"""Which scorers the Re-align menu offers: only those that can run on this machine.

``lexical``, ``auto`` (falls back to lexical) and ``gale-church`` need no model and are
always offered. ``embed`` and ``hybrid`` need their default encoder, the bundled USE-m3
(its package installed); ``mt`` its model in a local directory or the Hugging Face cache,
checked with ``align.neural.models.resolve``, which never touches the network and raises
``ModelNotAvailable`` quickly when the model is absent (and ``torch``/``transformers``
must be importable). Nothing is ever downloaded.
The Streamlit side caches the answer per browser session.
"""
from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence

from align.errors import AlignError
from align.neural.bundled import DEFAULT_ENCODER

NEEDS_MODEL: dict[str, str] = {
    "embed": DEFAULT_ENCODER,  # EmbedScorer's default model (bundled: a package, no torch)
    "hybrid": DEFAULT_ENCODER,  # lexical + embed (default model)
    "mt": "Helsinki-NLP/opus-mt-tr-en",  # MTScorer's default model
}
"""Scorer name -> the model it loads by default (see align/scorers/embed.py, mt.py)."""


def _resolve(name: str) -> object:
    """A bundled encoder is there when its package is installed; any other model when it
    is in a local directory or the Hugging Face cache. Raises ``ModelNotAvailable``."""
    from align.neural.bundled import BUNDLED, BundledEncoder

    if name in BUNDLED:
        return BundledEncoder(name)
    from align.neural.models import resolve

    return resolve(name)


def neural_installed() -> bool:
    """torch and transformers are importable (checked without importing them)."""
    return all(importlib.util.find_spec(m) is not None for m in ("torch", "transformers"))


def runnable_scorers(candidates: Sequence[str], *,
                     resolve: Callable[[str], object] | None = None,
                     installed: Callable[[], bool] = neural_installed) -> list[str]:
    """``candidates`` (in order) that can run here. ``resolve`` finds a model locally or
    raises an ``AlignError`` (default: :func:`_resolve`); each model is looked up at most
    once, and only when a candidate needs it. Models other than the bundled encoders also
    need torch and transformers (``installed``)."""
    from align.neural.bundled import BUNDLED

    find = resolve or _resolve
    seen: dict[str, bool] = {}
    torch_ok: list[bool] = []

    def ok(model: str) -> bool:
        if model not in BUNDLED:
            if not torch_ok:
                torch_ok.append(installed())
            if not torch_ok[0]:
                return False
        if model not in seen:
            try:
                find(model)
                seen[model] = True
            except (AlignError, OSError):
                seen[model] = False
        return seen[model]

    return [s for s in candidates if s not in NEEDS_MODEL or ok(NEEDS_MODEL[s])]
