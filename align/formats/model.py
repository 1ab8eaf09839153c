"""Records shared by the interchange writers and readers.

`ExportPair` is one document pair to export (the store's project name and pair key, the
alignment, its citation); `Row` is one bead read back from a table, JSONL or XLIFF file.
Bead and sentence ids are 0-based everywhere (positions in ``Alignment.beads`` and in the
source / target ``Document.sentences``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from align.errors import AlignError, OutputError
from align.types import Alignment, Bead, Flag, Sentence, Status, confidence_value

# Characters XML 1.0 cannot carry (C0 controls except tab/LF/CR, surrogates, U+FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class ExportPair:
    """One document pair to export: ``project`` name, pair ``key`` (unique in the project),
    the ``alignment``, the pair's ``citation`` (the digest citation: url, author, ...) and
    an optional display ``title``."""

    project: str
    key: str
    alignment: Alignment
    citation: Mapping[str, Any] = field(default_factory=dict)
    title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "citation", MappingProxyType(dict(self.citation or {})))

    @property
    def name(self) -> str:
        """``project/key``: how the pair is named in file-level ids and messages."""
        return f"{self.project}/{self.key}"


@dataclass(frozen=True)
class Row:
    """One bead read back from an export: texts (a side's sentences joined with a space),
    review status and score when the file carries them, 0-based sentence ids, flag types,
    and each side's separate sentences when the file keeps them (JSONL).
    ``bead`` is the bead's 0-based position in its alignment when known.
    ``flag_confidence``: one entry per flag type when the file states any (None where a
    flag's confidence is unstated), else ()."""

    source: str
    target: str
    score: float | None = None
    status: Status | None = None
    project: str = ""
    pair: str = ""
    src_ids: tuple[int, ...] = ()
    tgt_ids: tuple[int, ...] = ()
    flags: tuple[str, ...] = ()
    bead: int | None = None
    note: str = ""
    # the sentences of each side when the file keeps them apart (JSONL), else ()
    src_sentences: tuple[str, ...] = ()
    tgt_sentences: tuple[str, ...] = ()
    flag_confidence: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class BeadView:
    """A bead of one pair as the writers see it: position, bead, joined texts, languages."""

    pair: ExportPair
    index: int
    bead: Bead
    source: str
    target: str
    src_lang: str
    tgt_lang: str


def join(sentences: Sequence[Sentence], ids: Sequence[int]) -> str:
    """The sentences ``ids`` (0-based) joined with one space, in id order."""
    return " ".join(sentences[i].text for i in ids)


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold removed (lxml refuses them)."""
    return _NOT_XML.sub("", text)


def xml_side(view: BeadView, side: str) -> str:
    """The bead's ``side`` ("source" or "target") text for an XML format. XML 1.0 cannot
    carry most control characters, and dropping them would change the text: OutputError
    naming the pair, the sentence and the character instead."""
    text: str = getattr(view, side)
    bad = _NOT_XML.search(text)
    if bad is None:
        return text
    doc = view.pair.alignment.source if side == "source" else view.pair.alignment.target
    ids = view.bead.src if side == "source" else view.bead.tgt
    where = next((i for i in ids if _NOT_XML.search(doc.sentences[i].text)), ids[0])
    raise OutputError(
        f"pair {view.pair.name}, {side} sentence {where}: holds U+{ord(bad[0]):04X}, a "
        "control character XML (TMX, XLIFF) cannot carry; export CSV, TSV or JSONL, which "
        "keep it, or edit the sentence")


def ids_text(ids: Sequence[int]) -> str:
    """Ids as written in every format: ``[0, 1]`` (0-based), ``[]`` for none."""
    return str([int(i) for i in ids])


def parse_ids(text: str) -> tuple[int, ...]:
    """Inverse of `ids_text`: ``"[0, 1]"`` -> ``(0, 1)``; also accepts ``"0 1"``, ``"0,1"``.

    Raises ValueError for anything else.
    """
    body = text.strip().removeprefix("[").removesuffix("]")
    parts = [p for p in re.split(r"[\s,]+", body) if p]
    if not all(p.isdigit() for p in parts):
        raise ValueError(f"not a list of sentence ids: {text!r}")
    return tuple(int(p) for p in parts)


def langs(pair: ExportPair, src_lang: str | None, tgt_lang: str | None) -> tuple[str, str]:
    """Languages to write: the arguments, else the documents' ``lang``, else tr / en."""
    return (src_lang or pair.alignment.source.lang or "tr",
            tgt_lang or pair.alignment.target.lang or "en")


def bead_views(pair: ExportPair, src_lang: str | None = None,
               tgt_lang: str | None = None) -> Iterator[BeadView]:
    """Every bead of ``pair`` in alignment order, null beads included."""
    aln = pair.alignment
    s_lang, t_lang = langs(pair, src_lang, tgt_lang)
    for i, b in enumerate(aln.beads):
        yield BeadView(pair, i, b, join(aln.source.sentences, b.src),
                       join(aln.target.sentences, b.tgt), s_lang, t_lang)


def for_memory(view: BeadView, include_auto: bool) -> bool:
    """Whether a bead belongs in a translation memory: both sides present, confirmed (or
    auto when ``include_auto``), never rejected."""
    if view.bead.is_null or not view.source.strip() or not view.target.strip():
        return False
    return view.bead.status is Status.CONFIRMED or (
        include_auto and view.bead.status is Status.AUTO)


def flag_types(bead: Bead) -> str:
    """The bead's flag types, comma-separated, in bead order (``""`` when none)."""
    return ",".join(f.type for f in bead.flags)


def flag_confidences(bead: Bead) -> str:
    """The bead's flag confidences, comma-separated in the order of `flag_types`, an empty
    item where a flag states none (``"0.85,,0.4"``); ``""`` when no flag states one.
    Numbers are Python's shortest round-trip form (``repr``), so they read back exactly."""
    if all(f.confidence is None for f in bead.flags):
        return ""
    return ",".join("" if f.confidence is None else repr(f.confidence) for f in bead.flags)


def parse_confidences(text: str, n_flags: int) -> tuple[float | None, ...]:
    """Inverse of `flag_confidences` for a row with *n_flags* flag types: ``()`` for an
    empty cell. Raises ValueError for a cell that is not numbers in [0, 1] (or empty
    items), one per flag."""
    if not text.strip():
        return ()
    items = [t.strip() for t in text.split(",")]
    if len(items) != n_flags:
        raise ValueError(f"{len(items)} flag confidence(s) for {n_flags} flag(s): {text!r}")
    try:
        return tuple(None if not t else confidence_value(float(t), "flag confidence")
                     for t in items)
    except (ValueError, AlignError) as e:
        raise ValueError(f"not a list of flag confidences in [0, 1]: {text!r}") from e


def flag_note(flag: Flag) -> str:
    """A flag for people (XLIFF notes): ``type (severity, confidence 0.85): message``."""
    how = flag.severity.value + ("" if flag.confidence is None
                                 else f", confidence {flag.confidence:.2f}")
    return f"{flag.type} ({how})" + (f": {flag.message}" if flag.message else "")
