"""``align batch MANIFEST.jsonl``: run every digest or pair job a manifest lists, on every
local core, resumably.

Each job writes ``OUTDIR/<id>.json`` (a project for digests, an alignment for pairs), its
bead rows (``OUTDIR/beads/jsonl/<id>.jsonl``, ``OUTDIR/beads/parquet/<id>.parquet``:
`write_rows`) and then its record, ``OUTDIR/.align-batch/jobs/<id>.json`` (`JobResult.to_dict`: ok or the one-line
reason it failed, seconds, links, flags by type), both atomically: a run killed at any
moment leaves whole files only, and a job whose output exists without a record is redone.
A rerun skips every job with a record (``retry_failed``: except failed ones; ``force``:
none). A failing job is recorded and the others go on.

``workers`` processes (default: one per local core, `default_workers`) each load the scorer
and its encoder once and run jobs from a shared queue; BLAS runs one thread per worker
(several threads per worker on a busy machine spin: see the README). ``shard=(i, n)`` runs
the jobs whose `shard_of` is *i*: ``n`` machines (``sbatch --array=0-<n-1>``) cover the
manifest exactly once, with no engine and no coordination. ``engine="ray"`` runs the same
jobs as Ray tasks on an existing cluster (`_run_ray`).
"""
from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from align.errors import AlignError, InputError
from align.qa.glossary import Glossary
from align.qa.levels import DEFAULT_LEVEL
from align.scorers import DEFAULT_SCORER

RECORDS = ".align-batch"
"""The folder of job records inside the output folder."""
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
CHUNK = 16
"""Most jobs a worker takes at a time (`_chunk`: fewer round trips; the pool reports in
manifest order a chunk at a time, Ray as chunks finish)."""
_SAFE_ID = re.compile(r"[^\w.@+-]")  # record names: other ids are hashed


@dataclass(frozen=True)
class JobResult:
    """What became of one job: ``ok`` with its ``output`` path, or the one-line reason it
    failed in ``message``; ``skipped`` when an earlier run had finished it."""

    id: str
    ok: bool
    output: str
    message: str
    seconds: float = 0.0
    links: int = 0
    flags: dict[str, int] = field(default_factory=dict)
    skipped: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d.pop("skipped")
        return d

    @classmethod
    def from_dict(cls, data: Any) -> JobResult | None:
        """A record read back; None when it is not one (a damaged record redoes its job)."""
        try:
            return cls(str(data["id"]), bool(data["ok"]), str(data["output"]),
                       str(data["message"]), float(data.get("seconds", 0.0)),
                       int(data.get("links", 0)),
                       {str(k): int(v) for k, v in dict(data.get("flags", {})).items()})
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


@dataclass(frozen=True)
class Options:
    """What every job of a run shares (sent to each worker once)."""

    scorer: str = DEFAULT_SCORER
    qa_level: str = DEFAULT_LEVEL
    glossary: Glossary | None = None


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def shard_of(job_id: str, n: int) -> int:
    """The shard (0..n-1) of a job: a stable hash of its id, the same on every machine."""
    return int.from_bytes(hashlib.sha256(job_id.encode("utf-8")).digest()[:8], "big") % n


def parse_shard(text: str) -> tuple[int, int]:
    """``"I/N"`` -> (I, N) with 0 <= I < N; InputError otherwise."""
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if m is None or not 0 <= int(m[1]) < int(m[2]):
        raise InputError(f"--shard {text!r}: expected I/N with 0 <= I < N (e.g. 0/4)")
    return int(m[1]), int(m[2])


def record_path(out_dir: Path, job_id: str) -> Path:
    """Where the record of job *job_id* lives (an id that is no plain file name is hashed)."""
    name = job_id if not _SAFE_ID.search(job_id) and job_id not in (".", "..") else \
        "id-" + hashlib.sha256(job_id.encode("utf-8")).hexdigest()[:32]
    return out_dir / RECORDS / "jobs" / f"{name}.json"


