"""Per-source summary of a digest project, for the terminal."""
from __future__ import annotations

from align.aligner.relatedness import meta_warning
from align.project.records import PairRecord, Project

LOWEST = 3


def _pair_lines(p: PairRecord, paths: dict[str, str]) -> list[str]:
    aln = p.alignment
    links = aln.links
    used = sum(len(b.src) for b in links)
    mean = sum(b.score for b in links) / len(links) if links else 0.0
    srcs = ", ".join(paths.get(s, s) for s in p.sources)
    title = (p.citation.get("title_en") or p.citation.get("title_tr") or "") if p.citation else ""
    head = f"{p.id}" + (f" “{title[:60]}”" if title else "")
    out = [f"{head}  ←  {srcs}" + (f"  (matched by {p.matched_by})" if p.matched_by else ""),
           (f"    {len(aln.source)} Turkish / {len(aln.target)} English sentences, {len(links)} links, "
           f"source coverage {used / max(len(aln.source), 1):.0%}, mean link score {mean:.2f}, "
           f"{sum(1 for b in aln.beads if not b.src)} English sentence(s) without a source")]
    warned = meta_warning(aln.meta)
    if warned:
        out.append(f"    WARNING: {warned}")
    for b in sorted(links, key=lambda b: b.score)[:LOWEST]:
        en = " ".join(aln.target.sentences[j].text for j in b.tgt)
        out.append(f"    lowest {b.score:.2f}  {list(b.src)}:{list(b.tgt)}  {en[:70]}")
    return out


def project_summary(project: Project) -> str:
    paths = {s.id: s.path for s in project.sources}
    lines: list[str] = []
    for p in project.pairs:
        lines += _pair_lines(p, paths)
    for s in project.sources:
        if s.status != "ok":
            lines.append(f"source {s.path}: {s.status}" + (f" — {s.message}" if s.message else ""))
    lines += [f"note: {n}" for n in project.notes if not n.startswith("source file ")]
    return "\n".join(lines)
