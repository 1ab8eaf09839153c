"""QA levels: which flags a reader is shown. The one home of the levels and their thresholds.

A level is a rule on a flag's severity and its confidence (``Flag.confidence``, the
probability that the flag is right): per severity, the least confidence a flag needs to be
shown, or None when that severity is hidden at the level.

=========  ==============  ==============  ==============
level      minor           major           critical
=========  ==============  ==============  ==============
strict     all             all             all
default    ≥ 0.5           ≥ 0.3           ≥ 0.3
lenient    hidden          ≥ 0.6           ≥ 0.6
=========  ==============  ==============  ==============

Confidences are each check rule's precision on the tuning half of the planted-error
benchmark (`align.qa.confidence`); the thresholds were chosen there too (0.3: a flag
right less than one time in three costs a reviewer more than it saves).

A flag whose confidence is None (not stated by its check) is judged by its severity only:
shown unless its severity is hidden at the level. ``strict`` shows everything (what the
checks raise); ``default`` drops the guesses least likely to be right, cheap ones (minor)
sooner than costly ones; ``lenient`` keeps only serious flags the checks are fairly sure
of. ``align pair / digest / batch --qa-level`` and the app's QA level setting read
:data:`LEVELS`; nothing else lists the names.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from align.errors import UnknownComponent
from align.types import Alignment, Flag, Severity


@dataclass(frozen=True)
class Level:
    """One QA level: ``min_confidence[severity]`` is the least confidence a flag of that
    severity needs to be shown (0.0: every such flag), None where the severity is hidden."""

    name: str
    min_confidence: Mapping[Severity, float | None]

    def shown(self, flag: Flag) -> bool:
        need = self.min_confidence.get(flag.severity, 0.0)
        if need is None:
            return False
        return flag.confidence is None or flag.confidence >= need

    @property
    def summary(self) -> str:
        """The rule in words, e.g. ``minor ≥ 0.5, major ≥ 0.2, critical all``."""
        parts = []
        for sev in Severity:
            need = self.min_confidence.get(sev, 0.0)
            parts.append(f"{sev.value} " + ("hidden" if need is None else
                                             "all" if need == 0.0 else f"≥ {need:g}"))
        return ", ".join(parts)


def _level(name: str, minor: float | None, major: float | None,
           critical: float | None) -> Level:
    return Level(name, MappingProxyType({Severity.MINOR: minor, Severity.MAJOR: major,
                                         Severity.CRITICAL: critical}))


LEVELS: Mapping[str, Level] = MappingProxyType({
    "strict": _level("strict", 0.0, 0.0, 0.0),
    "default": _level("default", 0.5, 0.3, 0.3),
    "lenient": _level("lenient", None, 0.6, 0.6),
})
"""The QA levels by name, from the most to the least shown (see the module docstring)."""

DEFAULT_LEVEL = "default"


def get_level(level: str | Level) -> Level:
    """The level named *level*; UnknownComponent naming the known ones otherwise."""
    if isinstance(level, Level):
        return level
    try:
        return LEVELS[level]
    except KeyError:
        raise UnknownComponent(f"unknown QA level {level!r} (choose one of "
                               f"{', '.join(LEVELS)})") from None


def shown(flag: Flag, level: str | Level) -> bool:
    """Whether *flag* is shown at *level* (see the module docstring)."""
    return get_level(level).shown(flag)


def help_text() -> str:
    """``strict: minor all, …; default: …`` for ``--help`` and the app's setting."""
    return "; ".join(f"{lv.name}: {lv.summary}" for lv in LEVELS.values()) + \
        " (a flag with no stated confidence: by severity only)"


def apply_level(aln: Alignment, level: str | Level) -> Alignment:
    """*aln* with the flags hidden at *level* dropped from its beads; ``meta["qa"]`` records
    ``level`` (its name) and ``hidden`` (how many flags were dropped)."""
    lv = get_level(level)
    hidden = 0
    beads = []
    for b in aln.beads:
        kept = tuple(f for f in b.flags if lv.shown(f))
        hidden += len(b.flags) - len(kept)
        beads.append(b if len(kept) == len(b.flags) else dataclasses.replace(b, flags=kept))
    meta = dict(aln.meta)
    qa = meta.get("qa")
    meta["qa"] = {**(qa if isinstance(qa, Mapping) else {}), "level": lv.name,
                  "hidden": hidden}
    return dataclasses.replace(aln, beads=tuple(beads), meta=meta)


__all__ = ["DEFAULT_LEVEL", "LEVELS", "Level", "apply_level", "get_level", "help_text",
           "shown"]