def output_path(out_dir: Path, job_id: str) -> Path:
    """``OUTDIR/<id>.json``; InputError for an id that is no plain file name (it would
    write outside the folder, or over the records)."""
    if "/" in job_id or "\\" in job_id or "\0" in job_id or job_id.startswith("."):
        raise InputError(f"job id {job_id!r} cannot name an output file (no /, \\ or "
                         "leading dot)")
    return out_dir / f"{job_id}.json"


def read_record(out_dir: Path, job_id: str) -> JobResult | None:
    from align.jsontext import loads

    path = record_path(out_dir, job_id)
    try:
        return JobResult.from_dict(loads(path.read_text(encoding="utf-8")))
    except (OSError, AlignError, UnicodeDecodeError):
        return None


_SCORER: dict[str, Any] = {}


def _worker_init(options: Options) -> None:
    """Load the scorer (and its encoder) once per worker process."""
    from align.scorers import get_scorer

    _SCORER[options.scorer] = get_scorer(options.scorer)


def run_job(job: Any, out_dir: Path, options: Options) -> JobResult:
    """Run one manifest entry and record it (module doc); never raises an AlignError."""
    from align.io import write_atomic
    from align.project.files import align_files
    from align.project.run import align_digest, read_mapping

    start = time.perf_counter()
    scorer = _SCORER.get(options.scorer, options.scorer)
    try:
        target = output_path(out_dir, job.id)
        if job.kind == "digest":
            mapping = read_mapping(job.mapping) if job.mapping else None
            project = align_digest(job.digest, job.sources, mapping=mapping, scorer=scorer,
                                   qa_level=options.qa_level, glossary=options.glossary)
            write_atomic(target, project.to_json())
            alns = [p.alignment for p in project.pairs]
            msg = f"{len(project.pairs)} pairs, {len(project.notes)} notes"
        else:
            aln, _ = align_files([job.src], job.tgt, src_lang=job.src_lang,
                                 tgt_lang=job.tgt_lang, scorer=scorer,
                                 qa_level=options.qa_level, glossary=options.glossary)
            write_atomic(target, aln.to_json() + "\n")
            alns = [aln]
            msg = f"{len(aln.links)} links ({aln.signature.mode}, {aln.signature.profile})"
        keyed = ([("pair", alns[0])] if job.kind != "digest"
                 else [(p.id, p.alignment) for p in project.pairs])
        write_rows(out_dir, job.id, keyed)
        flags = Counter(f.type for a in alns for b in a.beads for f in b.flags)
        result = JobResult(job.id, True, str(target), msg, time.perf_counter() - start,
                           sum(len(a.links) for a in alns), dict(sorted(flags.items())))
    except AlignError as e:
        result = JobResult(job.id, False, "", " ".join(str(e).split()),
                           time.perf_counter() - start)
    _record(out_dir, result)
    return result


ROWS = "beads"
"""The folder of bead rows inside the output folder: ``jsonl/<id>.jsonl`` and
``parquet/<id>.parquet`` per job (one shard per job: DuckDB reads
``'OUTDIR/beads/parquet/*.parquet'``, pandas, pyarrow and Spark the folder)."""


def row_schema() -> Any:
    """The Parquet schema of a bead row: the JSONL export's line
    (:func:`align.formats.jsonl.bead_records`; ``project`` is the job id) plus the
    alignment's ``signature``. Fixed, so every shard has the same one."""
    import pyarrow as pa

    ids, texts = pa.list_(pa.int32()), pa.list_(pa.string())
    span = pa.list_(pa.int64())
    flag = pa.struct([("type", pa.string()), ("severity", pa.string()),
                      ("message", pa.string()), ("src_span", span), ("tgt_span", span),
                      ("confidence", pa.float64()), ("rule", pa.string())])
    return pa.schema([
        ("project", pa.string()), ("pair", pa.string()), ("bead", pa.int32()),
        ("src_lang", pa.string()), ("tgt_lang", pa.string()), ("src_ids", ids),
        ("tgt_ids", ids), ("source", pa.string()), ("target", pa.string()),
        ("src_sentences", texts), ("tgt_sentences", texts), ("score", pa.float64()),
        ("status", pa.string()), ("flags", pa.list_(flag)), ("signature", pa.string())])


