"""The QA check contract: a `Check` reads an alignment through a `Context` and returns
`Finding`s (a flag and the index of the bead it sits on).

Spans in flags are character ``[start, end)`` offsets, 0-based, into
``aln.source.text`` / ``aln.target.text``: ``sentence.start + offset in the sentence``.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from align.lexicon.load import Lexicon
from align.qa.glossary import Glossary
from align.text.casefold import base_lang
from align.text.normalize import TokenInfo, analyse
from align.types import Alignment, Flag, Severity

Span = tuple[int, int]


@dataclass(frozen=True)
class Finding:
    """A flag and the 0-based index (into ``aln.beads``) of the bead that carries it."""

    bead: int
    flag: Flag


class Context:
    """Per-alignment state shared by the checks: bead maps, cached sentence analyses,
    the lexicons and the user's glossary (`align.qa.glossary`; None without one). Sides
    are ``"src"`` and ``"tgt"``; sentence ids are 0-based."""

    def __init__(self, aln: Alignment, glossary: Glossary | None = None) -> None:
        self.aln = aln
        self.glossary = glossary
        self.langs = {"src": base_lang(aln.source.lang or "tr"),
                      "tgt": base_lang(aln.target.lang or "en")}
        self.bead_of = {"src": {}, "tgt": {}}  # type: dict[str, dict[int, int]]
        for k, b in enumerate(aln.beads):
            for i in b.src:
                self.bead_of["src"][i] = k
            for j in b.tgt:
                self.bead_of["tgt"][j] = k
        self._analyses: dict[tuple[str, int, bool], list[TokenInfo]] = {}
        self.memo: dict[Any, Any] = {}  # per-alignment cache for the checks' own data

    def view(self, aln: Alignment) -> Context:
        """A context for *aln* — the same documents with other beads — that shares this
        one's sentence analyses, ``memo`` (keyed by sentence, not bead) and lexicons."""
        if aln.source is not self.aln.source or aln.target is not self.aln.target:
            raise ValueError("Context.view needs an alignment of the same documents")
        out = Context(aln, self.glossary)
        out._analyses = self._analyses
        out.memo = self.memo
        for name in ("lexicon", "common_words", "common_source", "_general"):
            if name in self.__dict__:  # cached_property values already computed
                out.__dict__[name] = self.__dict__[name]
        return out

    def doc(self, side: str) -> Sequence[str]:
        d = self.aln.source if side == "src" else self.aln.target
        return d.texts

    def n(self, side: str) -> int:
        return len(self.aln.source if side == "src" else self.aln.target)

    def analysis(self, side: str, i: int, negators: bool = False) -> list[TokenInfo]:
        """`align.text.normalize.analyse` of sentence *i* of *side* (cached)."""
        key = (side, i, negators)
        if key not in self._analyses:
            d = self.aln.source if side == "src" else self.aln.target
            self._analyses[key] = analyse(d.sentences[i].text, self.langs[side],
                                          negators=negators)
        return self._analyses[key]

    def span(self, side: str, i: int, start: int | None = None, end: int | None = None) -> Span:
        """Document span of ``[start, end)`` inside sentence *i* (the whole sentence by default)."""
        s = (self.aln.source if side == "src" else self.aln.target).sentences[i]
        return (s.start + (start or 0), s.start + (len(s.text) if end is None else end))

    def sentences_span(self, side: str, ids: Iterable[int]) -> Span | None:
        """From the start of the first to the end of the last of *ids* (None when empty)."""
        ids = sorted(ids)
        if not ids:
            return None
        return (self.span(side, ids[0])[0], self.span(side, ids[-1])[1])

    def linked_src(self, j: int) -> tuple[int, ...]:
        """Source ids of the bead holding target sentence *j* (empty for a 0-1 bead)."""
        return self.aln.beads[self.bead_of["tgt"][j]].src

    @cached_property
    def lexicon(self) -> Lexicon:
        """Shipped lexicon of the pair (core, learned, names) plus the QA acronym list."""
        from align.lexicon import load_lexicon
        from align.lexicon.load import default_paths
        from align.qa.checks.data import acronyms_path

        paths, swapped = default_paths(self.langs["src"], self.langs["tgt"])
        if (self.langs["src"], self.langs["tgt"]) == ("tr", "en"):
            paths = [*paths, acronyms_path()]
        return load_lexicon(paths, self.langs["src"], self.langs["tgt"]) if not swapped \
            else load_lexicon(None, self.langs["src"], self.langs["tgt"])

    @cached_property
    def common_words(self) -> frozenset[str]:
        """Target stems the general lexicons (not the names list) translate to: plain words."""
        return frozenset(self._general.backward) if self._general else frozenset()

    @cached_property
    def common_source(self) -> frozenset[str]:
        """Source stems the general lexicons translate: plain source words."""
        return frozenset(self._general.forward) if self._general else frozenset()

    @cached_property
    def _general(self) -> Lexicon | None:
        """The pair's general lexicons (not the names list); None when there are none."""
        from align.lexicon import load_lexicon
        from align.lexicon.load import default_paths

        paths, swapped = default_paths(self.langs["src"], self.langs["tgt"])
        general = [p for p in paths if p.parent.name == "lexicon"]
        if not general or swapped:
            return None
        return load_lexicon(general, self.langs["src"], self.langs["tgt"])



class _Registered:
    """A check's ``name`` or ``severity``, read from its line in the registry
    (:data:`align.qa.registry.REGISTRY`), so each fact has one home."""

    def __init__(self, attr: str) -> None:
        self.attr = attr

    def __get__(self, obj: object, cls: type) -> Any:
        from align.qa.registry import REGISTRY

        here = {f"{cls.__module__.rsplit('.', 1)[-1]}:{cls.__name__}",
                f"{cls.__module__}:{cls.__name__}"}
        spec = next((s for s in REGISTRY if s.where in here), None)
        if spec is None:
            raise AttributeError(f"{cls.__module__}:{cls.__name__} is not in "
                                 "align.qa.registry.REGISTRY")
        return getattr(spec, self.attr)


class Check(ABC):
    """One QA check: a stable ``name`` (the flag type) and default ``severity``, both from
    its registry line, and ``run``, which returns findings for the whole alignment."""

    name: ClassVar[str] = _Registered("name")  # type: ignore[assignment]
    severity: ClassVar[Severity] = _Registered("severity")  # type: ignore[assignment]
    structural: ClassVar[bool] = False
    """True for a check of the links themselves (``omission``): it reads the alignment as
    given; content checks read it with local link slips undone (`align.qa.checks.realign`)."""

    @abstractmethod
    def run(self, ctx: Context) -> list[Finding]:
        """Findings of this check on ``ctx.aln``; every flag has ``type == self.name``."""

    def finding(self, bead: int, message: str, severity: Severity | None = None,
                src_span: Span | None = None, tgt_span: Span | None = None, *,
                confidence: float | None = None, rule: str = "") -> Finding:
        """A finding of this check on bead *bead*. ``rule``: which of the check's rules
        raised it. ``confidence``: the probability, in [0, 1], that the flag is right; by
        default the check's fitted precision for that rule and severity
        (`align.qa.confidence`; None when it has none; see :mod:`align.qa.levels`)."""
        sev = severity or self.severity
        if confidence is None:
            from align.qa.confidence import confidence_of

            confidence = confidence_of(self.name, rule, sev)
        return Finding(bead, Flag(self.name, sev, message, src_span, tgt_span, confidence,
                                  rule))


def quote(text: str, limit: int = 60) -> str:
    """``text`` shortened for a message: ``“first 60 characters…”``."""
    text = " ".join(text.split())
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"
