"""Hot loops of the aligner: the banded DP and the lexical scorer's bead similarities.

Two implementations with one contract (``reference.py`` documents it): a compiled one
(``_compiled.pyx``, Cython, built by pip when the package is installed) and the numpy one,
used when the compiled module is not there or ``ALIGN_KERNELS=numpy``. They give
bit-identical results, so which one ran never changes an alignment. ``BACKEND`` says which
one this process uses. This package imports nothing else from ``align``.
"""
from __future__ import annotations

import os
from types import ModuleType

from align.kernels import reference


def _load() -> tuple[ModuleType, str]:
    if os.environ.get("ALIGN_KERNELS", "").strip().lower() == "numpy":
        return reference, "numpy"
    try:
        from align.kernels import _compiled  # type: ignore[attr-defined]
    except ImportError:
        return reference, "numpy"
    return _compiled, "compiled"


_impl, BACKEND = _load()
dp_fill = _impl.dp_fill
lex_sims = _impl.lex_sims

__all__ = ["BACKEND", "dp_fill", "lex_sims", "reference"]
