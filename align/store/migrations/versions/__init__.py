"""Alembic revision files (loaded by path; this file is skipped by Alembic)."""
