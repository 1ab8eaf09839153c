"""QA dashboard: the report's totals, charts and tables over the store's current pairs
(recomputed whenever a pair's version changes), and the full HTML report."""
from __future__ import annotations

from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from ui.exporting import charts, report_data
from ui.widgets.common import require_user, store


def _states(project: str) -> list[Any]:
    s = store()
    return [s.load(p.id) for p in s.list_pairs(project or None)]


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{100 * v:.0f}%"


def render() -> None:
    require_user()
    st.title("QA dashboard")
    projects = [p.name for p in store().list_projects()]
    if not projects:
        st.info("No projects yet.")
        return
    project = st.selectbox("Project", ["", *projects], key="qa_project",
                           format_func=lambda v: v or "all projects")
    states = _states(project)
    if not states:
        st.info("This project has no pairs.")
        return
    data = report_data(states)
    t = data.total
    c = st.columns(5)
    c[0].metric("Pairs", len(data.pairs))
    c[1].metric("Flags", t.flags)
    c[2].metric("Coverage", _pct(t.coverage), help="share of Turkish sentences used")
    c[3].metric("Support", _pct(t.support), help="share of English sentences linked")
    mqm = t.mqm_penalty
    c[4].metric("MQM penalty / 1000 words", "–" if mqm is None else f"{mqm:.1f}")
    cols = st.columns(3)
    for col, (svg, caption) in zip(cols, charts(data), strict=False):
        col.image(svg, caption=caption)
    from align.report.records import records, summary_records

    per_pair = []
    for r in summary_records(data):
        label = f"{r['file']} / {r['pair']}" if r['file'] else r['pair']
        title = r.get("title", "")
        rest = {k: v for k, v in r.items() if k not in ("file", "pair", "title", "id")}
        per_pair.append({"pair": label, "title": title, **rest})
    st.subheader("Per pair")
    st.dataframe(per_pair, hide_index=True, width="stretch")
    st.subheader("Flags (most severe first)")
    flags = [r for r in records(data) if r["record"] == "flag"]
    cols_shown = ("severity", "type", "message", "bead", "score", "status", "src_excerpt",
                  "tgt_excerpt")
    st.dataframe([{"pair": f"{r['file']} / {r['pair']}",
                   **{k: r[k] for k in cols_shown}} for r in flags],
                 hide_index=True, width="stretch")
    if data.notes:
        st.subheader("Notes")
        for n in data.notes:
            st.text(f"{n.level}: {n.message}")
    with st.expander("Full HTML report"):
        from align.report.html import render_html

        components.html(render_html(data), height=900, scrolling=True)