def write_rows(out_dir: Path, job_id: str, keyed: Sequence[tuple[str, Any]]) -> None:
    """The bead rows of a job's alignments (``(pair key, Alignment)``) as
    ``OUTDIR/beads/jsonl/<id>.jsonl`` and ``OUTDIR/beads/parquet/<id>.parquet``, each
    written atomically."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    from align.formats.jsonl import bead_records, records_jsonl
    from align.formats.model import ExportPair
    from align.io import write_atomic

    rows = []
    for key, aln in keyed:
        sig = str(aln.signature)
        rows += [{**r, "signature": sig} for r in bead_records([ExportPair(job_id, key, aln)])]
    for kind in ("jsonl", "parquet"):
        (out_dir / ROWS / kind).mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / ROWS / "jsonl" / f"{job_id}.jsonl", records_jsonl(rows))
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=row_schema()), buf)
    write_atomic(out_dir / ROWS / "parquet" / f"{job_id}.parquet", buf.getvalue())


def _record(out_dir: Path, result: JobResult) -> None:
    import json

    from align.io import write_atomic

    path = record_path(out_dir, result.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


def plan(jobs: Sequence[Any], out_dir: Path, *, shard: tuple[int, int] | None = None,
         force: bool = False, retry_failed: bool = False
         ) -> tuple[list[Any], list[JobResult]]:
    """(jobs to run, results of finished jobs skipped) for this run (module doc)."""
    todo: list[Any] = []
    skipped: list[JobResult] = []
    for job in jobs:
        if shard is not None and shard_of(job.id, shard[1]) != shard[0]:
            continue
        done = None if force else read_record(out_dir, job.id)
        if done is not None and (done.ok or not retry_failed):
            skipped.append(dataclasses.replace(done, skipped=True))
        else:
            todo.append(job)
    return todo, skipped


def run_batch(manifest: str | Path | Sequence[Any], out_dir: Path, scorer: str = DEFAULT_SCORER,
              report: Callable[[JobResult], None] | None = None, *,
              qa_level: str = DEFAULT_LEVEL, glossary: Glossary | None = None,
              workers: int | None = None, shard: tuple[int, int] | None = None,
              force: bool = False, retry_failed: bool = False,
              on_plan: Callable[[int, int, int], None] | None = None,
              engine: str = "local", address: str | None = None) -> list[JobResult]:
    """Run the jobs of *manifest* (a manifest file, or its entries:
    :func:`align.sources.manifest.folder_pairs`) into *out_dir* (module doc); the results
    in manifest order, skipped ones included. ``qa_level``: which QA flags the outputs keep
    (:data:`align.qa.levels.LEVELS`); ``glossary``: the user's glossary for the
    ``terminology`` check, on every job; ``on_plan(to run, skipped, workers)`` hears the
    plan before any job runs, ``report`` each result as it comes. ``engine``: ``local``
    (a process pool) or ``ray`` (`_run_ray`: the Ray cluster at ``address``, or a local
    Ray when None)."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    from align.sources import read_manifest

    jobs = read_manifest(manifest) if isinstance(manifest, str | Path) else list(manifest)
    for job in jobs:
        output_path(out_dir, job.id)  # refuse a bad id before any work
    out_dir.mkdir(parents=True, exist_ok=True)
    todo, skipped = plan(jobs, out_dir, shard=shard, force=force, retry_failed=retry_failed)
    options = Options(scorer, qa_level, glossary)
    results: dict[str, JobResult] = {r.id: r for r in skipped}
    n = min(workers or default_workers(), len(todo)) or 1
    if on_plan:
        on_plan(len(todo), len(skipped), n)
    runs = _run_ray(todo, out_dir, options, n, address) if engine == "ray" else \
        _run(todo, out_dir, options, n)
    for r in runs:
        results[r.id] = r
        if report:
            report(r)
    return [results[j.id] for j in jobs if j.id in results]


