"""A user glossary for the ``terminology`` check: Turkish terms and their required English
renderings.

File format (UTF-8, a BOM allowed), one entry per line::

    # comment lines start with "#"; blank lines are skipped
    tr	en
    cumhurbaşkanlığı	Presidency
    Yargıtay	Court of Cassation|Supreme Court of Appeals

Two tab-separated columns: the Turkish term (one or more words) and the English rendering,
several allowed ones separated by ``|``. A first line ``tr<TAB>en`` (any case) is a header.
A term may appear once. `read_glossary` raises `align.errors.InputError` naming the file and
the line for anything else (a missing tab, a third column, an empty column or rendering, a
repeated term), and for a file that is missing, not UTF-8 or holds no entry.

An alignment checked with a glossary keeps it in ``meta["qa"]["glossary"]`` (`to_list`:
``[{"tr": term, "en": [rendering, ...]}, ...]``), so later re-checks (the review store's)
use it again (`from_meta`).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.errors import InputError, SchemaError
from align.text.casefold import fold

HEADER = ("tr", "en")
ALTERNATIVES = "|"


@dataclass(frozen=True)
class Term:
    """One glossary entry: the Turkish term as written and its allowed English renderings."""

    tr: str
    en: tuple[str, ...]


@dataclass(frozen=True)
class Glossary:
    """Glossary entries in file order."""

    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def to_list(self) -> list[dict[str, Any]]:
        """JSON form, as stored in ``meta["qa"]["glossary"]``."""
        return [{"tr": t.tr, "en": list(t.en)} for t in self.terms]

    @classmethod
    def from_list(cls, data: Sequence[Any]) -> Glossary:
        """The inverse of `to_list`; SchemaError for anything else."""
        terms = []
        for k, e in enumerate(data):
            if not (isinstance(e, Mapping) and isinstance(e.get("tr"), str) and e["tr"].strip()
                    and isinstance(e.get("en"), list) and e["en"]
                    and all(isinstance(x, str) and x.strip() for x in e["en"])):
                raise SchemaError(f'meta.qa.glossary entry {k}: expected {{"tr": term, '
                                  f'"en": [rendering, ...]}}, got {str(e)[:80]!r}')
            terms.append(Term(e["tr"].strip(), tuple(x.strip() for x in e["en"])))
        return cls(tuple(terms))

    @classmethod
    def from_meta(cls, meta: Mapping[str, Any]) -> Glossary | None:
        """The glossary an alignment's ``meta["qa"]`` keeps, or None."""
        qa = meta.get("qa")
        data = qa.get("glossary") if isinstance(qa, Mapping) else None
        if data is None:
            return None
        if not isinstance(data, list):
            raise SchemaError("meta.qa.glossary: expected a list of "
                              '{"tr": term, "en": [rendering, ...]}')
        return cls.from_list(data)


def read_glossary(path: str | Path) -> Glossary:
    """Read a glossary TSV file (module doc); InputError naming the file and line."""
    from align.io.read import read_bytes

    data = read_bytes(path, expected="a glossary (Turkish term<TAB>English rendering)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start}); a glossary "
                         "is UTF-8") from None
    terms: list[Term] = []
    seen: dict[str, int] = {}
    first = True
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cols = [c.strip() for c in raw.split("\t")]
        where = f"{path} line {lineno}"
        if first and tuple(c.lower() for c in cols) == HEADER:
            first = False
            continue
        first = False
        if len(cols) != 2:
            raise InputError(f"{where}: expected 'Turkish term<TAB>English rendering[|other]', "
                             f"found {len(cols)} column{'s' if len(cols) != 1 else ''}")
        tr, en = cols
        renderings = tuple(r.strip() for r in en.split(ALTERNATIVES))
        if not tr or not en:
            raise InputError(f"{where}: empty {'Turkish term' if not tr else 'English'} column")
        if not all(renderings):
            raise InputError(f"{where}: empty rendering in {en!r} (renderings are separated "
                             f"by '{ALTERNATIVES}')")
        key = fold(" ".join(tr.split()), "tr")
        if key in seen:
            raise InputError(f"{where}: term {tr!r} already given on line {seen[key]}")
        seen[key] = lineno
        terms.append(Term(" ".join(tr.split()), renderings))
    if not terms:
        raise InputError(f"{path}: no glossary entry (expected lines "
                         "'Turkish term<TAB>English rendering')")
    return Glossary(tuple(terms))
