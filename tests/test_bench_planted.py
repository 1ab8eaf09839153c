"""The planted-error benchmark (benchmarks/planted.py): seeded, each planted flag points at
a sentence the rule really changed, and the checks are scored against them."""
from __future__ import annotations

from align.types import Bead, Document
from benchmarks.datasets import Case
from benchmarks.planted import COUNTRIES, plant, run

TR = ["Ankara'da dün 1.250 kişi toplandı.", "Bakan Yılmaz açıklama yaptı.",
      "Toplantı üç saat sürdü ve sonunda ortak bir bildiri yayımlandı.",
      "Hükümet yeni vergi paketini meclise sundu.", "Muhalefet paketi eleştirdi.",
      "Karar gelecek hafta açıklanacak."] * 4
EN = ["Yesterday 1,250 people gathered in Ankara.", "Minister Yılmaz made a statement.",
      "The meeting lasted three hours and ended with a joint communique being published.",
      "The government has submitted the new tax package to parliament.",
      "The opposition criticised the package.", "The decision will be announced next week."] * 4


def _case(name: str) -> Case:
    gold = tuple(Bead((i,), (i,)) for i in range(len(TR)))
    return Case(name, "toy", Document.from_texts(TR, "tr"), Document.from_texts(EN, "en"), gold)


def test_planting_is_seeded_and_every_flag_is_real() -> None:
    cases = [_case("a"), _case("b")]
    first, again = plant(cases[0], cases, 7), plant(cases[0], cases, 7)
    assert first == again and first.flags  # reproducible, at least one error
    assert plant(cases[0], cases, 8).tgt.texts != first.tgt.texts or len(first.flags) == 1
    for f in first.flags:
        if f["type"] == "omission":
            assert f["tgt"] is None and EN[f["src"]] not in first.tgt.texts  # type: ignore[index]
        else:
            j = f["tgt"]
            assert isinstance(j, int) and 0 <= j < len(first.tgt)
            assert first.tgt.texts[j] not in EN or f["type"] == "unsupported"
            if f["type"] == "entity_mismatch":
                assert any(c in first.tgt.texts[j] for c in COUNTRIES)


def test_run_scores_the_checks_against_the_planted_flags() -> None:
    result = run([_case("a"), _case("b")], "lexical", seed=3)
    assert result.n_docs == 2 and result.overall.fn + result.overall.tp > 0
