"""An alignment to rows (import) and rows back to an alignment (``load``).

Document text: each side keeps the text it was imported with, and every sentence row its
``[start, end)`` span into it. ``load`` returns that text and those spans unchanged while
every sentence still equals its slice (nothing edited); after edits, splits or joins it
splices: the imported text with each sentence's span replaced by its current text (the
text between sentences -- spaces, paragraph breaks -- is kept; two sentences whose spans
touch or overlap get one space between them). An imported side whose text does not match
its spans (or is empty) is stored as the sentences joined by newlines. Flag spans are
anchored to sentences (``spans``) so they stay valid in whichever text ``load`` returns.
``meta["roles"]`` (digest furniture, keyed by English sentence id) is kept as imported and
computed again from the English side on ``load`` (:func:`align.digest.roles.roles_meta`).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

from align.store.edit.spans import anchor_flag, resolve_flag
from align.store.edit.suppress import is_suppressed, suppressed_list
from align.store.model import SIDES, BeadR, PairModel, Sent
from align.types import Alignment, Bead, Document, Sentence, Signature, Status

GAP = 1 << 16  # distance between consecutive order keys at import (see work.assign_keys)
COMPUTED_META = ("postedits", "bead_meta", "citation", "suppressed")


def valid_spans(doc: Document) -> bool:
    """Whether *doc*'s text holds every sentence at its span, in order."""
    if not doc.text:
        return not doc.sentences
    prev = 0
    for s in doc.sentences:
        if s.start < prev or doc.text[s.start:s.end] != s.text:
            return False
        prev = s.end
    return True


def stored_text(doc: Document) -> tuple[str, list[tuple[int, int]]]:
    """(text, spans) to store for *doc*: its own when valid, else a newline join."""
    if valid_spans(doc):
        return doc.text, [(s.start, s.end) for s in doc.sentences]
    spans, pos = [], 0
    for s in doc.sentences:
        spans.append((pos, pos + len(s.text)))
        pos += len(s.text) + 1
    return "\n".join(doc.texts), spans


def _sentence(r: Sent, lang: str, start: int, cache: dict[int, Any] | None) -> Sentence:
    """The Sentence of row *r* at *start*, reused from *cache* when nothing changed."""
    hit = cache.get(r.id) if cache is not None else None
    if hit is not None and hit[0] is r and hit[1] == start:
        return hit[2]  # type: ignore[no-any-return]
    out = Sentence(r.text, lang, r.paragraph, start, start + len(r.text))
    if cache is not None:
        cache[r.id] = (r, start, out)
    return out


def build_document(lang: str, text: str, rows: Sequence[Sent], meta: Mapping[str, Any],
                   cache: dict[int, Any] | None = None) -> tuple[Document, list[int]]:
    """The Document of one side and the start offset of each row (see module doc)."""
    prev, exact = 0, True
    for r in rows:
        if r.span_start < prev or text[r.span_start:r.span_end] != r.text:
            exact = False
            break
        prev = r.span_end
    if exact:
        sents = [_sentence(r, lang, r.span_start, cache) for r in rows]
        return Document(lang, tuple(sents), text, meta), [r.span_start for r in rows]
    parts: list[str] = []
    starts: list[int] = []
    cur, prev_end, prev_ok = 0, 0, True
    out: list[Sentence] = []
    for i, r in enumerate(rows):
        ok = r.span_start >= prev_end and text[r.span_start:r.span_end] == r.text
        a = min(r.span_start, len(text))
        gap = text[prev_end:a] if a >= prev_end else ""
        if i and not gap and not (ok and prev_ok):
            gap = " "
        parts += [gap, r.text]
        start = cur + len(gap)
        starts.append(start)
        out.append(_sentence(r, lang, start, cache))
        cur = start + len(r.text)
        prev_end, prev_ok = max(prev_end, min(r.span_end, len(text))), ok
    parts.append(text[prev_end:])
    return Document(lang, tuple(out), "".join(parts), meta), starts


