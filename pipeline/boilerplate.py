"""Recognise boilerplate lines (captions widgets, gallery links, 'Til toppen', ...).

The patterns are data (resources/boilerplate.jsonl, one record a line) so a user can
see and extend them; both the text and the HTML parser use them, so a line that is
boilerplate in one form is boilerplate in the other.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict


class BoilerplateRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str
    why: str


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], ...]:
    lines = resources.files("pipeline").joinpath("resources/boilerplate.jsonl").read_text("utf-8")
    rules = [
        BoilerplateRule.model_validate_json(line) for line in lines.splitlines() if line.strip()
    ]
    return tuple(re.compile(rule.pattern, re.IGNORECASE) for rule in rules)


def is_boilerplate(line: str) -> bool:
    """True when a whole line is page furniture rather than article text."""
    text = " ".join(line.split())
    if not text:
        return False
    return any(rule.search(text) for rule in _rules())
