"""mojibake, consistency and terminology (issue 14): damaged and clean text, names spelled
two ways, the glossary file and its round trips (JSON, the review store, the CLI)."""
from __future__ import annotations

import dataclasses
import glob
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from align.cli import main
from align.errors import InputError, SchemaError
from align.qa.checks import run_checks
from align.qa.checks.data import turkish_letters
from align.qa.checks.mojibake import damaged_forms, find_damage, repair
from align.qa.checks.terminology import word_matches
from align.qa.glossary import Glossary, Term, read_glossary
from align.store import Store, review
from align.types import Alignment, Severity
from tests import test_store_support as support
from tests.qa_helpers import make
from tests.test_store_support import Db, add

db = support.db
pg_module_url = support.pg_module_url
sqlite_template = support.sqlite_template
store = support.store

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
PRESIDENCY = Glossary((Term("cumhurbaşkanlığı", ("Presidency",)),))


def flags(aln: Alignment, check: str, glossary: Glossary | None = None
          ) -> list[tuple[tuple[int, ...], tuple[int, ...], str, str]]:
    """(bead src, bead tgt, message, flagged text) of *check*'s flags."""
    out = run_checks(aln, [check], glossary=glossary)
    got = []
    for b in out.beads:
        for f in b.flags:
            assert f.type == check and (f.src_span or f.tgt_span)
            side, span = (out.source, f.src_span) if f.src_span else (out.target, f.tgt_span)
            assert span is not None
            got.append((b.src, b.tgt, f.message, side.text[span[0]:span[1]]))
    return got


# ---------------------------------------------------------------- mojibake

DAMAGED = [
    # (text, language, kind, damaged characters spanned, a repair the message gives)
    ("CumhurbaÅŸkanÄ± ErdoÄŸan Ä°stanbul'da konuÅŸtu.", "tr", "UTF-8 read as Windows-1252",
     "ÅŸkanÄ± ErdoÄŸan Ä°stanbul'da konuÅŸ", "“Cumhurbaşkanı”"),
    ("The presidentâ€™s office said â€œnoâ€\x9d.", "en", "UTF-8 read as Windows-1252",
     "â€™s office said â€œnoâ€\x9d", "“president’s”"),
    ("BaÅ\x9fkan geldi.", "tr", "UTF-8 read as Latin-1", "Å\x9f", "“Başkan”"),
    ("ÃƒÂ¼lke", "tr", "UTF-8 read as Windows-1252", "ÃƒÂ¼", "“ülke”"),  # twice
    ("Erdoðan Ýstanbul'da konuþtu.", "tr", "Windows-1254 read as Windows-1252",
     "ðan Ýstanbul'da konuþ", "“Erdoğan”"),
    ("Veri kayb\ufffd oldu.", "tr", "replacement characters U+FFFD", "\ufffd", "“kayb\ufffd”"),
    ("Erdo?an ?stanbul'da de?il.", "tr", "Turkish letters lost to “?”",
     "?an ?stanbul'da de?", "“Erdoğan”"),
    ("President Erdo?an spoke.", "en", "Turkish letters lost to “?”", "?", "“Erdoğan”"),
    ("Toplant? yap?ld?.", "tr", "Turkish letters lost to “?”", "?ld?", "“yapıldı”"),
]


@pytest.mark.parametrize(("text", "lang", "kind", "spanned", "repaired"), DAMAGED)
def test_mojibake_finds_damage_and_repairs_it(text: str, lang: str, kind: str, spanned: str,
                                              repaired: str) -> None:
    src, tgt = ([text], ["A sentence."]) if lang == "tr" else (["Bir cümle."], [text])
    got = flags(make(src, tgt), "mojibake")
    assert len(got) == 1
    _, _, message, span_text = got[0]
    assert message.startswith(f"encoding damage ({kind}): ") and repaired in message
    assert span_text == spanned


