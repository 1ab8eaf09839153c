"""Lazy access to torch/transformers, offline detection and device choice.

Nothing here imports torch or transformers at module import time; the functions do, on
first call. Offline mode is decided once per process:

* ``ALIGN_OFFLINE`` or ``HF_HUB_OFFLINE`` / ``TRANSFORMERS_OFFLINE`` set to a true value
  ("1", "true", "yes", "on") -> offline;
* otherwise a single TCP connection attempt to the hub (``HF_ENDPOINT``'s host, default
  huggingface.co:443) with a 1 s timeout; failure -> offline. The result is cached.

When offline, ``HF_HUB_OFFLINE=1`` and ``TRANSFORMERS_OFFLINE=1`` are written to
``os.environ`` *before* transformers (and so huggingface_hub) is imported, so no library
code path waits on the network. Model loading in ``align.neural.models`` passes
``local_files_only=True`` regardless.
"""
from __future__ import annotations

import functools
import logging
import os
import socket
import sys
from types import ModuleType
from urllib.parse import urlsplit

from align.errors import AlignError

log = logging.getLogger("align")

DEFAULT_ENDPOINT = "https://huggingface.co"
CHECK_TIMEOUT_S = 1.0
"""Seconds the reachability check waits for a TCP connection (contract: <= 1 s)."""

_TRUE = {"1", "true", "yes", "on"}
DEVICES = ("auto", "cuda", "mps", "cpu")


class DeviceUnavailable(AlignError):
    """An explicitly requested device (cuda, mps) is not usable on this machine."""


def env_true(name: str) -> bool:
    """True when environment variable ``name`` holds 1/true/yes/on (case-insensitive)."""
    return os.environ.get(name, "").strip().lower() in _TRUE


def hub_endpoint() -> tuple[str, int]:
    """(host, port) of the model hub: ``HF_ENDPOINT`` if set, else huggingface.co:443."""
    url = urlsplit(os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT)
    host = url.hostname or "huggingface.co"
    port = url.port or (80 if url.scheme == "http" else 443)
    return host, port


@functools.cache
def _reachable(host: str, port: int, timeout: float) -> bool:
    """One TCP connect, no retries; cached per (host, port) for the process."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def is_offline() -> bool:
    """Whether the hub must be treated as unreachable (see the module docstring)."""
    if env_true("ALIGN_OFFLINE") or env_true("HF_HUB_OFFLINE") or env_true("TRANSFORMERS_OFFLINE"):
        return True
    host, port = hub_endpoint()
    reachable = _reachable(host, port, CHECK_TIMEOUT_S)
    if not reachable:
        log.info("model hub %s:%d unreachable; working offline", host, port)
    return not reachable


def force_offline() -> None:
    """Set the offline variables in ``os.environ`` and in an already imported huggingface_hub."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:  # it reads the variable once, at its own import
        constants.HF_HUB_OFFLINE = True  # type: ignore[attr-defined]


def transformers_module(offline: bool | None = None) -> ModuleType:
    """Import and return ``transformers``, offline when asked, configured or detected.

    ``offline``: True forces offline mode; False skips the check (used by ``download``);
    None decides with :func:`is_offline`. Raises :class:`AlignError` when the neural extra
    is not installed.
    """
    if offline or (offline is None and is_offline()):
        force_offline()
    try:
        import transformers
    except ImportError as e:
        raise AlignError(
            f"transformers is not installed ({e}); install the neural extra: pip install 'align-workbench[neural]'"
        ) from None
    return transformers


def torch_module() -> ModuleType:
    """Import and return ``torch``; a clear :class:`AlignError` when it is missing."""
    try:
        import torch
    except ImportError as e:
        raise AlignError(
            f"torch is not installed ({e}); install a CPU or CUDA build of torch, then the neural extra"
        ) from None
    return torch


def pick_device(device: str = "auto") -> str:
    """Return "cuda", "mps" or "cpu".

    "auto": cuda if ``torch.cuda.is_available()``, else mps if available, else cpu.
    An explicit "cuda"/"mps" (or "cuda:N") that is not available raises
    :class:`DeviceUnavailable`; an unknown name raises :class:`AlignError`.
    """
    name = (device or "auto").strip().lower()
    base = name.split(":", 1)[0]
    if base not in DEVICES:
        raise AlignError(f"unknown device {device!r} (known: {', '.join(DEVICES)})")
    if base == "cpu":
        return "cpu"
    torch = torch_module()
    cuda = bool(torch.cuda.is_available())
    mps_backend = getattr(torch.backends, "mps", None)
    mps = bool(mps_backend is not None and mps_backend.is_available())
    if base == "auto":
        return "cuda" if cuda else "mps" if mps else "cpu"
    if base == "cuda" and not cuda:
        raise DeviceUnavailable(
            f"device {device!r} requested but torch {torch.__version__} sees no CUDA GPU; use --device cpu or auto"
        )
    if base == "mps" and not mps:
        raise DeviceUnavailable(
            f"device {device!r} requested but Apple MPS is not available; use --device cpu or auto"
        )
    return name


__all__ = [
    "CHECK_TIMEOUT_S",
    "DeviceUnavailable",
    "env_true",
    "force_offline",
    "hub_endpoint",
    "is_offline",
    "pick_device",
    "torch_module",
    "transformers_module",
]
