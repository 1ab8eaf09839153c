"""Records of a parsed digest: ``Citation``, ``Block``, ``Digest`` (frozen, JSON-ready).

``to_dict`` gives plain JSON types (lists, not tuples); ``from_dict`` ignores unknown keys and
fills missing ones with their defaults, so files written by newer versions still load.
Character spans are ``[start, end)`` into ``Digest.text``, 0-based.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from align.errors import SchemaError

SCHEMA = "align.digest/1"
"""Schema id written by ``Digest.to_dict``; bump the number on breaking changes."""


def _known(cls: type, data: Mapping[str, Any], what: str) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise SchemaError(f"{what}: expected a JSON object, got {type(data).__name__}")
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _strs(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise SchemaError(f"{what}: expected a list of strings")
    return tuple(value)


@dataclass(frozen=True)
class Citation:
    """One source reference of a digest.

    ``raw`` is the citation text as written: for the first citation of a block, the whole
    ``Source:`` line (plus the URL line when the URL stands on its own line), which is what
    ``render_digest`` writes back; for the further citations of a ``Sources: a; b`` line,
    the citation's own segment of that line. Every other field is ``None`` when absent.
    ``date`` is ISO ``yyyy-mm-dd``. ``warnings`` say what could not be parsed.
    """

    raw: str = ""
    author: str | None = None
    title_tr: str | None = None
    title_en: str | None = None
    outlet: str | None = None
    outlet_desc: str | None = None
    date: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True for the placeholder citation of a digest without ``Source:`` lines."""
        return not self.raw

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        out["warnings"] = list(self.warnings)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Citation:
        kw = _known(cls, data, "citation")
        if "warnings" in kw:
            kw["warnings"] = _strs(kw["warnings"], "citation.warnings")
        return cls(**kw)


@dataclass(frozen=True)
class Block:
    """A citation and the English excerpt paragraphs that follow it, up to the next citation.

    ``paragraphs``: excerpt paragraphs in order, each stripped, inner line breaks kept as ``\\n``.
    ``start, end``: span of the block in ``Digest.text`` (citation line start to last paragraph
    end, trailing whitespace excluded). ``also``: the further citations of a ``Sources: a; b``
    line (the excerpts may come from any of them); ``citations`` lists all of them.
    """

    citation: Citation = field(default_factory=Citation)
    paragraphs: tuple[str, ...] = ()
    start: int = 0
    end: int = 0
    also: tuple[Citation, ...] = ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        return (self.citation, *self.also)

    def to_dict(self) -> dict[str, Any]:
        return {
            "citation": self.citation.to_dict(),
            "paragraphs": list(self.paragraphs),
            "start": self.start,
            "end": self.end,
            "also": [c.to_dict() for c in self.also],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Block:
        kw = _known(cls, data, "block")
        if "citation" in kw:
            kw["citation"] = Citation.from_dict(kw["citation"] or {})
        if "paragraphs" in kw:
            kw["paragraphs"] = _strs(kw["paragraphs"], "block.paragraphs")
        if "also" in kw:
            kw["also"] = tuple(Citation.from_dict(c) for c in kw["also"] or ())
        return cls(**kw)


@dataclass(frozen=True)
class Digest:
    """A parsed digest.

    ``text``: the input exactly as given. ``lead``: paragraphs before the first citation.
    ``blocks``: unique source blocks in file order. ``duplicates``: ``(kept, (start, end))`` per
    dropped word-for-word copy: ``kept`` indexes ``blocks`` (0-based), the span locates the copy
    in ``text``. ``junk``: dropped page-junk lines, stripped, in file order. ``notes``: report
    lines for people (blocks numbered 1-based in file order, dropped copies included).
    """

    text: str = ""
    lead: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    duplicates: tuple[tuple[int, tuple[int, int]], ...] = ()
    junk: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every non-empty citation of every kept block, in order."""
        return tuple(c for b in self.blocks for c in b.citations if not c.is_empty)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "text": self.text,
            "lead": list(self.lead),
            "blocks": [b.to_dict() for b in self.blocks],
            "duplicates": [{"kept": k, "start": s, "end": e} for k, (s, e) in self.duplicates],
            "junk": list(self.junk),
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Digest:
        kw = _known(cls, data, "digest")
        for name in ("lead", "junk", "notes"):
            if name in kw:
                kw[name] = _strs(kw[name], f"digest.{name}")
        if "blocks" in kw:
            kw["blocks"] = tuple(Block.from_dict(b) for b in kw["blocks"] or ())
        if "duplicates" in kw:
            try:
                kw["duplicates"] = tuple(
                    (int(d["kept"]), (int(d["start"]), int(d["end"])))
                    for d in kw["duplicates"] or ()
                )
            except (KeyError, TypeError, ValueError) as e:
                raise SchemaError(f"digest.duplicates: want kept/start/end integers ({e})") from e
        return cls(**kw)
