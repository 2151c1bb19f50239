"""Recognise boilerplate lines (captions widgets, gallery links, 'Til toppen', ...).

The patterns are data (resources/boilerplate.jsonl, one record a line) so a user can
see and extend them; both the text and the HTML parser use them, so a line that is
boilerplate in one form is boilerplate in the other.
"""

from __future__ import annotations

import re
from importlib import resources

from pydantic import BaseModel, ConfigDict

from pipeline.rules import RuleSet, per_rule_set


class BoilerplateRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str
    why: str
    #: What of the line is text, when not all of it is furniture: the pattern's ``keep``
    #: group (a caption before its photo credit). Without it the whole line goes.
    keep: str | None = None


def _records() -> list[BoilerplateRule]:
    lines = resources.files("pipeline").joinpath("resources/boilerplate.jsonl").read_text("utf-8")
    return [
        BoilerplateRule.model_validate_json(line) for line in lines.splitlines() if line.strip()
    ]


@per_rule_set
def boilerplate_patterns(rules: RuleSet) -> tuple[re.Pattern[str], ...]:
    """The patterns of resources/boilerplate.jsonl that make a whole line furniture, kept on
    the rule set like every pattern compiled for it (the file is the package's: no rule
    source names another)."""
    return tuple(re.compile(r.pattern, re.IGNORECASE) for r in _records() if r.keep is None)


@per_rule_set
def furniture_tail_patterns(rules: RuleSet) -> tuple[re.Pattern[str], ...]:
    """The patterns of resources/boilerplate.jsonl whose ``keep`` group is text and whose
    rest is furniture (a caption's photo credit)."""
    return tuple(re.compile(r.pattern, re.IGNORECASE) for r in _records() if r.keep is not None)


def without_furniture(line: str, rules: RuleSet | None = None) -> str:
    """The line without the furniture a pattern with ``keep`` finds at its end ("Kari Lie på
    rådhuset. Foto: Per Hansen" -> "Kari Lie på rådhuset."); empty when nothing is kept."""
    for pattern in furniture_tail_patterns(rules or RuleSet.default()):
        if (m := pattern.search(line)) is not None:
            # "Av Kari Lie | Foto: Privat": the separator before the credit goes with it
            return m.group("keep").strip().rstrip("|/·•,–-").strip()
    return line


def is_boilerplate(line: str, rules: RuleSet | None = None) -> bool:
    """True when a whole line is page furniture rather than article text (``rules``: the
    rule set whose patterns are used; None: the packaged one, as parsing has no other)."""
    text = " ".join(line.split())
    if not text:
        return False
    patterns = boilerplate_patterns(rules or RuleSet.default())
    return any(pattern.search(text) for pattern in patterns)
