"""Whole-digest measurement on the samples: parsing exactness and alignment per pair.

For every ``samples/**/digest.json`` manifest: parse the digest and compare each citation
field, the block count, duplicates and junk with the manifest's ``expected`` section; then
run ``align digest`` on the listed sources and score every pair against its gold folder.

    python -m benchmarks.digests [--samples samples]
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("author", "title_tr", "title_en", "outlet", "outlet_desc", "date", "url")


@dataclass(frozen=True)
class ParseCheck:
    fields_right: int
    fields_total: int
    structure_ok: bool  # lead paragraphs, block count, duplicates and junk as expected
    wrong: tuple[str, ...]


def check_parse(manifest: Path) -> ParseCheck:
    from align.digest import parse_digest

    spec = json.loads(manifest.read_text(encoding="utf-8"))
    exp = spec["expected"]
    d = parse_digest((manifest.parent / spec["digest"]).read_text(encoding="utf-8"))
    wrong = []
    right = total = 0
    for k, (block, want) in enumerate(zip(d.blocks, exp["citations"], strict=False), 1):
        for f in FIELDS:
            total += 1
            if getattr(block.citation, f) == want[f]:
                right += 1
            else:
                wrong.append(f"block {k} {f}: {getattr(block.citation, f)!r} != {want[f]!r}")
    total += sum(len(FIELDS) for _ in exp["citations"][len(d.blocks):])
    structure = (len(d.lead) == exp["lead_paragraphs"] and len(d.blocks) == exp["blocks"]
                 and len(d.duplicates) == exp["duplicates"] and list(d.junk) == exp["junk"])
    return ParseCheck(right, total, structure, tuple(wrong))


def main(argv: Sequence[str] | None = None) -> int:
    from align.project.evaluate import evaluate_project, format_scores
    from align.project.run import align_digest

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--samples", type=Path, default=Path("samples"))
    ap.add_argument("--scorer", default="auto", help="%(default)s")
    args = ap.parse_args(argv)
    for manifest in sorted(args.samples.rglob("digest.json")):
        spec = json.loads(manifest.read_text(encoding="utf-8"))
        pc = check_parse(manifest)
        print(f"\n{manifest.parent}: citation fields {pc.fields_right}/{pc.fields_total} right, "
              f"structure (lead, blocks, duplicates, junk) {'as expected' if pc.structure_ok else 'WRONG'}")
        for w in pc.wrong:
            print(f"  {w}")
        project = align_digest(manifest.parent / spec["digest"],
                               [manifest.parent / s for s in spec["sources"]], scorer=args.scorer)
        print(format_scores(evaluate_project(project, manifest)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
