"""Benchmark cases read from the shared reference data (see ``../shared/data/README.md``).

Every loader takes the data folder and ``split`` ("tune", "test" or "all") and yields
:class:`Case` records; sentences are given one per line and kept as given (Text+Berg lines
are OCR-derived and tokenized). Sentence ids in gold are 0-based.

Splits: NTREX documents are split in two fixed halves by ``zlib.crc32(doc_id) % 2``: even
-> "tune" (63 documents), odd -> "test" (60); the same for every case built from NTREX
(translations, synthetic summaries, translations with omissions). Text+Berg ``dev`` is "tune", ``test0``-``test6``
are "test". ParIce and FLORES are test data only ("tune" yields nothing).

Gold is used as distributed. Text+Berg gold is not a cover (Vecalign's reader notes that
"bleualign files have a few entries missing" and keeps them for comparable scores): a few
sentences are in no bead and test1 source 218 is in two; see ``TEXTBERG_GOLD_GAPS``.
ParIce ``u_1`` has a null bead ``[41]:[]`` past the end of its 41-line source; out-of-range
null beads are dropped (they cannot change Vecalign's scores), other out-of-range ids raise.
"""
from __future__ import annotations

import itertools
import logging
import math
import os
import random
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError, SchemaError
from align.formats.alignment import parse_beads_text
from align.types import Bead, Document
from benchmarks.summary import DEFAULT_SEED, summarize

log = logging.getLogger("align.benchmarks")

SPLITS = ("tune", "test", "all")
TEXTBERG_TEST = tuple(f"test{i}" for i in range(7))
TEXTBERG_GOLD_GAPS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    # name: (source ids in no gold bead, target ids in no gold bead), as distributed
    "dev": ((), (94, 371)),
    "test0": ((16, 17), (116, 140, 141)),
    "test1": ((228,), ()),
    "test6": ((103,), (39, 143)),
}


@dataclass(frozen=True)
class Case:
    """One document pair with gold beads (source ids index ``src``, target ids ``tgt``)."""

    name: str
    dataset: str
    src: Document
    tgt: Document
    gold: tuple[Bead, ...]
    split: str = "test"


def default_data_dir() -> Path:
    """``$ALIGN_SHARED_DATA`` or ``<repo>/../shared/data``."""
    env = os.environ.get("ALIGN_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def _check_split(split: str) -> None:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")


