"""Throwaway extensions for tests/test_extension.py: a scorer, a QA check and an output
format, each a class or function here plus one registry line added by the test."""
from __future__ import annotations

from collections.abc import Sequence

from align.formats.model import ExportPair
from align.qa.checks.base import Check, Context, Finding
from align.scorers.galechurch import GaleChurchScorer


class ToyScorer(GaleChurchScorer):
    """A throwaway scorer: sentence lengths under another name."""

    name = "toy.v1"


class ToyCheck(Check):
    def run(self, ctx: Context) -> list[Finding]:
        english = [k for k, b in enumerate(ctx.aln.beads) if b.tgt]
        return [self.finding(english[0], "toy finding")] if english else []


def write_toy(pairs: Sequence[ExportPair], include_auto: bool, src_lang: str | None,
              tgt_lang: str | None) -> bytes:
    return f"toy: {sum(len(p.alignment.beads) for p in pairs)} beads\n".encode()
