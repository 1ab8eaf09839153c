"""Read hand-written gold samples (``*.seg`` files) and build gold alignments.

Authoring format, one folder per sample (see ``samples/README.md``):

``source.seg``
    One source sentence per line as ``ID| text`` with IDs 0, 1, 2, ... in order; a blank
    line marks a paragraph break; lines starting with ``#`` are comments.
``target.seg``
    One target sentence per line as ``[IDS] text``: IDS are the comma-separated source
    sentence ids the sentence renders, ``[]`` for none; blank lines and ``#`` as above.
``sample.json``
    ``{"src_lang", "tgt_lang", "kind", "mode", "profile", "description"}``.

The raw texts are the paragraphs joined by a blank line, sentences by one space, so the
gold segmentation is known exactly. Gold beads are the connected components of the
links (a target sentence and the source sentences it names); unused source sentences
become 1-0 beads and ``[]`` target sentences 0-1 beads. The links themselves are kept in
``meta["links"]`` as ``[[source ids], target id]`` for link-pair scoring.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.errors import SchemaError
from align.types import (
    Alignment,
    Bead,
    Document,
    Sentence,
    Signature,
    Status,
    link_components,
    order_beads,
)

_SRC_LINE = re.compile(r"^(\d+)\|\s?(.*\S)\s*$")
_TGT_LINE = re.compile(r"^\[([\d,\s]*)\]\s?(.*\S)\s*$")


@dataclass(frozen=True)
class SegLine:
    text: str
    paragraph: int
    links: tuple[int, ...] = ()  # target lines only


def _read_seg(path: Path, target: bool) -> list[SegLine]:
    lines: list[SegLine] = []
    par, pending_break = 0, False
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if raw.lstrip().startswith("#"):
            continue
        if not raw.strip():
            pending_break = bool(lines)
            continue
        if pending_break:
            par, pending_break = par + 1, False
        m = (_TGT_LINE if target else _SRC_LINE).match(raw)
        if not m:
            want = "'[ids] text'" if target else "'ID| text'"
            raise SchemaError(f"{path}:{no}: expected {want}, got {raw[:60]!r}")
        if target:
            ids = tuple(int(x) for x in m.group(1).replace(" ", "").split(",") if x)
            lines.append(SegLine(m.group(2), par, ids))
        else:
            if int(m.group(1)) != len(lines):
                raise SchemaError(f"{path}:{no}: sentence id {m.group(1)} should be {len(lines)}")
            lines.append(SegLine(m.group(2), par))
    if not lines:
        raise SchemaError(f"{path}: no sentences")
    return lines


def _document(lines: list[SegLine], lang: str) -> Document:
    parts: list[str] = []
    sents: list[Sentence] = []
    pos = 0
    for i, line in enumerate(lines):
        if i:
            sep = "\n\n" if line.paragraph != lines[i - 1].paragraph else " "
            parts.append(sep)
            pos += len(sep)
        sents.append(Sentence(line.text, lang, line.paragraph, pos, pos + len(line.text)))
        parts.append(line.text)
        pos += len(line.text)
    return Document(lang, tuple(sents), "".join(parts) + "\n")


def build_gold(folder: str | Path) -> Alignment:
    """Build the gold alignment of one sample folder (raises SchemaError naming the file)."""
    folder = Path(folder)
    meta: dict[str, Any] = json.loads((folder / "sample.json").read_text(encoding="utf-8"))
    src_lines = _read_seg(folder / "source.seg", target=False)
    tgt_lines = _read_seg(folder / "target.seg", target=True)
    for j, line in enumerate(tgt_lines):
        bad = [i for i in line.links if i >= len(src_lines)]
        if bad:
            raise SchemaError(f"{folder / 'target.seg'}: target sentence {j} links to unknown {bad}")
    src = _document(src_lines, meta["src_lang"])
    tgt = _document(tgt_lines, meta["tgt_lang"])
    sig = Signature("gold", mode=meta.get("mode", "monotonic"), profile=meta.get("profile", ""))
    # The hand-written links, finer than the beads when links overlap (free mode).
    links = [[list(line.links), j] for j, line in enumerate(tgt_lines) if line.links]
    groups = link_components(((line.links, j) for j, line in enumerate(tgt_lines)),
                             len(src_lines), len(tgt_lines))
    beads = order_beads(Bead(s, t, 1.0, Status.CONFIRMED) for s, t in groups)
    return Alignment(src, tgt, tuple(beads), sig,
                     {"sample": folder.name, **meta, "links": links})
