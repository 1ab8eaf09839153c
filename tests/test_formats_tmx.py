"""TMX 1.4b: DTD validity, which beads become units, translate-toolkit reading, import as
lexicon pairs or gold, reversed memories, hostile XML, lexicon learning from a TMX."""
from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from lxml import etree

from align.errors import InputError
from align.formats import (
    export,
    learn_from_tmx,
    read_tmx_pairs,
    read_xliff,
    tmx_to_gold,
    validate_tmx,
)
from align.types import Status
from tests.test_formats_samples import ROOT, sample_pairs, turkish_pair

DTD_PATH = ROOT / "align" / "data" / "interchange" / "tmx14b.dtd"


def counts(pairs: list, statuses: set[Status]) -> int:
    return sum(1 for p in pairs for b in p.alignment.beads
               if not b.is_null and b.status in statuses)


@pytest.mark.parametrize("include_auto", [False, True])
def test_tmx_is_valid_against_the_14b_dtd(include_auto: bool) -> None:
    dtd = etree.DTD(str(DTD_PATH))
    for pair in sample_pairs():
        data = export([pair], "tmx", None, include_auto=include_auto)
        doc = etree.fromstring(data, etree.XMLParser(load_dtd=False, no_network=True))
        assert dtd.validate(doc), dtd.error_log.filter_from_errors()
        assert validate_tmx(data) == []
    assert validate_tmx(export(sample_pairs(), "tmx", None)) == []


def test_dtd_catches_an_invalid_tmx() -> None:
    data = export([turkish_pair()], "tmx", None).replace(b' srclang="tr"', b"")
    errors = validate_tmx(data)
    assert errors and "srclang" in " ".join(errors)


@pytest.mark.parametrize(("include_auto", "statuses"), [
    (False, {Status.CONFIRMED}), (True, {Status.CONFIRMED, Status.AUTO}),
])
def test_units_confirmed_only_or_with_auto(include_auto: bool, statuses: set[Status]) -> None:
    from translate.storage.tmx import tmxfile

    pairs = sample_pairs()
    data = export(pairs, "tmx", None, include_auto=include_auto)
    store = tmxfile.parsestring(data)
    assert len(store.units) == counts(pairs, statuses) > 0
    doc = etree.fromstring(data)
    status_props = doc.xpath("//tu/prop[@type='x-status']/text()")
    assert set(status_props) == {s.value for s in statuses}  # rejected never, null never
    assert not [tu for tu in doc.iter("tu") if len(tu.findall("tuv")) != 2]


def test_tmx_read_by_translate_toolkit() -> None:
    from translate.storage import factory
    from translate.storage.tmx import tmxfile

    pair = sample_pairs()[2]  # translation-transfer: many 1:1 beads
    data = export([pair], "tmx", None)
    store = tmxfile.parsestring(data)
    assert store.sourcelanguage == "tr"
    aln = pair.alignment
    kept = [(i, b) for i, b in enumerate(aln.beads)
            if not b.is_null and b.status is Status.CONFIRMED]
    for unit, (i, b) in zip(store.units, kept):
        assert unit.getid() == f"samples/translation-transfer/{i}"
        assert unit.source == " ".join(aln.source.sentences[j].text for j in b.src)
        assert unit.gettarget("en") == " ".join(aln.target.sentences[j].text for j in b.tgt)
    import io

    assert len(factory.getobject(io.BytesIO(data)).units) == len(kept)


def test_header_and_props() -> None:
    doc = etree.fromstring(export(sample_pairs()[:1], "tmx", None))
    header = doc.find("header")
    assert header is not None and doc.get("version") == "1.4"
    assert {k: header.get(k) for k in ("creationtool", "segtype", "srclang", "adminlang",
                                       "datatype", "o-tmf")} == {
        "creationtool": "align-workbench", "segtype": "sentence", "srclang": "tr",
        "adminlang": "en", "datatype": "plaintext", "o-tmf": "align"}
    tu = doc.find("body/tu")
    assert tu is not None
    types = [p.get("type") for p in tu.findall("prop")]
    assert types[:6] == ["x-score", "x-status", "x-project", "x-pair", "x-src-ids", "x-tgt-ids"]
    flagged = doc.xpath("//tu[prop[@type='x-flags']]")
    assert flagged and all(t.xpath("prop[@type='x-flags']/text()") == ["number_mismatch"]
                           for t in flagged)


def test_tmx_to_gold_keeps_status_and_score(tmp_path: Path) -> None:
    pairs = sample_pairs()
    path = tmp_path / "m.tmx"
    export(pairs, "tmx", path, include_auto=True)
    gold = tmx_to_gold(path)
    want = [(b.status, round(b.score, 6), list(b.src)) for p in pairs for b in p.alignment.beads
            if not b.is_null and b.status is not Status.REJECTED]
    assert [(b.status, b.score, b.src) for b in gold.beads] == [
        (s, sc, (i,)) for i, (s, sc, _) in enumerate(want)]
    assert [u["x-src-ids"] for u in gold.meta["tmx_units"]] == [str(w[2]) for w in want]