def test_mojibake_flags_sit_on_the_bead_of_the_damaged_sentence() -> None:
    aln = make(["Bakan konuÅŸtu.", "Toplantı bitti."], ["ItÃ¢â‚¬â„¢s over.", "The minister spoke."],
               [((0,), (1,)), ((1,), (0,))], mode="free")
    got = flags(aln, "mojibake")
    assert [(s, t, x) for s, t, _, x in got] == [((0,), (1,), "ÅŸ"), ((1,), (0,), "Ã¢â‚¬â„¢")]
    out = run_checks(aln, ["mojibake"])
    src_flag = next(f for b in out.beads for f in b.flags if f.src_span)
    assert src_flag.tgt_span is None and src_flag.severity == Severity.MAJOR
    assert "“It’s”" in got[1][2]  # an apostrophe encoded twice, repaired all the way


def test_damaged_forms_derive_from_the_code_pages() -> None:
    forms = damaged_forms()
    for c in [*turkish_letters(), *"’“–…€éßÿ"]:
        assert forms[c.encode("utf-8").decode("latin-1")][0] == c
        for codec in ("cp1252", "cp1254", "latin-1"):
            damaged = c.encode("utf-8").decode(codec, errors="replace")
            if "\ufffd" not in damaged:  # a byte the code page leaves undefined
                assert repair(damaged) == c and not damaged.isascii()
    assert len(forms) > 150  # two or three readings of ~130 characters, not a hand list


CLEAN = [
    ("Guðmundur Þórsson og Sigríður fóru ýmsar leiðir.", "is"),
    ("Guðmundur Þórsson İzlanda'ya döndü.", "tr"),  # Icelandic letters in a Turkish sentence
    ("Geldin mi? Evet. Neden?", "tr"),
    ("What?and why? See https://example.com/a?b=c&d=e, it?s fine, don?t.", "en"),
    ("SÃO PAULO and Ångström, Æsir, Ýr, Þingvellir.", "en"),
    ("Die Straße führt über die Brücke; l'été à Zürich.", "de"),
]


@pytest.mark.parametrize(("text", "lang"), CLEAN)
def test_mojibake_leaves_clean_text_alone(text: str, lang: str) -> None:
    assert list(find_damage(text, lang)) == []


def _corpus() -> Iterator[tuple[str, str, str]]:
    files = [("ntrex128/newstest2019-ref.tur.txt", "tr"), ("ntrex128/newstest2019-src.eng.txt", "en"),
             ("flores101/tur.devtest", "tr"), ("flores101/eng.devtest", "en")]
    files += [(p, "de") for p in sorted(glob.glob(str(DATA / "textberg-defr" / "test*.de")))]
    files += [(p, "fr") for p in sorted(glob.glob(str(DATA / "textberg-defr" / "test*.fr")))]
    files += [(p, "is") for p in sorted(glob.glob(str(DATA / "parice-isen" / "isl" / "*")))]
    for name, lang in files:
        path = DATA / name
        for line in path.read_text(encoding="utf-8").splitlines():
            yield name, lang, line.split("\t", 1)[-1] if lang == "is" else line


@pytest.mark.skipif(not (DATA / "ntrex128").is_dir(), reason="no ../shared/data")
def test_mojibake_finds_nothing_in_clean_corpora() -> None:
    """NTREX and FLORES (tr, en), Text+Berg (de, fr), ParIce (is): 8,000+ clean lines."""
    seen = {lang: 0 for lang in ("tr", "en", "de", "fr", "is")}
    damaged = []
    for name, lang, line in _corpus():
        seen[lang] += 1
        damaged += [(name, line) for _ in find_damage(line, lang)]
    assert damaged == [] and min(seen.values()) >= 500 and sum(seen.values()) > 8_000


@pytest.mark.skipif(not (DATA / "tatoeba").is_dir(), reason="no ../shared/data")
def test_mojibake_finds_the_one_damaged_tatoeba_sentence() -> None:
    lines = (DATA / "tatoeba" / "tatoeba-test-v2021-08-07.tur").read_text("utf-8").splitlines()
    hits = [(line, d.message()) for line in lines for d in find_damage(line, "tr")]
    assert hits == [("Nancy asla zamanÄ±nda varmaktan geri kalmaz.",
                     ("encoding damage (UTF-8 read as Windows-1252): “zamanÄ±nda” → "
                     "“zamanında”"))]


