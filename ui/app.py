"""Entry point: ``streamlit run ui/app.py`` (or ``python -m ui.demo``).

Signed-out visitors see only the sign-in page; reviewers get Import, Queue, Review,
QA dashboard and Export; admins also get Users & projects.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run ui/app.py` puts only ui/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st

from ui.render import md
from ui.widgets import signin
from ui.widgets.common import cookie_sync

# An emoji icon: Streamlit draws it as an inline SVG; a ":material/…:" page icon would be
# fetched from fonts.gstatic.com on every page load (a request that leaves the server).
st.set_page_config(page_title="align · review", page_icon="🔗", layout="wide")

user = signin.signed_in_user()
if user is None:
    nav = st.navigation([st.Page("views/signin.py", title="Sign in", icon=":material/login:")])
else:
    pages = {
        "Work": [
            st.Page("views/queue.py", title="Queue", icon=":material/list:", default=True),
            st.Page("views/review.py", title="Review", icon=":material/rate_review:"),
            st.Page("views/import_.py", title="Import", icon=":material/upload_file:", url_path="import"),
        ],
        "Results": [
            st.Page("views/qa.py", title="QA dashboard", icon=":material/monitoring:"),
            st.Page("views/export.py", title="Export", icon=":material/download:"),
        ],
    }
    if user.is_admin:
        pages["Admin"] = [st.Page("views/admin.py", title="Users & projects", icon=":material/admin_panel_settings:")]
    nav = st.navigation(pages)
    with st.sidebar:
        st.caption(f"Signed in as **{md(user.name)}** ({md(user.role)})")
        if st.button("Sign out", key="sign_out"):
            signin.sign_out()
            st.rerun()
        cookie_sync()
if user is None:
    cookie_sync()
nav.run()
