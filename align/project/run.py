"""``align digest``: a digest and its Turkish sources in, one project with every pair out.

Each unique excerpt block is aligned against the source(s) it cites (summary profile,
monotonic: excerpts keep their article's order); the lead is aligned in free mode against
all matched sources joined in the order the blocks cite them. Editorial framing in a
block or the lead ("The first accompanying article … notes that") is recorded in each
pair's ``meta["roles"]`` (:func:`align.digest.roles.with_roles`), so the QA checks skip
it, as they do for ``align pair``. Problems with one source (missing, unreadable, no
article text) are noted and the rest still aligns.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from align.errors import InputError, NoArticle
from align.project.match import Match, SourceInfo, match_blocks
from align.project.records import PairRecord, Project, SourceRecord
from align.qa.glossary import Glossary
from align.qa.levels import DEFAULT_LEVEL
from align.scorers import DEFAULT_SCORER, Scorer
from align.types import Document

log = logging.getLogger("align")

Progress = Callable[[str], None]


def read_sources(paths: Sequence[Path]) -> tuple[list[SourceRecord], dict[str, Document]]:
    """Read and segment every source; failures become records with a status, not errors."""
    from align.segment import segment
    from align.sources import read_source

    records: list[SourceRecord] = []
    docs: dict[str, Document] = {}
    for k, path in enumerate(paths, 1):
        sid = f"s{k}"
        try:
            st = read_source(path)
        except NoArticle as e:
            records.append(SourceRecord(sid, str(path), status="no-article", message=str(e)))
            continue
        except InputError as e:
            status = "missing" if not Path(path).exists() else "unreadable"
            records.append(SourceRecord(sid, str(path), status=status, message=str(e)))
            continue
        doc = segment(st.text, "tr")
        if not doc.sentences:
            records.append(SourceRecord(sid, str(path), st.kind, "no-article",
                                        f"{path}: no sentences after segmentation"))
            continue
        docs[sid] = doc
        records.append(SourceRecord(sid, str(path), st.kind, "ok", getattr(st, "note", "") or "",
                                    st.title, st.author, st.date, st.url, len(doc)))
    return records, docs


def _content_score(scorer: str | Scorer, english: list[Document], docs: dict[str, Document]):  # type: ignore[no-untyped-def]
    from align.scorers import get_scorer

    sc = get_scorer(scorer) if isinstance(scorer, str) else scorer

    def content(b: int, src: SourceInfo) -> float:
        tgt = english[b]
        if not tgt.sentences:
            return 0.0
        sim = sc.prepare(docs[src.id], tgt).sentence_matrix()
        return float(sim.max(axis=0).mean())

    return content


def align_digest(
    digest_path: str | Path, source_paths: Sequence[str | Path], *,
    mapping: dict[str, str] | None = None, scorer: str | Scorer = DEFAULT_SCORER,
    fetch: bool = False,
    cache: Path | None = None, progress: Progress | None = None, qa: bool = True,
    qa_level: str = DEFAULT_LEVEL, glossary: Glossary | None = None,
) -> Project:
    """Parse, read, match and align a whole digest; see the module docstring.

    ``fetch``: also download the cited URLs (``align.project.fetch``) and use them as sources.
    ``qa``: run the QA checks (``align.qa.checks``) on every pair, so the project carries flags;
    ``qa_level``: which of them to keep (:data:`align.qa.levels.LEVELS`); ``glossary``: the
    user's glossary for the ``terminology`` check (kept in each pair's ``meta["qa"]``).
    """
    from align.aligner import align_documents
    from align.digest import parse_digest
    from align.io import read_text
    from align.segment import segment

    digest = parse_digest(read_text(digest_path).text, str(digest_path))
    notes = list(digest.notes)
    paths = [Path(p) for p in source_paths]
    if fetch:
        from align.project.fetch import fetch_urls

        fetched = fetch_urls([c.url for b in digest.blocks for c in b.citations if c.url], cache)
        paths += list(fetched.paths)
        notes += fetched.notes
    records, docs = read_sources(paths)
    for r in records:
        if r.status != "ok":
            notes.append(f"source file {r.path}: {r.status} — {r.message}")
    english = [segment("\n\n".join(b.paragraphs), "en") for b in digest.blocks]
    infos = [SourceInfo(r.id, r.path, r.title, r.url, r.date) for r in records if r.id in docs]
    matches = match_blocks([b.citations for b in digest.blocks], infos, mapping,
                           _content_score(scorer, english, docs))
    by_block: dict[int, Match] = {m.block: m for m in matches}
    pairs: list[PairRecord] = []
    for b, block in enumerate(digest.blocks, 1):
        m = by_block.get(b)
        cites = block.citations
        if m is None:
            raw = "; ".join(getattr(c, "raw", "") or "(no citation)" for c in cites)
            notes.append(f"block {b} ({raw[:80]}) matched no readable source: not aligned")
            continue
        if not english[b - 1].sentences:
            notes.append(f"block {b} has no English text: not aligned")
            continue
        if progress:
            progress(f"block {b}")
        src = Document.join([docs[s] for s in m.sources], {"sources": list(m.sources)})
        aln = align_documents(src, english[b - 1], scorer, mode="monotonic", profile="summary")
        pairs.append(PairRecord(f"block:{b}", "excerpt", m.sources, aln, b,
                                cites[0].to_dict(), m.by))
    used = list(dict.fromkeys(s for m in sorted(matches, key=lambda m: m.block) for s in m.sources))
    lead = segment("\n\n".join(digest.lead), "en") if digest.lead else None
    if lead is not None and lead.sentences and used:
        if progress:
            progress("lead")
        src = Document.join([docs[s] for s in used], {"sources": used})
        aln = align_documents(src, lead, scorer, mode="free", profile="summary")
        pairs.append(PairRecord("lead", "lead", tuple(used), aln))
    elif lead is not None and lead.sentences:
        notes.append("lead not aligned: no block matched a readable source")
    from align.digest.roles import with_roles

    pairs = [dataclasses.replace(p, alignment=with_roles(p.alignment)) for p in pairs]
    if qa:
        from align.qa.checks import run_checks
        from align.qa.levels import apply_level

        pairs = [dataclasses.replace(p, alignment=apply_level(
            run_checks(p.alignment, glossary=glossary), qa_level)) for p in pairs]
    records = [dataclasses.replace(r, status="unused", message="no block cites it")
               if r.status == "ok" and r.id not in used else r for r in records]
    notes += [f"source file {r.path} is not cited by any block (unused)" for r in records
              if r.status == "unused"]
    return Project(str(digest_path), digest.to_dict(), tuple(records), tuple(pairs), tuple(notes))


def read_mapping(path: str | Path) -> dict[str, str]:
    """A mapping file: JSON object from block number, citation URL or title to a file."""
    from align.io.read import read_json

    data = read_json(path, "a mapping file (a JSON object of strings)")
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise InputError(f"{path}: a mapping file is a JSON object of strings "
                         '(e.g. {"1": "sources/edam.html"})')
    base = Path(path).parent
    return {str(k): str(base / v) if not Path(v).is_absolute() else v for k, v in data.items()}