# ---------------------------------------------------------------- consistency

def test_consistency_flags_the_minority_spelling() -> None:
    aln = make(["Erdoğan konuştu.", "Erdoğan gitti.", "Erdoğan döndü.", "Bayraktar TB2 uçtu.",
                "TB2 düştü.", "Kılıçdaroğlu sustu.", "Kılıçdaroğlu konuştu."],
               ["Erdoğan spoke.", "Erdogan left.", "Erdoğan returned.", "The Bayraktar TB-2 flew.",
                "Two TB2s crashed; a TB2 fell.", "Kilicdaroglu was silent.",
                "Kılıçdaroğlu spoke."])
    got = flags(aln, "consistency")
    assert [(t, x) for _, t, _, x in got] == [((1,), "Erdogan"), ((3,), "TB-2"),
                                             ((6,), "Kılıçdaroğlu")]
    assert got[0][2] == ("“Erdogan” (1×) is written “Erdoğan” (2×) elsewhere in the English: "
                         "one name, two spellings")
    assert "“TB-2” (1×)" in got[1][2] and "“TB2” (2×)" in got[1][2]  # TB2s is a plural
    assert got[2][2].startswith("“Kılıçdaroğlu” (1×) is written “Kilicdaroglu” (1×)")  # a tie
    out = run_checks(aln, ["consistency"])
    assert {f.severity for b in out.beads for f in b.flags} == {Severity.MINOR}


def test_consistency_joins_vowel_variants_of_one_source_name() -> None:
    aln = make(["Muhammed geldi.", "Muhammed gitti.", "Muhammed kaldı.", "İstanbul'a vardı."],
               ["Mohammed came.", "Muhammad left.", "Mohammed stayed.", "He reached Istanbul."],
               [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))])
    assert [x for *_, x in flags(aln, "consistency")] == ["Muhammad"]
    unanchored = make(["Biri geldi.", "Biri gitti."], ["Mohammed came.", "Muhammad left."])
    assert flags(unanchored, "consistency") == []


CONSISTENT = [
    # other names, other words of one root, upper case, one spelling wrong everywhere
    (["Alan geldi.", "Allan gitti."], ["Alan came.", "Allan left."]),
    (["Bolivya'da seçim var.", "Bolivyalılar oy verdi."],
     ["Bolivia holds an election.", "Bolivians voted."]),
    (["Davis konuştu.", "Davis gitti."], ["Davis spoke.", "Davies left."]),
    (["ERDOĞAN KONUŞTU", "Erdoğan konuştu."], ["ERDOGAN SPEAKS", "Erdoğan spoke."]),
    (["Erdoğan konuştu.", "Erdoğan gitti."], ["Erdgan spoke.", "Erdgan left."]),
    (["Rusya S-400'leri gönderdi.", "S-400 kuruldu."], ["Russia sent S-400s.", "The S-400 was set up."]),
]


@pytest.mark.parametrize(("tr", "en"), CONSISTENT)
def test_consistency_leaves_consistent_english_alone(tr: list[str], en: list[str]) -> None:
    assert flags(make(tr, en), "consistency") == []


# ---------------------------------------------------------------- terminology

def test_terminology_finds_inflected_terms_not_rendered() -> None:
    aln = make(["Cumhurbaşkanlığı'nın açıklamasına göre toplantı ertelendi.",
                "Muhalefet Cumhurbaşkanlığına tepki gösterdi.",
                "Cumhurbaşkanlığından yeni bir açıklama geldi.",
                "Cumhurbaşkanı konuştu.",
                "Cumhurbaşkanlığı sözcüsü konuştu."],
               ["According to the presidential office, the meeting was postponed.",
                "The opposition reacted to the Presidency.",
                "A new statement came from the presidency's office.",
                "The president spoke.",
                "A spokesman spoke."])
    got = flags(aln, "terminology", PRESIDENCY)
    assert [(s, x) for s, _, _, x in got] == [((0,), "Cumhurbaşkanlığı"), ((4,), "Cumhurbaşkanlığı")]
    assert got[0][2] == "glossary: “cumhurbaşkanlığı” should be rendered “Presidency”"
    out = run_checks(aln, ["terminology"], glossary=PRESIDENCY)
    assert {(f.severity, f.tgt_span) for b in out.beads for f in b.flags} == {(Severity.MAJOR, None)}


