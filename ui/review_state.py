"""One reviewer's view of one pair, without Streamlit: the state last loaded, the focused
bead, the page, the last message, and typed text that could not be saved.

Operations go through :meth:`ReviewSession.apply`, which calls ``align.store.review.<op>``
with the version the reviewer saw. A ``Conflict`` (someone saved first) reloads the pair and
says so; the reviewer's typed text is kept in ``drafts`` and shown, never dropped silently.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from align.qa.levels import DEFAULT_LEVEL
from ui import navigate
from ui.view import PairView, page_of

if TYPE_CHECKING:
    from align.store import PairState, Store

UNDOABLE = ("link", "unlink", "detach", "merge", "split_bead", "shift", "split_sentence",
            "join_sentences", "edit_text", "set_status", "confirm_above", "realign", "recheck")


@dataclass
class Message:
    level: str  # "success" | "info" | "warning" | "error"
    text: str


@dataclass
class Draft:
    """Text typed for sentence ``(side, index)`` whose save failed; ``seen`` is the text the
    reviewer started from."""

    side: str
    index: int
    seen: str
    typed: str


@dataclass
class ReviewSession:
    pair_id: int
    state: Any  # align.store.PairState
    current: int = 0
    page_size: int = 25
    qa_level: str = DEFAULT_LEVEL  # which flags the page shows (align.qa.levels.LEVELS)
    message: Message | None = None
    drafts: list[Draft] = field(default_factory=list)
    _view: PairView | None = None
    _view_key: tuple[int, str] = (-1, "")

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def open(cls, store: Store, pair_id: int, page_size: int = 25,
             qa_level: str = DEFAULT_LEVEL) -> ReviewSession:
        state = store.load(pair_id)
        rs = cls(pair_id, state, page_size=page_size, qa_level=qa_level)
        first = navigate.first_unconfirmed(state.alignment.beads)
        rs.current = first if first is not None else 0
        return rs

    def reload(self, store: Store) -> None:
        self.state = store.load(self.pair_id)
        self.current = navigate.step(len(self.state.alignment.beads), self.current, 0)

    @property
    def version(self) -> int:
        return int(self.state.info.version)

    @property
    def view(self) -> PairView:
        """The PairView of the current state at ``qa_level`` (rebuilt only when the version
        or the level changes)."""
        key = (self.version, self.qa_level)
        if self._view is None or self._view_key != key:
            self._view = PairView(self.state.alignment, self.state.resolutions,
                                  self.state.comments, level=self.qa_level)
            self._view_key = key
        return self._view

    @property
    def n_beads(self) -> int:
        return len(self.state.alignment.beads)

    @property
    def page(self) -> int:
        """1-based page holding the focused bead."""
        return page_of(self.current, self.page_size)

    # -- operations ----------------------------------------------------------------------
    def apply(self, store: Store, op: Callable[..., PairState], *args: Any, user: str,
              draft: Draft | None = None, **kwargs: Any) -> bool:
        """Run a review operation (``align.store.review.link`` …) as
        ``op(store, pair, *args, version=…, user=…, **kwargs)``.

        True on success (state replaced). On ``Conflict`` the pair is reloaded and the
        message says what happened; on another AlignError nothing changes but the message.
        ``draft`` (typed text behind the op) is kept in ``drafts`` whenever the op fails.
        """
        from align.errors import AlignError, Conflict

        try:
            new = op(store, self.pair_id, *args, version=self.version, user=user, **kwargs)
        except Conflict as e:
            self.reload(store)
            kept = " Your typed text is kept below." if draft else ""
            self.message = Message("warning", f"Conflict: {e}. The pair was reloaded; "
                                   f"check the rows and apply your change again.{kept}")
            self._keep(draft)
            return False
        except AlignError as e:
            self.message = Message("error", f"{op.__name__}: {e}")
            self._keep(draft)
            return False
        self.state = new
        self.message = None
        if draft is not None:
            self.drafts = [d for d in self.drafts if (d.side, d.index) != (draft.side,
                                                                            draft.index)]
        self.current = navigate.step(self.n_beads, self.current, 0)
        return True

    def recheck(self, store: Store, *, user: str) -> bool:
        """Re-run every QA check on the whole pair (``review.recheck``, one undoable step);
        the message says how many flags it added and removed. A Conflict reloads (``apply``)."""
        from align.store.edit.recheck import flag_delta

        before = self.state.alignment
        from align.store import review

        if not self.apply(store, review.recheck, user=user):
            return False
        added, removed = flag_delta(before, self.state.alignment)
        held = len(self.state.alignment.meta.get("suppressed") or ())
        self.message = Message("success", f"QA flags re-checked on the whole pair: {added} "
                               f"added, {removed} removed"
                               + (f", {held} suppressed (marked false positive before)"
                                  if held else ""))
        return True

    def _keep(self, draft: Draft | None) -> None:
        if draft is not None and draft.typed != draft.seen:
            self.drafts = [d for d in self.drafts if (d.side, d.index) != (draft.side,
                                                                            draft.index)]
            self.drafts.append(draft)

    # -- focus and navigation ------------------------------------------------------------
    def goto(self, k: int | None, missing: str = "") -> None:
        if k is None:
            self.message = Message("info", missing or "nothing to go to")
            return
        self.current = navigate.step(self.n_beads, k, 0)

    def focus_bead_of(self, side: str, index: int) -> None:
        try:
            self.current = self.view.bead_of(side, index)
        except IndexError:
            self.current = navigate.step(self.n_beads, self.current, 0)

    def next_unconfirmed(self) -> None:
        self.goto(navigate.next_unconfirmed(self.state.alignment.beads, self.current),
                  "every bead is reviewed")

    def next_lowest(self) -> None:
        self.goto(navigate.next_lowest(self.state.alignment.beads, self.current),
                  "no other bead left to review")

    def next_flag(self) -> None:
        self.goto(navigate.next_flag(self.view.beads, self.current, self.view.resolved),
                  "no open QA flags")

    def move(self, delta: int) -> None:
        self.current = navigate.step(self.n_beads, self.current, delta)

    def set_page(self, page: int) -> None:
        """Show 1-based ``page``; the focus moves to its first bead unless already on it."""
        if page != self.page:
            self.current = navigate.step(self.n_beads, (page - 1) * self.page_size, 0)
