"""Bilingual lexicons: TSV files -> a read-only map from normalised source to target stems.

File format (shipped and user files alike), UTF-8 (other encodings are detected by
`align.io.read.read_text`), one entry per line, ``#`` starts a comment line::

    source<TAB>target1;target2;...[<TAB>weight]

``weight`` is optional, a float in (0, 1] (default 1.0); learned lexicons carry
p-like scores there. A header line ``# normalised: true`` declares that both columns are
already in the shared normal form (files written by `align.lexicon.learn`), so they are
used as they are instead of being normalised again.

Normalisation: each side of each entry goes through
`align.text.normalize.content_tokens` (casefold, stem, drop stopwords), so
``Rusya'nın`` in a text and ``Rusya`` in the lexicon meet at one stem. Then:

* one content token on each side -> the pair gets the entry's weight;
* a multiword side (``dış politika = foreign policy``, ``Dışişleri Bakanı = Foreign
  Minister``): light verbs (`LIGHT_VERBS`: etmek, yapmak, vermek, ...; be, make, take, ...)
  are dropped when another token remains; if what is left is one token each side it is an
  ordinary pair. Otherwise token pairs already given by a one-word entry
  (``bakan = minister``) are taken out of the phrase, and each remaining token on one side
  is paired with each remaining token on the other with weight
  ``MULTIWORD * w / max(n_src_left, n_tgt_left)`` (``dışişleri -> foreign`` gets 0.7,
  ``başbakan -> prime`` and ``-> minister`` 0.35 each). This keeps ``kalp krizi = heart
  attack`` from linking ``kalp`` to ``attack``;
* an entry whose side is all stopwords is skipped (counted in `Lexicon.skipped`).

When several entries yield the same pair, the highest weight wins.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from align.errors import InputError
from align.home import cache_dir

log = logging.getLogger("align")

DATA = Path(__file__).resolve().parent.parent / "data"
LIGHT_VERBS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "tr": ("etmek", "edilmek", "olmak", "olunmak", "yapmak", "yapılmak", "eylemek", "kılmak",
           "bulunmak", "vermek", "verilmek", "almak", "alınmak", "getirmek", "gelmek",
           "geçmek", "çıkmak", "tutmak", "göstermek", "koymak", "kalmak", "düşmek"),
    "en": ("be", "make", "take", "do", "have", "get", "give", "go", "come", "put", "set",
           "hold", "keep"),
})
"""Support verbs of multiword entries (``istifa etmek = resign``, ``take office``)."""
MULTIWORD = 0.7
"""Weight factor for token pairs inferred from inside a multiword entry (see module doc)."""


def _key(lang: str) -> str:
    return lang.split("-")[0].split("_")[0].lower()


@functools.lru_cache(maxsize=65536)
def _norm(text: str, lang: str) -> tuple[str, ...]:
    from align.text.normalize import content_tokens

    return tuple(content_tokens(text, lang))


@functools.cache
def _light(lang: str) -> frozenset[str]:
    return frozenset(t for v in LIGHT_VERBS.get(_key(lang), ()) for t in _norm(v, lang))


def _drop_light(tokens: tuple[str, ...], lang: str) -> tuple[str, ...]:
    if len(tokens) < 2:
        return tokens
    light = _light(lang)
    kept = tuple(dict.fromkeys(t for t in tokens if t not in light))
    return kept or tokens[:1]


def _freeze(d: dict[str, dict[str, float]]) -> Mapping[str, Mapping[str, float]]:
    return MappingProxyType({k: MappingProxyType(v) for k, v in d.items()})


@dataclass(frozen=True, eq=False)  # identity equality and hash: usable as a cache key
class Lexicon:
    """Read-only bilingual lexicon over normalised stems.

    ``forward[src_stem][tgt_stem] = weight`` in (0, 1]; ``backward`` is the same pairs
    indexed by target stem. ``files`` names what was loaded; ``skipped`` counts entries
    with an empty side after normalisation. Build with `load_lexicon` or `from_pairs`.
    """

    src_lang: str
    tgt_lang: str
    forward: Mapping[str, Mapping[str, float]]
    backward: Mapping[str, Mapping[str, float]]
    files: tuple[str, ...] = ()
    skipped: int = 0
    n_pairs: int = 0

    @classmethod
    def from_pairs(cls, pairs: Mapping[tuple[str, str], float], src_lang: str = "tr",
                   tgt_lang: str = "en", files: Sequence[str] = (), skipped: int = 0) -> Lexicon:
        """Build from ``{(src stem, tgt stem): weight}`` (already normalised)."""
        fwd: dict[str, dict[str, float]] = {}
        bwd: dict[str, dict[str, float]] = {}
        for (s, t), w in pairs.items():
            fwd.setdefault(s, {})[t] = w
            bwd.setdefault(t, {})[s] = w
        return cls(src_lang, tgt_lang, _freeze(fwd), _freeze(bwd), tuple(files), skipped,
                   len(pairs))

    def translations(self, stem: str) -> dict[str, float]:
        """Target stems and weights for a normalised source *stem* (empty dict if unknown)."""
        return dict(self.forward.get(stem, {}))

    def reverse(self, stem: str) -> dict[str, float]:
        """Source stems and weights for a normalised target *stem* (reverse lookup)."""
        return dict(self.backward.get(stem, {}))

    def lookup(self, text: str) -> dict[str, float]:
        """Translations of a raw source word or phrase (normalised first), merged by max."""
        out: dict[str, float] = {}
        for tok in _norm(text, self.src_lang):
            for t, w in self.forward.get(tok, {}).items():
                out[t] = max(w, out.get(t, 0.0))
        return out

    def pairs(self) -> Iterator[tuple[str, str, float]]:
        """Every ``(src stem, tgt stem, weight)``, grouped by source stem."""
        for s, tgts in self.forward.items():
            for t, w in tgts.items():
                yield s, t, w

    def __contains__(self, stem: object) -> bool:
        return stem in self.forward

    def __getitem__(self, stem: str) -> Mapping[str, float]:
        """Read-only ``{target stem: weight}`` of a source stem; KeyError if unknown."""
        return self.forward[stem]

    def __iter__(self) -> Iterator[str]:
        return iter(self.forward)

    def __len__(self) -> int:
        """Number of distinct source stems."""
        return len(self.forward)

    @property
    def signature(self) -> str:
        names = ",".join(Path(f).name for f in self.files)
        return f"lexicon:{self.src_lang}-{self.tgt_lang}|pairs:{self.n_pairs}|files:{names}"


def default_paths(src_lang: str = "tr", tgt_lang: str = "en") -> tuple[list[Path], bool]:
    """Shipped files for a language pair and whether they are stored reversed.

    Looks for ``data/lexicon/{src}-{tgt}.*.tsv`` and ``data/names/{src}-{tgt}.tsv``; if there
    are none, for the ``{tgt}-{src}`` files (returned with ``True``: swap columns).
    """
    for a, b, swapped in ((src_lang, tgt_lang, False), (tgt_lang, src_lang, True)):
        a, b = _key(a), _key(b)
        core = sorted((DATA / "lexicon").glob(f"{a}-{b}.*.tsv"))
        names = [p for p in [DATA / "names" / f"{a}-{b}.tsv"] if p.is_file()]
        if core or names:
            return core + names, swapped
    return [], False


def load_lexicon(paths: Sequence[Path | str] | None = None, src_lang: str = "tr",
                 tgt_lang: str = "en") -> Lexicon:
    """Load and normalise lexicon files (default: the shipped core, names and learned files).

    Results are cached per (paths, languages, file sizes and times), so repeated calls are
    free and an edited user file is reloaded. Raises InputError naming the file and line
    for a malformed line, and for a missing or undecodable file.
    """
    swapped = False
    if paths is None:
        found, swapped = default_paths(src_lang, tgt_lang)
        paths = found
    stamps = []
    for p in paths:
        p = Path(p)
        try:
            st = p.stat()
        except OSError:
            raise InputError(f"lexicon file {p} does not exist") from None
        stamps.append((str(p), st.st_size, st.st_mtime_ns))
    return _load(tuple(stamps), _key(src_lang), _key(tgt_lang), swapped)


@functools.cache
def _load(stamps: tuple[tuple[str, int, int], ...], src_lang: str, tgt_lang: str,
          swapped: bool) -> Lexicon:
    key = _cache_key([Path(s[0]) for s in stamps], src_lang, tgt_lang, swapped)
    cached = _read_cache(key)
    if cached is not None:
        pairs, skipped = cached
    else:
        entries: list[tuple[tuple[str, ...], tuple[str, ...], float]] = []
        skipped = 0
        for name, _, _ in stamps:
            skipped += _read_into(Path(name), src_lang, tgt_lang, swapped, entries)
        pairs = _expand(entries)
        _write_cache(key, pairs, skipped)
    lex = Lexicon.from_pairs(pairs, src_lang, tgt_lang, [s[0] for s in stamps], skipped)
    log.debug("lexicon %s: %d stems, %d skipped", lex.signature, len(lex), skipped)
    return lex


# -- the normalised-lexicon cache ------------------------------------------------------------
# Normalising the shipped lexicons takes about half a second, once per process; the result
# depends only on the files' bytes and on the normaliser (align/text and its data, this
# module, the Snowball stemmer's version), so it is kept on disk under that fingerprint.
NORMALISER = ("text", "data/stem", "data/stopwords", "data/numbers", "lexicon/load.py")
"""What normalisation depends on, under the package folder."""
CACHE_VERSION = 1
CACHE_KEEP = 16  # normalised lexicons kept on disk


@functools.cache
def normaliser_fingerprint() -> str:
    """sha1 of the normaliser's code and data (``NORMALISER``) and the stemmer's version."""
    from importlib import metadata

    root = DATA.parent
    h = hashlib.sha1(f"v{CACHE_VERSION}".encode())
    for dist in ("snowballstemmer", "PyStemmer"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    for rel in NORMALISER:
        base = root / rel
        for f in sorted(base.rglob("*")) if base.is_dir() else [base]:
            if f.is_file() and f.suffix not in (".pyc", ".so", ".c"):
                h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _cache_key(paths: Sequence[Path], src_lang: str, tgt_lang: str, swapped: bool) -> str:
    h = hashlib.sha1(f"{normaliser_fingerprint()} {src_lang} {tgt_lang} {swapped}".encode())
    for p in paths:
        try:
            h.update(p.read_bytes())
        except OSError:
            raise InputError(f"cannot read lexicon file {p}") from None
    return h.hexdigest()[:24]


def _read_cache(key: str) -> tuple[dict[tuple[str, str], float], int] | None:
    path = cache_dir("lexicons") / f"{key}.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return {(s, t): float(w) for s, t, w in doc["pairs"]}, int(doc["skipped"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # absent or damaged: normalise again


def _write_cache(key: str, pairs: Mapping[tuple[str, str], float], skipped: int) -> None:
    from align.io.atomic import write_atomic

    folder = cache_dir("lexicons")
    doc = {"skipped": skipped, "pairs": [[s, t, w] for (s, t), w in pairs.items()]}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{key}.json", json.dumps(doc, ensure_ascii=False))
        old = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)[:-CACHE_KEEP]
        for p in old:
            p.unlink(missing_ok=True)
    except OSError as e:  # a read-only or full cache costs time, never the result
        log.debug("lexicon cache not written: %s", e)


def _expand(entries: list[tuple[tuple[str, ...], tuple[str, ...], float]]
            ) -> dict[tuple[str, str], float]:
    """Token pairs with weights from normalised entries; see the module doc for the rules."""
    pairs: dict[tuple[str, str], float] = {}
    multi = []
    for s_tok, t_tok, w in entries:
        if len(s_tok) == 1 and len(t_tok) == 1:
            key = (s_tok[0], t_tok[0])
            if w > pairs.get(key, 0.0):
                pairs[key] = w
        else:
            multi.append((s_tok, t_tok, w))
    single = set(pairs)
    for s_tok, t_tok, w in multi:
        explained = [(a, b) for a in s_tok for b in t_tok if (a, b) in single]
        s_left = [a for a in s_tok if all(a != x for x, _ in explained)]
        t_left = [b for b in t_tok if all(b != y for _, y in explained)]
        if not s_left or not t_left:
            continue
        wm = MULTIWORD * w / max(len(s_left), len(t_left))
        for a in s_left:
            for b in t_left:
                if wm > pairs.get((a, b), 0.0):
                    pairs[(a, b)] = wm
    return pairs


def _read_into(path: Path, src_lang: str, tgt_lang: str, swapped: bool,
               entries: list[tuple[tuple[str, ...], tuple[str, ...], float]]) -> int:
    """Parse one file, appending normalised ``(src tokens, tgt tokens, weight)`` to *entries*;
    returns the number of entries skipped because a side normalised to nothing."""
    from align.io.read import read_text

    text = read_text(path).text
    pre_normalised = False
    skipped = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if line[1:].strip().lower().replace(" ", "") in ("normalised:true", "normalized:true"):
                pre_normalised = True
            continue
        src, tgts, weight = _parse_line(path, lineno, line)
        src_items, tgt_items = (tgts, [src]) if swapped else ([src], tgts)
        for s in src_items:
            for t in tgt_items:
                if pre_normalised:
                    s_tok, t_tok = tuple(s.split()), tuple(t.split())
                else:
                    s_tok = _drop_light(_norm(s, src_lang), src_lang)
                    t_tok = _drop_light(_norm(t, tgt_lang), tgt_lang)
                if s_tok and t_tok:
                    entries.append((s_tok, t_tok, weight))
                else:
                    skipped += 1
    return skipped


def _parse_line(path: Path, lineno: int, line: str) -> tuple[str, list[str], float]:
    cols = line.rstrip("\r").split("\t")
    where = f"{path} line {lineno}"
    if len(cols) not in (2, 3):
        raise InputError(f"{where}: expected 'source<TAB>target1;target2[<TAB>weight]', "
                         f"got {len(cols)} column(s)")
    src = cols[0].strip()
    tgts = [t.strip() for t in cols[1].split(";") if t.strip()]
    if not src or not tgts:
        raise InputError(f"{where}: empty {'source' if not src else 'target'} column")
    weight = 1.0
    if len(cols) == 3:
        try:
            weight = float(cols[2])
        except ValueError:
            raise InputError(f"{where}: weight {cols[2].strip()!r} is not a number") from None
        if not (0.0 < weight <= 1.0) or math.isnan(weight):
            raise InputError(f"{where}: weight {weight} is outside (0, 1]")
    return src, tgts, weight
