"""Review operations: each is ONE transaction on one pair and returns the new PairState.

Every function is ``op(store, pair_id, ..., *, version, user) -> PairState``. ``version``
is the version the caller's view was built from; when the pair has moved on the call
raises ``Conflict`` and writes nothing. Beads are 0-based display positions; sentences
are (side "src" | "tgt", 0-based index). Every sentence stays in exactly one bead. Beads
whose sentences or texts change are rescored and re-checked (``refresh``) and go back to
status auto. In a monotonic pair an edit that would make links cross raises InvalidEdit
(free-mode pairs allow it). All operations except ``comment`` and ``resolve_flag`` (and
the pair-level ``assign`` / ``set_pair_status``) are undoable; a new one clears redo.
``recheck`` re-runs the QA checks on the whole pair (the edits re-check a window).
Flags the project suppresses (``resolve_flag`` with ``false_positive``; see
``align.store.edit.suppress``) are not raised again by any of them.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, update

from align.errors import InvalidEdit
from align.store.edit import ops
from align.store.edit.refresh import refresh
from align.store.edit.state import counts
from align.store.edit.suppress import key_of, model_texts
from align.store.edit.work import Work
from align.store.model import PairModel
from align.store.records import PAIR_STATUSES, RESOLUTIONS, PairState
from align.store.sql import suppress as suppressions
from align.store.sql.log import append, apply_image, clear_redo, images, mark, target, write_changes
from align.store.sql.schema import T_COMMENT, T_PAIR, T_RESOLUTION
from align.store.sql.txn import Tx, alloc_ids, version_rows, write_pair
from align.types import Status

if TYPE_CHECKING:
    from align.store.store import Store


def _finish(store: Store, tx: Tx, model: PairModel, op: str, args: dict[str, Any],
            before: Any = None, after: Any = None, *, undo: int = 0, redo: int = 0,
            undoable: bool = False, **pair: Any) -> tuple[PairModel, PairState]:
    """Counts, undo/redo depth and the log entry; the final model and state."""
    p = model.pair
    vals = {**counts(model.beads, len(model.order["src"]), len(model.order["tgt"])),
            "n_undo": p["n_undo"] + undo, "n_redo": 0 if undoable else p["n_redo"] + redo,
            **pair}
    if undoable and p["n_redo"]:
        clear_redo(tx.conn, model.id)
    tx.conn.execute(update(T_PAIR).where(T_PAIR.c.id == model.id).values(**vals))
    append(tx.conn, model.id, tx.seq, tx.user, tx.at, op, args, before, after, undoable)
    model = model.with_pair(**vals)
    tx.result = model  # write_pair caches it once the transaction commits
    return model, store.state_of(model, tx.conn)


def _edit(store: Store, pair_id: int, version: int, user: str, op: str, args: dict[str, Any],
          fn: Callable[[Work], set[int] | None]) -> PairState:
    with write_pair(store, pair_id, version, user) as tx:
        project = int(tx.model.pair["project_id"])
        w = Work(tx.model, lambda t, n: alloc_ids(tx.conn, t, n), user, tx.at,
                 lambda: suppressions.project_keys(tx.conn, project))
        scored = fn(w)
        if w.structural and (tx.model.pair["signature"] or {}).get("mode") != "free":
            base = tx.model
            was = ops.crossings([b.id for b in base.beads], base.members)
            now = ops.crossings(w.order, w.all_members())
            if now > was:
                raise InvalidEdit(f"{op} would make links cross, and pair {pair_id} is "
                                  f"aligned in monotonic mode")
        refresh(w, scored=scored)
        model, cs = w.finish()
        for v in version_rows(tx.conn, pair_id, w.versions, user, tx.at):
            cs.rows["version"][v["id"]] = (None, v)
        before, after = images(cs)
        write_changes(tx.conn, pair_id, cs)
        model, state = _finish(store, tx, model, op, args, before, after, undo=1, undoable=True)
    return state


def link(store: Store, pair_id: int, src: int, tgt: int, *, version: int, user: str) -> PairState:
    """Move source sentence *src* into the bead holding English sentence *tgt*."""
    return _edit(store, pair_id, version, user, "link", {"src": src, "tgt": tgt},
                 lambda w: ops.link(w, src, tgt))


def unlink(store: Store, pair_id: int, src: int, *, version: int, user: str) -> PairState:
    """Source sentence *src* becomes its own 1-0 bead, placed in source order."""
    return _edit(store, pair_id, version, user, "unlink", {"src": src},
                 lambda w: ops.unlink(w, src))


def detach(store: Store, pair_id: int, side: str, index: int, *, version: int,
           user: str) -> PairState:
    """The sentence becomes its own null bead ("insert a gap")."""
    return _edit(store, pair_id, version, user, "detach", {"side": side, "index": index},
                 lambda w: ops.detach(w, side, index))


def merge(store: Store, pair_id: int, bead: int, direction: str, *, version: int,
          user: str) -> PairState:
    """Merge bead *bead* with its neighbour ("prev" | "next")."""
    return _edit(store, pair_id, version, user, "merge", {"bead": bead, "direction": direction},
                 lambda w: ops.merge(w, bead, direction))


def split_bead(store: Store, pair_id: int, bead: int, n_src: int, n_tgt: int, *, version: int,
               user: str) -> PairState:
    """Split a bead; the first part keeps its first *n_src* / *n_tgt* sentences."""
    return _edit(store, pair_id, version, user, "split_bead",
                 {"bead": bead, "n_src": n_src, "n_tgt": n_tgt},
                 lambda w: ops.split_bead(w, bead, n_src, n_tgt))


def shift(store: Store, pair_id: int, side: str, index: int, direction: str, *, version: int,
          user: str) -> PairState:
    """Move a sentence to the previous ("up") or next ("down") bead."""
    return _edit(store, pair_id, version, user, "shift",
                 {"side": side, "index": index, "direction": direction},
                 lambda w: ops.shift(w, side, index, direction))


def split_sentence(store: Store, pair_id: int, side: str, index: int, at: int, *, version: int,
                   user: str) -> PairState:
    """Split a sentence at character offset *at* (0 < at < len(text))."""
    return _edit(store, pair_id, version, user, "split_sentence",
                 {"side": side, "index": index, "at": at},
                 lambda w: ops.split_sentence(w, side, index, at))


def join_sentences(store: Store, pair_id: int, side: str, index: int, *, version: int,
                   user: str) -> PairState:
    """Join sentences *index* and *index* + 1 of one side (their beads merge)."""
    return _edit(store, pair_id, version, user, "join_sentences", {"side": side, "index": index},
                 lambda w: ops.join_sentences(w, side, index))


def edit_text(store: Store, pair_id: int, side: str, index: int, text: str, *, version: int,
              user: str) -> PairState:
    """Replace a sentence's text (the first original is kept for post-edit metrics)."""
    return _edit(store, pair_id, version, user, "edit_text",
                 {"side": side, "index": index, "text": text},
                 lambda w: ops.edit_text(w, side, index, text))


