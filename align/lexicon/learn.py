"""Learn a word-translation lexicon from line-parallel text files with IBM Model 1.

`learn_lexicon` reads two files whose line i are translations of each other, normalises each
line with `align.text.normalize.content_tokens`, trains IBM Model 1 both ways
(`align.lexicon.ibm1`), keeps the pairs both directions agree on and writes them atomically as
``src<TAB>tgt<TAB>weight`` under a ``# normalised: true`` header, the format
`align.lexicon.load.load_lexicon` reads. Never run it on evaluation data (NTREX, FLORES,
Text+Berg test sets, ParIce).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.lexicon.ibm1 import LearnedPair, learn_pairs

FORMAT = "align.lexicon.learned/1"


@dataclass(frozen=True)
class LearnResult:
    """What `learn_lexicon` did: input pairs used, entries written, seconds taken."""

    out_path: Path
    n_lines: int  # line pairs read
    n_used: int  # line pairs with content tokens on both sides
    n_entries: int  # pairs written
    seconds: float


def _lines(path: str | Path) -> list[str]:
    from align.io.read import read_text

    text = read_text(path).text
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_parallel(src_path: str | Path, tgt_path: str | Path, src_lang: str,
                  tgt_lang: str) -> list[tuple[list[str], list[str]]]:
    """Normalised token lists for each line pair; InputError if the line counts differ."""
    from align.text.normalize import content_tokens

    src, tgt = _lines(src_path), _lines(tgt_path)
    if len(src) != len(tgt):
        raise InputError(f"{src_path} has {len(src)} lines but {tgt_path} has {len(tgt)}; "
                         "parallel files must have one sentence per line, line i <-> line i")
    cache: dict[tuple[str, str], list[str]] = {}

    def norm(line: str, lang: str) -> list[str]:
        key = (line, lang)
        if key not in cache:
            cache[key] = [t for t in content_tokens(line, lang)
                          if len(t) > 1 and not any(c.isdigit() for c in t)]
        return cache[key]

    return [(norm(s, src_lang), norm(t, tgt_lang)) for s, t in zip(src, tgt)]


def format_tsv(pairs: list[LearnedPair], header: list[str]) -> str:
    """The learned-lexicon file text: comment header, then ``src<TAB>tgt<TAB>weight`` lines."""
    lines = [f"# {h}" for h in header] + ["# normalised: true"]
    lines += [f"{p.src}\t{p.tgt}\t{p.weight:.4f}" for p in pairs]
    return "\n".join(lines) + "\n"


def learn_lexicon(
    src_path: str | Path,
    tgt_path: str | Path,
    src_lang: str = "tr",
    tgt_lang: str = "en",
    out_path: str | Path = "-",
    *,
    iterations: int = 5,
    min_prob: float = 0.2,
    min_count: int = 2,
    provenance: str = "",
) -> LearnResult:
    """Learn from line-parallel *src_path*/*tgt_path* and write *out_path* (``-``: stdout).

    *min_prob* applies to both p(tgt|src) and p(src|tgt); *min_count* to the pair's
    co-occurrence and each word's frequency (see `align.lexicon.ibm1.extract_pairs`).
    *provenance* is a free-text line (corpus name and licence) copied into the header.
    Tokens with digits or of one character are left out (numbers are matched by the
    scorer directly).
    """
    from align.io.atomic import write_atomic
    from align.text.stem import stemmer_name

    if iterations < 1:
        raise ValueError(f"iterations must be >= 1, got {iterations}")
    t0 = time.perf_counter()
    corpus = read_parallel(src_path, tgt_path, src_lang, tgt_lang)
    used = sum(1 for s, t in corpus if s and t)
    if used == 0:
        raise InputError(f"{src_path} / {tgt_path}: no line pair has content words on both "
                         "sides; check the languages and that the files are parallel")
    pairs = learn_pairs(corpus, iterations, min_prob, min_count)
    header = [
        (f"Learned {src_lang}-{tgt_lang} lexicon ({FORMAT}): source<TAB>target<TAB>weight,"
         " both columns in the normal form of align.text.normalize.content_tokens."),
        (f"Method: IBM Model 1, {iterations} EM iterations each way, kept when p(t|s) and "
         f"p(s|t) >= {min_prob}, co-occurrence and word frequency >= {min_count}; "
         "weight = sqrt(p(t|s) * p(s|t))."),
        (f"Normaliser stemmers: {src_lang}={stemmer_name(src_lang)}, "
         f"{tgt_lang}={stemmer_name(tgt_lang)}; relearn when they change."),
        (f"Trained on {used} of {len(corpus)} line pairs of {Path(src_path).name} / "
         f"{Path(tgt_path).name}."),
    ]
    if provenance:
        header.append(provenance)
    write_atomic(out_path, format_tsv(pairs, header))
    return LearnResult(Path(out_path), len(corpus), used, len(pairs),
                       time.perf_counter() - t0)
