"""On-disk caches of sentence embeddings and machine translations.

Storage: one SQLite file per model key under ``root`` (``<slug>-<sha1[:10]>.sqlite``), one
row per text, keyed by ``sha1(model_key + "\\0" + text)`` (20 bytes). SQLite was chosen
over one ``.npy`` per entry: 10k entries are one file, a lookup of a whole document is one
``SELECT ... IN`` per 500 keys, and an insert of a document is one transaction (tens of
milliseconds for 10k rows, where 10k ``.npy`` files cost 10k file creations).

Writes are atomic (each ``put_many`` is one transaction; readers see all of it or none).
A corrupt entry (a vector of the wrong byte length or with non-finite values, text that
is not UTF-8) is ignored, so the caller recomputes it and the next ``put_many`` replaces
it. A file that is not a database is moved aside (``.corrupt``) and started afresh. A
cache that cannot be written (read-only disk) logs a warning and works as a miss.

Default roots: ``$XDG_CACHE_HOME/align/embeddings`` and ``.../align/translations``
(``~/.cache`` when ``XDG_CACHE_HOME`` is unset), read at construction time.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np

from align.home import cache_dir

log = logging.getLogger("align")

T = TypeVar("T")
_CHUNK = 500  # keys per SELECT (SQLite's default host-parameter limit is 999 before 3.32)


def default_root(kind: str) -> Path:
    """``$XDG_CACHE_HOME/align/<kind>`` (``~/.cache/align/<kind>`` by default)."""
    return cache_dir(kind)


def entry_key(model_key: str, text: str) -> bytes:
    """sha1(model_key + NUL + text), 20 bytes: the row key."""
    return hashlib.sha1(f"{model_key}\0{text}".encode()).digest()


class _Store(Generic[T]):
    """Key -> blob table in one SQLite file; subclasses encode and decode values."""

    kind = "store"

    def __init__(self, model_key: str, root: Path | str | None = None) -> None:
        self.model_key = model_key
        self.root = Path(root) if root is not None else default_root(self.kind)
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_key)[-60:]
        digest = hashlib.sha1(model_key.encode()).hexdigest()[:10]
        self.path = self.root / f"{slug}-{digest}.sqlite"
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._broken = False

    # -- value encoding (subclasses) ---------------------------------------------------
    def _encode(self, value: T) -> bytes:
        raise NotImplementedError

    def _decode(self, blob: bytes) -> T | None:
        """The value, or None for a corrupt entry."""
        raise NotImplementedError

    # -- storage -----------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except sqlite3.DatabaseError as e:
            if not isinstance(e, sqlite3.OperationalError) or "not a database" in str(e):
                log.warning("cache %s is corrupt (%s); moved aside to .corrupt", self.path, e)
                try:
                    os.replace(self.path, self.path.with_suffix(".corrupt"))
                    self._db = self._open()
                except (OSError, sqlite3.DatabaseError) as e2:
                    self._disable(e2)
            else:
                self._disable(e)
        except OSError as e:
            self._disable(e)
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value BLOB NOT NULL)")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _disable(self, e: Exception) -> None:
        log.warning("cache %s unusable (%s); working without it", self.path, e)
        self._broken, self._db = True, None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __len__(self) -> int:
        db = self._connect()
        return int(db.execute("SELECT count(*) FROM entries").fetchone()[0]) if db else 0

    def get_many(self, texts: Sequence[str]) -> dict[int, T]:
        """Cached values of ``texts``: index in ``texts`` (0-based) -> value; misses absent."""
        db = self._connect()
        out: dict[int, T] = {}
        if db is None or not texts:
            self.misses += len(texts)
            return out
        keys = [entry_key(self.model_key, t) for t in texts]
        where: dict[bytes, list[int]] = {}
        for i, k in enumerate(keys):
            where.setdefault(k, []).append(i)
        unique = list(where)
        try:
            for lo in range(0, len(unique), _CHUNK):
                part = unique[lo:lo + _CHUNK]
                q = f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(part))})"
                for key, blob in db.execute(q, part):
                    value = self._decode(bytes(blob))
                    if value is None:
                        continue  # corrupt: the caller recomputes, put_many replaces it
                    for i in where[bytes(key)]:
                        out[i] = value
        except sqlite3.DatabaseError as e:
            self._disable(e)
        self.hits += len(out)
        self.misses += len(texts) - len(out)
        return out

    def put_many(self, texts: Sequence[str], values: Sequence[T] | Any) -> None:
        """Store ``values[i]`` for ``texts[i]`` in one transaction (all or nothing)."""
        if len(texts) != len(values):
            raise ValueError(f"put_many: {len(texts)} texts but {len(values)} values")
        db = self._connect()
        if db is None or not len(texts):
            return
        rows = [(entry_key(self.model_key, t), self._encode(v)) for t, v in zip(texts, values)]
        try:
            with _transaction(db):
                db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", rows)
        except sqlite3.DatabaseError as e:
            self._disable(e)

    def _compute(self, texts: Sequence[str], fn: Callable[[list[str]], Sequence[T]]) -> list[T]:
        found = self.get_many(texts)
        todo = list(dict.fromkeys(t for i, t in enumerate(texts) if i not in found))
        fresh: dict[str, T] = {}
        if todo:
            values = fn(todo)
            if len(values) != len(todo):
                raise ValueError(f"{len(todo)} texts in, {len(values)} values out")
            fresh = dict(zip(todo, values))
            self.put_many(todo, values)
        return [found[i] if i in found else fresh[t] for i, t in enumerate(texts)]


class _transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


class EmbeddingCache(_Store[np.ndarray]):
    """Sentence vectors (1-D float32) per text for one model key (see the module docstring)."""

    kind = "embeddings"

    def _encode(self, value: np.ndarray) -> bytes:
        vec = np.asarray(value, dtype="<f4").reshape(-1)
        return len(vec).to_bytes(4, "little") + vec.tobytes()

    def _decode(self, blob: bytes) -> np.ndarray | None:
        if len(blob) < 4:
            return None
        dim = int.from_bytes(blob[:4], "little")
        if dim == 0 or len(blob) != 4 + 4 * dim:
            return None
        vec = np.frombuffer(blob, dtype="<f4", offset=4).astype(np.float32)
        return vec if np.isfinite(vec).all() else None

    def encode(self, texts: Sequence[str], fn: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """(len(texts), dim) float32: cached rows, and ``fn`` called once on the distinct
        missing texts (its (k, dim) result is stored). Empty input gives shape (0, 0)."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        rows = self._compute(texts, lambda todo: list(np.asarray(fn(todo), dtype=np.float32)))
        return np.stack(rows).astype(np.float32, copy=False)


class TranslationCache(_Store[str]):
    """Translations (str) per source text for one model key (include the direction and
    decoding settings in the key, e.g. ``opus-mt-tr-en@abc|beam4``)."""

    kind = "translations"

    def _encode(self, value: str) -> bytes:
        return b"T" + str(value).encode("utf-8")

    def _decode(self, blob: bytes) -> str | None:
        if not blob.startswith(b"T"):
            return None
        try:
            return blob[1:].decode("utf-8")
        except UnicodeDecodeError:
            return None

    def translate(self, texts: Sequence[str], fn: Callable[[list[str]], Sequence[str]]) -> list[str]:
        """Translations of ``texts``: cached ones, and ``fn`` once on the distinct misses."""
        return self._compute(texts, fn)


__all__ = ["EmbeddingCache", "TranslationCache", "default_root", "entry_key"]
