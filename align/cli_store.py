"""``align project …`` and ``align db …``: the review store from the command line.

The database is ``--db URL``, else ``$ALIGN_DB``, else a SQLite file under the data folder
(see :func:`align.store.default_url`). Every change is recorded under ``--user`` (default
``$ALIGN_USER``, else the login name).
"""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from align.errors import InputError, InvalidEdit


def _export_formats() -> list[str]:
    from align.formats import formats

    return list(formats())


def add_parsers(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Register ``project`` and ``db`` on the top-level subparsers."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database URL (default: $ALIGN_DB or the local SQLite file)")
    common.add_argument("--user", default=os.environ.get("ALIGN_USER") or _login(),
                        help="who makes the change (recorded in the edit log)")

    p = sub.add_parser("db", help="review database maintenance", formatter_class=fmt)
    dsub = p.add_subparsers(dest="db_command", required=True)
    q = dsub.add_parser("upgrade", parents=[common], formatter_class=fmt,
                        help="create the database or migrate it to this version's schema")
    q.set_defaults(func=cmd_db_upgrade)

    p = sub.add_parser("project", help="review projects: create, import, list, show, export, "
                                       "report, recheck, delete", formatter_class=fmt)
    psub = p.add_subparsers(dest="project_command", required=True)
    q = psub.add_parser("create", parents=[common], formatter_class=fmt, help="a new project")
    q.add_argument("name")
    q.set_defaults(func=cmd_project_create)
    q = psub.add_parser("import", parents=[common], formatter_class=fmt,
                        help="add pairs from project/alignment JSON (align digest, align pair), "
                             "a TMX as a confirmed gold pair, or a CSV / TSV / XLIFF / JSONL "
                             "file back from a CAT tool or spreadsheet (one pair per pair "
                             "key in the file, else the file name)")
    q.add_argument("name")
    q.add_argument("files", nargs="+", metavar="FILE")
    q.add_argument("--create", action="store_true", help="create the project if it is missing")
    q.add_argument("--src-lang", default="tr", help="source language (TMX, CSV, XLIFF, JSONL)")
    q.add_argument("--tgt-lang", default="en", help="target language (TMX, CSV, XLIFF, JSONL)")
    q.add_argument("--swap", action="store_true",
                   help="accept a TMX whose units run TGT-LANG -> SRC-LANG")
    q.set_defaults(func=cmd_project_import)
    q = psub.add_parser("list", parents=[common], formatter_class=fmt, help="every project")
    q.add_argument("--format", default="text", choices=["text", "json"])
    q.set_defaults(func=cmd_project_list)
    q = psub.add_parser("show", parents=[common], formatter_class=fmt,
                        help="a project's pairs with status, scores and flags")
    q.add_argument("name")
    q.add_argument("--format", default="text", choices=["text", "json"])
    q.set_defaults(func=cmd_project_show)
    q = psub.add_parser("export", parents=[common], formatter_class=fmt,
                        help="write a pair or a whole project as TMX, XLIFF, CSV, JSONL or beads")
    q.add_argument("name")
    q.add_argument("-o", "--output", required=True, help="file; the format follows its suffix")
    q.add_argument("--pair", action="append", default=[], metavar="KEY",
                   help="only this pair (repeatable); default: every pair")
    q.add_argument("--format", help=", ".join(_export_formats()) + " (default: from -o's suffix)")
    q.add_argument("--include-auto", action="store_true",
                   help="also export beads nobody confirmed (rejected ones never)")
    q.set_defaults(func=cmd_project_export)
    q = psub.add_parser("report", parents=[common], formatter_class=fmt,
                        help="QA report of a project as reviewed (HTML, CSV or JSON), with "
                             "per-check precision as reviewers judged the flags and "
                             "post-editing figures for edited English sentences")
    q.add_argument("name")
    q.add_argument("-o", "--output", required=True, help="file; the format follows its suffix")
    q.add_argument("--pair", action="append", default=[], metavar="KEY",
                   help="only this pair (repeatable); default: every pair")
    q.add_argument("--format", choices=["html", "csv", "json"])
    q.set_defaults(func=cmd_project_report)
    q = psub.add_parser("recheck", parents=[common], formatter_class=fmt,
                        help="re-run every QA check on whole pairs and store the flags "
                             "(edits re-check only a window; undoable in the review page)")
    q.add_argument("name")
    q.add_argument("--pair", action="append", default=[], metavar="KEY",
                   help="only this pair (repeatable); default: every pair")
    q.set_defaults(func=cmd_project_recheck)
    q = psub.add_parser("delete", parents=[common], formatter_class=fmt,
                        help="delete a project with its pairs and history")
    q.add_argument("name")
    q.add_argument("--yes", action="store_true", help="really delete")
    q.set_defaults(func=cmd_project_delete)


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"


def _store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from align.store import open_store

    return open_store(args.db)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from align.store import default_url, upgrade_db

    url = args.db or default_url()
    before, after = upgrade_db(url)
    state = "created" if before is None else ("already at" if before == after else "upgraded")
    print(f"{_safe_url(url)}: {state} schema {after}"
          + (f" (was {before})" if before not in (None, after) else ""), file=sys.stderr)
    return 0


