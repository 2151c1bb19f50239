"""The SDG data and its contract: the goal catalogue (resources/sdg_goals.json) with each
goal's names, the theme keyword rules (resources/sdg_themes.jsonl), both validated by
pydantic models that forbid unknown keys, and SdgHit, one goal found in a text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

GOAL_NUMBERS = range(1, 18)

SdgHow = Literal["number", "name", "theme"]
NameContext = Literal["anywhere", "with_cue", "with_number"]


@dataclass(frozen=True)
class SdgHit:
    """One goal found in a text: the goal number and the characters that show it."""

    number: int
    start: int
    end: int
    text: str
    how: SdgHow

    @property
    def label(self) -> str:
        return span_label(self.number)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoalName(_Strict):
    text: str = Field(min_length=3)
    context: NameContext


class Goal(_Strict):
    number: int = Field(ge=1, le=17)
    nb: str
    nn: str
    en: str
    names: list[GoalName]
    #: Short names ("likestilling", "klima") that name the goal only as an item of a list
    #: the text announces as its chosen goals ("har valt ut fire av berekraftsmåla: ...").
    list_names: list[str] = Field(default_factory=list)


class GoalCatalogue(_Strict):
    comment: str = Field(default="", alias="_comment")
    goals: list[Goal] = Field(min_length=17, max_length=17)

    @model_validator(mode="after")
    def _one_goal_per_number_and_name(self) -> GoalCatalogue:
        # goal_name() indexes by position, and a name form must point to one goal only.
        if [goal.number for goal in self.goals] != list(GOAL_NUMBERS):
            raise ValueError("goals must be numbered 1-17 in order")
        forms = [name_key(name.text) for goal in self.goals for name in goal.names]
        if len(forms) != len(set(forms)):
            raise ValueError("a goal name form is listed twice")
        short = [name_key(name) for goal in self.goals for name in goal.list_names]
        if len(short) != len(set(short)):
            raise ValueError("a goal's list name is listed twice")
        return self


class ThemeRule(_Strict):
    """One theme keyword rule: a spaCy Matcher token pattern that points to a goal."""

    goal: int = Field(ge=1, le=17)
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    pattern: list[dict[str, Any]] = Field(min_length=1)
    lang: Literal["nb", "nn", "both"] = "both"
    why: str = ""


def span_label(number: int) -> str:
    """The span label of a goal, e.g. "SDG_8"."""
    return f"SDG_{number}"


def name_key(name: str) -> str:
    """A goal name's form for lookup: lower case, no commas, "&" read as "og" ("Innovasjon &
    infrastruktur")."""
    return " ".join(name.replace(",", " ").replace("&", " og ").lower().split())


def read_resource(source: str | Path, default_name: str) -> str:
    """A packaged resource file ("default") or a user's file at ``source``."""
    if source == "default":
        return resources.files("pipeline").joinpath(f"resources/{default_name}").read_text("utf-8")
    return Path(source).read_text("utf-8")


def load_goal_catalogue(source: str | Path = "default") -> GoalCatalogue:
    """The goal catalogue: "default" for the packaged one, else a path to a JSON file."""
    return GoalCatalogue.model_validate_json(read_resource(source, "sdg_goals.json"))


def load_theme_rules(source: str | Path = "default") -> list[ThemeRule]:
    """The theme rules, one JSON record a line: "default" for the packaged ones, else a path."""
    text = read_resource(source, "sdg_themes.jsonl")
    rules = [ThemeRule.model_validate_json(line) for line in text.splitlines() if line.strip()]
    ids = [rule.id for rule in rules]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate theme rule ids")
    return rules


@lru_cache(maxsize=1)
def default_catalogue() -> GoalCatalogue:
    return load_goal_catalogue()


def goal_name(number: int, language: Literal["nb", "nn", "en"] = "nb") -> str:
    """The official name of goal ``number`` in bokmål (nb), nynorsk (nn) or English (en)."""
    if number not in GOAL_NUMBERS:
        raise ValueError(f"no SDG number {number}; goals are 1-17")
    goal = default_catalogue().goals[number - 1]
    if language not in ("nb", "nn", "en"):
        raise ValueError(f"unknown language {language!r}")
    return str(getattr(goal, language))
