"""The QA check registry: names, where each check lives, default severities. Light to
import (no check is loaded), so ``align pair --help`` and the app's menus can list the
checks; :mod:`align.qa.checks` runs them."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping

from align.types import Severity


@dataclasses.dataclass(frozen=True)
class CheckSpec:
    """One registered check: its stable type name, ``module:Class`` (a bare module is in :mod:`align.qa.checks`), and
    its default severity (checks raise or lower it per finding; see each module)."""

    name: str
    where: str
    severity: Severity


REGISTRY: list[CheckSpec] = [
    CheckSpec("number_mismatch", "number_mismatch:NumberMismatch", Severity.MAJOR),
    CheckSpec("entity_mismatch", "entity_mismatch:EntityMismatch", Severity.MAJOR),
    CheckSpec("negation_flip", "negation_flip:NegationFlip", Severity.CRITICAL),
    CheckSpec("untranslated", "untranslated:Untranslated", Severity.MAJOR),
    CheckSpec("unsupported", "unsupported:Unsupported", Severity.MAJOR),
    CheckSpec("omission", "omission:Omission", Severity.MINOR),
    CheckSpec("length", "length:Length", Severity.MINOR),
    CheckSpec("mojibake", "mojibake:Mojibake", Severity.MAJOR),
    CheckSpec("terminology", "terminology:Terminology", Severity.MAJOR),
    CheckSpec("consistency", "consistency:Consistency", Severity.MINOR),
]
"""Every QA check, in report order: the one home of the check names and severities (the
report's order, the QA evaluation's types, ``align pair --checks`` and the app's filters
derive from it, when they run). A new check is one module plus one line here; ``where`` may
name another package's module (``package.module:Class``)."""


def specs() -> dict[str, CheckSpec]:
    """The registered checks by name, in report order."""
    return {s.name: s for s in REGISTRY}


def types() -> tuple[str, ...]:
    """The stable flag type names, in report order."""
    return tuple(specs())


class _Severities(Mapping[str, Severity]):
    def __getitem__(self, name: str) -> Severity:
        return specs()[name].severity

    def __iter__(self) -> Iterator[str]:
        return iter(types())

    def __len__(self) -> int:
        return len(REGISTRY)


SEVERITY: Mapping[str, Severity] = _Severities()
"""Default severity per type (checks raise or lower it per finding; see each module)."""
