"""align.neural.cache: hits, misses, recomputation of only what changed, corruption."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.neural.cache import EmbeddingCache, TranslationCache, default_root, entry_key

DIM = 8


class FakeEncoder:
    """Deterministic vectors from the text; records every text it was asked to encode."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.calls = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.seen.extend(texts)
        return np.stack([np.random.default_rng(abs(hash(t)) % 2**32).standard_normal(DIM) for t in texts])


SENTENCES = [f"Cümle {i}: Ankara'da {i} kişi toplandı." for i in range(50)]


def test_editing_one_sentence_recomputes_only_that_one(tmp_path: Path) -> None:
    enc = FakeEncoder()
    first = EmbeddingCache("model@1", tmp_path).encode(SENTENCES, enc)
    assert first.shape == (50, DIM) and first.dtype == np.float32 and enc.seen == SENTENCES
    edited = list(SENTENCES)
    edited[17] = "Bu cümle değişti."
    enc.seen.clear()
    second = EmbeddingCache("model@1", tmp_path).encode(edited, enc)  # a new process, same root
    assert enc.seen == ["Bu cümle değişti."]
    assert np.array_equal(np.delete(second, 17, 0), np.delete(first, 17, 0))


def test_model_key_separates_entries(tmp_path: Path) -> None:
    enc = FakeEncoder()
    EmbeddingCache("a@1", tmp_path).encode(SENTENCES[:3], enc)
    EmbeddingCache("a@2", tmp_path).encode(SENTENCES[:3], enc)
    assert enc.calls == 2 and entry_key("a@1", "x") != entry_key("a@2", "x")


def test_duplicates_are_encoded_once(tmp_path: Path) -> None:
    enc = FakeEncoder()
    out = EmbeddingCache("m", tmp_path).encode(["a", "b", "a", "a"], enc)
    assert enc.seen == ["a", "b"] and np.array_equal(out[0], out[3])


def test_get_many_put_many(tmp_path: Path) -> None:
    cache = EmbeddingCache("m", tmp_path)
    assert cache.get_many(["x", "y"]) == {}
    cache.put_many(["x", "y"], np.arange(2 * DIM, dtype=np.float64).reshape(2, DIM))
    got = cache.get_many(["y", "z", "x"])
    assert sorted(got) == [0, 2] and got[0].dtype == np.float32
    assert np.array_equal(got[2], np.arange(DIM, dtype=np.float32))
    assert (cache.hits, cache.misses, len(cache)) == (2, 3, 2)
    with pytest.raises(ValueError):
        cache.put_many(["x"], np.zeros((2, DIM)))


@pytest.mark.parametrize("bad", [b"", b"\x01", (3).to_bytes(4, "little") + b"\0" * 8,
                                 (2).to_bytes(4, "little") + np.array([1, np.nan], "<f4").tobytes()])
def test_corrupt_entry_is_ignored_and_replaced(tmp_path: Path, bad: bytes) -> None:
    enc = FakeEncoder()
    cache = EmbeddingCache("m", tmp_path)
    cache.encode(SENTENCES[:5], enc)
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (bad, entry_key("m", SENTENCES[2])))
    enc.seen.clear()
    fresh = EmbeddingCache("m", tmp_path)
    out = fresh.encode(SENTENCES[:5], enc)
    assert enc.seen == [SENTENCES[2]] and out.shape == (5, DIM)
    assert len(fresh.get_many([SENTENCES[2]])) == 1  # rewritten


def test_corrupt_file_is_moved_aside(tmp_path: Path) -> None:
    cache = EmbeddingCache("m", tmp_path)
    tmp_path.mkdir(exist_ok=True)
    cache.path.write_bytes(b"this is not a database" * 100)
    enc = FakeEncoder()
    assert cache.encode(["a"], enc).shape == (1, DIM)
    assert cache.path.with_suffix(".corrupt").exists()
    assert len(EmbeddingCache("m", tmp_path).get_many(["a"])) == 1


def test_unwritable_root_works_as_misses(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    enc = FakeEncoder()
    cache = EmbeddingCache("m", blocker / "sub")  # a directory cannot be made under a file
    assert cache.encode(["a", "b"], enc).shape == (2, DIM)
    assert cache.encode(["a", "b"], enc).shape == (2, DIM) and enc.calls == 2


def test_translation_cache(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def translate(texts: list[str]) -> list[str]:
        calls.append(texts)
        return [t.upper() + " ✓" for t in texts]

    cache = TranslationCache("opus-mt-tr-en@abc|beam4", tmp_path)
    assert cache.translate(["bir", "iki"], translate) == ["BIR ✓", "IKI ✓"]
    assert TranslationCache("opus-mt-tr-en@abc|beam4", tmp_path).translate(["iki", "üç"], translate) == ["IKI ✓", "ÜÇ ✓"]
    assert calls == [["bir", "iki"], ["üç"]]
    with sqlite3.connect(cache.path) as db:  # not UTF-8 -> corrupt -> recomputed
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (b"T\xff\xfe", entry_key(cache.model_key, "bir")))
    assert TranslationCache(cache.model_key, tmp_path).get_many(["bir", "iki"]).keys() == {1}


def test_default_roots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert EmbeddingCache("m").root == tmp_path / "align" / "embeddings" == default_root("embeddings")
    assert TranslationCache("m").root == tmp_path / "align" / "translations"


def test_ten_thousand_entries_stay_fast(tmp_path: Path) -> None:
    texts = [f"sentence {i}" for i in range(10_000)]
    vecs = np.random.default_rng(0).standard_normal((10_000, 768)).astype(np.float32)
    cache = EmbeddingCache("big", tmp_path)
    t0 = time.perf_counter()
    cache.put_many(texts, vecs)
    got = EmbeddingCache("big", tmp_path).get_many(texts)
    assert time.perf_counter() - t0 < 3.0
    assert len(got) == 10_000 and np.array_equal(got[1234], vecs[1234])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=12))
def test_roundtrip_any_texts(texts: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        cache = TranslationCache("m", Path(d))
        cache.put_many(texts, [t[::-1] for t in texts])
        got = cache.get_many(texts)
        cache.close()
    assert {i: got[i] for i in range(len(texts))} == {i: t[::-1] for i, t in enumerate(texts)}
