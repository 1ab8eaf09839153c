"""``align demo``: align every bundled sample, print it side by side, write JSON, score it."""
from __future__ import annotations

import sys
from pathlib import Path

from align.errors import InputError


def run_demo(samples: Path, out: Path) -> int:
    from align.aligner import align_documents
    from align.eval import evaluate_document
    from align.io import write_atomic
    from align.io.goldseg import build_gold
    from align.report.text import side_by_side, summary_line
    from align.scorers import DEFAULT_SCORER, get_scorer
    from align.segment import segment

    # The flagship (the real Bayraktar digest's articles) first, then the rest by name.
    # Planted-error copies (samples/qa, with qa_gold.json) are QA test data, not demo pairs.
    folders = sorted((p.parent for p in samples.rglob("sample.json")
                      if not (p.parent / "qa_gold.json").exists()),
                     key=lambda f: (not f.is_relative_to(samples / "bayraktar"), str(f)))
    if not folders:
        raise InputError(f"{samples}: no samples found (expected */sample.json)")
    out.mkdir(parents=True, exist_ok=True)
    for manifest in sorted(samples.rglob("digest.json")):
        _digest_demo(manifest, samples, out)
    rows = []
    scorer = get_scorer(DEFAULT_SCORER)  # one scorer (and encoder) for every sample
    for folder in folders:
        gold = build_gold(folder)
        meta = gold.meta
        src = segment(gold.source.text, gold.source.lang)
        tgt = segment(gold.target.text, gold.target.lang)
        aln = align_documents(src, tgt, scorer)  # auto mode and profile, as users run it
        name = str(folder.relative_to(samples)).replace("/", "__")
        write_atomic(out / f"{name}.json", aln.to_json() + "\n")
        print(f"\n=== {folder.relative_to(samples)} — {meta.get('title', '')}")
        print(side_by_side(aln))
        print(summary_line(aln, str(out / f"{name}.json")))
        # Scored on gold segmentation too, so segmentation errors do not mask aligner errors.
        on_gold = align_documents(gold.source, gold.target, scorer)
        pairs = {(i, j) for src_ids, j in gold.meta.get("links", []) for i in src_ids}
        rows.append((str(folder.relative_to(samples)),
                     evaluate_document(on_gold.beads, gold.beads, pairs)))
    print("\nAccuracy against gold (gold segmentation):", file=sys.stdout)
    print(f"{'sample':34} {'strict F1':>9} {'lax F1':>7} {'pair F1':>7} {'src-null F1':>11}")
    for name, r in rows:
        null_f1 = r.null_scores("src")[2]
        null = "n/a" if null_f1 is None else f"{null_f1:.3f}"
        print(f"{name:34} {r.f1_strict:9.3f} {r.f1_lax:7.3f} {r.f1_pairs:7.3f} {null:>11}")
    return 0


def _digest_demo(manifest: Path, samples: Path, out: Path) -> None:
    """``align digest`` on a sample digest (its manifest names the files), then its scores."""
    import json

    from align.io import write_atomic
    from align.project.evaluate import evaluate_project, format_scores
    from align.project.run import align_digest
    from align.report.project import project_summary

    spec = json.loads(manifest.read_text(encoding="utf-8"))
    base = manifest.parent
    project = align_digest(base / spec["digest"], [base / s for s in spec["sources"]])
    target = out / (str(base.relative_to(samples)).replace("/", "__") + ".project.json")
    write_atomic(target, project.to_json())
    print(f"\n=== align digest {base / spec['digest']} ({len(spec['sources'])} sources) "
          f"-> {target}")
    print(project_summary(project))
    print("Accuracy against the sample's gold:")
    print(format_scores(evaluate_project(project, manifest)))
