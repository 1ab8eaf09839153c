"""QA checks on an alignment: each check is a small class in its own file, found by its
stable type name in `CHECKS`; `run_checks` puts their flags on the beads.

==================  ==========  =====================================================
type                severity    what
==================  ==========  =====================================================
number_mismatch     major/crit  an English number absent from the linked Turkish
entity_mismatch     minor-crit  a name in the English absent from the linked Turkish
negation_flip       critical    polarity differs between the linked sentences (antonyms too)
untranslated        major       Turkish words left in the English
unsupported         major/crit  an English sentence with no (or weak) source support
omission            minor       a skipped source sentence inside a run, no "…"
length              minor       a compression outlier (truncated or padded)
mojibake            major       encoding damage in either side (``ÅŸ``, ``�``, ``Erdo?an``)
terminology         major       a glossary term not rendered as the user's glossary says
consistency         minor       one name spelled two ways in the English
==================  ==========  =====================================================

Each module's docstring gives its rules and limits. Flags sit on the bead that holds the
offending English sentence; ``omission`` flags sit on the bead of the first skipped
source sentence, ``terminology`` flags and source-side ``mojibake`` flags on the bead of the
Turkish sentence. The content checks (all but ``omission``) judge an English sentence
against the source that renders it: where the aligner linked a sentence to a source that
renders almost none of it and the neighbouring link's source renders much of it, they use
the neighbour's (`align.qa.checks.realign`; the moves are listed in
``meta["qa"]["realigned"]``). Spans are ``[start, end)`` into ``aln.source.text`` / ``aln.target.text``.
When both run, a ``length`` flag on a bead that also has an ``unsupported`` flag is dropped
(the missing source already explains the odd length).
Digest furniture: the content checks' findings on English sentences whose role in
``meta["roles"]`` is ``citation`` or ``framing`` (:data:`align.digest.roles.UNCHECKED`,
recorded by ``align pair``) are dropped (see :func:`align.digest.roles.on_furniture`);
``lead`` sentences and ``omission`` stay checked.

Every flag names the ``rule`` of its check that raised it and carries a ``confidence``, that
rule's precision on the tuning half of the planted-error benchmark
(:mod:`align.qa.confidence`); :mod:`align.qa.levels` chooses by it which flags a reader
sees. ``run_checks`` returns every flag (the ``strict`` level).
"""
from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterator, Mapping, Sequence

from align.errors import UnknownComponent
from align.qa.checks.base import Check, Context, Finding
from align.qa.checks.realign import realign
from align.qa.glossary import Glossary
from align.qa.registry import REGISTRY, SEVERITY, CheckSpec, specs, types
from align.types import Alignment, Bead, Flag

VERSION = "qa-checks.v3"
"""Bumped when a check changes behaviour; stored in ``aln.meta["qa"]``. v2: realigned
view for the content checks, two-way ``unsupported`` rule, inflected Turkish number
words, ``-mAmA`` and surnames in ``negation_flip``, transliterated names. v3: the
``mojibake``, ``terminology`` and ``consistency`` checks; flag rules and confidences,
swap evidence in ``entity_mismatch``, antonyms in ``negation_flip``, semantic support in
``unsupported``, currencies and units, digest furniture skipped."""


class _Registry(Mapping[str, type[Check]]):
    """Read-only map from type name to check class; modules are imported on first use."""

    def __getitem__(self, name: str) -> type[Check]:
        module, cls_name = specs()[name].where.split(":")
        if "." not in module:
            module = f"align.qa.checks.{module}"
        cls: type[Check] = getattr(importlib.import_module(module), cls_name)
        return cls

    def __iter__(self) -> Iterator[str]:
        return iter(types())

    def __len__(self) -> int:
        return len(REGISTRY)


CHECKS: Mapping[str, type[Check]] = _Registry()
"""Type name -> check class, in report order."""




def run_checks(aln: Alignment, checks: Sequence[str] | None = None, *,
               glossary: Glossary | None = None) -> Alignment:
    """A new Alignment whose beads carry the flags of *checks* (default: all, `CHECKS` order).

    Flags of other types already on the beads are kept; flags of the types being run are
    replaced. ``meta["qa"]`` records the checks run, the signature
    ``qa-checks.v3|langid:py3langid-X`` and, when any, the ``realigned`` sentences
    (``{"tgt", "from", "to", "support_from", "support_to"}``: English id, source ids of
    its bead and of the bead the checks judged it against, and the shares they render). Raises UnknownComponent for an unknown name.
    ``glossary`` (`align.qa.glossary`) feeds ``terminology``; without it, the one kept in
    ``meta["qa"]["glossary"]`` (by an earlier run) is used; it is kept there for later runs.
    """
    names = list(CHECKS) if checks is None else list(dict.fromkeys(checks))
    unknown = [n for n in names if n not in specs()]
    if unknown:
        raise UnknownComponent(f"unknown QA check(s) {', '.join(map(repr, unknown))} "
                               f"(known: {', '.join(types())})")
    from align.digest.roles import on_furniture

    if glossary is None:
        glossary = Glossary.from_meta(aln.meta)
    ctx = Context(aln, glossary)
    furniture = on_furniture(aln)  # citation/framing English sentences: not judged
    found: list[Finding] = []
    moves: list[dict[str, object]] = []
    if len(aln.target) and len(aln.source):
        view = realign(ctx)
        moves = [m.to_dict(aln) for m in view.moves]
        for name in names:
            check = CHECKS[name]()
            if check.structural:
                found.extend(check.run(ctx))
            else:
                found.extend(f for f in map(view.to_original, check.run(view.ctx))
                             if not furniture(f.bead, f.flag.tgt_span))
    new: dict[int, list[Flag]] = {}
    for f in found:
        new.setdefault(f.bead, []).append(f.flag)
    for k, flags in new.items():
        if any(f.type == "unsupported" for f in flags):
            new[k] = [f for f in flags if f.type != "length"]
    ran = set(names)
    beads: list[Bead] = []
    for k, b in enumerate(aln.beads):
        kept = [f for f in b.flags if f.type not in ran]
        beads.append(dataclasses.replace(b, flags=tuple(kept + new.get(k, []))))
    meta = dict(aln.meta)
    meta["qa"] = {"checks": names, "signature": signature()}
    if glossary:
        meta["qa"]["glossary"] = glossary.to_list()
    if moves:
        meta["qa"]["realigned"] = moves
    return dataclasses.replace(aln, beads=tuple(beads), meta=meta)


def signature() -> str:
    """``qa-checks.v3|langid:py3langid-0.4.0|support:use-m3-1.0.0`` (``none`` for a
    library or encoder that is not installed)."""
    from align.neural.bundled import installed, version
    from align.qa.adequacy import SEMANTIC_ENCODER as enc
    from align.qa.checks.data import langid_version

    support = f"{enc}-{version(enc)}" if installed(enc) else "none"
    return f"{VERSION}|langid:{langid_version()}|support:{support}"


__all__ = ["CHECKS", "REGISTRY", "SEVERITY", "Check", "CheckSpec", "Context", "Finding",
           "run_checks", "signature", "types"]
