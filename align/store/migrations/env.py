"""Alembic environment: migrations run on the connection ``align.store.sql.migrate`` passes
in ``config.attributes["connection"]`` (no URL or ini file is read here). Importing this
module outside Alembic does nothing."""
from __future__ import annotations

from typing import Any

from alembic import context


def run(config: Any) -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run the store's migrations through align.store.sql.migrate "
                           "(`align db upgrade`), not the alembic command")
    context.configure(connection=connection, transaction_per_migration=False)
    with context.begin_transaction():
        context.run_migrations()


_config = getattr(context, "config", None)  # set only while Alembic runs this file
if _config is not None:
    run(_config)
