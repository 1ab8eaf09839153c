"""``align batch`` at scale (align.project.batch): worker processes, Slurm-style shards,
resumable runs with one record per finished job, failures isolated, a run summary."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from align.cli import main
from align.errors import InputError
from align.project.batch import (
    RECORDS,
    parse_shard,
    read_record,
    record_path,
    run_batch,
    shard_of,
)

TR = ["Hükümet yeni vergi paketini meclise sundu.", "Muhalefet paketi eleştirdi.",
      "Karar gelecek hafta açıklanacak."]
EN = ["The government submitted the new tax package to parliament.",
      "The opposition criticised the package.", "The decision will be announced next week."]


def _manifest(tmp_path: Path, n: int, broken: bool = False) -> Path:
    src, tgt = tmp_path / "tr.txt", tmp_path / "en.txt"
    src.write_text(" ".join(TR) + "\n", encoding="utf-8")
    tgt.write_text(" ".join(EN) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    lines = [{"id": f"job-{k}", "src": str(src), "tgt": str(tgt)} for k in range(n)]
    if broken:
        lines.append({"id": "broken", "src": str(empty), "tgt": str(tgt)})
    path = tmp_path / "jobs.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_shards_cover_every_job_exactly_once() -> None:
    ids = [f"doc-{k}" for k in range(300)]
    shards = [[i for i in ids if shard_of(i, 3) == s] for s in range(3)]
    assert sorted(i for s in shards for i in s) == sorted(ids)
    assert all(60 < len(s) < 140 for s in shards)  # roughly even
    assert shard_of("doc-7", 3) == shard_of("doc-7", 3)  # stable (no per-process salt)
    assert parse_shard("2/3") == (2, 3)
    for bad in ("3/3", "-1/3", "1", "a/b", "0/0"):
        with pytest.raises(InputError, match="--shard"):
            parse_shard(bad)


def test_sharded_runs_cover_the_manifest(tmp_path: Path) -> None:
    manifest = _manifest(tmp_path, 6)
    seen: list[str] = []
    for s in range(3):
        out = tmp_path / f"out{s}"
        seen += [r.id for r in run_batch(manifest, out, "lexical", workers=1, shard=(s, 3))]
        assert sorted(p.stem for p in out.glob("*.json")) == sorted(
            f"job-{k}" for k in range(6) if shard_of(f"job-{k}", 3) == s)
    assert sorted(seen) == [f"job-{k}" for k in range(6)]


def test_a_rerun_redoes_nothing_finished(tmp_path: Path) -> None:
    manifest, out = _manifest(tmp_path, 3), tmp_path / "out"
    first = run_batch(manifest, out, "lexical", workers=1)
    assert [r.ok for r in first] == [True] * 3 and not any(r.skipped for r in first)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    again = run_batch(manifest, out, "lexical", workers=1)
    assert all(r.skipped and r.ok for r in again)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == stamps
    # a run killed between a job's output and its record: only that job is redone
    record_path(out, "job-1").unlink()
    third = run_batch(manifest, out, "lexical", workers=1)
    assert [(r.id, r.skipped) for r in third] == [("job-0", True), ("job-1", False),
                                                   ("job-2", True)]
    assert read_record(out, "job-1") is not None
    assert not list(out.rglob(".align-tmp-*"))  # nothing half-written
    forced = run_batch(manifest, out, "lexical", workers=1, force=True)
    assert not any(r.skipped for r in forced)


def test_a_failing_job_is_recorded_and_the_others_go_on(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    manifest, out = _manifest(tmp_path, 2, broken=True), tmp_path / "out"
    assert main(["batch", str(manifest), "-o", str(out), "--scorer", "lexical",
                 "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert "job broken: FAILED" in err and "2 of 3 jobs done" in err
    rec = read_record(out, "broken")
    assert rec is not None and not rec.ok and "\n" not in rec.message and "empty" in rec.message
    assert not (out / "broken.json").exists()
    summary = json.loads((out / RECORDS / "summary.json").read_text(encoding="utf-8"))
    assert (summary["jobs"], summary["ok"], summary["failed"], summary["ran"]) == (3, 2, 1, 3)
    assert summary["links"] == 6
    # a rerun skips it (still failed: exit 1); --retry-failed runs it alone again
    assert main(["batch", str(manifest), "-o", str(out), "--scorer", "lexical"]) == 1
    assert "2 of 3 jobs done, 3 skipped" in capsys.readouterr().err
    assert main(["batch", str(manifest), "-o", str(out), "--scorer", "lexical",
                 "--retry-failed"]) == 1
    err = capsys.readouterr().err
    assert "job broken: FAILED" in err and "job job-0" not in err


def test_two_workers_give_what_one_gives(tmp_path: Path) -> None:
    manifest = _manifest(tmp_path, 4)
    one = run_batch(manifest, tmp_path / "one", "lexical", workers=1)
    two = run_batch(manifest, tmp_path / "two", "lexical", workers=2)
    assert [r.id for r in two] == [r.id for r in one]  # manifest order, whatever finished first
    for r in one:
        a = json.loads((tmp_path / "one" / f"{r.id}.json").read_text(encoding="utf-8"))
        b = json.loads((tmp_path / "two" / f"{r.id}.json").read_text(encoding="utf-8"))
        assert a["beads"] == b["beads"] and a["signature"] == b["signature"]


def test_bad_ids_and_options_are_refused(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    manifest = _manifest(tmp_path, 1)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "../escape", "src": str(tmp_path / "tr.txt"),
                               "tgt": str(tmp_path / "en.txt")}) + "\n", encoding="utf-8")
    assert main(["batch", str(bad), "-o", str(tmp_path / "out")]) == 2
    assert "cannot name an output file" in capsys.readouterr().err
    assert not (tmp_path / "escape.json").exists()
    for opts in (["--shard", "4/4"], ["--workers", "0"]):
        assert main(["batch", str(manifest), "-o", str(tmp_path / "o"), *opts]) == 2
        assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_bead_rows_read_back_as_parquet_and_jsonl(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from align.formats.jsonl import read_jsonl
    from align.project.batch import ROWS, row_schema

    manifest, out = _manifest(tmp_path, 2), tmp_path / "out"
    run_batch(manifest, out, "lexical", workers=1)
    table = pq.read_table(out / ROWS / "parquet")  # the folder: every job's shard, one schema
    assert table.schema.equals(row_schema()) and table.num_rows == 6
    rows = table.to_pylist()
    assert sorted({r["project"] for r in rows}) == ["job-0", "job-1"]
    assert {r["source"] for r in rows} == set(TR) and {r["target"] for r in rows} == set(EN)
    assert all(r["signature"].startswith("scorer:lexical") for r in rows)
    back = read_jsonl(out / ROWS / "jsonl" / "job-0.jsonl")  # the export reader takes it
    assert [r.target for r in back] == EN


def test_a_digest_job_gives_rows_per_pair(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from align.project.batch import ROWS

    bay = Path(__file__).resolve().parent.parent / "samples" / "bayraktar"
    manifest = tmp_path / "jobs.jsonl"
    manifest.write_text(json.dumps({"id": "bayraktar", "digest": str(bay / "digest.txt"),
                                    "sources": [str(bay / "sources/edam.html"),
                                                str(bay / "sources/duvar.docx")]}) + "\n",
                        encoding="utf-8")
    (r,) = run_batch(manifest, tmp_path / "out", "lexical", workers=1)
    assert r.ok and r.links > 0
    rows = pq.read_table(tmp_path / "out" / ROWS / "parquet").to_pylist()
    assert {"block:1", "block:2", "lead"} <= {row["pair"] for row in rows}
    assert sum(1 for row in rows if row["source"] and row["target"]) == r.links


def test_csv_and_parquet_manifests_read_like_jsonl(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from align.errors import SchemaError
    from align.sources import read_manifest

    want = read_manifest(_manifest(tmp_path, 2))
    csv = tmp_path / "jobs.csv"
    csv.write_text("id,src,tgt,src_lang\n" + "".join(
        f"{e.id},{e.src},{e.tgt},\n" for e in want), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist([{"id": e.id, "src": str(e.src), "tgt": str(e.tgt)}
                                         for e in want]), tmp_path / "jobs.parquet")
    strip = [dataclasses.replace(e, line=0) for e in want]
    for path in (csv, tmp_path / "jobs.parquet"):
        assert [dataclasses.replace(e, line=0) for e in read_manifest(path)] == strip
    bad = tmp_path / "bad.csv"
    bad.write_text("id,src,tgt,color\nx,a.txt,b.txt,red\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"bad\.csv:2: unknown key\(s\) color"):
        read_manifest(bad, check_files=False)
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"not parquet")
    with pytest.raises(InputError, match="junk.parquet: not a readable Parquet file"):
        read_manifest(junk)


def test_two_folders_pair_files_by_name(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from align.sources.manifest import folder_pairs

    tr, en = tmp_path / "tr", tmp_path / "en"
    tr.mkdir()
    en.mkdir()
    for name in ("a.tr.txt", "b.txt", "only-tr.txt"):
        (tr / name).write_text(" ".join(TR) + "\n", encoding="utf-8")
    for name in ("a.en.txt", "b.md", "only-en.txt"):
        (en / name).write_text(" ".join(EN) + "\n", encoding="utf-8")
    jobs, notes = folder_pairs(tr, en)
    assert [(j.id, j.src.name, j.tgt.name) for j in jobs] == [  # type: ignore[union-attr]
        ("a", "a.tr.txt", "a.en.txt"), ("b", "b.txt", "b.md")]
    assert len(notes) == 2 and "only-tr.txt" in notes[0] and "only-en.txt" in notes[1]
    out = tmp_path / "out"
    assert main(["batch", str(tr), str(en), "-o", str(out), "--scorer", "lexical",
                 "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "2 of 2 jobs done" in err and "no file in" in err
    assert sorted(p.name for p in out.glob("*.json")) == ["a.json", "b.json"]
    (tr / "a.txt").write_text("x\n", encoding="utf-8")  # a.txt and a.tr.txt: one key
    with pytest.raises(InputError, match="both match 'a'"):
        folder_pairs(tr, en)
