"""``align batch MANIFEST.jsonl``: run every digest or pair job a manifest lists.

Each job writes ``OUTDIR/<id>.json`` (a project for digests, an alignment for pairs); a job
that fails is reported on one line and the batch carries on. Returns one line per job.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from align.errors import AlignError
from align.qa.glossary import Glossary
from align.qa.levels import DEFAULT_LEVEL
from align.scorers import DEFAULT_SCORER


@dataclass(frozen=True)
class JobResult:
    id: str
    ok: bool
    output: str
    message: str


def run_batch(manifest: str | Path, out_dir: Path, scorer: str = DEFAULT_SCORER,
              report: Callable[[JobResult], None] | None = None, *,
              qa_level: str = DEFAULT_LEVEL, glossary: Glossary | None = None
              ) -> list[JobResult]:
    """Run every job of *manifest* into *out_dir*; ``qa_level``: which QA flags the
    outputs keep (:data:`align.qa.levels.LEVELS`); ``glossary``: the user's glossary for
    the ``terminology`` check, on every job."""
    from align.io import write_atomic
    from align.project.files import align_files
    from align.project.run import align_digest, read_mapping
    from align.sources import read_manifest

    out_dir.mkdir(parents=True, exist_ok=True)
    results: list[JobResult] = []
    for job in read_manifest(manifest):
        target = out_dir / f"{job.id}.json"
        try:
            if job.kind == "digest":
                assert job.digest is not None
                mapping = read_mapping(job.mapping) if job.mapping else None
                project = align_digest(job.digest, job.sources, mapping=mapping, scorer=scorer,
                                       qa_level=qa_level, glossary=glossary)
                write_atomic(target, project.to_json())
                msg = f"{len(project.pairs)} pairs, {len(project.notes)} notes"
            else:
                assert job.src is not None and job.tgt is not None
                aln, _ = align_files([job.src], job.tgt, src_lang=job.src_lang,
                                     tgt_lang=job.tgt_lang, scorer=scorer,
                                     qa_level=qa_level, glossary=glossary)
                write_atomic(target, aln.to_json() + "\n")
                msg = f"{len(aln.links)} links ({aln.signature.mode}, {aln.signature.profile})"
            result = JobResult(job.id, True, str(target), msg)
        except AlignError as e:
            result = JobResult(job.id, False, "", str(e))
        results.append(result)
        if report:
            report(result)
    return results
