"""Post-editing metrics: how much a reviewer had to change an English sentence.

For one edit, ``original`` is the text before review (the hypothesis) and ``edited`` the
reviewer's text (the reference), as in HTER (Snover et al. 2006, "A Study of Translation
Edit Rate with Targeted Human Annotation"):

* ``hter`` = sacrebleu TER(original → edited) / 100, a fraction: 0 = unchanged, 0.25 = one
  edit per four words of the edited text; it can exceed 1 when most words were deleted;
* ``chrf`` = sacrebleu chrF(original, edited) in [0, 100] (100 = unchanged).

Both come from :mod:`align.measures.mt_metrics` (the one sacrebleu adapter); their signatures are
recorded in :class:`PostEditSummary`. Corpus HTER (:func:`summarize`) is total edits over
total edited-text words, exactly sacrebleu's corpus TER (its tercom tokenisation with default
settings splits on whitespace, so the word count is ``len(edited.split())``).

Where edits live in an alignment (until the review store of a later issue):
``Alignment.meta["postedits"] = [{"tgt": <0-based English sentence id>, "original": "…"}, …]``;
the edited text is the sentence's current text. :func:`edits_from_meta` reads that list.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from align.errors import SchemaError
from align.types import Alignment

META_KEY = "postedits"


@dataclass(frozen=True)
class PostEdit:
    """One edited English sentence and its scores."""

    original: str
    edited: str
    hter: float  # fraction, >= 0
    chrf: float  # [0, 100]
    edits: float  # TER edit count (insertions, deletions, substitutions, shifts)
    words: int  # words of the edited text (the TER reference length)
    tgt: int | None = None  # 0-based English sentence id, when known

    @property
    def changed(self) -> bool:
        return self.original != self.edited

    def to_dict(self) -> dict[str, Any]:
        return {"tgt": self.tgt, "original": self.original, "edited": self.edited,
                "hter": round(self.hter, 6), "chrf": round(self.chrf, 4),
                "edits": self.edits, "words": self.words}


@dataclass(frozen=True)
class PostEditSummary:
    """Post-editing figures over several sentences, with sacrebleu's signatures."""

    edits: tuple[PostEdit, ...]
    hter: float | None  # corpus HTER (total edits / total words), None without sentences
    chrf_mean: float | None  # mean sentence chrF, None without sentences
    changed: int  # sentences whose text changed
    signatures: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "edits", tuple(self.edits))
        object.__setattr__(self, "signatures", MappingProxyType(dict(self.signatures)))

    def to_dict(self) -> dict[str, Any]:
        return {"sentences": len(self.edits), "changed": self.changed,
                "hter": None if self.hter is None else round(self.hter, 6),
                "chrf_mean": None if self.chrf_mean is None else round(self.chrf_mean, 4),
                "signatures": dict(self.signatures),
                "edits": [e.to_dict() for e in self.edits]}


def score_edit(original: str, edited: str, tgt: int | None = None) -> PostEdit:
    """HTER and chrF of one edit (``original`` → ``edited``)."""
    from align.measures.mt_metrics import chrf, ter

    hter = ter(original, edited) / 100.0
    words = len(edited.split())
    # With an empty reference TER is 1.0 (or 0.0), not edits/words: every word was deleted.
    n_edits = hter * words if words else float(len(original.split()))
    return PostEdit(original, edited, hter, chrf(original, edited), round(n_edits, 9), words, tgt)


def summarize(edits: Iterable[PostEdit]) -> PostEditSummary:
    """Corpus HTER and mean chrF over ``edits``. Pass unchanged sentences too (as edits with
    ``original == edited``) to get a whole-document HTER; they add words and no edits."""
    from align.measures.mt_metrics import signatures

    items = tuple(edits)
    sigs = signatures()
    if not items:
        return PostEditSummary((), None, None, 0, {"ter": sigs["ter"], "chrf": sigs["chrf"]})
    total_edits, total_words = sum(e.edits for e in items), sum(e.words for e in items)
    if total_words:
        hter = total_edits / total_words
    else:  # sacrebleu's convention for empty references
        hter = 1.0 if total_edits else 0.0
    return PostEditSummary(items, hter, sum(e.chrf for e in items) / len(items),
                           sum(e.changed for e in items),
                           {"ter": sigs["ter"], "chrf": sigs["chrf"]})


def edits_from_meta(aln: Alignment, name: str = "alignment") -> list[PostEdit]:
    """Scored edits recorded in ``aln.meta["postedits"]`` (see the module docstring), in
    English sentence order. Raises SchemaError naming ``name`` for a malformed entry."""
    raw = aln.meta.get(META_KEY) or []
    out: list[PostEdit] = []
    for k, entry in enumerate(raw):
        try:
            j = int(entry["tgt"])
            original = str(entry["original"])
            edited = aln.target.sentences[j].text
        except (KeyError, TypeError, ValueError, IndexError) as e:
            raise SchemaError(f"{name}: meta.{META_KEY}[{k}] is not "
                              f'{{"tgt": <English sentence id>, "original": <text>}} ({e!r})') from e
        out.append(score_edit(original, edited, j))
    return sorted(out, key=lambda e: e.tgt or 0)


def summarize_alignment(aln: Alignment, name: str = "alignment") -> PostEditSummary | None:
    """Whole-document post-editing summary (unedited English sentences count as unchanged),
    or None when the alignment records no edits."""
    edits = edits_from_meta(aln, name)
    if not edits:
        return None
    edited_ids = {e.tgt for e in edits}
    same = (score_edit(s.text, s.text, j) for j, s in enumerate(aln.target.sentences)
            if j not in edited_ids)
    return summarize([*edits, *same])


__all__ = ["META_KEY", "PostEdit", "PostEditSummary", "edits_from_meta", "score_edit",
           "summarize", "summarize_alignment"]
