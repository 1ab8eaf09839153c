"""Flag rules and confidences (align.qa.confidence), the rules of entity_mismatch and
unsupported that issue 14 added, and the semantic support behind ``unsupported``."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from align.qa import confidence
from align.qa.adequacy import semantic_similarity
from align.qa.checks import run_checks
from align.qa.checks.unsupported import PARAPHRASE
from align.qa.registry import types
from align.types import Flag, Severity
from tests.qa_helpers import make


def test_the_shipped_table_was_fitted_on_the_tuning_half() -> None:
    path = resources.files("align").joinpath("data", "qa", "confidence.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "--split tune" in data["about"]
    keys = data["counts"]
    assert keys and all(k.split(":")[0] in types() for k in keys)
    assert all(k.split(":")[2] in {s.value for s in Severity} for k in keys)


def test_confidence_is_the_smoothed_precision_of_the_rule() -> None:
    table = confidence.table()
    key = max(table, key=lambda k: sum(table[k]))  # the rule seen most
    check, rule, sev = key.split(":")
    tp, fp = table[key]
    all_tp = sum(v[0] for k, v in table.items() if k.startswith(check + ":"))
    all_n = sum(sum(v) for k, v in table.items() if k.startswith(check + ":"))
    want = (tp + confidence.PRIOR * all_tp / all_n) / (tp + fp + confidence.PRIOR)
    assert confidence.confidence_of(check, rule, Severity(sev)) == round(want, 3)
    # an unseen rule falls back to the check's precision; an unknown check has none
    assert confidence.confidence_of(check, "no-such-rule", Severity.MINOR) == \
        round(all_tp / all_n, 3)
    assert confidence.confidence_of("plugin_check", "", Severity.MAJOR) is None


def test_flags_carry_their_rule_and_confidence() -> None:
    aln = run_checks(make(["Polis 180 kilo eroin ele geçirdi.", "Bakan Ahmet Kaya konuştu."],
                          ["Police seized 280 kilos of heroin.", "Minister Mehmet Demir spoke."]))
    flags = {f.type: f for b in aln.beads for f in b.flags}
    assert flags["number_mismatch"].rule == "changed"
    assert flags["entity_mismatch"].rule == "swapped"
    for f in flags.values():
        assert f.confidence is not None and 0 <= f.confidence <= 1
    assert Flag.from_dict(flags["entity_mismatch"].to_dict()) == flags["entity_mismatch"]


@pytest.mark.parametrize(("tr", "en", "want"), [
    # a name the Turkish has in its place: a swap
    ("Toplantıya Ahmet Kaya katıldı.", "Ahmet Demir attended the meeting.", ("major", "swapped")),
    # another spelling of the name the Turkish has (a transliteration): a hint
    ("Çekoslovak ordusu geri çekildi.", "The Czechoslovak army withdrew.", ("minor", "spelling")),
    # a name the English adds, no Turkish name left over: a minor hint
    ("Toplantı uzun sürdü.", "The Reuters meeting lasted long.", ("minor", "added")),
    # capitalised title words of the Turkish are no names left over
    ("Sulh Ceza Mahkemesi tutuklama kararı verdi.",
     "The Magistrates Court ordered the arrest.", ("minor", "added")),
])
def test_entity_rules(tr: str, en: str, want: tuple[str, str]) -> None:
    aln = run_checks(make([tr], [en]), ["entity_mismatch"])
    assert [(f.severity.value, f.rule) for b in aln.beads for f in b.flags] == [want]


def test_meaning_similarity_separates_translation_from_unrelated_text() -> None:
    tr = "Hükümet yeni vergi paketini dün meclise sundu."
    same = semantic_similarity(tr, "Yesterday the government sent its new tax package to "
                                    "parliament.", "tr", "en")
    other = semantic_similarity(tr, "The striker scored twice in the second half of the "
                                    "derby.", "tr", "en")
    assert same is not None and other is not None
    assert other < PARAPHRASE < same
    assert semantic_similarity(tr, "x", "tr", "xx") is None  # a language USE does not cover


def test_unsupported_keeps_what_the_meaning_confirms(monkeypatch: pytest.MonkeyPatch) -> None:
    tr = ["Hükümet yeni vergi paketini dün meclise sundu."]
    en = ["The striker scored twice in the second half of the derby on Sunday."]
    (f,) = [f for b in run_checks(make(tr, en), ["unsupported"]).beads for f in b.flags]
    assert f.rule.endswith("+semantic") and "meaning similarity" in f.message
    # the same weak lexical support with a high meaning similarity is a paraphrase
    monkeypatch.setattr("align.qa.checks.unsupported.semantic_similarity",
                        lambda *a: PARAPHRASE + 0.1)
    assert not [f for b in run_checks(make(tr, en), ["unsupported"]).beads for f in b.flags]
    # without the encoder the lexical rule decides alone
    monkeypatch.setattr("align.qa.checks.unsupported.semantic_similarity", lambda *a: None)
    (f,) = [f for b in run_checks(make(tr, en), ["unsupported"]).beads for f in b.flags]
    assert f.rule == "no-support"
