"""Lexicon loader, shipped data and the learn_lexicon driver."""
from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest

from align.errors import InputError
from align.lexicon import learn_lexicon, load_lexicon
from align.lexicon.load import DATA, MULTIWORD, default_paths
from align.text.normalize import content_tokens

CORE = DATA / "lexicon" / "tr-en.core.tsv"
NAMES = DATA / "names" / "tr-en.tsv"
LEARNED = DATA / "lexicon" / "tr-en.tatoeba.tsv"


def en(word: str) -> str:
    (tok,) = content_tokens(word, "en")
    return tok


def write(tmp_path: Path, text: str, name: str = "user.tsv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def shipped():
    return load_lexicon()


@pytest.mark.parametrize("tr, english", [
    ("Rusya'nın", "Russia"),
    ("RUSYA", "Russia"),
    ("saldırı", "attack"),
    ("saldırıları", "attacks"),
    ("saldırdı", "attacked"),
    ("yatırımcılar", "investors"),
    ("güvenliği", "security"),
    ("Moskova'da", "Moscow"),
    ("Ukrayna", "Ukraine"),
    ("İngiltere", "Britain"),
    ("Ocak", "January"),
    ("Dışişleri Bakanı", "minister"),
    ("Dışişleri", "foreign"),
    ("istifa etti", "resigned"),
    ("açıklama", "statement"),
    ("Yunanistan", "Greece"),
])
def test_shipped_lexicon_finds(shipped, tr: str, english: str) -> None:
    assert en(english) in shipped.lookup(tr)


def test_shipped_lexicon_shape(shipped) -> None:
    assert len(shipped) > 4000
    assert shipped.n_pairs > 8000
    assert "rusya" in shipped and "saldırı" in shipped and "russia" not in shipped
    assert shipped.translations("rusya")["russia"] == 1.0
    assert "rusya" in shipped.reverse("russia")
    assert shipped.translations("no-such-stem") == {}
    assert shipped["rusya"]["russia"] == 1.0 and "rusya" in set(shipped)
    with pytest.raises(KeyError):
        shipped["no-such-stem"]
    with pytest.raises(TypeError):
        shipped["rusya"]["x"] = 1.0  # type: ignore[index]
    assert all(0.0 < w <= 1.0 for _, _, w in shipped.pairs())
    assert [Path(f).name for f in shipped.files] == [
        "tr-en.core.tsv", "tr-en.tatoeba.tsv", "tr-en.tsv"]
    assert load_lexicon() is shipped  # cached


def test_reverse_direction_uses_shipped_files_swapped() -> None:
    paths, swapped = default_paths("en", "tr")
    assert swapped and CORE in paths
    lex = load_lexicon(src_lang="en", tgt_lang="tr")
    assert "rusya" in lex.translations("russia")
    assert "saldırı" in lex.translations(en("attack"))


@pytest.mark.parametrize("path, minimum", [(CORE, 5000), (NAMES, 600)])
def test_shipped_files_are_well_formed(path: Path, minimum: int) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    header = [ln for ln in lines if ln.startswith("#")]
    assert any("written for this project" in ln for ln in header)
    assert any("Licence" in ln for ln in header)
    data = [ln for ln in lines[:-1] if not ln.startswith("#")]
    assert len(data) >= minimum
    keys = []
    for ln in data:
        cols = ln.split("\t")
        assert len(cols) == 2, ln
        assert cols[0] == cols[0].strip() and cols[0]
        assert all(s and s == s.strip() for s in cols[1].split(";")), ln
        keys.append(cols[0])
    assert len(keys) == len(set(keys))


def test_learned_file_is_pre_normalised() -> None:
    text = LEARNED.read_text(encoding="utf-8")
    assert "# normalised: true" in text and "Tatoeba" in text
    rows = [ln.split("\t") for ln in text.splitlines() if not ln.startswith("#")]
    assert len(rows) > 1000
    assert all(len(r) == 3 and 0 < float(r[2]) <= 1 for r in rows)


def test_single_and_multiword_entries(tmp_path: Path) -> None:
    p = write(tmp_path, "# comment\n"
              "dış\tforeign;outside\n"
              "politika\tpolicy\n"
              "dış politika\tforeign policy\n"
              "başbakan\tprime minister\n"
              "kalp\theart\n"
              "kriz\tcrisis;attack\n"
              "kalp krizi\theart attack\n"
              "istifa etmek\tresign\n"
              "Dışişleri Bakanı\tForeign Minister\n"
              "bakan\tminister\n")
    lex = load_lexicon([p])
    assert lex.translations("dış") == {"foreign": 1.0, en("outside"): 1.0}
    # phrase pairs explained by one-word entries add nothing across the phrase
    assert en("policy") not in lex.translations("dış")
    assert en("attack") not in lex.translations("kalp")
    # a 1 x 2 phrase: each target token gets MULTIWORD / 2
    assert lex.translations("başbakan") == pytest.approx(
        {"prime": MULTIWORD / 2, en("minister"): MULTIWORD / 2})
    # the residue of a phrase: dışişleri <-> foreign once bakan <-> minister is explained
    assert lex.translations("dışişleri") == pytest.approx({"foreign": MULTIWORD})
    # light verb dropped: an ordinary one-to-one pair
    assert lex.translations("istifa") == {en("resign"): 1.0}
    assert lex.lookup("istifa etmek") == {en("resign"): 1.0}


def test_weights_max_and_reverse(tmp_path: Path) -> None:
    p = write(tmp_path, "kedi\tcat\t0.4\nkedi\tcat;kitten\t0.9\nköpek\tdog\t0.25\n")
    lex = load_lexicon([p])
    assert lex.translations("kedi") == {"cat": 0.9, en("kitten"): 0.9}
    assert lex.reverse("dog") == {"köpek": 0.25}
    assert len(lex) == 2 and "kedi" in lex and "cat" not in lex


def test_user_file_added_to_shipped(tmp_path: Path) -> None:
    p = write(tmp_path, "zıpzıp\tbouncy\n")
    paths, _ = default_paths("tr", "en")
    lex = load_lexicon([*paths, p])
    assert en("bouncy") in lex.translations("zıpzıp")
    assert "russia" in lex.translations("rusya")


def test_pre_normalised_and_skipped(tmp_path: Path) -> None:
    p = write(tmp_path, "# normalised: true\nsaldırılar\tattacks\t0.5\n")
    assert load_lexicon([p]).translations("saldırılar") == {"attacks": 0.5}
    q = write(tmp_path, "ve\tand\nev\thouse\n", "stop.tsv")
    lex = load_lexicon([q])
    assert lex.skipped == 1 and list(lex.forward) == ["ev"]


def test_edited_file_is_reloaded(tmp_path: Path) -> None:
    p = write(tmp_path, "ev\thouse\n")
    assert "ev" in load_lexicon([p])
    p.write_text("araba\tcar\n", encoding="utf-8")
    os.utime(p, ns=(1, 1))
    lex = load_lexicon([p])
    assert "araba" in lex and "ev" not in lex


@pytest.mark.parametrize("body, line, problem", [
    ("ev\thouse\nkedi\n", 2, "got 1 column"),
    ("# c\nev\thouse\t0.5\textra\n", 2, "got 4 column"),
    ("ev\t ; \n", 1, "empty target"),
    ("\tcat\n", 1, "empty source"),
    ("ev\thouse\nkedi\tcat\tabc\n", 2, "'abc' is not a number"),
    ("kedi\tcat\t1.5\n", 1, "outside"),
    ("kedi\tcat\t0\n", 1, "outside"),
    ("kedi\tcat\tnan\n", 1, "outside"),
])
def test_bad_lines_name_file_and_line(tmp_path: Path, body: str, line: int,
                                      problem: str) -> None:
    p = write(tmp_path, body, "bad.tsv")
    with pytest.raises(InputError, match=rf"bad\.tsv line {line}: .*{re.escape(problem)}"):
        load_lexicon([p])


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.tsv does not exist"):
        load_lexicon([tmp_path / "nope.tsv"])
    p = tmp_path / "bin.tsv"
    p.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="bin.tsv"):
        load_lexicon([p])


