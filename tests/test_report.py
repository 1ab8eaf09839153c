"""The HTML QA report: parses, self-contained, escaped, charts inline, flags by severity."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.report.build import build_report
from align.report.records import pieces
from align.types import Alignment, Bead, Document, Flag, Severity, Signature

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
VOID = {"meta", "br", "img", "input", "link", "hr", "rect", "line"}  # rect/line: self-closed in SVG


def span_of(doc: Document, i: int, word: str) -> tuple[int, int]:
    s = doc.sentences[i]
    k = s.text.index(word)
    return (s.start + k, s.start + k + len(word))


def make_alignment(hostile: bool = True) -> Alignment:
    """Three links and one addition; flags of every severity, in position order minor,
    critical, major, so a correct report must reorder them."""
    extra = f" {HOSTILE}" if hostile else ""
    src = Document.from_texts(["Fiyat 180 kilo oldu & arttı.", "Ermenistan açıklama yaptı.",
                               "Toplantı gündemde değil.", "Dördüncü cümle."], "tr")
    tgt = Document.from_texts([f"The price rose to 280 kilos{extra}.", "Azerbaijan made a statement.",
                               "The meeting is on the agenda.", "=SUM(A1) was added."], "en")
    return Alignment(src, tgt, [
        Bead((0,), (0,), 0.91, flags=(Flag("length", Severity.MINOR, f"short{extra}"),
                                      Flag("number_mismatch", Severity.MAJOR, "280 is not in the source",
                                           span_of(src, 0, "180"), span_of(tgt, 0, "280")))),
        Bead((1,), (1,), 0.42, flags=(Flag("entity_mismatch", Severity.CRITICAL, "Azerbaijan",
                                           span_of(src, 1, "Ermenistan"),
                                           span_of(tgt, 1, "Azerbaijan")),)),
        Bead((2,), (2,), 0.77, flags=(Flag("negation_flip", Severity.CRITICAL, "değil lost",
                                           span_of(src, 2, "değil"), None),)),
        Bead((3,), ()),
        Bead((), (3,), 0.0, flags=(Flag("unsupported", Severity.MAJOR, "no source"),)),
    ], Signature("test.v1", version="0"), {"title": f"Hostile{extra}"})


def write(path: Path, data: dict | Alignment) -> Path:
    text = data.to_json() if isinstance(data, Alignment) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


class Walker(HTMLParser):
    """Collects tags, attributes, text, and checks that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.errors: list[str] = []
        self.rows: list[dict[str, str | None]] = []
        self.marks: list[tuple[dict[str, str | None], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.starts.append((tag, a))
        if tag == "tr" and "data-severity" in a:
            self.rows.append(a)
        if tag == "mark":
            self.marks.append((a, ""))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.stack and self.stack[-1] == "mark":
            a, t = self.marks[-1]
            self.marks[-1] = (a, t + data)


def walk(html: str) -> Walker:
    w = Walker()
    w.feed(html)
    w.close()
    assert not w.errors and w.stack == [], (w.errors, w.stack)
    return w


@pytest.fixture()
def page(tmp_path: Path) -> tuple[str, Walker]:
    html = build_report([write(tmp_path / "hostile.json", make_alignment())], "html",
                        run_checks=False)
    return html, walk(html)


def test_parses_and_has_the_sections(page: tuple[str, Walker]) -> None:
    html, w = page
    assert html.startswith("<!doctype html>")
    ids = {a.get("id") for _, a in w.starts}
    assert {"summary", "charts", "calibration", "flags", "signatures", "flag-table",
            "sortbar"} <= ids
    svgs = [a for t, a in w.starts if t == "svg"]  # 3 charts + the held-out reliability diagram
    assert len(svgs) == 4 and all(a.get("role") == "img" for a in svgs)
    assert sum(1 for t, _ in w.starts if t == "rect") > 5


def test_self_contained(page: tuple[str, Walker]) -> None:
    html, w = page
    assert "http" not in html.lower()  # no xmlns, no CDN, no font URL
    tags = {t for t, _ in w.starts}
    assert not tags & {"link", "img", "iframe", "object", "embed"}
    assert not any(k in a for _, a in w.starts for k in ("src", "href"))
    assert sum(1 for t, _ in w.starts if t == "script") == 1  # ours, inline
    assert "@media print" in html


def test_hostile_text_is_escaped(page: tuple[str, Walker]) -> None:
    html, w = page
    assert HOSTILE not in html and "&lt;script&gt;" in html and "&amp;" in html
    text = "".join(w.text)
    assert text.count(HOSTILE) >= 3  # sentence, message, title come back as text
    assert "Fiyat 180 kilo oldu & arttı." in text
    assert not any("onerror" in a for _, a in w.starts)


def test_flags_ordered_by_severity_and_marked(page: tuple[str, Walker]) -> None:
    _, w = page
    ranks = [int(r["data-severity"] or 0) for r in w.rows]
    assert ranks == [0, 0, 1, 1, 2]
    assert [r["data-type"] for r in w.rows] == ["entity_mismatch", "negation_flip",
                                               "number_mismatch", "unsupported", "length"]
    marks = {(a["data-type"], t) for a, t in w.marks}
    assert marks == {("entity_mismatch", "Ermenistan"), ("entity_mismatch", "Azerbaijan"),
                     ("negation_flip", "değil"), ("number_mismatch", "180"),
                     ("number_mismatch", "280")}
    assert all(a["class"] in ("critical", "major", "minor") for a, _ in w.marks)


def test_summary_figures(page: tuple[str, Walker]) -> None:
    _, w = page
    text = " ".join(w.text)
    assert "75%" in text and "0.70" in text  # coverage 3/4, mean confidence (0.91+0.42+0.77)/3
    assert "5 flag(s)" in text and "2 critical, 2 major, 1 minor" in text


def test_links_only_from_data(tmp_path: Path) -> None:
    aln = make_alignment(hostile=False)
    d = aln.to_dict()
    d["meta"] = {"title": "T", "url": "https://example.org/a?b=1&c=2"}
    d2 = aln.to_dict()
    d2["meta"] = {"title": "J", "url": "javascript:alert(1)"}
    html = build_report([write(tmp_path / "a.json", d), write(tmp_path / "b.json", d2)], "html",
                        run_checks=False)
    w = walk(html)
    hrefs = [a["href"] for t, a in w.starts if t == "a"]
    assert hrefs == ["https://example.org/a?b=1&c=2"]
    assert "javascript:" not in " ".join(str(v) for _, a in w.starts for v in a.values())
    assert html.count("http") == 1


def test_empty_flags_page(tmp_path: Path) -> None:
    aln = make_alignment(hostile=False)
    clean = Alignment(aln.source, aln.target, [Bead(b.src, b.tgt, b.score) for b in aln.beads],
                      aln.signature)
    w = walk(build_report([write(tmp_path / "c.json", clean)], "html", run_checks=False))
    assert "No flags." in "".join(w.text) and not w.rows


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Bir.", "İki & üç.", "<b>x</b>", "Ü"]), min_size=1, max_size=4),
       st.integers(-5, 60), st.integers(-5, 60))
def test_pieces_cover_the_text_and_mark_inside_the_span(texts: list[str], a: int, b: int) -> None:
    doc = Document.from_texts(texts, "tr")
    got = pieces(doc, range(len(texts)), (a, b))
    assert "".join(t for t, _ in got) == " ".join(texts)
    if len(texts) > 2:
        assert "".join(t for t, _ in pieces(doc, [0, 2], None)) == f"{texts[0]} … {texts[2]}"
    inside = doc.text[max(a, 0):max(b, 0)]
    assert all(t in inside for t, m in got if m)
    assert any(m for _, m in got) == any(not c.isspace() for c in inside)


@pytest.mark.parametrize(("related", "warned"), [(0.04, True), (0.93, False), ("0.01", False)])
def test_relatedness_warning_note(tmp_path: Path, related: object, warned: bool) -> None:
    """A pair whose source does not appear to contain the English is named in the summary;
    the note is written from the number (a text in the file is never shown)."""
    d = make_alignment(hostile=False).to_dict()
    d["meta"] = {"relatedness": related, "warning": "<b>stored text</b>"}
    html = build_report([write(tmp_path / "w.json", d)], "html", run_checks=False)
    assert ("does not appear to contain this English" in html) is warned
    assert "stored text" not in html
