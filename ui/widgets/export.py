"""Export page: chosen pairs as TMX, XLIFF, CSV, JSON, beads or the HTML QA report."""
from __future__ import annotations

import streamlit as st

from ui.exporting import by_label, export_states, formats
from ui.render import md
from ui.widgets.common import require_user, store


def render() -> None:
    require_user()
    st.title("Export")
    s = store()
    projects = [p.name for p in s.list_projects()]
    if not projects:
        st.info("No projects yet.")
        return
    project = st.selectbox("Project", projects, key="ex_project")
    pairs = s.list_pairs(project)
    if not pairs:
        st.info("This project has no pairs.")
        return
    labels = {p.id: f"{p.key} — {p.title[:60]} ({p.status})" for p in pairs}
    chosen = st.multiselect("Pairs", list(labels), default=list(labels), key="ex_pairs",
                            format_func=labels.__getitem__)
    fmt = by_label(st.selectbox("Format", [f.label for f in formats()], key="ex_format"))
    is_tmx = fmt.kind == "interchange" and fmt.name == "tmx"
    include_auto = st.checkbox("Include beads nobody confirmed yet", value=False,
                               key="ex_auto", disabled=not is_tmx,
                               help="TMX only: off = only confirmed beads go into the memory")
    if not chosen:
        st.info("Choose at least one pair.")
        return
    from align.errors import AlignError

    try:
        data, name = export_states([s.load(i) for i in chosen], fmt, include_auto=include_auto)
    except AlignError as e:
        st.error(f"Export failed: {md(e)}")
        return
    st.download_button(f"Download {md(name)}", data, file_name=name, mime=fmt.mime,
                       type="primary", key="ex_download", on_click="ignore")
    st.caption(f"{len(data):,} bytes")
