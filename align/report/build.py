"""``align report``: read project and alignment files, gather metrics and flags, render.

Inputs are JSON files of schema ``align.project/1`` (written by ``align digest``) or
``align.alignment/1`` (written by ``align``). What cannot be used becomes a :class:`Note`
in the report instead of stopping it: a file of another schema or version, a pair whose
alignment does not load, a pair with zero links, an empty English or Turkish side, a
source that was missing. Only when no input yields anything is an error raised (the first
problem, naming its file).
"""
from __future__ import annotations

import dataclasses
import importlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from align.aligner.relatedness import meta_warning
from align.errors import AlignError, InputError, SchemaError, UnknownComponent
from align.io.read import read_json
from align.project.records import PROJECT_SCHEMA, PairRecord
from align.qa.metrics import batch_metrics, pair_metrics
from align.qa.postedit import summarize_alignment
from align.report.records import (
    Note,
    ReportData,
    ReportInput,
    ReportPair,
    flag_rows,
    to_csv,
    to_json,
)
from align.report.reliability import Reliability, against_gold, same_texts, shipped
from align.types import SCHEMA as ALIGNMENT_SCHEMA
from align.types import Alignment

log = logging.getLogger("align")
FORMATS = ("html", "csv", "json")


def _read_json(path: Path) -> Mapping[str, Any]:
    data = read_json(path, f"{PROJECT_SCHEMA!r} or {ALIGNMENT_SCHEMA!r}")
    if not isinstance(data, dict):
        raise SchemaError(f"{path}: a JSON {type(data).__name__}, expected an object of "
                          f"schema {PROJECT_SCHEMA!r} or {ALIGNMENT_SCHEMA!r}")
    return data


def _kind(path: Path, data: Mapping[str, Any]) -> str:
    """``project`` or ``alignment``; raises SchemaError saying which version is expected."""
    schema = data.get("schema")
    for kind, expected in (("project", PROJECT_SCHEMA), ("alignment", ALIGNMENT_SCHEMA)):
        family = expected.rsplit("/", 1)[0] + "/"
        if isinstance(schema, str) and schema.startswith(family):
            if schema != expected:
                redo = "align digest" if kind == "project" else "align"
                raise SchemaError(f"{path}: {kind} schema {schema!r} is not supported; this "
                                  f"version reads {expected!r} (re-run `{redo}` to rebuild it)")
            return kind
    what = "no 'schema' key" if schema is None else f"schema {schema!r}"
    raise SchemaError(f"{path}: not a project or alignment file ({what}; expected "
                      f"{PROJECT_SCHEMA!r} or {ALIGNMENT_SCHEMA!r})")


def _pair_notes(aln: Alignment, file: str, pair: str) -> list[Note]:
    n_src, n_tgt = len(aln.source), len(aln.target)
    where = f"{file} {pair}".strip()
    if not n_tgt:
        return [Note("warning", f"{where}: the English side is empty (0 sentences); nothing "
                                "to check", file, pair)]
    if not n_src:
        return [Note("warning", f"{where}: the Turkish source is empty (0 sentences; was the "
                                "source missing or unreadable?); every English sentence is "
                                "unsupported", file, pair)]
    if not aln.links:
        return [Note("warning", f"{where}: zero links — none of the {n_tgt} English sentences "
                                f"is linked to the {n_src} Turkish ones (wrong source article?)",
                     file, pair)]
    warned = meta_warning(aln.meta)
    if warned:
        return [Note("warning", f"{where}: {warned} — wrong source article?", file, pair)]
    return []


def _citation_title(citation: Mapping[str, Any]) -> tuple[str, str | None]:
    title = citation.get("title_en") or citation.get("title_tr") or citation.get("outlet") or ""
    url = citation.get("url")
    return str(title), (str(url) if url else None)


