"""Align two files: the one use case `align pair`, `align batch` and the app's Import page
share, so the same two files give the same alignment, and the same QA flags, everywhere.

A file is read by :func:`align.sources.read_source` (plain text, Markdown, HTML, DOCX, PDF:
the article text, its title, an encoding note) and segmented; ``presegmented`` files are
plain text with one sentence per line. Several source files are joined in order
(:meth:`align.types.Document.join`). Digest furniture in the English file (citation lines,
editorial framing, a digest's lead: :func:`align.digest.roles.target_roles`) is recorded in
``meta["roles"]`` (absent when there is none), so the QA checks skip citation and framing
sentences. QA flags are added unless ``qa`` is False.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.qa.glossary import Glossary
from align.qa.levels import DEFAULT_LEVEL
from align.scorers import DEFAULT_SCORER, Scorer
from align.types import Alignment, Bead, Document

Progress = Callable[[float, str], None]
"""``progress(fraction done in [0, 1], message)``."""


@dataclass(frozen=True)
class ReadDocument:
    """A segmented file, its title (or the file's stem) and how it was decoded."""

    document: Document
    title: str
    note: str = ""
    encoding: str = ""

    @property
    def notable(self) -> bool:
        """Decoded from something other than UTF-8 (UTF-16, a legacy code page): worth a
        note to the user, as the README promises."""
        return bool(self.encoding) and self.encoding.replace("-sig", "") != "utf-8"


def read_document(path: str | Path, lang: str, *, presegmented: bool = False) -> ReadDocument:
    """Read and segment one file; InputError naming it when it yields no sentence."""
    from align.segment import segment

    p = Path(path)
    if presegmented:
        from align.io import read_text

        decoded = read_text(path)
        read = ReadDocument(segment(decoded.text, lang, presegmented=True), p.stem,
                            decoded.note, decoded.encoding)
    else:
        from align.sources import read_source

        st = read_source(path)
        read = ReadDocument(segment(st.text, lang), st.title or p.stem, st.note or "",
                            st.encoding or "")
    if not read.document.sentences:
        raise InputError(f"{path}: no sentences after segmentation (the file has no text)")
    return read


def align_files(sources: Sequence[str | Path], target: str | Path, *,
                src_lang: str = "tr", tgt_lang: str = "en",
                scorer: str | Scorer = DEFAULT_SCORER, profile: str = "auto",
                mode: str = "auto", qa: bool = True, checks: Sequence[str] | None = None,
                qa_level: str = DEFAULT_LEVEL, glossary: Glossary | None = None,
                presegmented: bool = False,
                anchors: Sequence[Bead] = (), max_bead: int = 5,
                progress: Progress | None = None,
                on_note: Callable[[str, str], None] | None = None) -> tuple[Alignment, str]:
    """Align the ``sources`` (joined in order when several) with ``target``; returns the
    alignment and a title (the sources' titles joined with " + "). ``checks``: the QA checks
    to run when ``qa`` (default all, :data:`align.qa.registry.REGISTRY`); ``qa_level``: which
    of their flags to keep (:data:`align.qa.levels.LEVELS`); ``glossary``: the user's glossary
    for the ``terminology`` check (kept in ``meta["qa"]``). ``on_note(path, note)``
    hears how a file was decoded when that is worth saying (:attr:`ReadDocument.notable`)."""
    from align.aligner import align_documents

    if not sources:
        raise InputError("no source file given")
    docs: list[Document] = []
    titles: list[str] = []
    for n, path in enumerate(sources):
        if progress:
            progress(0.4 * n / len(sources), f"reading {Path(path).name}")
        read = read_document(path, src_lang, presegmented=presegmented)
        if on_note and read.notable:
            on_note(str(path), read.note)
        docs.append(read.document)
        titles.append(read.title)
    if progress:
        progress(0.4, f"reading {Path(target).name}")
    tgt = read_document(target, tgt_lang, presegmented=presegmented)
    if on_note and tgt.notable:
        on_note(str(target), tgt.note)
    src = docs[0] if len(docs) == 1 else Document.join(
        docs, {"sources": [Path(p).name for p in sources]})

    def dp_progress(done: int, total: int) -> None:
        if progress and total:
            progress(0.45 + 0.45 * min(1.0, done / total), f"aligning {done}/{total}")

    if progress:
        name = scorer if isinstance(scorer, str) else scorer.name
        progress(0.45, f"aligning {len(src)} × {len(tgt.document)} sentences ({name})")
    aln = align_documents(src, tgt.document, scorer, mode=mode, profile=profile,
                          anchors=anchors, max_bead=max_bead, progress=dp_progress)
    from align.digest.roles import with_roles

    aln = with_roles(aln)
    if qa:
        if progress:
            progress(0.9, "QA checks")
        from align.qa.checks import run_checks
        from align.qa.levels import apply_level

        aln = apply_level(run_checks(aln, checks, glossary=glossary), qa_level)
    if progress:
        progress(1.0, "aligned")
    return aln, " + ".join(titles)
