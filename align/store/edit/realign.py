"""``realign``: re-run the aligner on the beads from one position to the end, confirmed
beads kept as anchors (their rows untouched); beads the aligner reproduces exactly keep
their rows too, the others are replaced by new automatic beads scored by the aligner."""
from __future__ import annotations

from align.errors import InvalidAlignment, InvalidEdit
from align.store.edit.work import Work
from align.store.model import SIDES, BeadR
from align.types import Bead, Document, Signature, Status, order_beads


def realign(w: Work, start_bead: int | None, scorer: str) -> set[int]:
    """Edit *w*; returns the ids of new beads (already scored by the aligner)."""
    from align.aligner import align_documents

    if start_bead is None:
        start = next((k for k, b in enumerate(w.order)
                      if w.beads[b].status != Status.CONFIRMED.value), None)
        if start is None:
            raise InvalidEdit("every bead is confirmed; there is nothing to re-align")
    else:
        w.bead_id(start_bead)
        start = start_bead
    tail = w.order[start:]
    confirmed = [b for b in tail if w.beads[b].status == Status.CONFIRMED.value]
    # Confirmed null beads stay out of the re-alignment (as anchors they would pin the
    # other side's boundary); confirmed links are the aligner's anchors.
    fixed = [b for b in confirmed if not all(w.members(b))]
    fixed_rows = {sid for b in fixed for side in SIDES for sid in w.side_ids(b, side)}
    rows = {side: [sid for b in tail for sid in w.side_ids(b, side)] for side in SIDES}
    for side in SIDES:
        rows[side] = sorted((s for s in rows[side] if s not in fixed_rows), key=w.index)
    sub = {side: {sid: k for k, sid in enumerate(rows[side])} for side in SIDES}
    docs = {}
    for side in SIDES:
        ss = [w.sents[s] for s in rows[side]]
        docs[side] = Document.from_texts([s.text for s in ss], w.base.pair[f"{side}_lang"],
                                         [s.paragraph for s in ss])
    anchors = [Bead(tuple(sub["src"][s] for s in w.side_ids(b, "src")),
                    tuple(sub["tgt"][t] for t in w.side_ids(b, "tgt")), 0.0, Status.CONFIRMED)
               for b in confirmed if b not in fixed]
    sig = Signature.from_dict(w.base.pair["signature"] or {"scorer": "unknown"})
    mode = sig.mode if sig.mode in ("monotonic", "free") else "auto"
    profile = sig.profile if sig.profile in ("summary", "translation") else "auto"
    try:
        aln = align_documents(docs["src"], docs["tgt"], scorer=scorer, mode=mode,
                              profile=profile, anchors=anchors)
    except InvalidAlignment as e:
        raise InvalidEdit(f"cannot re-align from bead {start}: {e}") from e
    old = {(tuple(w.side_ids(b, "src")), tuple(w.side_ids(b, "tgt"))): b for b in tail}
    wanted = [((tuple(rows["src"][i] for i in nb.src), tuple(rows["tgt"][j] for j in nb.tgt)),
               nb.score) for nb in aln.beads]
    wanted += [((tuple(w.side_ids(b, "src")), tuple(w.side_ids(b, "tgt"))), 0.0) for b in fixed]
    fresh = w.ids("bead", sum(1 for key, _ in wanted if key not in old))
    new_ids: set[int] = set()
    placed: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
    for key, score in wanted:
        b = old.pop(key, None)
        if b is None:
            b = fresh.pop(0)
            new_ids.add(b)
            w.beads[b] = BeadR(b, 0, Status.AUTO.value, score, (), w.user, w.at, w.at)
            w.structural.add(b)
            for sid in key[0] + key[1]:
                w.set_sent(sid, bead_id=b)
        placed[(tuple(w.index(s) for s in key[0]), tuple(w.index(t) for t in key[1]))] = b
    for b in old.values():
        del w.beads[b]
    reading = order_beads(Bead(s, t) for s, t in placed)
    w.order[start:] = [placed[(b.src, b.tgt)] for b in reading]
    w.invalidate()
    return new_ids
