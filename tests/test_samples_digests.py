"""The whole-digest samples agree with their gold pairs.

For the flagship ``samples/bayraktar`` and ``samples/digests/*``: every source file, read back
with a small independent reader here (not ``align.sources``), holds exactly the paragraphs of
its block's gold ``source.seg``; the digest's unique excerpt blocks and its lead are exactly the
gold targets; the lead's source is the block sources concatenated in block order; the manifest
``digest.json`` names existing files and one gold folder per unique block.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from align.io.goldseg import build_gold

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DIGESTS = [SAMPLES / "bayraktar", SAMPLES / "digests" / "economy", SAMPLES / "digests" / "justice"]
# lines the scraper appended after the last block (not excerpt text)
JUNK = {"Share this:\nTwitter\nFacebook", "Hits: 12", "Hits: 0"}


def manifest(folder: Path) -> dict:
    return json.loads((folder / "digest.json").read_text(encoding="utf-8"))


def gold_paragraphs(folder: Path, side: str) -> list[str]:
    gold = build_gold(folder)
    doc = gold.source if side == "source" else gold.target
    return doc.text.strip().split("\n\n")


class _ArticleText(HTMLParser):
    """<h1> and <p> texts inside <article>, whitespace collapsed as a browser does."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.cur: list[str] | None = None
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in ("h1", "p"):
            self.cur = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        elif self.cur is not None and tag in ("h1", "p"):
            self.out.append(" ".join("".join(self.cur).split()))
            self.cur = None

    def handle_data(self, data: str) -> None:
        if self.cur is not None:
            self.cur.append(data)


def read_html(path: Path) -> list[str]:
    parser = _ArticleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.out


def read_txt(path: Path) -> list[str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1254")
    text = text.replace("\r\n", "\n")
    return [" ".join(p.split("\n")) for p in re.split(r"\n\s*\n", text.strip())]


def read_md(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"\*\*([^*]+)\*\*|\*([^*]+)\*", lambda m: m.group(1) or m.group(2), text)
    paras = [" ".join(p.split("\n")) for p in re.split(r"\n\s*\n", text.strip())]
    return [re.sub(r"^#\s+", "", p) for p in paras]


def read_docx(path: Path) -> list[str]:
    docx = pytest.importorskip("docx")
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def read_pdf(path: Path) -> list[str]:
    """Lines by position; header/footer dropped by y; a paragraph starts at a font change or an
    indented line; a line-final '-' after a letter is a soft hyphen."""
    pypdf = pytest.importorskip("pypdf")
    lines: list[tuple[float, float, str, str]] = []  # x, font size, font, text

    for page in pypdf.PdfReader(str(path)).pages:
        def visit(text: str, cm: list, tm: list, font: dict | None, size: float) -> None:
            if text.strip() and 60.0 < tm[5] < 790.0:
                lines.append((tm[4], size, (font or {}).get("/BaseFont", ""), text.strip()))
        page.extract_text(visitor_text=visit)
    paras: list[str] = []
    prev = None
    for x, size, font, text in lines:
        new = prev is None or (size, font) != prev[1:3] or x > lines[0][0] + 10
        if new:
            paras.append(text)
        elif re.search(r"\w-$", paras[-1]):
            paras[-1] = paras[-1][:-1] + text
        else:
            paras[-1] += " " + text
        prev = (x, size, font)
    return paras


READERS = {".html": read_html, ".txt": read_txt, ".md": read_md, ".docx": read_docx, ".pdf": read_pdf}
CASES = [(d, k) for d in DIGESTS for k in range(len(manifest(d)["sources"]))]


@pytest.mark.parametrize(("folder", "k"), CASES, ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_source_file_holds_gold_paragraphs(folder: Path, k: int) -> None:
    man = manifest(folder)
    path = folder / man["sources"][k]
    got = READERS[path.suffix](path)
    assert got == gold_paragraphs(folder / man["gold"][f"block:{k + 1}"], "source")


def split_digest(text: str) -> tuple[list[str], list[tuple[str, tuple[str, ...]]], list[str]]:
    """(lead paragraphs, [(citation, excerpt paragraphs)], junk paragraphs)."""
    lead: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    junk: list[str] = []
    for para in text.strip().split("\n\n"):
        if para in JUNK:
            junk.append(para)
        elif para.startswith("Source:"):
            blocks.append((para, []))
        elif blocks:
            assert not junk, f"excerpt text after junk: {para[:40]!r}"
            blocks[-1][1].append(para)
        else:
            lead.append(para)
    return lead, [(c, tuple(p)) for c, p in blocks], junk


@pytest.mark.parametrize("folder", DIGESTS, ids=lambda p: p.name)
def test_digest_matches_gold_targets(folder: Path) -> None:
    man = manifest(folder)
    lead, blocks, _ = split_digest((folder / man["digest"]).read_text(encoding="utf-8"))
    unique = list(dict.fromkeys(blocks))  # a block repeated word for word is one block
    assert sorted(man["gold"]) == sorted([f"block:{k}" for k in range(1, len(unique) + 1)] + ["lead"])
    assert len(man["sources"]) == len(unique)
    assert all((folder / s).is_file() for s in man["sources"])
    for k, (_, paras) in enumerate(unique, 1):
        assert list(paras) == gold_paragraphs(folder / man["gold"][f"block:{k}"], "target")
    assert lead == gold_paragraphs(folder / man["gold"]["lead"], "target")


EXPECTED_COPIES = {  # (blocks as they appear, by unique block number; junk paragraphs at the end)
    "bayraktar": ([1, 2, 1], ["Hits: 0"]),
    "economy": ([1, 2, 2], ["Share this:\nTwitter\nFacebook", "Hits: 12"]),
    "justice": ([1, 2, 3], []),
}


@pytest.mark.parametrize("folder", DIGESTS, ids=lambda p: p.name)
def test_digest_duplicates_and_junk(folder: Path) -> None:
    _, blocks, junk = split_digest((folder / "digest.txt").read_text(encoding="utf-8"))
    unique = list(dict.fromkeys(blocks))
    assert ([unique.index(b) + 1 for b in blocks], junk) == EXPECTED_COPIES[folder.name]


@pytest.mark.parametrize("folder", DIGESTS, ids=lambda p: p.name)
def test_lead_source_is_blocks_in_order(folder: Path) -> None:
    man = manifest(folder)
    parts = [build_gold(folder / man["gold"][f"block:{k}"]).source for k in range(1, len(man["sources"]) + 1)]
    lead = build_gold(folder / man["gold"]["lead"]).source
    assert lead.texts == [t for doc in parts for t in doc.texts]
    assert lead.text.strip().split("\n\n") == [p for doc in parts for p in doc.text.strip().split("\n\n")]
