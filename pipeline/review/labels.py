"""The report's names for goals and organisation kinds (the interface is in bokmål)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

GOALS = range(1, 18)

KIND_LABELS = {"company": "selskap", "public_body": "offentlig organ", "other": "annen"}
#: The profile's codes as the report shows them; the codes themselves only in tooltips.
TOPIC_LABELS = {
    "purpose": "formål",
    "expectations": "forventninger",
    "sdgs": "bærekraftsmål",
    "other": "annet",
}
PLACE_KIND_LABELS = {
    "municipality": "kommune",
    "county": "fylke",
    "former_county": "tidligere fylke",
    "locality": "sted",
    "country": "land",
    "unknown": "ukjent",
}
METHOD_LABELS = {"explicit": "nevnt", "theme": "tema"}


@lru_cache(maxsize=1)
def _goal_names() -> dict[int, str]:
    # Read the catalogue file directly: pipeline.sdg would import spaCy.
    raw = resources.files("pipeline").joinpath("resources/sdg_goals.json").read_text("utf-8")
    return {goal["number"]: goal["nb"] for goal in json.loads(raw)["goals"]}


def goal_name(number: int) -> str:
    return _goal_names().get(number, "")