class _Collector:
    def __init__(self, run_checks: bool) -> None:
        self.pairs: list[ReportPair] = []
        self.notes: list[Note] = []
        self.errors: list[AlignError] = []
        self.run_checks = run_checks
        self.checked = 0
        self.checks_missing = False

    def add(self, file: str, pair_id: str, title: str, url: str | None, aln: Alignment) -> None:
        aln = self._checked(aln, file, pair_id)
        self.notes += _pair_notes(aln, file, pair_id)
        try:
            post = summarize_alignment(aln, f"{file} {pair_id}".strip())
        except AlignError as e:
            self.notes.append(Note("warning", str(e), file, pair_id))
            post = None
        self.pairs.append(ReportPair(len(self.pairs), file, pair_id, title, url, aln,
                                     pair_metrics(aln, pair_id or file), post))

    def _checked(self, aln: Alignment, file: str, pair_id: str) -> Alignment:
        """Run the QA checks on an alignment that carries no flags, when they are installed."""
        if not self.run_checks or any(b.flags for b in aln.beads) or self.checks_missing:
            return aln
        try:  # looked up by name: the checks package is optional for the report
            run = importlib.import_module("align.qa.checks").run_checks
        except (ImportError, AttributeError) as e:
            log.info("QA checks not available: %s", e)
            self.checks_missing = True
            return aln
        try:
            result: Alignment = run(aln)
        except AlignError as e:
            where = f"{file} {pair_id}".strip()
            self.notes.append(Note("warning", f"{where}: QA checks failed: {e}", file, pair_id))
            return aln
        self.checked += 1
        return result

    def project(self, path: Path, data: Mapping[str, Any]) -> None:
        file = path.name
        for k, raw in enumerate(data.get("pairs") or ()):
            pid = str(raw.get("id", f"#{k + 1}")) if isinstance(raw, Mapping) else f"#{k + 1}"
            try:
                rec = PairRecord.from_dict(raw)
            except (AlignError, KeyError, TypeError, ValueError, AttributeError) as e:
                msg = str(e) if isinstance(e, AlignError) else f"malformed pair ({e!r})"
                self.notes.append(Note("error", f"{file} {pid}: skipped: {msg}", file, pid))
                continue
            title, url = _citation_title(rec.citation or {})
            if rec.kind == "lead" and not title:
                title = "Lead (digest introduction)"
            self.add(file, rec.id, title, url, rec.alignment)
        if not data.get("pairs"):
            self.notes.append(Note("warning", f"{file}: the project has no aligned pairs", file))
        for src in data.get("sources") or ():
            if isinstance(src, Mapping) and src.get("status", "ok") != "ok":
                msg = f"{file}: source {src.get('path', src.get('id', '?'))}: {src.get('status')}"
                if src.get("message"):
                    msg += f" — {src['message']}"
                self.notes.append(Note("info" if src.get("status") == "unused" else "warning",
                                       msg, file))
        for n in data.get("notes") or ():
            self.notes.append(Note("info", f"{file}: {n}", file))

    def alignment(self, path: Path, data: Mapping[str, Any]) -> None:
        try:
            aln = Alignment.from_dict(data)
        except AlignError as e:
            raise type(e)(f"{path}: {e}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise SchemaError(f"{path}: malformed alignment ({e!r}); expected "
                              f"{ALIGNMENT_SCHEMA!r}") from None
        meta = {**aln.source.meta, **aln.meta}
        url = meta.get("url")
        self.add(path.name, "", str(meta.get("title") or ""), str(url) if url else None, aln)

    def read(self, path: Path) -> None:
        try:
            data = _read_json(path)
            if _kind(path, data) == "project":
                self.project(path, data)
            else:
                self.alignment(path, data)
        except AlignError as e:
            self.errors.append(e)
            self.notes.append(Note("error", f"skipped: {e}", path.name))

    def checks_line(self) -> str:
        if self.checked:
            qa_checks = importlib.import_module("align.qa.checks")
            names = ", ".join(sorted(getattr(qa_checks, "CHECKS", {}))) or "default"
            return (f"QA checks ({names}) run at report time on {self.checked} pair(s) "
                    "that carried no flags; other flags as stored in the input files")
        if self.checks_missing:
            return "Flags as stored in the input files (the QA checks are not installed)"
        return "Flags as stored in the input files"


def _gold_reliability(pairs: Sequence[ReportPair], gold: Sequence[Path]
                      ) -> tuple[Reliability | None, list[Note]]:
    """The live reliability table of the pairs that a gold alignment in *gold* matches
    (same sentences on both sides), and notes for gold files that are unusable or match
    no pair."""
    notes: list[Note] = []
    matched: list[tuple[Alignment, Alignment]] = []
    used: list[str] = []
    for path in gold:
        path = Path(path)
        name = f"{path.parent.name}/{path.name}" if path.parent.name else path.name
        try:
            g = Alignment.from_dict(_read_json(path))
        except AlignError as e:
            notes.append(Note("warning", f"gold {name}: not used: {e}", path.name))
            continue
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            notes.append(Note("warning", f"gold {name}: not used: malformed alignment "
                                         f"({e!r})", path.name))
            continue
        hits = [p.alignment for p in pairs if same_texts(p.alignment, g)]
        if not hits:
            notes.append(Note("warning", f"gold {name}: matches no input pair (its "
                                         "sentences differ from every pair's)", path.name))
            continue
        matched += [(a, g) for a in hits]
        used.append(name)
    if not matched:
        return None, notes
    label = (f"these pairs against gold ({len(matched)} pair(s), gold: {', '.join(used)}), "
             "all beads")
    return against_gold(matched, label, {"gold": used}), notes


