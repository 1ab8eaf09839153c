"""Regenerate each sample's raw texts and gold.json from its hand-written .seg files.

Usage: python samples/build.py [SAMPLE_DIR ...]   (default: every folder with a sample.json)
"""
from __future__ import annotations

import sys
from pathlib import Path

from align.io.goldseg import build_gold

ROOT = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or sorted(p.parent for p in ROOT.rglob("sample.json"))
    for folder in folders:
        gold = build_gold(folder)
        (folder / f"source.{gold.source.lang}.txt").write_text(gold.source.text, encoding="utf-8")
        (folder / f"target.{gold.target.lang}.txt").write_text(gold.target.text, encoding="utf-8")
        (folder / "gold.json").write_text(gold.to_json() + "\n", encoding="utf-8")
        links = len(gold.links)
        print(f"{folder}: {len(gold.source)} src, {len(gold.target)} tgt, "
              f"{links} links, {len(gold.beads)} beads")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
