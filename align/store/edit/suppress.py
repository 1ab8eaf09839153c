"""Suppression of QA flags a reviewer marked false positive (as Xbench's "ignore").

When a reviewer resolves a flag ``false_positive``, the store records a suppression for its
project keyed by :func:`suppression_key`: the flag type and the bead's source and English
texts, each normalised (:func:`normalise`: folded as :func:`align.text.casefold.fold` does
for its language, whitespace collapsed), hashed with SHA-256. Any later computation of flags
in that project — ``recheck``, the window re-check after an edit (``refresh``), a pair
added or imported — does not raise a flag whose key is suppressed: it is stored on its bead
marked ``"suppressed": true`` and left out of the alignment the store hands out (so
``load``, exports and reports do not show it; ``meta["suppressed"]`` lists them per bead and
``n_flags`` does not count them). Resolving the flag ``accepted`` again removes the
suppression; the next computation raises the flag again.

The key holds texts, not positions: the same sentence pair in another pair of the project
is suppressed too, and editing either side's text lifts it (another key). Flags of other
types on the same bead are untouched.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from align.store.model import SIDES, BeadR, PairModel
from align.text.casefold import fold
from align.types import Alignment, Bead

MARK = "suppressed"
"""Key of the marker on a stored flag that a suppression holds back."""


def normalise(text: str, lang: str) -> str:
    """*text* as suppression keys see it: folded for *lang*, whitespace runs one space."""
    return " ".join(fold(text, lang).split())


def suppression_key(flag_type: str, src: str, tgt: str, src_lang: str, tgt_lang: str) -> str:
    """SHA-256 (hex) of the flag type and the normalised source and English texts."""
    raw = "\x1f".join((flag_type, normalise(src, src_lang), normalise(tgt, tgt_lang)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def bead_texts(aln: Alignment, bead: Bead) -> tuple[str, str]:
    """(source, English) text of *bead*: its sentences joined with a space."""
    return (" ".join(aln.source.sentences[i].text for i in bead.src),
            " ".join(aln.target.sentences[j].text for j in bead.tgt))


def model_texts(model: PairModel, bead_id: int) -> tuple[str, str]:
    """(source, English) text of bead *bead_id* of a stored pair, as :func:`bead_texts`."""
    members = model.members[bead_id]
    out = []
    for n, side in enumerate(SIDES):
        order = model.order[side]
        out.append(" ".join(model.sents[order[i]].text for i in members[n]))
    return out[0], out[1]


def key_of(flag_type: str, texts: tuple[str, str], langs: tuple[str, str]) -> str:
    return suppression_key(flag_type, texts[0], texts[1], langs[0], langs[1])


def is_suppressed(stored: Mapping[str, Any]) -> bool:
    return bool(stored.get(MARK))


def mark(stored: Sequence[Mapping[str, Any]], texts: tuple[str, str], langs: tuple[str, str],
         keys: Collection[str]) -> tuple[dict[str, Any], ...]:
    """*stored* (one bead's stored flags, whose texts are *texts*) with every flag whose key is
    in *keys* marked suppressed, and every other flag unmarked."""
    out = []
    for f in stored:
        d = {k: v for k, v in f.items() if k != MARK}
        if keys and key_of(str(d.get("type", "")), texts, langs) in keys:
            d[MARK] = True
        out.append(d)
    return tuple(out)


def mark_rows(rows: Sequence[BeadR], aln: Alignment, keys: Collection[str]) -> list[BeadR]:
    """Bead rows of *aln* (one per bead, in order, as ``state.import_rows`` makes them) with
    the flags whose key is in *keys* marked suppressed."""
    if not keys:
        return list(rows)
    langs = (aln.source.lang, aln.target.lang)
    return [dataclasses.replace(r, flags=mark(r.flags, bead_texts(aln, b), langs, keys))
            for r, b in zip(rows, aln.beads, strict=True)]


def suppressed_list(model_beads: Sequence[Any]) -> list[dict[str, Any]]:
    """``[{"bead": position, "type", "message"}]`` of the suppressed flags of a pair's
    beads (rows in display order; 0-based positions): ``meta["suppressed"]``."""
    return [{"bead": k, "type": str(f.get("type", "")), "message": str(f.get("message", ""))}
            for k, b in enumerate(model_beads) for f in b.flags if is_suppressed(f)]