VOCAB = {"kedi": "cat", "köpek": "dog", "ev": "house", "araba": "car", "kitap": "book",
         "elma": "apple", "deniz": "sea", "ağaç": "tree"}


def test_learn_lexicon_end_to_end(tmp_path: Path) -> None:
    rng = random.Random(3)
    tr_lines, en_lines = [], []
    for _ in range(60):
        words = rng.sample(list(VOCAB), rng.randint(2, 4))
        tr_lines.append(" ".join(words))
        en_words = [VOCAB[w] for w in words]
        rng.shuffle(en_words)
        en_lines.append("the " + " and the ".join(en_words) + ".")
    src, tgt = write(tmp_path, "\n".join(tr_lines) + "\n", "c.tr"), write(
        tmp_path, "\n".join(en_lines) + "\n", "c.en")
    out = tmp_path / "learned.tsv"
    res = learn_lexicon(src, tgt, "tr", "en", out, provenance="synthetic test corpus")
    assert (res.n_lines, res.n_used) == (60, 60)
    text = out.read_text(encoding="utf-8")
    assert "synthetic test corpus" in text and "# normalised: true" in text
    lex = load_lexicon([out])
    gold = {(content_tokens(t, "tr")[0], en(e)) for t, e in VOCAB.items()}
    assert {(s, t) for s, t, _ in lex.pairs()} == gold
    assert res.n_entries == len(gold)


