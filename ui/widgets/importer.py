"""Import page: Turkish article(s) + an English summary, a digest with its sources,
alignment / project JSON, or reviewed TMX / XLIFF / CSV / TSV / JSONL files; aligned with a progress bar and added to the review store.

The uploaders take any file name and type (no ``type=``): Streamlit checks the type of a
``type=`` uploader while it reads the widget, before this page runs, so a forged name (a NUL
byte, a wrong suffix) would end the page in an exception. :mod:`ui.uploads` checks the
type and size of every file when it is saved, with a message naming it."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from align.project.files import align_files
from align.sources import SOURCE_SUFFIXES
from ui import importing as imp
from ui.config import ALLOWED_SUFFIXES, MAX_UPLOAD_MB
from ui.render import md
from ui.uploads import CAT_SUFFIXES, Batch, UploadError
from ui.widgets.common import available_scorers, require_user, store

CAT_CHOICE = "Reviewed file from a CAT tool or spreadsheet (TMX, XLIFF, CSV, TSV, JSONL)"
KINDS = ["Article(s) + English summary", "Digest + its sources", "Alignment JSON", CAT_CHOICE]


def _save(files: Sequence[Any], batch: Batch, allowed: Sequence[str]) -> list[Path]:
    """Write uploads (Streamlit UploadedFile) into ``batch``; UploadError on a bad one."""
    return [batch.save(f.name, f.getvalue(), allowed) for f in files]


def _project(user: str) -> str:
    names = [p.name for p in store().list_projects()]
    choice = st.selectbox("Project", [*names, "(new project…)"], key="imp_project")
    if choice == "(new project…)" or not names:
        return st.text_input("New project name", key="imp_new_project").strip()
    return choice


def _progress() -> imp.Progress:
    bar = st.progress(0.0, text="starting…")

    def update(frac: float, msg: str) -> None:
        bar.progress(max(0.0, min(1.0, frac)), text=md(msg))

    return update


def _done(result: imp.ImportResult) -> None:
    st.success(f"Imported {len(result.pairs)} pair(s).")
    for line in result.notes:
        st.caption(md(line))
    if result.pairs:
        st.session_state["review_pair"] = result.pairs[0].id
        st.page_link("views/review.py", label="Review the first imported pair", icon=":material/rate_review:")


def _run(work: Callable[[Batch], imp.ImportResult]) -> None:
    """Run ``work`` on a fresh upload batch; an error is shown naming the uploaded files
    (never the server's uploads folder)."""
    from align.errors import AlignError

    batch = Batch.new()
    try:
        _done(work(batch))
    except UploadError as e:
        st.error(md(batch.message(e), block=True))
    except AlignError as e:
        st.error(f"Import failed: {md(batch.message(e), block=True)}")


def _pair_form(user: str, project: str) -> None:
    arts = st.file_uploader("Turkish article(s)", accept_multiple_files=True,
                            key="imp_articles", max_upload_size=MAX_UPLOAD_MB)
    summ = st.file_uploader("English summary or translation", key="imp_summary",
                            max_upload_size=MAX_UPLOAD_MB)
    c = st.columns(3)
    scorer = c[0].selectbox("Scorer", available_scorers(), key="imp_scorer")
    profile = c[1].selectbox("Profile", imp.PROFILES, key="imp_profile")
    mode = c[2].selectbox("Mode", imp.MODES, key="imp_mode")
    key = st.text_input("Pair key (default: the summary file name)", key="imp_key")
    if not st.button("Align and import", type="primary", key="imp_go_pair"):
        return
    if not project or not arts or summ is None:
        st.error("Choose a project, at least one Turkish article and the English text.")
        return

    def work(batch: Batch) -> imp.ImportResult:
        paths = _save(arts, batch, SOURCE_SUFFIXES)
        (summary,) = _save([summ], batch, SOURCE_SUFFIXES)
        # the store keeps every flag; the Review page's QA level chooses which show
        aln, title = align_files(paths, summary, scorer=scorer, profile=profile, mode=mode,
                                 qa_level="strict", progress=_progress())
        return imp.import_pair(store(), project, aln, user=user,
                               key=key.strip() or summary.stem, title=title)

    _run(work)


def _digest_form(user: str, project: str) -> None:
    dig = st.file_uploader("Digest (English, with citation lines)", key="imp_digest",
                           max_upload_size=MAX_UPLOAD_MB)
    srcs = st.file_uploader("Its Turkish sources", accept_multiple_files=True,
                            key="imp_sources", max_upload_size=MAX_UPLOAD_MB)
    scorer = st.selectbox("Scorer", available_scorers(), key="imp_dscorer")
    if not st.button("Align digest and import", type="primary", key="imp_go_digest"):
        return
    if not project or dig is None or not srcs:
        st.error("Choose a project, the digest and at least one source.")
        return

    def work(batch: Batch) -> imp.ImportResult:
        (digest,) = _save([dig], batch, SOURCE_SUFFIXES)
        sources = _save(srcs, batch, SOURCE_SUFFIXES)
        return imp.import_digest(store(), project, digest, sources, user=user, scorer=scorer,
                                 progress=_progress())

    _run(work)


def _json_form(user: str, project: str) -> None:
    up = st.file_uploader("Alignment or project JSON (`align align -o`, `align digest`)",
                          key="imp_json", max_upload_size=MAX_UPLOAD_MB)
    if not st.button("Import", type="primary", key="imp_go_json"):
        return
    if not project or up is None:
        st.error("Choose a project and a JSON file.")
        return

    def work(batch: Batch) -> imp.ImportResult:
        (path,) = _save([up], batch, (".json",))
        return imp.import_json(store(), project, path, user=user)

    _run(work)


def _cat_form(user: str, project: str) -> None:
    ups = st.file_uploader("Reviewed file(s): one pair per pair key in the file, else the "
                           "file name", accept_multiple_files=True, key="imp_cat",
                           max_upload_size=MAX_UPLOAD_MB)
    if not st.button("Import", type="primary", key="imp_go_cat"):
        return
    if not project or not ups:
        st.error("Choose a project and at least one reviewed file.")
        return

    def work(batch: Batch) -> imp.ImportResult:
        paths = _save(ups, batch, CAT_SUFFIXES)
        return imp.import_reviewed(store(), project, paths, user=user)

    _run(work)


def render() -> None:
    user = require_user()
    st.title("Import")
    project = _project(user.name)
    kind = st.radio("What are you importing?", KINDS, horizontal=True, key="imp_kind")
    accepted = CAT_SUFFIXES if kind == CAT_CHOICE else ALLOWED_SUFFIXES
    st.caption(f"Accepted: {', '.join(accepted)}, up to {MAX_UPLOAD_MB} MB each. "
               "Uploads are kept under the data folder.")
    if kind.startswith("Article"):
        _pair_form(user.name, project)
    elif kind.startswith("Digest"):
        _digest_form(user.name, project)
    elif kind == CAT_CHOICE:
        _cat_form(user.name, project)
    else:
        _json_form(user.name, project)
