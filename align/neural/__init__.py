"""Neural helpers: lazy torch/transformers runtime, local model resolution, on-disk caches.

Importing this package (or any of its modules) imports neither torch nor transformers;
``align.neural.runtime`` does, inside the functions that need them. Public modules:

* :mod:`align.neural.runtime` — ``transformers_module``, ``torch_module``, ``pick_device``,
  ``is_offline``;
* :mod:`align.neural.models` — ``KNOWN_MODELS``, ``resolve``, ``download``, ``verify``,
  ``list_models``, ``load_tokenizer``, ``load_model``, ``pool``;
* :mod:`align.neural.cache` — ``EmbeddingCache``, ``TranslationCache``.
"""
from __future__ import annotations

__all__: list[str] = []
