"""Calibration per evidence kind and mode, relatedness, and the cost-profile lookup."""
from __future__ import annotations

import pytest

from align.aligner.calibrate import DEFAULT, Calibration, fitted, for_evidence
from align.aligner.costs import PROFILES, cost_model, lookup
from align.aligner.relatedness import RELATED_MIN, warning
from align.types import Profile


def test_lookup_walks_up_the_evidence_path() -> None:
    table = {"lexicon": 1, "hybrid": 2, "hybrid/surface": 3}
    assert lookup(table, "hybrid/surface/use-m3") == 3
    assert lookup(table, "hybrid/lexicon/e5-small-q4") == 2
    assert lookup(table, "embedding/use-m3") == 1  # the fallback
    assert lookup(table, "embedding/use-m3", fallback="") is None


def test_cost_profiles_per_evidence() -> None:
    assert cost_model("summary", "hybrid/lexicon/use-m3") is PROFILES[(Profile.SUMMARY, "hybrid")]
    assert cost_model("translation", "hybrid/surface/e5-small-q4") is PROFILES[
        (Profile.TRANSLATION, "hybrid/surface")]
    assert cost_model("summary", "surface") is PROFILES[(Profile.SUMMARY, "lexicon")]
    with pytest.raises(ValueError):
        cost_model("auto")


def test_shipped_calibrations_and_their_fallbacks() -> None:
    table = fitted()
    for key in ("lexicon", "hybrid/lexicon/use-m3", "hybrid/surface/use-m3",
                "free/hybrid/lexicon/use-m3"):
        assert key in table and table[key].name.endswith(":" + key)
    assert for_evidence("hybrid/lexicon/use-m3", "free") is table["free/hybrid/lexicon/use-m3"]
    # no free entry for de-fr: the monotonic one serves
    assert for_evidence("hybrid/surface/use-m3", "free") is table["hybrid/surface/use-m3"]
    assert for_evidence("mt") is table["lexicon"]


def test_link_and_null_scores_follow_relatedness() -> None:
    cal = Calibration("t", w_link=4.0, b_link=0.0, w_null=4.0, b_null=-2.0, w_multi=-1.0,
                      w_rel=20.0, b_rel=-6.0, relative=True)
    assert cal.related(0.6) > 0.99 and cal.related(0.1) < 0.02
    # a link in an unrelated pair is no better than its pair; a null there is right
    assert cal.link(0.9, False, 0.1) < 0.02 < cal.link(0.9, False, 0.6)
    assert cal.null(0.9, 0.1) > 0.98
    assert cal.link(0.7, True, 0.6) < cal.link(0.7, False, 0.6)  # larger beads: less sure
    assert cal.link(0.8, False, 0.6) > cal.link(0.5, False, 0.6)  # more similar: surer
    assert cal.related(None) == 1.0 and DEFAULT.related(0.0) == 1.0  # logit.v1: all related


def test_warning_threshold() -> None:
    assert warning(RELATED_MIN) is None
    assert "does not appear to contain this English (relatedness 0.12)" in str(warning(0.12))