def test_terminology_multiword_terms_alternatives_and_plurals() -> None:
    g = Glossary((Term("Merkez Bankası", ("Central Bank",)),
                  Term("Yargıtay", ("Court of Cassation", "Supreme Court of Appeals"))))
    aln = make(["Merkez Bankaları faizi artırdı.", "Merkez Bankası'nın kararı açıklandı.",
                "Yargıtay kararı onadı.", "Yargıtay'ın kararı kesinleşti.",
                "Merkez bankacılığı zor.", "Kararı merkez açıkladı; bankası yok."],
               ["The central banks raised rates.", "The bank's decision was announced.",
                "The Supreme Court of Appeals upheld the ruling.", "The top court's ruling is final.",
                "Central banking is hard.", "The centre announced it."])
    got = flags(aln, "terminology", g)
    assert [(s, m) for s, _, m, _ in got] == [
        ((1,), "glossary: “Merkez Bankası” should be rendered “Central Bank”"),
        ((3,), ("glossary: “Yargıtay” should be rendered “Court of Cassation” or "
               "“Supreme Court of Appeals”"))]
    assert got[0][3] == "Merkez Bankası"


WORDS = [
    # (Turkish word, term word, matches): inflection yes, derivation and other lemmas no
    ("cumhurbaşkanlığına", "cumhurbaşkanlığı", True),
    ("cumhurbaşkanlığından", "cumhurbaşkanlığı", True),
    ("cumhurbaşkanı", "cumhurbaşkanlığı", False),
    ("yasalar", "yasa", True), ("yasak", "yasa", False), ("anayasa", "yasa", False),
    ("yargılamanın", "yargılama", True), ("yargıladı", "yargılama", False),
    ("bankaları", "bankası", True), ("bankacı", "bankası", False),
    ("kitabı", "kitap", True), ("oğlu", "oğul", True),
    ("bakanları", "bakan", True), ("bakanlık", "bakan", False),
    ("bakanlıkları", "bakanlığı", True), ("milletvekilleri", "milletvekili", True),
    ("akşam", "ak", False), ("göçmen", "göç", False),
]


@pytest.mark.parametrize(("word", "term", "expected"), WORDS)
def test_term_word_matching(word: str, term: str, expected: bool) -> None:
    assert word_matches(word, term) is expected


def test_terminology_needs_a_glossary_and_a_linked_english() -> None:
    aln = make(["Cumhurbaşkanlığı açıklama yaptı.", "Cumhurbaşkanlığı sustu."],
               ["A statement was made."], [((0,), (0,))])
    assert flags(aln, "terminology") == []
    assert len(flags(aln, "terminology", PRESIDENCY)) == 1  # the 1-0 bead is not judged


def test_glossary_kept_in_meta_survives_json_and_reruns() -> None:
    aln = make(["Cumhurbaşkanlığı açıklama yaptı."], ["The palace made a statement."])
    once = run_checks(aln, glossary=PRESIDENCY)
    assert once.meta["qa"]["glossary"] == [{"tr": "cumhurbaşkanlığı", "en": ["Presidency"]}]
    back = Alignment.from_json(once.to_json())
    assert Glossary.from_meta(back.meta) == PRESIDENCY
    again = run_checks(back)  # no glossary given: the one in meta
    assert [b.flags for b in again.beads] == [b.flags for b in once.beads]
    assert any(f.type == "terminology" for b in again.beads for f in b.flags)
    assert again.meta["qa"]["glossary"] == once.meta["qa"]["glossary"]
    other = Glossary((Term("açıklama", ("statement",)),))
    assert not any(f.type == "terminology"
                   for b in run_checks(back, glossary=other).beads for f in b.flags)
    with pytest.raises(SchemaError, match="meta.qa.glossary entry 0"):
        run_checks(dataclasses.replace(aln, meta={"qa": {"glossary": [{"tr": "x", "en": []}]}}))


