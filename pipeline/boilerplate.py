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


@per_rule_set
def boilerplate_patterns(rules: RuleSet) -> tuple[re.Pattern[str], ...]:
    """The patterns of resources/boilerplate.jsonl, kept on the rule set like every pattern
    compiled for it (the file is the package's: no rule source names another)."""
    lines = resources.files("pipeline").joinpath("resources/boilerplate.jsonl").read_text("utf-8")
    records = [
        BoilerplateRule.model_validate_json(line) for line in lines.splitlines() if line.strip()
    ]
    return tuple(re.compile(record.pattern, re.IGNORECASE) for record in records)


def is_boilerplate(line: str, rules: RuleSet | None = None) -> bool:
    """True when a whole line is page furniture rather than article text (``rules``: the
    rule set whose patterns are used; None: the packaged one, as parsing has no other)."""
    text = " ".join(line.split())
    if not text:
        return False
    patterns = boilerplate_patterns(rules or RuleSet.default())
    return any(pattern.search(text) for pattern in patterns)