def to_alignment(model: PairModel) -> Alignment:
    """The pair as an Alignment: beads in display order, meta as ``PairState`` documents.

    Sentence and Bead objects built for an earlier version are reused while their rows
    (and a bead's member lists) are the very same objects: an operation on a large pair
    then allocates only what it changed.
    """
    p = model.pair
    docs: dict[str, Document] = {}
    pos: dict[str, dict[int, int]] = {}
    for side in SIDES:
        rows = model.side(side)
        doc, starts = build_document(p[f"{side}_lang"], p[f"{side}_text"], rows,
                                     p[f"{side}_meta"] or {}, model.view.setdefault(side, {}))
        docs[side] = doc
        pos[side] = dict(zip(model.order[side], starts))
    lengths = {side: len(docs[side].text) for side in SIDES}
    members = model.members
    cache = model.view.setdefault("bead", {})
    beads = []
    for b in model.beads:
        src, tgt = members[b.id]
        hit = cache.get(b.id)
        if hit is not None and hit[0] is b and hit[1] is src and hit[2] is tgt and not b.flags:
            beads.append(hit[3])
            continue
        flags = tuple(resolve_flag(f, pos, lengths) for f in b.flags if not is_suppressed(f))
        bead = Bead(tuple(src), tuple(tgt), min(max(b.score, 0.0), 1.0), Status(b.status), flags)
        cache[b.id] = (b, src, tgt, bead)
        beads.append(bead)
    meta = dict(p["meta"] or {})
    tgt_rows = model.side("tgt")
    meta["postedits"] = [{"tgt": j, "original": r.original} for j, r in enumerate(tgt_rows)
                         if r.original is not None]
    meta["bead_meta"] = [{"reviewer": b.reviewer, "updated_at": b.updated_at}
                         for b in model.beads]
    if isinstance(meta.get("gloss"), Mapping):
        meta["gloss"] = {**meta["gloss"], "source": [r.gloss or "" for r in model.side("src")]}
    if p.get("citation"):
        meta["citation"] = dict(p["citation"])
    held = suppressed_list(model.beads)  # flags a suppression holds back (edit.suppress)
    if held:
        meta["suppressed"] = held
    if "roles" in meta:  # derived from the English side: recomputed, so splits and joins
        from align.digest.roles import roles_meta  # leave no role on a wrong sentence

        meta["roles"] = roles_meta(docs["tgt"])
    return Alignment(docs["src"], docs["tgt"], tuple(beads),
                     Signature.from_dict(p["signature"] or {"scorer": "unknown"}), meta)


def import_rows(aln: Alignment, bead_ids: Sequence[int], sent_ids: Sequence[int],
                at: str) -> tuple[dict[str, Any], list[BeadR], list[Sent]]:
    """Pair columns (texts, langs, meta), bead rows and sentence rows for *aln*.

    *bead_ids* (one per bead) and *sent_ids* (source sentences, then target) are the row
    ids to use. ``meta["postedits"]``, ``meta["bead_meta"]`` and the gloss are taken apart
    into the rows they describe; ``meta["suppressed"]`` (computed by ``to_alignment``) is
    dropped.
    """
    meta = {k: v for k, v in aln.meta.items() if k not in COMPUTED_META}
    gloss_src: Sequence[Any] = ()
    if isinstance(meta.get("gloss"), Mapping):
        gloss_src = meta["gloss"].get("source") or ()
        meta["gloss"] = {k: v for k, v in meta["gloss"].items() if k != "source"}
    originals = {int(e["tgt"]): str(e["original"]) for e in aln.meta.get("postedits") or ()
                 if isinstance(e, Mapping) and "tgt" in e and "original" in e}
    pair: dict[str, Any] = {"signature": aln.signature.to_dict(), "meta": meta}
    rows: list[Sent] = []
    starts: dict[str, list[int]] = {}
    ids: dict[str, list[int]] = {}
    it = iter(sent_ids)
    bead_of = {}
    for k, b in enumerate(aln.beads):
        for i in b.src:
            bead_of[("src", i)] = bead_ids[k]
        for j in b.tgt:
            bead_of[("tgt", j)] = bead_ids[k]
    for side, doc in (("src", aln.source), ("tgt", aln.target)):
        text, spans = stored_text(doc)
        pair.update({f"{side}_lang": doc.lang, f"{side}_text": text,
                     f"{side}_meta": dict(doc.meta)})
        ids[side] = []
        for i, (s, (a, e)) in enumerate(zip(doc.sentences, spans)):
            sid = next(it)
            ids[side].append(sid)
            gloss = str(gloss_src[i]) if side == "src" and i < len(gloss_src) else None
            rows.append(Sent(sid, side, (i + 1) * GAP, bead_of[(side, i)], s.text,
                             originals.get(i) if side == "tgt" else None, gloss,
                             s.paragraph, a, e, None))
        # Anchor imported flags to the imported spans when they are ordered.
        st = [s.start for s in doc.sentences]
        starts[side] = st if all(x <= y for x, y in pairwise(st)) else []
    bmeta = aln.meta.get("bead_meta")
    bmeta = bmeta if isinstance(bmeta, Sequence) and len(bmeta) == len(aln.beads) else None
    beads = []
    for k, b in enumerate(aln.beads):
        m = bmeta[k] if bmeta and isinstance(bmeta[k], Mapping) else {}
        flags = tuple(anchor_flag(f, starts, ids) for f in b.flags)
        beads.append(BeadR(bead_ids[k], (k + 1) * GAP, b.status.value, float(b.score), flags,
                           m.get("reviewer"), at, str(m.get("updated_at") or at)))
    return pair, beads, rows


def counts(model_beads: Sequence[BeadR], n_src: int, n_tgt: int) -> dict[str, Any]:
    """The cached summary columns of the ``pair`` row (``n_flags``: flags not suppressed)."""
    return {"n_src": n_src, "n_tgt": n_tgt, "n_beads": len(model_beads),
            "n_confirmed": sum(b.status == Status.CONFIRMED.value for b in model_beads),
            "n_rejected": sum(b.status == Status.REJECTED.value for b in model_beads),
            "n_flags": sum(not is_suppressed(f) for b in model_beads for f in b.flags),
            "score_sum": float(sum(b.score for b in model_beads))}
