"""Learn a word lexicon from a TMX translation memory (`align.lexicon.learn` on its units).

The memory is read with `align.formats.tmx.read_tmx_pairs` (safe parsing, direction
check, ``swap``); its pairs are written one per line to two files in a temporary
directory named ``<memory>.<src_lang>`` / ``<memory>.<tgt_lang>`` (the names the
lexicon header cites) and handed to `align.lexicon.learn.learn_lexicon`, which writes
``out_path`` atomically. Bad input raises before anything is written.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from align.formats.tmx import read_tmx_pairs

if TYPE_CHECKING:
    from align.lexicon.learn import LearnResult


def learn_from_tmx(
    path: str | Path,
    out_path: str | Path = "-",
    *,
    src_lang: str = "tr",
    tgt_lang: str = "en",
    swap: bool = False,
    iterations: int = 5,
    min_prob: float = 0.2,
    min_count: int = 2,
    provenance: str = "",
) -> LearnResult:
    """Learn from the units of TMX ``path`` holding both languages; see
    `align.lexicon.learn.learn_lexicon` for the parameters and the output format.

    Raises InputError (naming the file) for unreadable or hostile XML, a memory without
    the two languages, or one running ``tgt_lang -> src_lang`` without ``swap``. Never
    run it on evaluation data (NTREX, FLORES, Text+Berg test sets, ParIce).
    """
    from align.io.atomic import write_atomic
    from align.lexicon.learn import learn_lexicon

    pairs = read_tmx_pairs(path, src_lang=src_lang, tgt_lang=tgt_lang, swap=swap)
    name = Path(path).name
    note = f"Source: TMX {name} ({len(pairs)} units with {src_lang} and {tgt_lang})."
    with tempfile.TemporaryDirectory(prefix="align-tmx-") as tmp:
        src_file = Path(tmp) / f"{name}.{src_lang}"
        tgt_file = Path(tmp) / f"{name}.{tgt_lang}"
        # read_tmx collapses whitespace, so a unit's text never holds a line break.
        write_atomic(src_file, "".join(s + "\n" for s, _ in pairs))
        write_atomic(tgt_file, "".join(t + "\n" for _, t in pairs))
        return learn_lexicon(
            src_file, tgt_file, src_lang, tgt_lang, out_path, iterations=iterations,
            min_prob=min_prob, min_count=min_count,
            provenance=" ".join(x for x in (note, provenance) if x),
        )