# ---------------------------------------------------------------- the glossary file

def test_read_glossary(tmp_path: Path) -> None:
    p = tmp_path / "g.tsv"
    p.write_bytes("\ufeff# our terms\ntr\ten\n\ncumhurbaşkanlığı\tPresidency\n"
                  "Yargıtay\t Court of Cassation | Supreme Court of Appeals \n"
                  "Merkez  Bankası\tCentral Bank\r\n".encode())
    g = read_glossary(p)
    assert g.terms == (Term("cumhurbaşkanlığı", ("Presidency",)),
                       Term("Yargıtay", ("Court of Cassation", "Supreme Court of Appeals")),
                       Term("Merkez Bankası", ("Central Bank",)))
    assert Glossary.from_list(json.loads(json.dumps(g.to_list()))) == g


BAD_GLOSSARIES = [
    ("cumhurbaşkanlığı Presidency\n", "line 1: expected 'Turkish term<TAB>English rendering"),
    ("tr\ten\nbakan\tminister\tnote\n", "line 2: expected .* found 3 columns"),
    ("# c\n\tPresidency\n", "line 2: empty Turkish term column"),
    ("bakan\t\n", "line 1: empty English column"),
    ("bakan\tminister||secretary\n", "line 1: empty rendering"),
    ("Bakan\tminister\nBAKAN\tsecretary\n", "line 2: term 'BAKAN' already given on line 1"),
    ("# only a comment\n\n", "no glossary entry"),
]


@pytest.mark.parametrize(("text", "error"), BAD_GLOSSARIES)
def test_read_glossary_errors_name_the_file_and_line(tmp_path: Path, text: str,
                                                      error: str) -> None:
    p = tmp_path / "bad.tsv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=f"^{re.escape(str(p))}:? (?:{error})"):
        read_glossary(p)


def test_read_glossary_file_errors(tmp_path: Path) -> None:
    p = tmp_path / "cp.tsv"
    p.write_bytes("bakanlık\tministry\n".encode("cp1254"))
    with pytest.raises(InputError, match=f"{p}: not UTF-8 text"):
        read_glossary(p)
    with pytest.raises(InputError, match="does not exist"):
        read_glossary(tmp_path / "missing.tsv")


# ---------------------------------------------------------------- the store and the CLI

def test_store_rechecks_keep_the_glossary(store: Store, db: Db) -> None:
    aln = run_checks(make(["Cumhurbaşkanlığı açıklama yaptı.", "Bakan konuştu."],
                          ["The palace made a statement.", "The minister spoke."]),
                     glossary=PRESIDENCY)
    bare = dataclasses.replace(aln, beads=tuple(dataclasses.replace(b, flags=())
                                                for b in aln.beads))
    s0 = add(store, bare)
    assert not any(b.flags for b in s0.alignment.beads)
    s1 = review.recheck(store, s0.info.id, version=s0.version, user="bo")  # whole pair

    def terms(state: object) -> list[str]:
        return [f.message for b in state.alignment.beads  # type: ignore[attr-defined]
                for f in b.flags if f.type == "terminology"]

    assert terms(s1) == ["glossary: “cumhurbaşkanlığı” should be rendered “Presidency”"]
    s2 = review.edit_text(store, s0.info.id, "tgt", 0, "The palace issued a statement.",
                          version=s1.version, user="bo")  # the window re-check
    assert len(terms(s2)) == 1
    s3 = review.edit_text(store, s0.info.id, "tgt", 0, "The Presidency made a statement.",
                          version=s2.version, user="bo")
    assert terms(s3) == []