def _run(todo: Sequence[Any], out_dir: Path, options: Options, n: int) -> Iterator[JobResult]:
    if n == 1:
        _worker_init(options)
        for job in todo:
            yield run_job(job, out_dir, options)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    saved = {v: os.environ.get(v) for v in THREAD_VARS}
    for v in THREAD_VARS:  # the spawned workers read these when they import numpy
        os.environ.setdefault(v, "1")
    try:
        with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=_worker_init, initargs=(options,)) as pool:
            yield from pool.map(run_job, todo, itertools.repeat(out_dir),
                                itertools.repeat(options), chunksize=_chunk(len(todo), n))
    finally:
        for v, old in saved.items():
            if old is None:
                os.environ.pop(v, None)
            else:
                os.environ[v] = old


def write_summary(out_dir: Path, results: Sequence[JobResult], seconds: float
                  ) -> dict[str, Any]:
    """Write `summary` to ``OUTDIR/.align-batch/summary.json`` (atomically); return it."""
    import json

    from align.io import write_atomic

    data = summary(results, seconds)
    (out_dir / RECORDS).mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / RECORDS / "summary.json", json.dumps(data, indent=1) + "\n")
    return data


ENGINES = ("local", "ray")
RAY_RETRIES = 3
"""Times Ray reruns a job whose worker died (jobs are idempotent: whole files only)."""


def _run_ray(todo: Sequence[Any], out_dir: Path, options: Options, n: int,
             address: str | None) -> Iterator[JobResult]:
    """The jobs as Ray tasks of `_chunk` jobs each on the cluster at *address* (a local Ray
    of *n* CPUs when None). A worker process keeps the scorer it loaded (`_SCORER`) for
    later tasks; a task whose worker or node dies is rerun (``RAY_RETRIES``). The output folder must be one
    every node sees (a shared file system)."""
    try:
        import ray
    except ImportError:
        raise InputError("--engine ray needs Ray: pip install 'align-workbench[cluster]'") \
            from None
    env = {v: os.environ.get(v, "1") for v in THREAD_VARS}
    started = not ray.is_initialized()
    if started:
        kw: dict[str, Any] = ({"address": address} if address else
                              {"num_cpus": n, "_node_ip_address": "127.0.0.1"})
        ray.init(**kw, include_dashboard=False, log_to_driver=False, configure_logging=False,
                 runtime_env={"env_vars": env})
    try:
        task = ray.remote(num_cpus=1, max_retries=RAY_RETRIES)(_ray_jobs)
        size = _chunk(len(todo), n)
        pending = [task.remote(list(todo[k:k + size]), str(out_dir), options)
                   for k in range(0, len(todo), size)]
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            for ref in done:
                yield from ray.get(ref)
    finally:
        if started:
            ray.shutdown()


def _ray_jobs(jobs: Sequence[Any], out_dir: str, options: Options) -> list[JobResult]:
    """A chunk of jobs in a Ray worker (the scorer loaded on the worker's first chunk). A
    chunk rerun after its worker died redoes its jobs: whole files, the same content."""
    if options.scorer not in _SCORER:
        _worker_init(options)
    return [run_job(job, Path(out_dir), options) for job in jobs]


def _chunk(jobs: int, workers: int) -> int:
    """Jobs per task: up to ``CHUNK``, at least four tasks per worker."""
    return max(1, min(CHUNK, jobs // (workers * 4)))


def summary(results: Sequence[JobResult], seconds: float) -> dict[str, Any]:
    """The run summary (``OUTDIR/.align-batch/summary.json``): jobs, how many ran and were
    skipped, ok and failed (skipped ones included), links, flags by type, and documents
    per second over the jobs run."""
    ran = [r for r in results if not r.skipped]
    flags: Counter[str] = Counter()
    for r in results:
        flags.update(r.flags)
    return {"jobs": len(results), "ran": len(ran), "skipped": len(results) - len(ran),
            "ok": sum(r.ok for r in results), "failed": sum(not r.ok for r in results),
            "links": sum(r.links for r in results), "flags": dict(sorted(flags.items())),
            "seconds": round(seconds, 3),
            "docs_per_s": round(len(ran) / seconds, 3) if seconds > 0 and ran else None}
