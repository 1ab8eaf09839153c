"""Core records: sentences, documents, beads, alignments and their signatures.

All records are frozen dataclasses with ``to_dict``/``from_dict``. ``from_dict``
ignores unknown keys so files written by newer versions still load. Indices are
0-based everywhere; character spans are ``[start, end)`` into ``Document.text``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from types import MappingProxyType
from typing import Any

from align.errors import InvalidAlignment, SchemaError
from align.jsontext import index_list

SCHEMA = "align.alignment/1"
"""Schema id written into every alignment JSON; bump the number on breaking changes."""


def _known(cls: type, data: Mapping[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _number(value: Any, where: str) -> float:
    if type(value) not in (int, float):
        raise SchemaError(f"{where}: expected a number, got {value!r}")
    return float(value)


def _frozen_map(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


class Status(str, Enum):
    """Review status of a bead (InterText's confirmed / automatic, plus rejected)."""

    AUTO = "auto"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class BeadKind(str, Enum):
    """Shape of a bead, derived from its sides."""

    NULL_SRC = "1-0"  # source sentence(s) with no counterpart (omitted from the summary)
    NULL_TGT = "0-1"  # target sentence(s) with no source (possible addition)
    ONE_ONE = "1-1"
    MANY = "n-m"  # anything else with both sides non-empty


class Severity(str, Enum):
    """MQM-style severity of a QA flag."""

    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


class Mode(str, Enum):
    MONOTONIC = "monotonic"  # beads in order, no crossing links
    FREE = "free"  # each target sentence may link to any set of source sentences
    AUTO = "auto"


class Profile(str, Enum):
    SUMMARY = "summary"  # most source sentences unaligned
    TRANSLATION = "translation"  # nearly everything aligned 1:1
    AUTO = "auto"


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text, language, paragraph index and span in the original text."""

    text: str
    lang: str
    paragraph: int = 0
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "paragraph": self.paragraph, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], lang: str = "") -> Sentence:
        if not isinstance(data, Mapping):
            raise SchemaError(f"expected a sentence object, got {type(data).__name__}")
        d = _known(cls, data)
        d.setdefault("lang", lang)
        if not isinstance(d.get("text"), str):
            raise SchemaError("sentence without 'text'" if "text" not in d
                              else f"'text' is {type(d['text']).__name__}, not a string")
        for k in ("paragraph", "start", "end"):
            if k in d and (type(d[k]) is not int or d[k] < 0):
                raise SchemaError(f"'{k}' must be a whole number >= 0, not {d[k]!r}")
        start, end = d.get("start", 0), d.get("end", 0)
        if start > end:
            raise SchemaError(f"span start {start} is after its end {end}")
        return cls(**d)


@dataclass(frozen=True)
class Document:
    """A segmented text. ``text`` is the original (may be empty when only sentences are known)."""

    lang: str
    sentences: tuple[Sentence, ...]
    text: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sentences", tuple(self.sentences))
        object.__setattr__(self, "meta", _frozen_map(self.meta))

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]

    @classmethod
    def from_texts(
        cls, texts: Iterable[str], lang: str, paragraphs: Sequence[int] | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> Document:
        """Build a document from sentence strings; the text is their newline join."""
        sents: list[Sentence] = []
        pos = 0
        texts = list(texts)
        for i, t in enumerate(texts):
            par = paragraphs[i] if paragraphs is not None else 0
            sents.append(Sentence(t, lang, par, pos, pos + len(t)))
            pos += len(t) + 1
        return cls(lang, tuple(sents), "\n".join(texts), meta or {})

    @classmethod
    def join(cls, docs: Sequence[Document], meta: Mapping[str, Any] | None = None) -> Document:
        """One document from several, in order: texts joined by a blank line, spans and
        paragraph indices shifted so they still index the joined text."""
        if not docs:
            raise ValueError("Document.join needs at least one document")
        sents: list[Sentence] = []
        parts: list[str] = []
        offset, par = 0, 0
        for d in docs:
            text = d.text or "\n".join(d.texts)
            for s in d.sentences:
                sents.append(Sentence(s.text, s.lang, s.paragraph + par, s.start + offset,
                                      s.end + offset))
            par = (sents[-1].paragraph + 1) if sents else par
            parts.append(text)
            offset += len(text) + 2
        return cls(docs[0].lang, tuple(sents), "\n\n".join(parts), meta or {})

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"lang": self.lang, "sentences": [s.to_dict() for s in self.sentences]}
        if self.text:
            d["text"] = self.text
        if self.meta:
            d["meta"] = dict(self.meta)
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        if not isinstance(data, Mapping) or "sentences" not in data:
            raise SchemaError("document without 'sentences'")
        if not isinstance(data["sentences"], list):
            raise SchemaError(f"'sentences' must be a list, not "
                              f"{type(data['sentences']).__name__}")
        lang = str(data.get("lang", ""))
        text = data.get("text", "")
        if not isinstance(text, str):
            raise SchemaError(f"'text' is {type(text).__name__}, not a string")
        sents = []
        for i, s in enumerate(data["sentences"]):
            try:
                sent = Sentence.from_dict(s, lang)
            except SchemaError as e:
                raise SchemaError(f"sentences[{i}]: {e}") from None
            if text and sent.end > len(text):
                raise SchemaError(f"sentences[{i}]: span {sent.start}-{sent.end} is outside "
                                  f"the text ({len(text)} characters)")
            sents.append(sent)
        meta = data.get("meta") or {}
        if not isinstance(meta, Mapping):
            raise SchemaError(f"'meta' is {type(meta).__name__}, not an object")
        return cls(lang, tuple(sents), text, meta)


def confidence_value(value: Any, where: str = "confidence") -> float | None:
    """A flag confidence read from a file: None, or a number in [0, 1] (as a float).
    Raises SchemaError for anything else (a string, a boolean, NaN, 1.5)."""
    if value is None:
        return None
    if type(value) not in (int, float) or not 0.0 <= value <= 1.0:
        raise SchemaError(f"{where}: expected a number in [0, 1] (the probability that the "
                          f"flag is right), got {value!r}")
    return float(value)


@dataclass(frozen=True)
class Flag:
    """A QA finding on a bead. ``type`` is a stable name (``number_mismatch``, ...).

    ``confidence``: the probability that the flag is right, in [0, 1], as the check that
    raised it estimates it; None when it does not say (such a flag is judged by its
    severity alone, see :mod:`align.qa.levels`). Written by ``to_dict`` only when stated.
    ``rule``: which rule of the check raised it (``swapped``, ``added``; each check's module
    names its rules), the key of the check's confidence table; "" when not stated.
    """

    type: str
    severity: Severity = Severity.MINOR
    message: str = ""
    src_span: tuple[int, int] | None = None  # character span in the source document text
    tgt_span: tuple[int, int] | None = None
    confidence: float | None = None
    rule: str = ""

    def __post_init__(self) -> None:
        c = self.confidence
        if c is not None:
            if isinstance(c, bool) or not isinstance(c, int | float) or not 0.0 <= c <= 1.0:
                raise ValueError(f"flag {self.type!r}: confidence {c!r} is not a number "
                                 "in [0, 1]")
            object.__setattr__(self, "confidence", float(c))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"type": self.type, "severity": self.severity.value, "message": self.message}
        if self.src_span is not None:
            d["src_span"] = list(self.src_span)
        if self.tgt_span is not None:
            d["tgt_span"] = list(self.tgt_span)
        if self.confidence is not None:
            d["confidence"] = self.confidence
        if self.rule:
            d["rule"] = self.rule
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> Flag:
        if isinstance(data, str):
            return cls(type=data)
        if not isinstance(data, Mapping):
            raise SchemaError(f"expected a flag object or name, got {type(data).__name__}")
        d = _known(cls, data)
        if not isinstance(d.get("type"), str):
            raise SchemaError(f"a flag's 'type' must be a string, not {d.get('type')!r}")
        if "severity" in d:
            d["severity"] = Severity(d["severity"])
        for k in ("src_span", "tgt_span"):
            if d.get(k) is not None:
                span = index_list(d[k], k)
                if len(span) != 2 or not 0 <= span[0] <= span[1]:
                    raise SchemaError(f"{k}: expected [start, end] with 0 <= start <= end, "
                                      f"not {list(span)}")
                d[k] = span
        if "confidence" in d:
            d["confidence"] = confidence_value(d["confidence"], f"flag {d['type']!r}: confidence")
        if not isinstance(d.get("rule", ""), str):
            raise SchemaError(f"flag {d['type']!r}: 'rule' must be a string, not {d['rule']!r}")
        return cls(**d)


@dataclass(frozen=True, order=True)
class Bead:
    """A link between source sentence ids and target sentence ids (0-based).

    One side may be empty (a null bead). ``score`` is in [0, 1]: an estimate of the
    probability that the bead is right.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = field(default=0.0, compare=False)
    status: Status = field(default=Status.AUTO, compare=False)
    flags: tuple[Flag, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "src", tuple(int(i) for i in self.src))
        object.__setattr__(self, "tgt", tuple(int(i) for i in self.tgt))
        object.__setattr__(self, "flags", tuple(self.flags))
        if not self.src and not self.tgt:
            raise InvalidAlignment("a bead needs at least one sentence on one side")
        if not 0.0 <= self.score <= 1.0:
            raise InvalidAlignment(f"bead score {self.score!r} is outside [0, 1]")

    @property
    def kind(self) -> BeadKind:
        if not self.tgt:
            return BeadKind.NULL_SRC
        if not self.src:
            return BeadKind.NULL_TGT
        if len(self.src) == 1 and len(self.tgt) == 1:
            return BeadKind.ONE_ONE
        return BeadKind.MANY

    @property
    def is_null(self) -> bool:
        return not self.src or not self.tgt

    def to_dict(self) -> dict[str, Any]:
        return {
            "src": list(self.src), "tgt": list(self.tgt), "score": round(self.score, 6),
            "status": self.status.value, "flags": [f.to_dict() for f in self.flags],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Bead:
        """A bead from its JSON form, strictly: indices are integers (not 0.5, not true)."""
        if not isinstance(data, Mapping):
            raise SchemaError(f"expected a bead object, got {type(data).__name__}")
        for k in ("src", "tgt"):
            if k not in data:
                raise SchemaError(f"bead without '{k}'")
        flags = data.get("flags", [])
        if not isinstance(flags, list):
            raise SchemaError(f"flags: expected a list, got {type(flags).__name__}")
        try:
            return cls(
                index_list(data["src"], "src"), index_list(data["tgt"], "tgt"),
                _number(data.get("score", 0.0), "score"), Status(data.get("status", "auto")),
                tuple(Flag.from_dict(f) for f in flags),
            )
        except (ValueError, TypeError) as e:
            raise SchemaError(str(e)) from e


@dataclass(frozen=True)
class Signature:
    """What produced a result, printed like sacrebleu's signatures.

    ``str(sig)`` gives ``scorer:lexical.v1|model:none|mode:monotonic|...|version:0.1.0``.
    """

    scorer: str
    model: str = "none"
    mode: str = ""
    profile: str = ""
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)
    version: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen_map(self.params))
        if not self.version:
            from align import __version__

            object.__setattr__(self, "version", __version__)

    def __str__(self) -> str:
        parts = [f"scorer:{self.scorer}", f"model:{self.model}"]
        if self.mode:
            parts.append(f"mode:{self.mode}")
        if self.profile:
            parts.append(f"profile:{self.profile}")
        parts += [f"{k}:{v}" for k, v in sorted(self.params.items())]
        parts.append(f"version:{self.version}")
        return "|".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scorer": self.scorer, "model": self.model, "mode": self.mode, "profile": self.profile,
            "params": dict(self.params), "version": self.version, "text": str(self),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Signature:
        d = _known(cls, data)
        if "scorer" not in d:
            raise SchemaError("signature without 'scorer'")
        return cls(**d)