def _cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_pair_glossary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "tr.txt"
    tgt = tmp_path / "en.txt"
    gl = tmp_path / "g.tsv"
    src.write_text("Cumhurbaşkanlığı açıklama yaptı.\nBakan konuştu.\n", encoding="utf-8")
    tgt.write_text("The palace made a statement.\nThe minister spoke.\n", encoding="utf-8")
    gl.write_text("tr\ten\ncumhurbaşkanlığı\tPresidency\n", encoding="utf-8")
    code, out, err = _cli(capsys, "pair", src, tgt, "--presegmented", "--scorer", "lexical",
                          "--glossary", gl, "--format", "json", "--quiet")
    assert code == 0, err
    aln = Alignment.from_json(out)
    assert aln.meta["qa"]["glossary"] == [{"tr": "cumhurbaşkanlığı", "en": ["Presidency"]}]
    assert [f.message for b in aln.beads for f in b.flags if f.type == "terminology"] == [
        "glossary: “cumhurbaşkanlığı” should be rendered “Presidency”"]
    gl.write_text("cumhurbaşkanlığı Presidency\n", encoding="utf-8")
    code, out, err = _cli(capsys, "pair", src, tgt, "--presegmented", "--glossary", gl)
    assert code == 2 and out == "" and f"{gl} line 1: expected" in err and err.count("\n") == 1
    gl.write_text("cumhurbaşkanlığı\tPresidency\n", encoding="utf-8")
    code, _, err = _cli(capsys, "pair", src, tgt, "--presegmented", "--scorer", "lexical",
                        "--glossary", gl, "-o", gl)
    assert code == 2 and "one of the input files" in err
    assert gl.read_text(encoding="utf-8") == "cumhurbaşkanlığı\tPresidency\n"


def test_cli_digest_and_batch_glossary(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    edam = Path(__file__).resolve().parent.parent / "samples" / "bayraktar" / "sources" / "edam.html"
    digest = tmp_path / "d.txt"
    digest.write_text("On October 26th, 2021, the Ukrainian Armed Forces used Turkey-transferred "
                      "Bayraktar TB-2 unmanned aerial systems to destroy an artillery position "
                      "of the Russia-backed rebels in Donbass.\n", encoding="utf-8")
    gl = tmp_path / "g.tsv"
    gl.write_text("insansız hava sistemi\tunmanned aerial vehicle|UAV\ntopçu\tartillery\n",
                  encoding="utf-8")
    want = [("glossary: “insansız hava sistemi” should be rendered “unmanned aerial vehicle” "
            "or “UAV”")]

    def terms(aln: Alignment) -> list[str]:
        assert aln.meta["qa"]["glossary"][1] == {"tr": "topçu", "en": ["artillery"]}
        return [f.message for b in aln.beads for f in b.flags if f.type == "terminology"]

    out = tmp_path / "p.json"
    code, _, err = _cli(capsys, "digest", digest, edam, "--scorer", "lexical", "--glossary", gl,
                        "-o", out, "--quiet")
    assert code == 0, err
    pair = json.loads(out.read_text(encoding="utf-8"))["pairs"][0]["alignment"]
    assert terms(Alignment.from_dict(pair)) == want
    src, tgt = tmp_path / "tr.txt", tmp_path / "en.txt"
    src.write_text("Ordu topçu mevziini imha etti.\n", encoding="utf-8")
    tgt.write_text("The army destroyed a gun position.\n", encoding="utf-8")
    manifest = tmp_path / "jobs.jsonl"
    manifest.write_text(json.dumps({"id": "d", "digest": str(digest), "sources": [str(edam)]})
                        + "\n" + json.dumps({"id": "p", "src": str(src), "tgt": str(tgt)})
                        + "\n", encoding="utf-8")
    code, _, err = _cli(capsys, "batch", manifest, "--scorer", "lexical", "--glossary", gl,
                        "-o", tmp_path / "out")
    assert code == 0, err
    project = json.loads((tmp_path / "out" / "d.json").read_text(encoding="utf-8"))
    assert terms(Alignment.from_dict(project["pairs"][0]["alignment"])) == want
    aln = Alignment.from_json((tmp_path / "out" / "p.json").read_text(encoding="utf-8"))
    assert terms(aln) == ["glossary: “topçu” should be rendered “artillery”"]
