"""Streamlit review workbench (issue 7): thin pages over ``align.*`` and the review store.

Logic lives in plain modules (``ui.view``, ``ui.navigate``, ``ui.render``, ``ui.queue``,
``ui.users``, ``ui.uploads``, ``ui.importing``, ``ui.exporting``, ``ui.dashboard``) that
import no Streamlit, so they are tested without a browser; ``ui/views/*.py`` are the
pages and ``ui/app.py`` the entry point (``streamlit run ui/app.py``).
"""
