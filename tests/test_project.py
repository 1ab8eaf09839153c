"""Project layer: matching sources to blocks, fetching (no network), records, joins."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.digest.records import Citation
from align.project.fetch import cache_path, fetch_urls
from align.project.match import SourceInfo, match_blocks, metadata_score, norm_url
from align.project.records import PairRecord, Project, SourceRecord
from align.types import Alignment, Bead, Document, Signature


def cite(**kw):  # type: ignore[no-untyped-def]
    return Citation(**kw)


EDAM = cite(title_tr="Ukrayna’nin Donbas’taki SİHA Taarruzu Türkiye-Rusya Gerilimini Tetikleyebilir",
            outlet="EDAM", date="2021-10-27",
            url="https://edam.org.tr/ukraynanin-siha-taarruzu-bir-turkiye-rusya-gerilimine-neden-olabilir/")
DUVAR = cite(title_tr="Rusya’dan Türkiye’ye ‘Bayraktar’ eleştirisi: Endişelerimiz haklı çıktı",
             outlet="Gazete Duvar", date="2021-10-27",
             url="https://www.gazeteduvar.com.tr/rusyadan-turkiyeye-bayraktarelestirisi-endiselerimiz-hakli-cikti-haber-1539815")


@pytest.mark.parametrize("a, b", [
    ("https://www.edam.org.tr/x/?utm=1#top", "http://edam.org.tr/x"),
    ("HTTPS://Example.com/a/", "example.com/a"),
])
def test_norm_url(a: str, b: str) -> None:
    assert norm_url(a) == norm_url(b)


@pytest.mark.parametrize("source, expected_by", [
    (SourceInfo("s", "page.html", url=EDAM.url + "?ref=rss"), "url"),
    (SourceInfo("s", "x.docx", title="Ukrayna'nın Donbas'taki SİHA taarruzu Türkiye-Rusya "
                                     "gerilimini tetikleyebilir"), "title"),
    (SourceInfo("s", "sources/edam.html"), "filename"),
    (SourceInfo("s", "unrelated-name.pdf", title="Başka bir haber"), ""),
])
def test_metadata_evidence(source: SourceInfo, expected_by: str) -> None:
    score, by = metadata_score(EDAM, source)
    assert by == expected_by and (score > 0) == bool(expected_by)


def test_blocks_match_their_sources_and_one_source_serves_two_blocks() -> None:
    sources = [SourceInfo("s1", "edam.html"), SourceInfo("s2", "duvar.docx")]
    matches = match_blocks([[EDAM], [DUVAR], [EDAM]], sources)
    assert [(m.block, m.sources, m.by) for m in matches] == [
        (1, ("s1",), "filename"), (2, ("s2",), "filename"), (3, ("s1",), "filename")]


def test_mapping_file_wins_and_content_is_the_last_resort(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    sources = [SourceInfo("s1", str(a)), SourceInfo("s2", str(b))]
    nothing = cite(raw="Source: somebody, somewhere")
    m = match_blocks([[nothing], [nothing]], sources, {"1": str(b)},
                     content=lambda blk, s: 0.9 if s.id == "s1" else 0.1)
    assert [(x.block, x.sources, x.by) for x in m] == [(1, ("s2",), "mapping"),
                                                        (2, ("s1",), "content")]
    assert match_blocks([[nothing]], sources, content=lambda blk, s: 0.1) == []


def test_fetch_offline_is_reported_once_and_cache_is_used(tmp_path: Path, monkeypatch) -> None:
    import requests

    calls = []

    def offline(url, **kw):
        calls.append(url)
        raise requests.ConnectionError("no network")

    monkeypatch.setattr(requests, "get", offline)
    cached_url = "https://example.org/cached"
    cache_path(cached_url, tmp_path).parent.mkdir(parents=True, exist_ok=True)
    cache_path(cached_url, tmp_path).write_text("<html></html>", encoding="utf-8")
    res = fetch_urls(["https://a.example/1", "https://a.example/2", cached_url], tmp_path)
    assert calls == ["https://a.example/1"]  # offline after the first failure
    assert res.paths == (cache_path(cached_url, tmp_path),)
    assert sum("offline" in n for n in res.notes) == 1


def test_fetch_downloads_into_the_cache(tmp_path: Path, monkeypatch) -> None:
    import requests

    class Resp:
        content = b"<html><p>Merhaba</p></html>"

        def raise_for_status(self) -> None:
            return None

    monkeypatch.setattr(requests, "get", lambda url, **kw: Resp())
    res = fetch_urls(["https://example.org/a"], tmp_path)
    assert res.paths[0].read_bytes() == Resp.content


def test_project_round_trip() -> None:
    src = Document.from_texts(["Bir.", "İki."], "tr")
    tgt = Document.from_texts(["One."], "en")
    aln = Alignment(src, tgt, (Bead((0,), (0,), 0.9), Bead((1,), (), 0.8)), Signature("lexical.v1"))
    project = Project("d.txt", {"lead": []}, (SourceRecord("s1", "a.html", "html"),),
                      (PairRecord("block:1", "excerpt", ("s1",), aln, 1, {"url": "u"}, "url"),),
                      ("a note",))
    again = Project.from_dict(json.loads(project.to_json()))
    assert again.to_dict() == project.to_dict()
    assert again.pair("block:1").alignment == aln


def test_document_join_keeps_spans_and_paragraphs() -> None:
    a = Document.from_texts(["Bir.", "İki."], "tr", paragraphs=[0, 1])
    b = Document.from_texts(["Üç."], "tr")
    j = Document.join([a, b])
    assert [s.paragraph for s in j.sentences] == [0, 1, 2]
    assert all(j.text[s.start:s.end] == s.text for s in j.sentences)
