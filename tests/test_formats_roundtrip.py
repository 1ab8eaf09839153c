"""Every export format gives back the text it was given (issue 12: faithful round trips).

Hypothesis draws sentences from all of Unicode plus the characters that break naive
writers (tabs, CR/LF, leading and trailing spaces, control characters, apostrophes and
formula starts, Turkish letters) and sends a 1:1 alignment through export and import. The
XML formats cannot carry most C0 control characters: they must refuse, naming the sentence,
never drop them.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.errors import OutputError
from align.formats import (
    ExportPair,
    export,
    read_jsonl,
    read_table,
    read_xliff,
    rows_to_alignment,
    tmx_to_gold,
)
from align.types import Alignment, Bead, Document, Signature, Status

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TRICKY = st.sampled_from(["\t", "\n", "\r", "\r\n", " ", "  ", "'", "=", "+", "-", "@", "\\",
                          "\\t", '"', ";", ",", "\x01", "\x7f", "\x85", "\u2028", "ğüşıöçİ",
                          "&amp;", "<b>", "]]>"])
SENTENCE = st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=12) | TRICKY,
                    min_size=1, max_size=6).map("".join).filter(lambda s: s.strip() != "")
FORMATS = {"tmx": ".tmx", "xliff": ".xlf", "xliff12": ".xlf", "csv": ".csv", "tsv": ".tsv",
           "jsonl": ".jsonl"}
READERS = {".xlf": read_xliff, ".csv": read_table, ".tsv": read_table, ".jsonl": read_jsonl}


def _read_back(path: Path) -> Alignment:
    if path.suffix == ".tmx":
        return tmx_to_gold(path)
    return rows_to_alignment(READERS[path.suffix](path), name=path.name)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_round_trips_any_text(fmt: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="roundtrip-"))

    @settings(max_examples=80, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.tuples(SENTENCE, SENTENCE), min_size=1, max_size=4))
    def run(pairs: list[tuple[str, str]]) -> None:
        tr = [s for s, _ in pairs]
        en = [t for _, t in pairs]
        aln = Alignment(Document.from_texts(tr, "tr"), Document.from_texts(en, "en"),
                        tuple(Bead((i,), (i,), 0.5, Status.CONFIRMED) for i in range(len(tr))),
                        Signature("test"))
        path = folder / f"out{FORMATS[fmt]}"
        if fmt in ("tmx", "xliff", "xliff12") and any(NOT_XML.search(t) for t in tr + en):
            with pytest.raises(OutputError, match=r"sentence \d+: holds U\+"):
                export([ExportPair("p", "k", aln)], fmt, path)
            return
        export([ExportPair("p", "k", aln)], fmt, path)
        back = _read_back(path)
        assert back.source.texts == tr
        assert back.target.texts == en

    run()
