"""JSON Lines export (one object per bead) and its reader.

Each line is one bead of one pair, in alignment order, null beads included::

    {"project": "p", "pair": "k", "bead": 3, "src_lang": "tr", "tgt_lang": "en",
     "src_ids": [4, 5], "tgt_ids": [2], "source": "<joined>", "target": "<joined>",
     "src_sentences": ["...", "..."], "tgt_sentences": ["..."],
     "score": 0.87, "status": "confirmed", "flags": [{"type": ..., "severity": ...}]}

``flags`` are ``Flag.to_dict`` objects (``confidence`` only where the check states one).

``bead`` and the ids are 0-based; ``source`` / ``target`` join the sentences with a
space. UTF-8, no BOM, ``ensure_ascii=False`` (Turkish letters as they are), LF endings.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from align.errors import InputError, SchemaError
from align.formats.model import ExportPair, Row, bead_views
from align.jsontext import index_list, loads
from align.types import Status, confidence_value


def bead_records(pairs: Sequence[ExportPair], *, src_lang: str | None = None,
                 tgt_lang: str | None = None) -> list[dict[str, Any]]:
    """One dict per bead of ``pairs`` (the JSONL line of the module docstring); also the
    rows ``align batch`` writes as JSONL and Parquet."""
    out = []
    for pair in pairs:
        src, tgt = pair.alignment.source.sentences, pair.alignment.target.sentences
        for v in bead_views(pair, src_lang, tgt_lang):
            b = v.bead
            out.append({
                "project": pair.project, "pair": pair.key, "bead": v.index,
                "src_lang": v.src_lang, "tgt_lang": v.tgt_lang,
                "src_ids": list(b.src), "tgt_ids": list(b.tgt),
                "source": v.source, "target": v.target,
                "src_sentences": [src[i].text for i in b.src],
                "tgt_sentences": [tgt[i].text for i in b.tgt],
                "score": round(b.score, 6), "status": b.status.value,
                "flags": [f.to_dict() for f in b.flags],
            })
    return out


def to_jsonl(pairs: Sequence[ExportPair], *, src_lang: str | None = None,
             tgt_lang: str | None = None) -> bytes:
    """The JSONL document (UTF-8 bytes) for ``pairs``; see the module docstring."""
    return records_jsonl(bead_records(pairs, src_lang=src_lang, tgt_lang=tgt_lang))


def records_jsonl(records: Sequence[dict[str, Any]]) -> bytes:
    """Records as JSON Lines (UTF-8 bytes, one line each, LF endings)."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def read_jsonl(path: str | Path) -> list[Row]:
    """Rows of a JSONL export; InputError naming the file and line on a bad line."""
    name = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{name} cannot be read as UTF-8 text: {e}") from None
    rows = []
    # JSON Lines ends lines with \n only: str.splitlines would also split at U+0085, U+2028...
    # which a JSON string may hold as they are
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            d = loads(line)
            if not isinstance(d, dict):
                raise TypeError(f"a JSON {type(d).__name__}")
            for key in ("source", "target"):
                if not isinstance(d.get(key), str):
                    raise TypeError(f"'{key}' must be a string, not {d.get(key)!r}")
            flags = d.get("flags", ())
            conf = tuple(confidence_value(f.get("confidence"), f"flags[{k}].confidence")
                         if isinstance(f, dict) else None for k, f in enumerate(flags))
            rows.append(Row(
                d["source"], d["target"],
                None if d.get("score") is None else float(d["score"]),
                Status(d["status"]) if d.get("status") else None,
                str(d.get("project", "")), str(d.get("pair", "")),
                index_list(d.get("src_ids", []), "src_ids"),
                index_list(d.get("tgt_ids", []), "tgt_ids"),
                tuple(str(f["type"] if isinstance(f, dict) else f) for f in flags),
                int(d["bead"]) if d.get("bead") is not None else None,
                src_sentences=tuple(str(t) for t in d.get("src_sentences", ())),
                tgt_sentences=tuple(str(t) for t in d.get("tgt_sentences", ())),
                flag_confidence=conf if any(c is not None for c in conf) else (),
            ))
        except (ValueError, KeyError, TypeError, SchemaError) as e:
            raise InputError(f"{name} line {lineno}: not a bead object: {e}") from None
    return rows
