"""Shared test set-up: never reach the network, and build the tiny models once per run."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    # No test may download anything: every Hugging Face call is offline, subprocesses too.
    os.environ["ALIGN_OFFLINE"] = "1"
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    # Vector caches of this run (the default scorer embeds) go to a folder of its own, never
    # the user's ~/.cache, and start empty.
    _CACHE.append(tempfile.mkdtemp(prefix="align-test-cache-"))
    os.environ["XDG_CACHE_HOME"] = _CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for path in _CACHE:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def wb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A workbench data folder (users ayse and root, a store with the flagship pair) that
    the environment points at (:func:`tests.e2e.support.make_workbench`)."""
    pytest.importorskip("align.store")
    from tests.e2e.support import make_workbench

    w = make_workbench(tmp_path, monkeypatch)
    yield w
    w.store.close()


@pytest.fixture(scope="session")
def bag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tiny BERT whose mean pooling is a bag of tied Turkish/English words."""
    from tests.tiny_models import build_tiny_bert

    return build_tiny_bert(tmp_path_factory.mktemp("bert") / "tiny-bert-bag")


@pytest.fixture(scope="session")
def marian(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """(model directory, build info) of the tiny tr->en Marian model, overfit once."""
    import torch

    from tests.tiny_models import build_tiny_marian

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        out = tmp_path_factory.mktemp("marian") / "tiny-opus-mt-tr-en"
        return out, build_tiny_marian(out)
    finally:
        torch.set_num_threads(before)
