"""Small text helpers shared by the extractors: name patterns, evidence, rule data."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from models import Evidence

# A capitalised word of a name: "GKN", "Holzweiler", "Sør-Varanger", "3M". No dots, so a
# name never swallows the full stop after it.
CAP_WORD = r"[A-ZÆØÅ0-9][\wÆØÅæøåéèü&'’+-]*"
NAME = rf"(?<![\w-]){CAP_WORD}(?:[ ](?:&[ ])?{CAP_WORD})*"
PERSON = r"(?<![\w-])[A-ZÆØÅ][a-zæøåéèüö]+(?:[- ][A-ZÆØÅ][a-zæøåéèüö]+){1,3}"


@lru_cache(maxsize=1)
def rules() -> dict[str, list[str]]:
    """The word lists of resources/org_rules.json."""
    data = json.loads(
        resources.files("pipeline").joinpath("resources/org_rules.json").read_text("utf-8")
    )
    return {key: value for key, value in data.items() if not key.startswith("_")}


def alternation(words: list[str]) -> str:
    """Regex alternation of literal words, longest first so 'legger til' beats 'legger'."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def evidence(text: str, start: int, end: int) -> Evidence:
    """Evidence for text[start:end], trimmed of surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(start=start, end=end, text=text[start:end])


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """The sentence around a position, by punctuation and line breaks (no model needed)."""
    start = max(
        text.rfind(". ", 0, position), text.rfind("\n", 0, position), text.rfind("? ", 0, position)
    )
    start = 0 if start < 0 else start + 1
    ends = [i for i in (text.find(". ", position), text.find("\n", position)) if i >= 0]
    end = min(ends) if ends else len(text)
    return start, end
