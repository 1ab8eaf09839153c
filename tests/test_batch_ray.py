"""``align batch --engine ray`` on a real two-node Ray cluster on 127.0.0.1: a head and a
second worker node, the second killed mid-run; every job still finishes exactly once and
every output is whole."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("ray")
psutil = pytest.importorskip("psutil")

from align.project.batch import RECORDS, read_record

ROOT = Path(__file__).resolve().parent.parent
RAY = Path(sys.executable).parent / "ray"
JOBS = 12


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), OPENBLAS_NUM_THREADS="1",
               OMP_NUM_THREADS="1", RAY_AUTH_MODE="disabled", RAY_USAGE_STATS_ENABLED="0")
    env.pop("RAY_ADDRESS", None)
    return env


@pytest.fixture()
def cluster(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """A head (1 CPU) and a worker node (1 CPU, its raylet on a known port) on 127.0.0.1;
    stopped afterwards."""
    if not RAY.exists():
        pytest.skip("the ray command is not installed")
    port, nm_port = _port(), _port()
    temp = Path(f"/tmp/rt{os.getpid()}")  # Ray's socket paths must stay short
    common = ["--node-ip-address=127.0.0.1", "--num-cpus=1", "--disable-usage-stats",
              f"--temp-dir={temp}"]
    env = _env()
    try:
        subprocess.run([str(RAY), "start", "--head", f"--port={port}",
                        "--include-dashboard=false", *common], env=env, check=True,
                       capture_output=True, timeout=120)
        subprocess.run([str(RAY), "start", f"--address=127.0.0.1:{port}",
                        f"--node-manager-port={nm_port}", *common[1:]], env=env, check=True,
                       capture_output=True, timeout=120)
        yield f"127.0.0.1:{port}", nm_port
    finally:
        subprocess.run([str(RAY), "stop", "--force"], env=env, capture_output=True,
                       timeout=120, check=False)
        shutil.rmtree(temp, ignore_errors=True)


def _manifest(tmp_path: Path) -> Path:
    tr = ["Hükümet yeni vergi paketini meclise sundu.", "Muhalefet paketi sert dille eleştirdi.",
          "Karar gelecek hafta açıklanacak.", "Bakan açıklamayı Ankara'da yaptı."] * 40
    en = ["The government submitted the new tax package to parliament.",
          "The opposition criticised the package harshly.",
          "The decision will be announced next week.",
          "The minister made the statement in Ankara."] * 40
    (tmp_path / "tr.txt").write_text("\n\n".join(tr) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n\n".join(en) + "\n", encoding="utf-8")
    path = tmp_path / "jobs.jsonl"
    path.write_text("".join(json.dumps({"id": f"job-{k}", "src": str(tmp_path / "tr.txt"),
                                        "tgt": str(tmp_path / "en.txt")}) + "\n"
                            for k in range(JOBS)), encoding="utf-8")
    return path


def _kill_node(nm_port: int) -> int:
    """SIGKILL the worker node's raylet and every process under it; how many died."""
    victims = []
    for p in psutil.process_iter(["cmdline"]):
        if any(f"--node_manager_port={nm_port}" in a for a in p.info["cmdline"] or ()):
            victims += [p, *p.children(recursive=True)]
    for p in victims:
        try:
            p.send_signal(signal.SIGKILL)
        except psutil.Error:
            pass
    return len(victims)


def test_a_killed_node_loses_no_job(cluster: tuple[str, int], tmp_path: Path) -> None:
    address, nm_port = cluster
    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, "-m", "align", "batch", str(_manifest(tmp_path)), "-o", str(out),
         "--scorer", "lexical", "--engine", "ray", "--address", address],
        env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    records = out / RECORDS / "jobs"
    while time.monotonic() < deadline and len(list(records.glob("*.json"))) < 2:
        time.sleep(0.2)
    assert len(list(records.glob("*.json"))) < JOBS, "the run ended before the kill"
    assert _kill_node(nm_port) > 0
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    assert f"{JOBS} of {JOBS} jobs done" in err
    for k in range(JOBS):
        rec = read_record(out, f"job-{k}")
        assert rec is not None and rec.ok, (k, err)
        aln = json.loads((out / f"job-{k}.json").read_text(encoding="utf-8"))  # whole
        assert len(aln["beads"]) == 160
    assert not list(out.rglob(".align-tmp-*"))
    assert err.count("job job-") == JOBS  # each job reported once


def test_a_local_ray_gives_what_the_process_pool_gives(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from align.project.batch import run_batch

    for k, v in _env().items():
        monkeypatch.setenv(k, v)
    manifest = tmp_path / "jobs.jsonl"
    (tmp_path / "tr.txt").write_text("Muhalefet paketi eleştirdi. Karar açıklanacak.\n",
                                     encoding="utf-8")
    (tmp_path / "en.txt").write_text("The opposition criticised the package. The decision "
                                     "will be announced.\n", encoding="utf-8")
    manifest.write_text("".join(json.dumps({"id": f"j{k}", "src": str(tmp_path / "tr.txt"),
                                            "tgt": str(tmp_path / "en.txt")}) + "\n"
                                for k in range(3)), encoding="utf-8")
    pool = run_batch(manifest, tmp_path / "pool", "lexical", workers=1)
    ray_ = run_batch(manifest, tmp_path / "ray", "lexical", workers=2, engine="ray")
    assert [r.id for r in ray_] == [r.id for r in pool] and all(r.ok for r in ray_)
    for r in pool:
        a, b = ((tmp_path / d / f"{r.id}.json").read_text(encoding="utf-8") for d in ("pool", "ray"))
        assert json.loads(a)["beads"] == json.loads(b)["beads"]
