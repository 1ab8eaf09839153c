"""Admin page: add and remove reviewers, delete projects."""
from __future__ import annotations

import streamlit as st

from ui.render import md
from ui.users import ROLES, Users
from ui.widgets.common import require_admin, store


def render() -> None:
    me = require_admin()
    from align.errors import AlignError

    st.title("Users & projects")
    users = Users()
    st.subheader("Users")
    st.dataframe([u.to_dict() for u in users.list()], hide_index=True, width="stretch")
    with st.form("add_user", clear_on_submit=True):
        c = st.columns(3)
        name = c[0].text_input("Name")
        password = c[1].text_input("Password", type="password")
        role = c[2].selectbox("Role", ROLES)
        if st.form_submit_button("Add user"):
            try:
                users.add(name.strip(), password, role)
                st.success(f"added {md(name)} ({md(role)})")
            except AlignError as e:
                st.error(md(e, block=True))
    others = [u.name for u in users.list() if u.name != me.name]
    if others:
        rm = st.columns([2, 1], vertical_alignment="bottom")
        who = rm[0].selectbox("Remove user", others, key="adm_rm_user")
        if rm[1].button("Remove", key="adm_rm"):
            users.remove(who)
            st.rerun()
    st.subheader("Projects")
    projects = store().list_projects()
    st.dataframe([{"id": p.id, "name": p.name, "pairs": p.n_pairs, "created": p.created_at,
                   "by": p.created_by} for p in projects], hide_index=True, width="stretch")
    if projects:
        dl = st.columns([2, 2, 1], vertical_alignment="bottom")
        name = dl[0].selectbox("Delete project", [p.name for p in projects], key="adm_del")
        sure = dl[1].text_input("Type the project name to confirm", key="adm_del_confirm")
        if dl[2].button("Delete", key="adm_del_go", disabled=sure != name):
            try:
                store().delete_project(name, user=me.name)
                st.session_state.pop("rv", None)
                st.success(f"deleted {md(name)}")
            except AlignError as e:
                st.error(md(e, block=True))
