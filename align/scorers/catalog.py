"""The scorers a user can pick, described from the registry: the CLI's ``align scorers``,
``--scorer`` help and the app's menus all read them here, so a new scorer (one module and
one :data:`align.scorers.REGISTRY` line) shows up everywhere with no other edit.

:func:`menu` is ``auto`` then every registered family. :func:`default_model` reads the
model a scorer loads by default from its constructor (``model=``, or its ``neural=``
scorer's). Which can run here (:func:`runnable_scorers`): those without a model always;
a bundled encoder (USE-m3, e5) when its package is installed; any other model when it is
in a local directory or the Hugging Face cache (checked with
``align.neural.models.resolve``, which never touches the network) and ``torch`` and
``transformers`` are importable. Nothing is ever downloaded. The app caches the answer per
browser session.
"""
from __future__ import annotations

import functools
import importlib
import importlib.util
import inspect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from align.errors import AlignError
from align.scorers import DEFAULT_SCORER, REGISTRY


def families() -> list[str]:
    """Registered scorer families (``lexical``, ...), in registry order."""
    return list(dict.fromkeys(k.rsplit(".v", 1)[0] for k in REGISTRY))


def menu() -> tuple[str, ...]:
    """The scorer menus: the default (``auto``) first, then every registered family."""
    return (DEFAULT_SCORER, *(f for f in families() if f != DEFAULT_SCORER))


def _factory(family: str) -> type:
    from align.scorers import resolve_name

    module, cls = REGISTRY[resolve_name(family)].split(":")
    return getattr(importlib.import_module(module), cls)  # type: ignore[no-any-return]


@functools.cache
def default_model(family: str) -> str | None:
    """The model ``family`` loads when none is given (its constructor's ``model=`` default,
    or its ``neural=`` scorer's), None for scorers without one."""
    if family == DEFAULT_SCORER:
        return None
    params = inspect.signature(_factory(family)).parameters
    model = params.get("model")
    if model is not None and isinstance(model.default, str) and model.default:
        return model.default
    neural = params.get("neural")
    if neural is not None and isinstance(neural.default, str) and neural.default in families():
        return default_model(neural.default)
    return None


@dataclass(frozen=True)
class ScorerInfo:
    """One scorer as the menus and ``align scorers`` show it."""

    name: str
    registered: str  # the versioned name its signature carries ("auto" picks per pair)
    model: str | None
    summary: str


def describe(family: str) -> ScorerInfo:
    """``family`` described from its class: versioned name, default model, docstring line."""
    from align.scorers import AutoScorer, resolve_name

    cls = AutoScorer if family == DEFAULT_SCORER else _factory(family)
    registered = family if family == DEFAULT_SCORER else resolve_name(family)
    return ScorerInfo(family, registered, default_model(family), _first_sentence(cls.__doc__))


def _first_sentence(doc: str | None) -> str:
    """The first sentence of a class's own docstring, reST roles and literals unwrapped."""
    text = " ".join((doc or "").split())
    text = re.sub(r":\w+:`~?([^`]*)`", r"\1", text).replace("``", "")
    return re.split(r"(?<=\.)\s", text, maxsplit=1)[0]


def needs_model() -> dict[str, str]:
    """Scorer family -> the model it loads by default (only those that load one)."""
    return {f: m for f in families() if (m := default_model(f))}


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

    needs = needs_model()
    return [s for s in candidates if s not in needs or ok(needs[s])]