def collect(paths: Sequence[Path], run_checks: bool = True, gold: Sequence[Path] = ()
            ) -> ReportData:
    """Read every input (see the module docstring) into a :class:`ReportData`.

    ``run_checks``: run :func:`align.qa.checks.run_checks` on alignments that carry no
    flags (skipped quietly when the checks package is absent). ``gold``: gold alignment
    files; each is matched to the input pairs with the same sentences, and the bead
    scores of those pairs get a live reliability table (`align.report.reliability`) after
    the shipped held-out one. Raises the first input's AlignError when no input gave a
    pair or a note worth a report.
    """
    if not paths:
        raise InputError("no input files (give project or alignment JSON files)")
    col = _Collector(run_checks)
    for path in paths:
        col.read(Path(path))
    if col.errors and not col.pairs and len(col.errors) == len(paths):
        first = col.errors[0]
        more = f" (and {len(col.errors) - 1} more unusable file(s))" if len(col.errors) > 1 else ""
        raise type(first)(f"{first}{more}")
    return _finish(col, gold)


def collect_pairs(items: Iterable[ReportInput], run_checks: bool = False,
                  gold: Sequence[Path] = ()) -> ReportData:
    """Like :func:`collect`, for alignments already in memory (the review store's pairs):
    no temporary files. ``run_checks`` as in :func:`collect` (the store keeps flags). Items
    with ``verdicts`` (reviewed pairs) give the per-check precision table
    (:mod:`align.report.precision`)."""
    from align.report.precision import check_precision

    col = _Collector(run_checks)
    reviewed = []
    for item in items:
        col.add(item.file, item.pair_id, item.title, item.url, item.alignment)
        if item.verdicts is not None:
            reviewed.append((col.pairs[-1].alignment, item.verdicts))
    if not col.pairs:
        raise InputError("no pairs to report on")
    data = _finish(col, gold)
    if reviewed:
        data = dataclasses.replace(data, precision=tuple(check_precision(reviewed)))
    return data


def _finish(col: _Collector, gold: Sequence[Path]) -> ReportData:
    rows = sorted((r for p in col.pairs for r in flag_rows(p)), key=lambda r: r.sort_key)
    tables: list[Reliability] = []
    try:
        held_out = shipped()
    except AlignError as e:
        col.notes.append(Note("warning", f"calibration table not shown: {e}"))
        held_out = None
    if held_out is not None:
        tables.append(held_out)
    if gold:
        live, notes = _gold_reliability(col.pairs, gold)
        col.notes += notes
        if live is not None:
            tables.append(live)
    return ReportData(tuple(col.pairs), tuple(col.notes), tuple(rows),
                      batch_metrics((p.metrics for p in col.pairs), "total"), col.checks_line(),
                      tuple(tables))


def build_report(paths: Sequence[Path], fmt: str = "html", *, run_checks: bool = True,
                 gold: Sequence[Path] = ()) -> str:
    """The report over ``paths`` as one string: ``html`` (a self-contained page), ``csv``
    (flat records) or ``json`` (schema ``align.report/1``). ``gold``: gold alignment files
    for a live reliability diagram (see :func:`collect`). Raises UnknownComponent for
    another format (before reading anything), InputError/SchemaError as :func:`collect`
    does."""
    _check_format(fmt)
    return render(collect(paths, run_checks, gold), fmt)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UnknownComponent(f"unknown report format {fmt!r} (choose one of {', '.join(FORMATS)})")


def render(data: ReportData, fmt: str = "html") -> str:
    """A collected report as ``html``, ``csv`` or ``json`` text."""
    _check_format(fmt)
    if fmt == "csv":
        return to_csv(data)
    if fmt == "json":
        return to_json(data)
    from align.report.html import render_html

    return render_html(data)


__all__ = ["FORMATS", "ReportInput", "build_report", "collect", "collect_pairs", "render"]