REVERSED = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="{header}" datatype="plaintext"/><body>
<tu{tu}><tuv xml:lang="{first}"><seg>{a}</seg></tuv><tuv xml:lang="{second}"><seg>{b}</seg></tuv></tu>
</body></tmx>"""
EN, TR = "The court ruled.", "Mahkeme karar verdi."


@pytest.mark.parametrize(("header", "tu", "first", "second", "a", "b", "where"), [
    ("en-US", "", "en-US", "tr-TR", EN, TR, 'header srclang="en-US"'),
    ("*all*", "", "en", "tr", EN, TR, "its translation units"),
    ("tr", ' srclang="en"', "tr", "en", TR, EN, 'header srclang="tr"'),
])
def test_reversed_memory_needs_swap(tmp_path: Path, header: str, tu: str, first: str,
                                    second: str, a: str, b: str, where: str) -> None:
    path = tmp_path / "en-tr.tmx"
    path.write_text(REVERSED.format(header=header, tu=tu, first=first, second=second,
                                    a=a, b=b), encoding="utf-8")
    for read in (read_tmx_pairs, tmx_to_gold):
        with pytest.raises(InputError) as e:
            read(path)
        msg = str(e.value)
        assert str(path) in msg and "swap" in msg and "en->tr" in msg and where in msg
    assert read_tmx_pairs(path, swap=True) == [(TR, EN)]
    assert tmx_to_gold(path, swap=True).source.texts == [TR]


def test_memory_in_the_right_direction_reads(tmp_path: Path) -> None:
    path = tmp_path / "tr-en.tmx"
    path.write_text(REVERSED.format(header="*all*", tu="", first="tr", second="en", a=TR, b=EN),
                    encoding="utf-8")
    assert read_tmx_pairs(path) == [(TR, EN)]


HOSTILE = {
    "billion-laughs": """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
{root}""",
    "xxe-passwd": """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
{root}""",
    "parameter-entity-dtd": """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "{url}/evil.dtd"> %remote;]>
{root}""",
}
TMX_ROOT = ('<tmx version="1.4"><header srclang="tr"/><body><tu><tuv xml:lang="tr"><seg>'
            '{ent}</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>')
XLIFF_ROOT = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="tr">'
              '<file id="f1"><unit id="u1"><segment><source>{ent}</source>'
              '<target>x</target></segment></unit></file></xliff>')


@pytest.fixture(scope="module")
def http_server() -> object:
    """A local web server counting requests: a DTD fetch would show up here."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY secret "LEAKED">')

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("fmt", ["tmx", "xliff"])
def test_hostile_xml_is_refused_and_nothing_written(tmp_path: Path, http_server: tuple,
                                                    kind: str, fmt: str) -> None:
    url, hits = http_server
    hits.clear()
    ent = {"billion-laughs": "&d;", "xxe-passwd": "&xxe;"}.get(kind, "&secret;")
    root = (TMX_ROOT if fmt == "tmx" else XLIFF_ROOT).format(ent=ent)
    path = tmp_path / f"{kind}.{fmt}"
    path.write_text(HOSTILE[kind].replace("{root}", root).replace("{url}", url),
                    encoding="utf-8")
    out = tmp_path / "lexicon.tsv"
    readers: list[Callable[[Path], object]] = ([read_tmx_pairs, tmx_to_gold, lambda p: learn_from_tmx(p, out)]
               if fmt == "tmx" else [read_xliff])
    for read in readers:
        with pytest.raises(InputError, match="refused") as e:
            read(path)
        assert str(path) in str(e.value) and "root:" not in str(e.value)
    assert not out.exists() and hits == []


@pytest.mark.parametrize("where", ["http", "file"])
@pytest.mark.parametrize("fmt", ["tmx", "xliff"])
def test_external_doctype_is_never_fetched(tmp_path: Path, http_server: tuple, fmt: str,
                                           where: str) -> None:
    url, hits = http_server
    hits.clear()
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY secret "LEAKED">', encoding="utf-8")
    system = f"{url}/evil.dtd" if where == "http" else str(dtd)
    root = (TMX_ROOT if fmt == "tmx" else XLIFF_ROOT)
    path = tmp_path / f"doctype.{fmt}"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "{system}">\n'
                    + root.format(ent="plain"), encoding="utf-8")
    if fmt == "tmx":
        assert read_tmx_pairs(path) == [("plain", "x")]
    else:
        assert [r.source for r in read_xliff(path)] == ["plain"]
    path.write_text(path.read_text().replace("plain", "&secret;"), encoding="utf-8")
    with pytest.raises(InputError, match="not well-formed"):  # the entity stays undefined
        read_tmx_pairs(path) if fmt == "tmx" else read_xliff(path)
    assert hits == []
    if where == "file":  # the trap works: a careless parser loads the DTD and expands it
        careless = etree.XMLParser(load_dtd=True, resolve_entities=True)
        assert b"LEAKED" in etree.tostring(etree.parse(str(path), careless))


def test_learn_lexicon_from_tmx(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    export(sample_pairs(), "tmx", path, include_auto=True)
    out = tmp_path / "lex.tsv"
    r = learn_from_tmx(path, out, min_count=1, provenance="samples, test only")
    text = out.read_text(encoding="utf-8")
    assert r.n_lines == len(read_tmx_pairs(path)) and r.n_entries > 0
    assert "Source: TMX memory.tmx" in text and "memory.tmx.tr / memory.tmx.en" in text
    assert "samples, test only" in text and "# normalised: true" in text
    entries = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert len(entries) == r.n_entries and all(len(e) == 3 for e in entries)


def test_learn_from_reversed_tmx_needs_swap(tmp_path: Path) -> None:
    path = tmp_path / "en-tr.tmx"
    body = "".join(f'<tu><tuv xml:lang="en"><seg>The court ruled {i}.</seg></tuv>'
                   f'<tuv xml:lang="tr"><seg>Mahkeme karar verdi {i}.</seg></tuv></tu>'
                   for i in range(5))
    path.write_text(f'<tmx version="1.4"><header srclang="en"/><body>{body}</body></tmx>',
                    encoding="utf-8")
    out = tmp_path / "lex.tsv"
    with pytest.raises(InputError, match="swap"):
        learn_from_tmx(path, out)
    assert not out.exists()
    r = learn_from_tmx(path, out, swap=True, min_count=1)
    assert r.n_lines == 5 and out.exists()