def read_lines(path: Path) -> list[str]:
    """Lines of a UTF-8 file without their line ends (a final newline adds no line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror or e}") from e
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def read_gold(path: Path, n_src: int, n_tgt: int) -> tuple[Bead, ...]:
    """Gold beads from a beads file, checked against the document lengths."""
    beads = []
    for bead, _ in parse_beads_text("\n".join(read_lines(path)), str(path)):
        bad = [i for i in bead.src if i >= n_src] + [j for j in bead.tgt if j >= n_tgt]
        if bad and bead.is_null:
            log.warning("%s: dropping null bead %s:%s past the end of the document",
                        path, list(bead.src), list(bead.tgt))
            continue
        if bad:
            raise SchemaError(f"{path}: bead {list(bead.src)}:{list(bead.tgt)} has ids past "
                              f"the end ({n_src} source, {n_tgt} target sentences)")
        beads.append(bead)
    return tuple(beads)


def ntrex_split(doc_id: str) -> str:
    """The fixed NTREX split of a document: "tune" if crc32 of its id is even, else "test"."""
    return "tune" if zlib.crc32(doc_id.encode("utf-8")) % 2 == 0 else "test"


def _ntrex_docs(data: Path, split: str) -> Iterator[tuple[str, list[str], list[str]]]:
    _check_split(split)
    root = data / "ntrex128"
    ids = read_lines(root / "DOCUMENT_IDS.tsv")
    tr = read_lines(root / "newstest2019-ref.tur.txt")
    en = read_lines(root / "newstest2019-src.eng.txt")
    if not len(ids) == len(tr) == len(en):
        raise SchemaError(f"{root}: DOCUMENT_IDS.tsv, tur and eng have {len(ids)}, {len(tr)}, "
                          f"{len(en)} lines; they must be line-parallel")
    pos = 0
    for doc_id, group in itertools.groupby(ids):
        n = len(list(group))
        if split in ("all", ntrex_split(doc_id)):
            yield doc_id, tr[pos:pos + n], en[pos:pos + n]
        pos += n


def _parallel_gold(n: int) -> tuple[Bead, ...]:
    return tuple(Bead((i,), (i,)) for i in range(n))


def ntrex_translation(data: Path, split: str = "all") -> Iterator[Case]:
    """NTREX-128 documents: Turkish source, English target, gold line i <-> line i."""
    for doc_id, tr, en in _ntrex_docs(data, split):
        meta = {"doc_id": doc_id}
        yield Case(f"ntrex/{doc_id}", "ntrex_translation", Document.from_texts(tr, "tr", meta=meta),
                   Document.from_texts(en, "en", meta=meta), _parallel_gold(len(tr)),
                   ntrex_split(doc_id))


def ntrex_summary(data: Path, split: str = "all", seed: int = DEFAULT_SEED) -> Iterator[Case]:
    """NTREX-128 documents with a synthetic English summary (see :mod:`benchmarks.summary`)."""
    for doc_id, tr, en in _ntrex_docs(data, split):
        sents, gold = summarize(doc_id, en, seed)
        meta = {"doc_id": doc_id, "summary_seed": seed}
        yield Case(f"ntrex-sum/{doc_id}", "ntrex_summary", Document.from_texts(tr, "tr", meta=meta),
                   Document.from_texts(sents, "en", meta=meta), tuple(gold), ntrex_split(doc_id))


OMIT_MIN, OMIT_MAX = 0.05, 0.10
"""Share of English sentences deleted per document in ``ntrex_omissions`` (at least one)."""
OMIT_SEED = 29


def plan_omissions(n: int, rng: random.Random) -> tuple[int, ...]:
    """Sorted 0-based ids of the sentences to delete from a translation of ``n`` sentences.

    ``max(1, round(r * n))`` of them with ``r`` drawn from [OMIT_MIN, OMIT_MAX], never two
    adjacent (a double gap is a different QA case), any position (first and last included).
    Documents of fewer than 3 sentences lose nothing.
    """
    if n < 3:
        return ()
    k = min(max(1, round(rng.uniform(OMIT_MIN, OMIT_MAX) * n)), math.ceil(n / 2))
    # k non-adjacent ids out of n: choose k of n - k + 1 slots, then spread them by +rank.
    slots = sorted(rng.sample(range(n - k + 1), k))
    return tuple(s + r for r, s in enumerate(slots))


def omit_sentences(doc_id: str, en: Sequence[str], seed: int = OMIT_SEED
                   ) -> tuple[list[str], tuple[Bead, ...]]:
    """The English of a line-parallel document with sentences deleted, and gold beads:
    1:1 for every kept sentence (target ids renumbered) and a 1-0 bead for every source
    sentence whose English was deleted. Seeded by ``crc32("<seed>:<doc id>")``."""
    rng = random.Random(zlib.crc32(f"{seed}:{doc_id}".encode()))
    dropped = set(plan_omissions(len(en), rng))
    kept: list[str] = []
    gold: list[Bead] = []
    for i, line in enumerate(en):
        if i in dropped:
            gold.append(Bead((i,), ()))
        else:
            gold.append(Bead((i,), (len(kept),)))
            kept.append(line)
    return kept, tuple(gold)


def ntrex_omissions(data: Path, split: str = "all", seed: int = OMIT_SEED) -> Iterator[Case]:
    """NTREX-128 complete translations with ~5-10% of English sentences deleted
    (see :func:`plan_omissions`): the QA case of a translator dropping a sentence."""
    for doc_id, tr, en in _ntrex_docs(data, split):
        sents, gold = omit_sentences(doc_id, en, seed)
        meta = {"doc_id": doc_id, "omit_seed": seed}
        yield Case(f"ntrex-omit/{doc_id}", "ntrex_omissions",
                   Document.from_texts(tr, "tr", meta=meta), Document.from_texts(sents, "en", meta=meta),
                   gold, ntrex_split(doc_id))


def textberg(data: Path, split: str = "all") -> Iterator[Case]:
    """Text+Berg de-fr: ``NAME.de`` source, ``NAME.fr`` target, ``NAME.defr`` gold."""
    _check_split(split)
    names = {"tune": ("dev",), "test": TEXTBERG_TEST, "all": ("dev",) + TEXTBERG_TEST}[split]
    root = data / "textberg-defr"
    for name in names:
        de, fr = read_lines(root / f"{name}.de"), read_lines(root / f"{name}.fr")
        yield Case(f"textberg/{name}", "textberg", Document.from_texts(de, "de"),
                   Document.from_texts(fr, "fr"), read_gold(root / f"{name}.defr", len(de), len(fr)),
                   "tune" if name == "dev" else "test")


def read_indexed(path: Path) -> list[str]:
    """Sentences of an ``idx<TAB>sentence`` file, checking that idx is the 0-based line number."""
    out = []
    for k, line in enumerate(read_lines(path)):
        idx, sep, sent = line.partition("\t")
        if not sep or idx.strip() != str(k):
            raise SchemaError(f"{path}, line {k + 1}: expected '{k}<TAB>sentence', got {line[:40]!r}")
        out.append(sent)
    return out


def parice(data: Path, split: str = "all") -> Iterator[Case]:
    """ParIce en-is evaluation set: English source, Icelandic target."""
    _check_split(split)
    if split == "tune":
        return
    root = data / "parice-isen"
    try:
        names = sorted(p.name for p in (root / "gold").iterdir())
    except OSError as e:
        raise InputError(f"cannot list {root / 'gold'}: {e.strerror or e}") from e
    for name in names:
        en, is_ = read_indexed(root / "eng" / name), read_indexed(root / "isl" / name)
        yield Case(f"parice/{Path(name).stem}", "parice", Document.from_texts(en, "en"),
                   Document.from_texts(is_, "is"), read_gold(root / "gold" / name, len(en), len(is_)))


FLORES_MIN_SENTENCES = 4
"""FLORES excerpts shorter than this are skipped for summaries (too short to summarise)."""


def _flores_docs(data: Path, split: str) -> Iterator[tuple[int, str, list[str], list[str]]]:
    """FLORES-101 devtest excerpts (consecutive lines sharing a URL) of 4+ sentences:
    ``(k, url, tr, en)``; test data only ("tune" yields nothing)."""
    _check_split(split)
    if split == "tune":
        return
    root = data / "flores101"
    urls = [row.split("\t", 1)[0] for row in read_lines(root / "metedata_devtest.tsv")[1:]]
    tr, en = read_lines(root / "tur.devtest"), read_lines(root / "eng.devtest")
    if not len(urls) == len(tr) == len(en):
        raise SchemaError(f"{root}: metadata, tur and eng have {len(urls)}, {len(tr)}, {len(en)} rows")
    pos = 0
    for k, (url, group) in enumerate(itertools.groupby(urls)):
        n = len(list(group))
        if n >= FLORES_MIN_SENTENCES:
            yield k, url, tr[pos:pos + n], en[pos:pos + n]
        pos += n


def flores_translation(data: Path, split: str = "all") -> Iterator[Case]:
    """FLORES-101 devtest excerpts of 4+ sentences as complete translations (test only)."""
    for k, url, tr, en in _flores_docs(data, split):
        meta = {"doc_id": url}
        yield Case(f"flores/{k:03d}", "flores_translation", Document.from_texts(tr, "tr", meta=meta),
                   Document.from_texts(en, "en", meta=meta), _parallel_gold(len(tr)))


def flores_summary(data: Path, split: str = "all", seed: int = DEFAULT_SEED) -> Iterator[Case]:
    """FLORES-101 devtest excerpts of 4+ sentences with a synthetic English summary of the
    Turkish source, as :func:`ntrex_summary` (test only)."""
    for k, url, tr, en in _flores_docs(data, split):
        sents, gold = summarize(url, en, seed)
        meta = {"doc_id": url, "summary_seed": seed}
        yield Case(f"flores-sum/{k:03d}", "flores_summary",
                   Document.from_texts(tr, "tr", meta=meta),
                   Document.from_texts(sents, "en", meta=meta), tuple(gold))


def _null_gold(n_src: int, n_tgt: int) -> tuple[Bead, ...]:
    return tuple([Bead((i,), ()) for i in range(n_src)] + [Bead((), (j,)) for j in range(n_tgt)])


def shifted(cases: Sequence[Case], dataset: str) -> Iterator[Case]:
    """Negatives: the source of case k with the target of case k+1 (cyclic), gold all nulls.

    Nothing in such a pair renders anything on the other side: every link is wrong.
    """
    for k, case in enumerate(cases if len(cases) > 1 else ()):
        other = cases[(k + 1) % len(cases)]
        yield Case(f"{dataset}/{case.name}~{other.name}", dataset, case.src, other.tgt,
                   _null_gold(len(case.src), len(other.tgt)), case.split)


def ntrex_unrelated(data: Path, split: str = "all") -> Iterator[Case]:
    """NTREX Turkish documents against another document's English summary (negatives)."""
    yield from shifted(list(ntrex_summary(data, split)), "ntrex_unrelated")


