"""Alembic migrations of the review store, shipped inside the package.

``align.store.sql.migrate`` builds the Alembic ``Config`` in code with ``script_location``
pointing here; no ``alembic.ini`` is needed. New revision: copy the newest file under
``versions/``, set ``revision`` / ``down_revision`` and write ``upgrade`` by hand.
"""
