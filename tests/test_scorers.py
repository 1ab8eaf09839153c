"""Scorer contract (every registered scorer on every sample) and lexical evidence."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from align.errors import UnknownComponent
from align.io.goldseg import build_gold
from align.scorers import available, get_scorer, resolve_name
from align.types import Document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FOLDERS = sorted(p.parent for p in SAMPLES.rglob("sample.json"))


def test_registry_resolves_versions() -> None:
    assert resolve_name("lexical") == "lexical.v1"
    assert resolve_name("gale-church.v1") == "gale-church.v1"
    with pytest.raises(UnknownComponent, match="known: embed, gale-church, hybrid, lexical, mt"):
        resolve_name("labse")
    assert "lexical.v1" in available()


MODEL_FREE = ["lexical.v1", "gale-church.v1"]  # neural scorers: tests/test_neural_contract.py


def test_registry_lists_every_scorer() -> None:
    assert set(available()) == {"lexical.v1", "gale-church.v1", "embed.v1", "mt.v1", "hybrid.v1"}


@pytest.mark.parametrize("name", MODEL_FREE)
@pytest.mark.parametrize("folder", FOLDERS[:4], ids=lambda p: p.name)
def test_contract_on_samples(name: str, folder: Path) -> None:
    gold = build_gold(folder)
    scorer = get_scorer(name)
    assert scorer.name == name
    pp = scorer.prepare(gold.source, gold.target)
    n, m = len(gold.source), len(gold.target)
    assert (pp.n_src, pp.n_tgt) == (n, m)
    starts = np.arange(min(n, m) - 1, dtype=np.int64)
    for a, b in [(1, 1), (2, 1), (1, 2)]:
        sims = pp.score_blocks(starts, a, starts, b)
        assert sims.shape == starts.shape and np.all((sims >= 0) & (sims <= 1))
    mat = pp.sentence_matrix()
    assert mat.shape == (n, m) and np.all((mat >= 0) & (mat <= 1))
    assert pp.score_sets([0], [0]) == pytest.approx(mat[0, 0])
    w_s, w_t = pp.skip_weights()
    assert w_s.shape == (n,) and w_t.shape == (m,)
    assert isinstance(scorer.params(), dict)


def sim(tr: str, en: str, **kw) -> float:
    pp = get_scorer("lexical", **kw).prepare(Document.from_texts([tr], "tr"),
                                            Document.from_texts([en], "en"))
    return float(pp.score_blocks(np.array([0]), 1, np.array([0]), 1)[0])


@pytest.mark.parametrize("tr, right, wrong", [
    ("Rusya'nın bütçesi 2,5 milyar dolar arttı.", "Russia's budget rose by 2.5 billion dollars.",
     "Russia's budget rose by 3.5 billion dollars."),
    ("Enflasyon yüzde 15'e geriledi.", "Inflation fell to 15 percent.",
     "Inflation fell to 25 percent."),
    ("Toplantı 26 Ekim'de Moskova'da yapıldı.", "The meeting was held in Moscow on October 26.",
     "The meeting was held in Kyiv on October 26."),
    ("İstanbul'da dört bina yıkıldı.", "Four buildings collapsed in Istanbul.",
     "Four buildings collapsed in Ankara."),
    ("Terör örgütü stratejisini değiştirdi.", "The terror group changed its strategy.",
     "The football club changed its coach."),
])
def test_lexical_evidence_prefers_the_faithful_rendering(tr: str, right: str, wrong: str) -> None:
    assert sim(tr, right) > sim(tr, wrong)


def test_user_lexicon_adds_evidence(tmp_path: Path) -> None:
    tr, en = "Zıpzıp kapıda bekliyordu.", "The bouncer was waiting at the door."
    lex = tmp_path / "lex.tsv"
    lex.write_text("zıpzıp\tbouncer\n", encoding="utf-8")
    assert sim(tr, en, lexicons=[lex]) > sim(tr, en)
    assert "user_lex" in get_scorer("lexical", lexicons=[lex]).params()


WORDS = [("Berg", "montagne"), ("Gipfel", "sommet"), ("Schnee", "neige"), ("Hütte", "cabane"),
         ("Wetter", "temps"), ("Seil", "corde"), ("Weg", "chemin"), ("Nacht", "nuit")]


def test_bootstrap_learns_from_the_input() -> None:
    # German-French pair without a lexicon: word pairs that co-occur in confident links are
    # learned (IBM Model 1), so sentences made of them become more similar.
    rng = np.random.default_rng(3)
    picks = [rng.choice(len(WORDS), 3, replace=False) for _ in range(30)]
    de = [" ".join(WORDS[k][0] for k in p) + "." for p in picks]
    fr = [" ".join(WORDS[k][1] for k in p) + "." for p in picks]
    src, tgt = Document.from_texts(de, "de"), Document.from_texts(fr, "fr")
    pp = get_scorer("lexical").prepare(src, tgt)
    assert pp.evidence == "surface"
    links = [((i,), (i,)) for i in range(30)]
    refined = pp.bootstrap(links)
    assert refined is not None and refined.evidence == "surface"
    diag = np.arange(30)
    before = pp.score_blocks(diag, 1, diag, 1).mean()
    after = refined.score_blocks(diag, 1, diag, 1).mean()
    assert after > before + 0.2
    assert get_scorer("lexical", bootstrap="off").prepare(src, tgt).bootstrap(links) is None