def flores_unrelated(data: Path, split: str = "all") -> Iterator[Case]:
    """FLORES Turkish excerpts against another excerpt's English summary (negatives; test)."""
    yield from shifted(list(flores_summary(data, split)), "flores_unrelated")


TEXTBERG_DEV_PARTS = 4


def textberg_parts(data: Path, split: str = "all") -> Iterator[Case]:
    """Text+Berg with ``dev`` cut in ``TEXTBERG_DEV_PARTS`` parts at gold bead boundaries
    (each part an exact sub-document with its own gold; the few sentences gold leaves out,
    ``TEXTBERG_GOLD_GAPS``, drop out), so the tuning split has several related de-fr pairs;
    the test documents as in :func:`textberg`."""
    for case in textberg(data, split):
        if case.split != "tune":
            yield case
            continue
        beads = list(case.gold)  # in document order, as distributed
        k, start = TEXTBERG_DEV_PARTS, 0
        ends = [round(len(beads) * (i + 1) / k) for i in range(k)]
        for i, end in enumerate(ends):
            part = beads[start:end]
            src_ids = sorted(x for b in part for x in b.src)
            tgt_ids = sorted(x for b in part for x in b.tgt)
            s_at = {x: k for k, x in enumerate(src_ids)}  # sentences in no gold bead drop out
            t_at = {x: k for k, x in enumerate(tgt_ids)}
            gold = tuple(Bead(tuple(s_at[x] for x in b.src), tuple(t_at[x] for x in b.tgt))
                         for b in part)
            yield Case(f"textberg/dev-part{i}", "textberg_parts",
                       Document.from_texts([case.src.texts[x] for x in src_ids], "de"),
                       Document.from_texts([case.tgt.texts[x] for x in tgt_ids], "fr"),
                       gold, "tune")
            start = end


