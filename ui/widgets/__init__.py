"""Streamlit building blocks of the pages (``ui/views/*.py`` call these)."""