def set_status(store: Store, pair_id: int, bead: int, status: Status | str, *, version: int,
               user: str) -> PairState:
    """Set one bead's status (auto | confirmed | rejected)."""
    st = ops.parse_status(status)
    return _edit(store, pair_id, version, user, "set_status", {"bead": bead, "status": st.value},
                 lambda w: ops.set_status(w, bead, st))


def confirm_above(store: Store, pair_id: int, bead: int, *, version: int,
                  user: str) -> PairState:
    """Confirm every automatic bead from 0 to *bead* (rejected ones stay rejected)."""
    return _edit(store, pair_id, version, user, "confirm_above", {"bead": bead},
                 lambda w: ops.confirm_above(w, bead))


def realign(store: Store, pair_id: int, start_bead: int | None = None, scorer: str = "lexical",
            *, version: int, user: str) -> PairState:
    """Re-align from *start_bead* (default: the first unconfirmed) to the end; confirmed
    beads are kept as anchors."""
    from align.store.edit.realign import realign as run

    return _edit(store, pair_id, version, user, "realign",
                 {"start_bead": start_bead, "scorer": scorer},
                 lambda w: run(w, start_bead, scorer))


def recheck(store: Store, pair_id: int, *, version: int, user: str) -> PairState:
    """Run every QA check on the whole current alignment and store the flags it finds on
    each bead whose flags differ (statuses and scores untouched); undoable. Corrects flags
    the windowed re-check of earlier edits left stale (see ``align.store.edit.recheck``)."""
    from align.store.edit.recheck import recheck_flags

    return _edit(store, pair_id, version, user, "recheck", {}, recheck_flags)


def _replay(store: Store, pair_id: int, version: int, user: str, redo: bool) -> PairState:
    with write_pair(store, pair_id, version, user) as tx:
        e = target(tx.conn, pair_id, redo)
        if e is None:
            raise InvalidEdit(f"pair {pair_id} has nothing to {'redo' if redo else 'undo'}")
        want, have = (e["after"], e["before"]) if redo else (e["before"], e["after"])
        model, cs = apply_image(tx.model, want or {}, have or {})
        write_changes(tx.conn, pair_id, cs)
        mark(tx.conn, pair_id, e["seq"], undone=not redo)
        model, state = _finish(store, tx, model, "redo" if redo else "undo",
                        {"seq": e["seq"], "op": e["op"]},
                        undo=1 if redo else -1, redo=-1 if redo else 1)
    return state


