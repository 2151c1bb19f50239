"""Goal names: every name form of the catalogue as one regex, the goal and context of each
form, and near matches for misspelt names ("Samareid for å nå målene")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.sdg.catalogue import GoalCatalogue, NameContext, default_catalogue, name_key


@dataclass(frozen=True)
class NameIndex:
    """Every goal name as one regex, and which goal and context each form has."""

    pattern: re.Pattern[str]
    goal_of: dict[str, tuple[int, NameContext]]
    by_length: dict[int, list[tuple[str, int]]]  # len -> (lower-case form, goal), for near matches
    #: every name form and list name ("klima") -> goal, for the items of an announced list
    in_a_list: dict[str, int] = field(default_factory=dict)

    def lookup(self, matched: str) -> tuple[int, NameContext]:
        return self.goal_of[name_key(matched)]


def _name_regex(name: str) -> str:
    # Flexible whitespace, optional commas: "Industri, Innovasjon og Infrastruktur"; "&" for
    # "og" ("Innovasjon & infrastruktur")
    words = [
        "(?:og|&)" if word.lower() == "og" else re.escape(word)
        for word in name.replace(",", " ").split()
    ]
    return r",?\s+".join(words)


def build_name_index(catalogue: GoalCatalogue) -> NameIndex:
    goal_of: dict[str, tuple[int, NameContext]] = {}
    for goal in catalogue.goals:
        for name in goal.names:
            goal_of[name_key(name.text)] = (goal.number, name.context)
    # Longest first, so "Ren energi for alle" wins over "Ren energi".
    forms = sorted({name.text for g in catalogue.goals for name in g.names}, key=len, reverse=True)
    alternation = "|".join(_name_regex(form) for form in forms)
    # a digit may follow directly: pages glue list items ("infrastruktur11. Bærekraftige byer")
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?![^\W\d_])", re.IGNORECASE)
    in_a_list = {form: goal for form, (goal, _) in goal_of.items()}
    in_a_list |= {name_key(n): goal.number for goal in catalogue.goals for n in goal.list_names}
    return NameIndex(pattern, goal_of, _forms_by_length(catalogue), in_a_list)


_MIN_FUZZY_LENGTH = 12  # shorter names differ from ordinary words by one letter too often


def _forms_by_length(catalogue: GoalCatalogue) -> dict[int, list[tuple[str, int]]]:
    by_length: dict[int, list[tuple[str, int]]] = {}
    for goal in catalogue.goals:
        for name in goal.names:
            form = name_key(name.text)
            if len(form) >= _MIN_FUZZY_LENGTH:
                by_length.setdefault(len(form), []).append((form, goal.number))
    return by_length


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it must exceed limit."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def near_goal_name(text: str, names: NameIndex | None = None) -> int | None:
    """The goal whose name ``text`` is, allowing a misspelling: one edit in a name of 12+
    letters, two in one of 24+ ("Samareid for å nå målene", "Ren energi for all")."""
    names = names or default_name_index()
    key = name_key(text)
    if len(key) < _MIN_FUZZY_LENGTH:
        return None
    limit = 1 if len(key) < 24 else 2
    for length in range(len(key) - limit, len(key) + limit + 1):
        for form, goal in names.by_length.get(length, []):
            if _edit_distance(key, form, limit) <= limit:
                return goal
    return None


def is_goal_name(line: str) -> bool:
    """Whether a line is a goal's name and nothing else ("3. God helse og livskvalitet",
    "Samareid for å nå målene"): a list of goals, not a title."""
    match = GOAL_LINE.fullmatch(line.strip())
    name = match.group("name") if match else ""
    return bool(name) and (
        default_name_index().pattern.fullmatch(name) is not None or near_goal_name(name) is not None
    )


@lru_cache(maxsize=1)
def default_name_index() -> NameIndex:
    return build_name_index(default_catalogue())


# A line that may hold a goal's name: a list marker or number, the name, end punctuation.
GOAL_LINE = re.compile(
    r"^[ \t]*(?:[-–•*▪·][ \t]*)?(?:(?P<n>\d{1,2})[ \t]*[.):–-]?[ \t]*)?(?P<name>[^\n]*?)"
    # or the number after the name, in brackets: "God utdanning (mål 4)", "Livet på land (15)"
    r"(?:[ \t]*\([ \t]*(?:(?:bærekrafts|berekrafts)?mål(?:\s+nr\.?)?|SDG)?[ \t]*(?P<after>\d{1,2})[ \t]*\))?"
    r"[ \t]*[.;,]?[ \t]*$",
    re.MULTILINE,
)
