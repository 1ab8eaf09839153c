"""run_checks and CHECKS (the contract), the bundled samples, and per-bead adequacy."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.errors import UnknownComponent
from align.qa.adequacy import adequacy, coverage
from align.qa.checks import CHECKS, SEVERITY, Check, run_checks, signature
from align.types import Alignment, Bead, Document, Flag, Severity, Signature
from tests.qa_helpers import make, planted_types

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["number_mismatch", "entity_mismatch", "negation_flip", "untranslated", "unsupported",
         "omission", "length", "mojibake", "terminology", "consistency"]




BAD = make(["Polis 180 kilo eroin ele geçirdi.", "Bakan, konunun gündemde olmadığını söyledi."],
           ["Police seized 280 kilos of heroin.", "The minister said the issue is on the agenda.",
            "Bu çok önemli bir gelişme."], [((0,), (0,)), ((1,), (1,))])


def test_registry_names_classes_and_severities() -> None:
    assert list(CHECKS) == TYPES and len(CHECKS) == 10
    for name in TYPES:
        cls = CHECKS[name]
        assert issubclass(cls, Check) and cls.name == name
        assert cls.severity == SEVERITY[name] and isinstance(cls.severity, Severity)
    with pytest.raises(KeyError):
        CHECKS["spelling"]


def test_run_checks_returns_a_new_alignment_with_flags_on_beads() -> None:
    out = run_checks(BAD)
    assert out is not BAD and not any(b.flags for b in BAD.beads)
    got = {(b.tgt, f.type, f.severity) for b in out.beads for f in b.flags}
    assert got == {((0,), "number_mismatch", Severity.CRITICAL),
                   ((1,), "negation_flip", Severity.CRITICAL),
                   ((2,), "untranslated", Severity.MAJOR),
                   ((2,), "unsupported", Severity.MAJOR)}
    assert out.meta["qa"]["checks"] == TYPES
    assert out.meta["qa"]["signature"] == signature()
    assert signature().startswith("qa-checks.v3|langid:")  # py3langid-X.Y.Z, or none
    # every flag has a message and at least one span inside its text
    for b in out.beads:
        for f in b.flags:
            assert f.message and (f.src_span or f.tgt_span)
            for span, text in ((f.src_span, out.source.text), (f.tgt_span, out.target.text)):
                if span is not None:
                    assert 0 <= span[0] < span[1] <= len(text)
    assert Alignment.from_json(out.to_json()).beads == out.beads  # flags round-trip


def test_run_checks_keeps_other_flags_and_replaces_its_own() -> None:
    manual = Flag("reviewer_note", Severity.MINOR, "checked by hand")
    stale = Flag("number_mismatch", Severity.MAJOR, "stale")
    beads = tuple(Bead(b.src, b.tgt, b.score, b.status, (manual, stale)) if b.tgt == (0,) else b
                  for b in BAD.beads)
    aln = Alignment(BAD.source, BAD.target, beads, BAD.signature)
    once = run_checks(aln, ["number_mismatch"])
    twice = run_checks(once, ["number_mismatch"])
    bead = next(b for b in twice.beads if b.tgt == (0,))
    assert [f.type for f in bead.flags] == ["reviewer_note", "number_mismatch"]
    assert "stale" not in [f.message for f in bead.flags]
    assert twice.beads == once.beads
    assert not any(f.type == "negation_flip" for b in once.beads for f in b.flags)


def test_run_checks_rejects_unknown_names_and_handles_empty_sides() -> None:
    with pytest.raises(UnknownComponent, match="spelling"):
        run_checks(BAD, ["number_mismatch", "spelling"])
    empty = Alignment(Document.from_texts(["Bir cümle."], "tr"), Document("en", ()),
                      (Bead((0,), ()),), Signature("test"))
    assert not run_checks(empty).beads[0].flags
    only_src = Alignment(Document("tr", ()), Document.from_texts(["A sentence."], "en"),
                         (Bead((), (0,)),), Signature("test"))
    assert not run_checks(only_src).beads[0].flags


def _samples() -> list[Path]:
    return sorted(p for p in ROOT.glob("samples/**/gold.json") if "/qa/" not in p.as_posix())


def test_faithful_samples_get_few_flags() -> None:
    """The bundled gold alignments are faithful: apart from their genuine additions (0-1
    beads) and genuinely unmarked skips, every flag there is a false one."""
    n_en, other, per_sample = 0, [], {}
    for path in _samples():
        gold = Alignment.from_json(path.read_text(encoding="utf-8"))
        out = run_checks(gold)
        n_en += len(gold.target)
        flags = [(b, f) for b in out.beads for f in b.flags]
        per_sample[path.parent.relative_to(ROOT).as_posix()] = len(flags)
        for b, f in flags:
            if f.type == "unsupported" and not b.src:
                continue  # a gold 0-1 bead: a sentence the sample adds on purpose
            if f.type == "omission" and b.kind.value == "1-0":
                continue  # a skip inside a run that the sample does not mark with "…"
            other.append((path.parent.name, f.type, f.message))
    assert n_en >= 200 and len(per_sample) >= 16
    assert len(other) * 20 <= n_en, other  # at most one false flag per 20 English sentences
    assert not [o for o in other if "critical" in o[2]]


@pytest.mark.skipif(not (ROOT / "samples" / "qa").is_dir(), reason="no planted-error samples")
def test_planted_errors_are_found_on_gold_alignments() -> None:
    from align.eval.qa import evaluate_qa_samples

    result = evaluate_qa_samples(ROOT / "samples" / "qa", on_gold=True)
    for t in planted_types():
        c = result.get(t)
        assert c.tp + c.fn >= 3 and (c.recall or 0) >= 0.8, (t, c, result.misses)
    assert (result.overall.recall or 0) >= 0.9
    assert result.false_per_20() <= 1.0, result.misses


def test_adequacy_per_bead() -> None:
    aln = make(["Merkez Bankası faizi 100 baz puan indirdi.", "Bakan konuştu.", "Hava güzeldi."],
               ["The central bank cut its rate by 100 basis points.", "Footballers enjoy the sea.",
                "Added."], [((0,), (0,)), ((1,), (1,))])
    scores = adequacy(aln)
    by_bead = {(b.src, b.tgt): s for b, s in zip(aln.beads, scores)}
    assert len(scores) == len(aln.beads)
    good, bad = by_bead[((0,), (0,))], by_bead[((1,), (1,))]
    assert good is not None and good > 0.6
    assert bad is not None and bad < 0.2
    assert by_bead[((2,), ())] is None and by_bead[((), (2,))] is None


def test_adequacy_weights_numbers_and_names() -> None:
    from align.qa.checks.base import Context

    ctx = Context(make(["Polis Ankara'da 180 kilo eroin ele geçirdi."], ["x"], []))
    src = ctx.analysis("src", 0)
    en_ok = Context(make(["x"], ["Police seized 180 kilos of heroin in Ankara."], [])
                    ).analysis("tgt", 0)
    en_bad = Context(make(["x"], ["Police seized 280 kilos of heroin in Izmir."], [])
                     ).analysis("tgt", 0)
    assert coverage(src, en_ok, ctx.lexicon) > coverage(src, en_bad, ctx.lexicon) + 0.25
    assert coverage([], en_ok, ctx.lexicon) == 1.0


def test_adequacy_uses_chrf_against_the_gloss() -> None:
    pytest.importorskip("sacrebleu")
    tr = ["Merkez Bankası faizi indirdi."]
    en = ["The central bank cut interest rates."]
    plain = adequacy(make(tr, en, [((0,), (0,))]))[0]
    good = adequacy(make(tr, en, [((0,), (0,))], meta={"gloss": {
        "scorer": "mt.v1", "model": "x", "source": ["The central bank cut interest rates."]}}))[0]
    bad = adequacy(make(tr, en, [((0,), (0,))], meta={"gloss": {
        "scorer": "mt.v1", "model": "x", "source": ["Heavy snow closed mountain roads."]}}))[0]
    assert plain is not None and good is not None and bad is not None
    assert good == pytest.approx((plain + 1.0) / 2, abs=1e-6)
    assert bad < plain < good


LONG = ROOT / "samples" / "long-court" / "gold.json"


@pytest.fixture(scope="module")
def long_court() -> Alignment:
    return Alignment.from_json(LONG.read_text(encoding="utf-8"))


def _unlink(gold: Alignment, drop: set[int]) -> Alignment:
    """*gold* with the link beads whose index is in *drop* split into null beads."""
    beads: list[Bead] = []
    for k, b in enumerate(gold.beads):
        if k in drop and not b.is_null:
            beads += [Bead((i,), ()) for i in b.src] + [Bead((), (j,)) for j in b.tgt]
        else:
            beads.append(b)
    return Alignment(gold.source, gold.target, tuple(beads), gold.signature)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sets(st.integers(0, 60), max_size=12))
def test_invariants_on_perturbed_alignments(long_court: Alignment, drop: set[int]) -> None:
    aln = _unlink(long_court, drop)
    out = run_checks(aln)
    assert [(b.src, b.tgt) for b in out.beads] == [(b.src, b.tgt) for b in aln.beads]
    for b in out.beads:
        for f in b.flags:
            assert f.type in TYPES and f.message
            for span, n in ((f.src_span, len(out.source.text)), (f.tgt_span, len(out.target.text))):
                assert span is None or 0 <= span[0] < span[1] <= n
            if f.type not in ("omission", "length"):
                assert b.tgt  # content checks sit on the bead of an English sentence
    assert run_checks(out).beads == out.beads  # re-running changes nothing
