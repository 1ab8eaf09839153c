"""Persistence of the review store: database URLs and engines (``db``), tables (``schema``),
Alembic migrations (``migrate``; the revisions are in ``align/store/migrations``),
versioned write transactions (``txn``), the edit log and undo images (``log``), reading a
pair (``read``) and importing alignments (``importing``)."""
