"""The planted-error benchmark (benchmarks/planted.py): seeded, each planted flag points at
a sentence the rule really changed, and the checks are scored against them."""
from __future__ import annotations

from collections import Counter

from align.types import Bead, Document
from benchmarks.datasets import Case
from benchmarks.planted import COUNTRIES, SURNAMES, damage, mark_gaps, plant, run, variant

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
    kinds: Counter[str] = Counter()
    for seed in range(20):
        p = plant(cases[0], cases, seed)
        for f in p.flags:
            kinds[str(f["type"])] += 1
            if f["type"] == "omission":
                assert f["tgt"] is None and str(f["note"]).removeprefix("deleted: ") in EN
                assert str(f["note"]).removeprefix("deleted: ") not in p.tgt.texts[
                    max(0, int(f["src"]) - 2):int(f["src"]) + 1]  # type: ignore[call-overload]
            elif f["type"] == "mojibake":
                assert p.src.texts[int(f["src"])] not in TR  # type: ignore[call-overload]
            else:
                j = f["tgt"]
                assert isinstance(j, int) and 0 <= j < len(p.tgt)
                assert p.tgt.texts[j] not in EN or f["type"] == "unsupported"
                if f["type"] == "entity_mismatch":
                    assert any(c in p.tgt.texts[j] for c in COUNTRIES + SURNAMES)
    assert {"negation_flip", "omission", "unsupported", "mojibake"} <= set(kinds)


def test_gaps_are_marked_and_rules_are_what_they_say() -> None:
    gold = (Bead((0,), (0,)), Bead((1,), ()), Bead((2,), (1,)), Bead((3,), (2,)))
    case = Case("g", "toy", Document.from_texts(TR[:4], "tr"),
                Document.from_texts(EN[:1] + EN[2:4], "en"), gold)
    marked = mark_gaps(case)
    assert [t.endswith("…") for t in marked.tgt.texts] == [True, False, False]
    assert damage("Erdoğan konuştu.") == "ErdoÄŸan konuştu."
    assert damage("Plain ASCII.") is None
    assert variant("Erdoğan") == "Erdogan" and variant("Jackson") == "Jakson"


def test_run_scores_the_checks_against_the_planted_flags() -> None:
    result, rules = run([_case("a"), _case("b")], "lexical", seeds=(3,))
    assert result.n_docs == 2 and result.overall.fn + result.overall.tp > 0
    assert sum(n for n, _ in rules.values()) == result.overall.tp + result.overall.fn