def check_cover(beads: Sequence[Bead], n_src: int, n_tgt: int) -> None:
    """Raise InvalidAlignment unless every sentence of both sides is in exactly one bead."""
    for side, n in (("source", n_src), ("target", n_tgt)):
        seen = [0] * n
        for b in beads:
            for i in b.src if side == "source" else b.tgt:
                if not 0 <= i < n:
                    raise InvalidAlignment(f"{side} sentence id {i} out of range (0..{n - 1})")
                seen[i] += 1
        missing = [i for i, c in enumerate(seen) if c == 0]
        twice = [i for i, c in enumerate(seen) if c > 1]
        if missing or twice:
            raise InvalidAlignment(
                f"{side} sentences must be in exactly one bead: missing {missing[:10]}, "
                f"repeated {twice[:10]}"
            )


def link_components(
    links: Iterable[tuple[Sequence[int], int]], n_src: int, n_tgt: int,
    taken_src: Iterable[int] = (), taken_tgt: Iterable[int] = (),
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Beads from links ``(source ids, target id)``: the connected components.

    Sentences in no link become null beads; sentences in ``taken_*`` (already in another
    bead, e.g. an anchor) are left out. Returns ``(src ids, tgt ids)`` pairs, ids sorted.
    """
    parent = list(range(n_src + n_tgt))  # union-find: source ids, then n_src + target ids

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for src_ids, j in links:
        for i in src_ids:
            parent[find(n_src + j)] = find(i)
    skip = set(taken_src) | {n_src + j for j in taken_tgt}
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for x in range(n_src + n_tgt):
        if x in skip:
            continue
        s, t = groups.setdefault(find(x), ([], []))
        (s if x < n_src else t).append(x if x < n_src else x - n_src)
    return [(tuple(s), tuple(t)) for s, t in groups.values()]


def order_beads(beads: Iterable[Bead]) -> list[Bead]:
    """Reading order: by first source id; a target-only bead goes right after the bead
    holding the target sentence before it (or first, for target sentence 0)."""
    beads = list(beads)
    src_of_tgt = {j: min(b.src) for b in beads if b.src for j in b.tgt}

    def key(b: Bead) -> tuple[float, int]:
        if b.src:
            return (min(b.src), min(b.tgt, default=-1))
        prev = next((src_of_tgt[j] for j in range(min(b.tgt) - 1, -1, -1) if j in src_of_tgt), -1)
        return (prev + 0.5, min(b.tgt))

    return sorted(beads, key=key)


@dataclass(frozen=True)
class Alignment:
    """A document pair and beads covering every sentence of both sides exactly once."""

    source: Document
    target: Document
    beads: tuple[Bead, ...]
    signature: Signature
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "beads", tuple(self.beads))
        object.__setattr__(self, "meta", _frozen_map(self.meta))
        check_cover(self.beads, len(self.source), len(self.target))

    @property
    def links(self) -> list[Bead]:
        """Beads with both sides non-empty."""
        return [b for b in self.beads if not b.is_null]

    def to_dict(self) -> dict[str, Any]:
        d = {
            "schema": SCHEMA, "signature": self.signature.to_dict(),
            "source": self.source.to_dict(), "target": self.target.to_dict(),
            "beads": [b.to_dict() for b in self.beads],
        }
        if self.meta:
            d["meta"] = dict(self.meta)
        return d

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Alignment:
        schema = data.get("schema")
        if not isinstance(schema, str) or not schema.startswith("align.alignment/"):
            raise SchemaError(f"not an alignment file (schema {schema!r}, expected {SCHEMA!r})")
        major = schema.rsplit("/", 1)[1]
        if major != SCHEMA.rsplit("/", 1)[1]:
            raise SchemaError(f"alignment schema {schema!r} is not supported (this is {SCHEMA!r})")
        for key in ("source", "target", "beads"):
            if key not in data:
                raise SchemaError(f"alignment file lacks {key!r}")
        docs = []
        for key in ("source", "target"):
            try:
                docs.append(Document.from_dict(data[key]))
            except SchemaError as e:
                raise SchemaError(f"{key}: {e}") from None
        if not isinstance(data["beads"], list):
            raise SchemaError("beads: expected a list")
        beads = []
        for i, b in enumerate(data["beads"]):
            try:
                beads.append(Bead.from_dict(b))
            except (SchemaError, InvalidAlignment) as e:
                raise type(e)(f"beads[{i}]: {e}") from None
        meta = data.get("meta") or {}
        if not isinstance(meta, Mapping):
            raise SchemaError("meta: expected an object")
        try:
            sig = Signature.from_dict(data.get("signature") or {"scorer": "unknown"})
        except (TypeError, ValueError, AttributeError) as e:
            raise SchemaError(f"signature: {e}") from None
        return cls(docs[0], docs[1], tuple(beads), sig, meta)

    @classmethod
    def from_json(cls, text: str) -> Alignment:
        from align.jsontext import loads

        data = loads(text)
        if not isinstance(data, dict):
            raise SchemaError("alignment JSON must be an object")
        return cls.from_dict(data)
