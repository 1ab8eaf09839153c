"""A project file: one digest, its sources and every aligned pair (schema ``align.project/1``).

```
{"schema": "align.project/1", "digest_path": …, "digest": {…Digest.to_dict()…},
 "sources": [{"id": "s1", "path": …, "kind": "html", "status": "ok", "title": …, …}],
 "pairs": [{"id": "block:1", "kind": "excerpt", "block": 1, "sources": ["s1"],
            "citation": {…}, "alignment": {…align.alignment/1…}}, {"id": "lead", …}],
 "notes": ["…"]}
```

Pair ids: ``block:N`` (1-based over the digest's unique source blocks) and ``lead``.
A source's ``status`` is ``ok``, ``missing``, ``unreadable``, ``no-article`` or ``unused``.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from align.errors import SchemaError
from align.types import Alignment

PROJECT_SCHEMA = "align.project/1"


def _known(cls: type, data: Mapping[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


@dataclass(frozen=True)
class SourceRecord:
    """One source file given to ``align digest`` and what became of it."""

    id: str
    path: str
    kind: str = ""
    status: str = "ok"
    message: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    sentences: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceRecord:
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class PairRecord:
    """An aligned pair: an excerpt block (or the lead) against its Turkish source(s)."""

    id: str
    kind: str  # "excerpt" | "lead"
    sources: tuple[str, ...]
    alignment: Alignment
    block: int | None = None
    citation: Mapping[str, Any] = field(default_factory=dict)
    matched_by: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "block": self.block,
                "sources": list(self.sources), "matched_by": self.matched_by,
                "citation": dict(self.citation), "alignment": self.alignment.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PairRecord:
        d = _known(cls, data)
        d["sources"] = tuple(d.get("sources", ()))
        d["alignment"] = Alignment.from_dict(data["alignment"])
        return cls(**d)


@dataclass(frozen=True)
class Project:
    digest_path: str
    digest: Mapping[str, Any]
    sources: tuple[SourceRecord, ...]
    pairs: tuple[PairRecord, ...]
    notes: tuple[str, ...] = ()

    def pair(self, pair_id: str) -> PairRecord:
        for p in self.pairs:
            if p.id == pair_id:
                return p
        raise KeyError(pair_id)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": PROJECT_SCHEMA, "digest_path": self.digest_path,
                "digest": dict(self.digest), "sources": [s.to_dict() for s in self.sources],
                "pairs": [p.to_dict() for p in self.pairs], "notes": list(self.notes)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Project:
        if data.get("schema") != PROJECT_SCHEMA:
            raise SchemaError(f"not a project file (schema {data.get('schema')!r}, "
                              f"expected {PROJECT_SCHEMA!r})")
        return cls(str(data.get("digest_path", "")), data.get("digest") or {},
                   tuple(SourceRecord.from_dict(s) for s in data.get("sources", ())),
                   tuple(PairRecord.from_dict(p) for p in data.get("pairs", ())),
                   tuple(data.get("notes", ())))