def textberg_unrelated(data: Path, split: str = "all") -> Iterator[Case]:
    """Text+Berg German against other French (negatives): part k's German against part
    k+1's French (:func:`textberg_parts`: ``dev`` parts for tune, ``testK`` for test)."""
    yield from shifted(list(textberg_parts(data, split)), "textberg_unrelated")


def _sample_roots() -> Path:
    return Path(__file__).resolve().parent.parent / "samples"


def sample_abstracts(data: Path, split: str = "all") -> Iterator[Case]:
    """The abstractive samples (leads, ``abstractive-*``; free mode) with their gold beads.
    Our own samples: tuning data only ("test" yields nothing)."""
    _check_split(split)
    if split == "test":
        return
    import json

    from align.io.goldseg import build_gold

    for spec in sorted(_sample_roots().glob("**/sample.json")):
        if "qa" in spec.parts or json.loads(spec.read_text(encoding="utf-8"))["mode"] != "free":
            continue
        g = build_gold(spec.parent)
        yield Case(f"sample/{spec.parent.relative_to(_sample_roots())}", "sample_abstracts",
                   g.source, g.target, g.beads, "tune")


def digest_unrelated(data: Path, split: str = "all") -> Iterator[Case]:
    """Digest excerpts and leads (``samples/``, English) against unrelated Turkish news
    (NTREX documents of the split): the reviewer who picked the wrong article (negatives).
    The samples were tuned on, the news was not: test only."""
    _check_split(split)
    if split == "tune":
        return
    from align.io.goldseg import build_gold

    root = _sample_roots()
    english = [build_gold(p.parent).target for p in sorted(root.glob("**/target.seg"))
               if "qa" not in p.parts]
    news = [c.src for c in ntrex_translation(data, split)]
    for k, tgt in enumerate(english):
        for src in (news[(2 * k) % len(news)], news[(2 * k + 1) % len(news)]):
            yield Case(f"digest_unrelated/{k}-{src.meta.get('doc_id')}", "digest_unrelated", src,
                       tgt, _null_gold(len(src), len(tgt)), split)


@dataclass(frozen=True)
class DatasetSpec:
    """A loader and the profile that fits its data."""

    loader: Callable[..., Iterator[Case]]
    profile: str


DATASETS: dict[str, DatasetSpec] = {
    "ntrex_translation": DatasetSpec(ntrex_translation, "translation"),
    "ntrex_summary": DatasetSpec(ntrex_summary, "summary"),
    "ntrex_omissions": DatasetSpec(ntrex_omissions, "translation"),
    "textberg": DatasetSpec(textberg, "translation"),
    "textberg_parts": DatasetSpec(textberg_parts, "translation"),
    "parice": DatasetSpec(parice, "translation"),
    "flores_translation": DatasetSpec(flores_translation, "translation"),
    "flores_summary": DatasetSpec(flores_summary, "summary"),
    "sample_abstracts": DatasetSpec(sample_abstracts, "summary"),
    "ntrex_unrelated": DatasetSpec(ntrex_unrelated, "auto"),
    "flores_unrelated": DatasetSpec(flores_unrelated, "auto"),
    "textberg_unrelated": DatasetSpec(textberg_unrelated, "auto"),
    "digest_unrelated": DatasetSpec(digest_unrelated, "auto"),
}
NEGATIVES = ("ntrex_unrelated", "flores_unrelated", "textberg_unrelated", "digest_unrelated")
"""Datasets of unrelated pairs: gold is all nulls; aligned as a user would (auto mode)."""


def load(names: Sequence[str], data: Path, split: str = "test",
         limit: int | None = None) -> dict[str, list[Case]]:
    """Cases per dataset name (at most ``limit`` each), in the order of ``names``."""
    unknown = [n for n in names if n not in DATASETS]
    if unknown:
        raise ValueError(f"unknown datasets {unknown} (known: {', '.join(DATASETS)})")
    return {n: list(itertools.islice(DATASETS[n].loader(data, split), limit)) for n in names}