def _safe_url(url: str) -> str:
    """The URL without a password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def cmd_project_create(args: argparse.Namespace) -> int:
    with _store(args) as store:
        info = store.create_project(args.name, user=args.user)
    print(f"created project {info.name} (id {info.id})", file=sys.stderr)
    return 0


def cmd_project_import(args: argparse.Namespace) -> int:
    from align.reviewed import add_files, read_files

    # TMX and row files are read and converted before the database is even opened, so a
    # bad one leaves it (and the project --create would make) untouched.
    files = read_files([Path(f) for f in args.files], src_lang=args.src_lang,
                       tgt_lang=args.tgt_lang, swap=args.swap)

    def shown(path: Path, info: Any) -> None:
        print(f"{path}: pair {info.key} ({info.n_src} source, {info.n_tgt} English "
              f"sentences, {info.n_beads} beads)", file=sys.stderr)

    with _store(args) as store:
        added = add_files(store, args.name, files, user=args.user, create=args.create,
                          on_pair=shown)
    print(f"imported {len(added)} pair(s) into {args.name}", file=sys.stderr)
    return 0


def cmd_project_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        projects = store.list_projects()
    if args.format == "json":
        print(json.dumps([p.to_dict() for p in projects], ensure_ascii=False, indent=1))
    else:
        for p in projects:
            print(f"{p.name}\t{p.n_pairs} pair(s)\tcreated {p.created_at} by {p.created_by}")
    return 0


def cmd_project_show(args: argparse.Namespace) -> int:
    with _store(args) as store:
        project = store.get_project(args.name)
        pairs = store.list_pairs(project.id)
    if args.format == "json":
        print(json.dumps({"project": project.to_dict(), "pairs": [p.to_dict() for p in pairs]},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"{project.name}: {len(pairs)} pair(s)")
    print("key\tstatus\tassignee\tsrc\ten\tbeads\tconfirmed\trejected\tmean score\tflags\t"
          "version\tupdated")
    for p in pairs:
        score = "-" if p.mean_score is None else f"{p.mean_score:.2f}"
        print(f"{p.key}\t{p.status}\t{p.assignee or '-'}\t{p.n_src}\t{p.n_tgt}\t{p.n_beads}\t"
              f"{p.n_confirmed}\t{p.n_rejected}\t{score}\t{p.n_flags}\tv{p.version}\t"
              f"{p.updated_at} {p.updated_by}")
    return 0


def _pick_pairs(store: Any, args: argparse.Namespace) -> tuple[str, list[Any]]:
    """(project name, PairInfo list) of the project's pairs, or of the ``--pair`` ones."""
    project = store.get_project(args.name)
    pairs = store.list_pairs(project.id)
    if args.pair:
        keys = {p.key for p in pairs}
        missing = [k for k in args.pair if k not in keys]
        if missing:
            raise InputError(f"project {project.name} has no pair {', '.join(missing)} "
                             f"(pairs: {', '.join(sorted(keys))})")
        pairs = [p for p in pairs if p.key in set(args.pair)]
    return project.name, pairs


def _load_pairs(args: argparse.Namespace) -> list[tuple[str, Any, Any]]:
    """(project name, PairInfo, PairState) of the project's pairs, or of ``--pair`` ones."""
    with _store(args) as store:
        name, pairs = _pick_pairs(store, args)
        return [(name, info, store.load(info.id)) for info in pairs]


def cmd_project_export(args: argparse.Namespace) -> int:
    from align.formats import export, format_for
    from align.reviewed import export_pairs

    out = Path(args.output)
    fmt = args.format or format_for(out)
    items = export_pairs([state for _, _, state in _load_pairs(args)])
    data = export(items, fmt, out, include_auto=args.include_auto)
    print(f"wrote {out} ({fmt}, {len(items)} pair(s), {len(data)} bytes)", file=sys.stderr)
    return 0


def cmd_project_report(args: argparse.Namespace) -> int:
    from align.io import write_atomic
    from align.report.build import collect_pairs, render
    from align.reviewed import report_inputs

    out = Path(args.output)
    fmt = args.format or (out.suffix.lower().lstrip(".") if out.suffix.lower() in
                          (".html", ".csv", ".json") else "html")
    inputs = report_inputs([state for _, _, state in _load_pairs(args)])
    write_atomic(out, render(collect_pairs(inputs), fmt))
    print(f"wrote {out} ({fmt} report, {len(inputs)} pair(s))", file=sys.stderr)
    return 0


def cmd_project_recheck(args: argparse.Namespace) -> int:
    from align.store import review
    from align.store.edit.recheck import flag_delta

    with _store(args) as store:
        name, pairs = _pick_pairs(store, args)  # every --pair key checked before a write
        for info in pairs:
            before = store.load(info.id)
            after = review.recheck(store, info.id, version=before.version, user=args.user)
            added, removed = flag_delta(before.alignment, after.alignment)
            held = len(after.alignment.meta.get("suppressed") or ())
            print(f"{name}/{info.key}: {added} flag(s) added, {removed} removed "
                  f"({after.info.n_flags} now, {held} suppressed; version {after.version})",
                  file=sys.stderr)
    print(f"re-checked {len(pairs)} pair(s) of {name}", file=sys.stderr)
    return 0


def cmd_project_delete(args: argparse.Namespace) -> int:
    if not args.yes:
        raise InvalidEdit(f"deleting project {args.name!r} removes its pairs and history; "
                          "pass --yes to confirm")
    with _store(args) as store:
        store.delete_project(args.name, user=args.user)
    print(f"deleted project {args.name}", file=sys.stderr)
    return 0
