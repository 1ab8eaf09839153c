"""Projects: a digest, its Turkish sources and every aligned pair (``align digest``)."""
from align.project.records import PROJECT_SCHEMA, PairRecord, Project, SourceRecord

__all__ = ["PROJECT_SCHEMA", "PairRecord", "Project", "SourceRecord"]