def undo(store: Store, pair_id: int, *, version: int, user: str) -> PairState:
    """Undo the latest operation not yet undone."""
    return _replay(store, pair_id, version, user, redo=False)


def redo(store: Store, pair_id: int, *, version: int, user: str) -> PairState:
    """Redo the operation undone last (until a new operation clears redo)."""
    return _replay(store, pair_id, version, user, redo=True)


def comment(store: Store, pair_id: int, bead: int | None, text: str, *, version: int,
            user: str) -> PairState:
    """Add a comment on bead *bead* (None: on the pair). Not undoable."""
    if not text.strip():
        raise InvalidEdit("a comment needs text")
    with write_pair(store, pair_id, version, user) as tx:
        bid = None if bead is None else Work(tx.model, _no_ids, user, tx.at).bead_id(bead)
        row = {"pair_id": pair_id, "bead_id": bid, "user": user, "at": tx.at, "text": text}
        cid = tx.conn.execute(insert(T_COMMENT).values(**row).returning(T_COMMENT.c.id))
        row["id"] = cid.scalar_one()
        m = tx.model
        model = PairModel(m.pair, m.beads, m.sents, m.order, (*m.comments, row), m.resolutions)
        model, state = _finish(store, tx, model, "comment", {"bead": bead, "text": text})
    return state


def resolve_flag(store: Store, pair_id: int, bead: int, flag_type: str, resolution: str, *,
                 version: int, user: str) -> PairState:
    """Record a verdict (accepted | false_positive) on a bead's QA flag. Not undoable.

    ``false_positive`` also suppresses the flag type on this sentence pair in the whole
    project (``align.store.edit.suppress``): later re-checks, edits and added pairs do not
    raise it again. ``accepted`` lifts that suppression (the next re-check raises the flag
    again). A flag a suppression holds back on this bead can be resolved too."""
    if resolution not in RESOLUTIONS:
        raise InvalidEdit(f"unknown resolution {resolution!r} (accepted, false_positive)")
    with write_pair(store, pair_id, version, user) as tx:
        m = tx.model
        bid = Work(m, _no_ids, user, tx.at).bead_id(bead)
        if not any(f.get("type") == flag_type for f in m.beads[m.bead_pos[bid]].flags):
            raise InvalidEdit(f"bead {bead} of pair {pair_id} has no {flag_type!r} flag")
        project = int(m.pair["project_id"])
        texts = model_texts(m, bid)
        key = key_of(flag_type, texts, (str(m.pair["src_lang"]), str(m.pair["tgt_lang"])))
        if resolution == "false_positive":
            suppressions.record(tx.conn, project, key, {
                "flag_type": flag_type, "pair_id": pair_id, "src_text": texts[0],
                "tgt_text": texts[1], "user": user, "at": tx.at})
        else:
            suppressions.remove(tx.conn, project, key)
        t = T_RESOLUTION
        tx.conn.execute(delete(t).where(t.c.pair_id == pair_id, t.c.bead_id == bid,
                                        t.c.flag_type == flag_type))
        row = {"pair_id": pair_id, "bead_id": bid, "flag_type": flag_type,
               "resolution": resolution, "user": user, "at": tx.at}
        row["id"] = tx.conn.execute(insert(t).values(**row).returning(t.c.id)).scalar_one()
        kept = tuple(r for r in m.resolutions
                     if (r["bead_id"], r["flag_type"]) != (bid, flag_type))
        model = PairModel(m.pair, m.beads, m.sents, m.order, m.comments, (*kept, row))
        model, state = _finish(store, tx, model, "resolve_flag",
                        {"bead": bead, "flag_type": flag_type, "resolution": resolution})
    return state


def set_pair(store: Store, pair_id: int, *, version: int, user: str, op: str,
             **values: Any) -> PairState:
    """Pair-level fields (``assignee``, ``status``); logged, not undoable."""
    if "status" in values and values["status"] not in PAIR_STATUSES:
        raise InvalidEdit(f"unknown pair status {values['status']!r} ({', '.join(PAIR_STATUSES)})")
    with write_pair(store, pair_id, version, user) as tx:
        model = tx.model
        model, state = _finish(store, tx, model, op, dict(values), **values)
    return state


def _no_ids(table: str, n: int) -> list[int]:
    raise AssertionError("no rows are created here")
