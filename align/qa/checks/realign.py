"""The alignment the content checks judge: local link slips of the aligner undone.

The content checks (numbers, names, negation, untranslated words, support, length) compare
an English sentence with the source it renders. When the aligner links an English sentence
to a source sentence that renders almost none of it, while the source of the neighbouring
link renders much of it, the fault is the link, not the English: the aligner split a 1-2
bead (``[6] -> [1, 2]``) into ``[3] -> [1]`` and ``[6] -> [2]``. Judging sentence 1 against
source 3 would raise an ``unsupported`` flag, a ``length`` flag on ``[6] -> [2]`` and a name
flag for every name of sentence 1: all false, and all one alignment error, which the report
shows through the bead's confidence.

Rule (`realign`): English sentence *j* at the edge of a linked bead *A* is moved into the
neighbouring linked bead *B* (the nearest bead before or after *A* that holds English
sentences; it must have source sentences, so *j* stays in reading order) when

* the English share of *j* rendered by *A*'s source (`align.qa.adequacy.english_support`)
  is below ``MAX_OWN`` (0.15, the ``unsupported`` threshold: the link is otherwise flagged);
* the share rendered by *B*'s source is at least ``MIN_OTHER`` (0.4) and ``MIN_GAIN`` (0.3)
  above the first;
* *j* has at least ``MIN_TOKENS`` (4) content tokens (fewer give no reliable share), and
  neither bead is confirmed by a reviewer nor itself gives or takes another sentence.

Measured on the automatic lexical alignments of the bundled samples and the NTREX tuning
half: every moved sentence was a gold link of *B* except one (a translator moved a clause
between two NTREX sentences); the planted additions of ``samples/qa`` are rendered by at
most 17% by any neighbour, far from ``MIN_OTHER``. Free-mode alignments are left as they
are (their checks already look through the whole source).

`Realigned.to_original` puts a finding back on the bead of the alignment that holds the
offending English sentence (the bead indices of the view and the alignment are the same:
a move only takes an English sentence from one bead to its neighbour).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from align.qa.checks.base import Context, Finding
from align.types import Alignment, Mode, Status

MAX_OWN = 0.15
MIN_OTHER = 0.4
MIN_GAIN = 0.3
MIN_TOKENS = 4


@dataclass(frozen=True)
class Move:
    """English sentence ``tgt`` moved from bead ``src_bead`` to bead ``dst_bead`` (0-based
    indices into ``aln.beads``), with the English shares its two sources render."""

    tgt: int
    src_bead: int
    dst_bead: int
    own: float
    other: float

    def to_dict(self, aln: Alignment) -> dict[str, object]:
        return {"tgt": self.tgt, "from": list(aln.beads[self.src_bead].src),
                "to": list(aln.beads[self.dst_bead].src), "support_from": round(self.own, 3),
                "support_to": round(self.other, 3)}


@dataclass(frozen=True)
class Realigned:
    """The view (``ctx.aln`` with the moves applied, same bead indices) and the moves."""

    ctx: Context
    moves: tuple[Move, ...]

    def to_original(self, f: Finding) -> Finding:
        """*f* (found on the view) on the bead of the original alignment that holds the
        English sentence where its ``tgt_span`` starts; other findings keep their bead."""
        if f.flag.tgt_span is None or not self.moves:
            return f
        start = f.flag.tgt_span[0]
        for m in self.moves:
            s = self.ctx.aln.target.sentences[m.tgt]
            if s.start <= start < max(s.end, s.start + 1) and m.dst_bead == f.bead:
                return dataclasses.replace(f, bead=m.src_bead)
        return f


def _share(ctx: Context, j: int, src: tuple[int, ...]) -> float:
    from align.qa.adequacy import english_support

    toks = [t for i in src for t in ctx.analysis("src", i)]
    share = english_support(ctx.analysis("tgt", j), toks, ctx.lexicon)
    return 0.0 if share is None else share


def _candidates(ctx: Context) -> list[Move]:
    beads = ctx.aln.beads
    with_tgt = [k for k, b in enumerate(beads) if b.tgt]
    out: list[Move] = []
    for n, k in enumerate(with_tgt):
        a = beads[k]
        if not a.src or a.status == Status.CONFIRMED:
            continue
        for j, other in ((a.tgt[0], n - 1), (a.tgt[-1], n + 1)):
            if not 0 <= other < len(with_tgt):
                continue
            b = beads[with_tgt[other]]
            if not b.src or b.status == Status.CONFIRMED:
                continue
            if sum(t.key is not None for t in ctx.analysis("tgt", j)) < MIN_TOKENS:
                continue
            own = _share(ctx, j, a.src)
            if own >= MAX_OWN:
                continue
            alt = _share(ctx, j, b.src)
            if alt >= MIN_OTHER and alt - own >= MIN_GAIN:
                out.append(Move(j, k, with_tgt[other], own, alt))
    return out


def realign(ctx: Context) -> Realigned:
    """The view of ``ctx.aln`` the content checks judge (module doc); shares ``ctx``'s
    caches. Without moves the view is ``ctx`` itself."""
    if ctx.aln.signature.mode == Mode.FREE.value:
        return Realigned(ctx, ())
    moves: list[Move] = []
    busy: set[int] = set()
    for m in sorted(_candidates(ctx), key=lambda m: m.own - m.other):
        if {m.src_bead, m.dst_bead} & busy or any(x.tgt == m.tgt for x in moves):
            continue
        moves.append(m)
        busy |= {m.src_bead, m.dst_bead}
    if not moves:
        return Realigned(ctx, ())
    beads = list(ctx.aln.beads)
    for m in moves:
        a, b = beads[m.src_bead], beads[m.dst_bead]
        beads[m.src_bead] = dataclasses.replace(a, tgt=tuple(j for j in a.tgt if j != m.tgt))
        beads[m.dst_bead] = dataclasses.replace(b, tgt=tuple(sorted((*b.tgt, m.tgt))))
    view = dataclasses.replace(ctx.aln, beads=tuple(beads))
    return Realigned(ctx.view(view), tuple(sorted(moves, key=lambda m: m.tgt)))