def test_learn_lexicon_rejects_unparallel_files(tmp_path: Path) -> None:
    src, tgt = write(tmp_path, "a\nb\n", "x.tr"), write(tmp_path, "a\n", "x.en")
    with pytest.raises(InputError, match=r"x\.tr has 2 lines but .*x\.en has 1"):
        learn_lexicon(src, tgt, "tr", "en", tmp_path / "o.tsv")
    assert not (tmp_path / "o.tsv").exists()
    s2, t2 = write(tmp_path, "ve\n", "y.tr"), write(tmp_path, "and\n", "y.en")
    with pytest.raises(InputError, match="no line pair has content words"):
        learn_lexicon(s2, t2, "tr", "en", tmp_path / "o.tsv")


def test_normalised_lexicon_is_kept_on_disk(tmp_path: Path, monkeypatch) -> None:
    """A second process reads the normalised lexicon from the cache instead of normalising
    the file again; a damaged cache file is normalised again, never trusted."""
    from align.lexicon import load as load_mod

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    p = write(tmp_path, "Dışişleri Bakanı\tForeign Minister\nsaldırı\tattack\t0.8\n")
    first = load_lexicon([p])
    (cached,) = (tmp_path / "cache" / "align" / "lexicons").glob("*.json")
    load_mod._load.cache_clear()  # as a fresh process

    def no_parsing(*_args: object) -> int:
        raise AssertionError("the file was normalised again")

    with monkeypatch.context() as m:
        m.setattr(load_mod, "_read_into", no_parsing)
        again = load_lexicon([p])
    assert again is not first and again.forward == first.forward
    assert again.skipped == first.skipped and again.n_pairs == first.n_pairs
    cached.write_text("{not json", encoding="utf-8")
    load_mod._load.cache_clear()
    assert load_lexicon([p]).forward == first.forward


def test_lexicon_cache_key_follows_the_normaliser(tmp_path: Path, monkeypatch) -> None:
    from align.lexicon import load as load_mod

    p = write(tmp_path, "ev\thouse\n")
    key = load_mod._cache_key([p], "tr", "en", False)
    assert key == load_mod._cache_key([p], "tr", "en", False)
    assert key != load_mod._cache_key([p], "tr", "en", True)
    monkeypatch.setattr(load_mod, "normaliser_fingerprint", lambda: "another normaliser")
    assert key != load_mod._cache_key([p], "tr", "en", False)
    p.write_text("ev\thome\n", encoding="utf-8")
    monkeypatch.undo()
    assert key != load_mod._cache_key([p], "tr", "en", False)
