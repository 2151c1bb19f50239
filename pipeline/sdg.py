"""Find the UN Sustainable Development Goals (SDGs, "bærekraftsmål") in Norwegian text.

Two kinds of evidence, kept apart because an analyst weighs them differently:

* explicit: the text names a goal, by number tied to an SDG cue ("bærekraftsmål 13",
  "SDG 7", "8: Anstendig arbeid og økonomisk vekst") or by its name ("Stoppe
  klimaendringene"). Precision matters most: a bare number is a goal only when a cue
  ties it, so years, dates, counts ("de 17 bærekraftsmålene"), percentages, money and
  question numbering never become goals.
* theme: the text works on a goal without naming it ("redusere energiforbruket").
  Found with spaCy's Matcher from keyword rules kept as data.

The goal catalogue (resources/sdg_goals.json) and the theme rules
(resources/sdg_themes.jsonl) are data; this module holds the logic. The spaCy component
``pipeline_sdgs`` is a thin wrapper writing the span groups ``sdg_explicit`` and
``sdg_theme``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, registry

COMPONENT_NAME = "pipeline_sdgs"
EXPLICIT_SPAN_KEY = "sdg_explicit"
THEME_SPAN_KEY = "sdg_theme"
GOAL_NUMBERS = range(1, 18)

SdgHow = Literal["number", "name", "theme"]
NameContext = Literal["anywhere", "with_cue", "with_number"]
ResourceSource = str | Path | None


# ---------------------------------------------------------------------------
# Data models


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


class GoalCatalogue(_Strict):
    comment: str = Field(default="", alias="_comment")
    goals: list[Goal] = Field(min_length=17, max_length=17)

    @model_validator(mode="after")
    def _one_goal_per_number_and_name(self) -> GoalCatalogue:
        # goal_name() indexes by position, and a name form must point to one goal only.
        if [goal.number for goal in self.goals] != list(GOAL_NUMBERS):
            raise ValueError("goals must be numbered 1-17 in order")
        forms = [_name_key(name.text) for goal in self.goals for name in goal.names]
        if len(forms) != len(set(forms)):
            raise ValueError("a goal name form is listed twice")
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


# ---------------------------------------------------------------------------
# Resources


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
def _default_catalogue() -> GoalCatalogue:
    return load_goal_catalogue()


def goal_name(number: int, language: Literal["nb", "nn", "en"] = "nb") -> str:
    """The official name of goal ``number`` in bokmål (nb), nynorsk (nn) or English (en)."""
    if number not in GOAL_NUMBERS:
        raise ValueError(f"no SDG number {number}; goals are 1-17")
    goal = _default_catalogue().goals[number - 1]
    if language not in ("nb", "nn", "en"):
        raise ValueError(f"unknown language {language!r}")
    return str(getattr(goal, language))


# ---------------------------------------------------------------------------
# Text structure: sentences and paragraphs as (start, end) offsets

# A sentence ends at . ! ? before a capital or an opening quote/dash, or at a line end.
# Not before a digit, so "nr. 6" and "kl. 12.30" stay whole.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[ \t]+(?=[«\"–—\-A-ZÆØÅ])|\n")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _segments(text: str, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in breaks.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _enclosing(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    for start, end in bounds:
        if start <= offset < end:
            return start, end
    return offset, offset


# ---------------------------------------------------------------------------
# Explicit mentions: vocabulary

# Cues that on their own tie a following number to the SDGs.
_STRICT_CUE = (
    r"(?:FNs\s+)?b[æe]rekrafts?[\s-]?mål(?:ene|et|a|ane)?(?!\w)"
    r"|SDG(?:-?s|-ene|-ane|-mål(?:ene|a)?)?"
    r"|FN-mål(?:ene|a)?(?!\w)"
    r"|verd(?:en)?smål(?:ene|a|et)?(?!\w)"
)
# "mål" alone is an everyday word (a plan's "Mål 1", a football goal): it ties a
# number only where the paragraph speaks of sustainability / the UN.
_PLAIN_CUE = r"(?<![\w-])mål(?:et|ene|a)?(?!\w)"
_WEAK_CONTEXT = re.compile(r"b[æe]rekraft|SDG|\bFN|verdensmål", re.IGNORECASE)
_SPORT_CONTEXT = re.compile(
    r"\b(?:scor\w*|kamp\w*|sesong\w*|keeper\w*|straffe\w*)\b", re.IGNORECASE
)

# A goal number, optionally a target ("12.5", "7.a"), never part of a longer number.
_NUM = r"(?<![\d.,])\d{1,2}(?:\.(?:\d{1,2}|[a-c]))?(?![\d])(?!\.\d)"
# A goal name in brackets may follow a number inside a list: "2 (utrydde sult) og 12".
_BRACKETED = r"(?:\s*\([^()\n]{1,60}\))?"
_LIST_SEP = r"(?:\s*/\s*|\s*,\s+(?:og\s+)?|\s+(?:og|samt|and)\s+|\s*&\s*|\s*[–—-]\s*)"
# "nr. 13 og nr. 15": the number word may be repeated inside a list
_NUM_LIST = rf"{_NUM}{_BRACKETED}(?:{_LIST_SEP}(?:nr\.?\s*)?{_NUM}{_BRACKETED})*"
_NUMBER_WORD = r"(?:nr\.?|nummer|#)"

_CUED_LIST = re.compile(
    rf"(?P<cue>{_STRICT_CUE}|{_PLAIN_CUE})\s*:?\s*(?:{_NUMBER_WORD}\s*)?(?P<list>{_NUM_LIST})",
    re.IGNORECASE,
)
_ORDINALS = {
    "første": 1, "fyrste": 1, "andre": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6,
    "sjuende": 7, "syvende": 7, "sjuande": 7, "åttende": 8, "åttande": 8, "niende": 9,
    "niande": 9, "tiende": 10, "tiande": 10, "ellevte": 11, "tolvte": 12, "trettende": 13,
    "trettande": 13, "fjortende": 14, "fjortande": 14, "femtende": 15, "femtande": 15,
    "sekstende": 16, "sekstande": 16, "syttende": 17, "syttande": 17,
}  # fmt: skip
_ORDINAL_GOAL = re.compile(
    rf"(?<!\w)(?P<ord>{'|'.join(_ORDINALS)}|(?<![\d.,])\d{{1,2}}\.)\s+"
    r"(?:av\s+)?(?:FNs\s+)?b[æe]rekrafts?[\s-]?mål(?:et|ene|a)?(?!\w)",
    re.IGNORECASE,
)
_TARGET = re.compile(rf"(?<!\w)delmål(?:et|ene|a)?\s+(?P<list>{_NUM_LIST})", re.IGNORECASE)
_ONE_NUM = re.compile(_NUM)
_RANGE_BETWEEN = re.compile(r"^\s*[–—-]\s*$")
_STRICT_CUE_RE = re.compile(_STRICT_CUE, re.IGNORECASE)
_PLAIN_CUE_RE = re.compile(_PLAIN_CUE, re.IGNORECASE)

_MONTHS = r"jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des"
# What may not follow a number tied to a cue: units, counted nouns, dates, more digits.
_NOT_A_GOAL_AFTER = re.compile(
    rf"^(?:\.\s*(?:{_MONTHS})"
    r"|\s*(?:%|‰)"
    r"|\s+\d"
    r"|\s+til\s+\d"
    r"|\s*(?:prosent\w*|kr\b|kroner|mill\w*|milliard\w*|mrd\b|år\b|åra?\b|års\b|ganger|gonger"
    r"|minutt\w*|timer?\b|dager?\b|døgn|uker?\b|veker?\b|måned\w*|månad\w*|meter|km\b|kg\b"
    r"|tonn|grader|ansatte|tilsette|personer|mennesker|bedrift\w*|kommuner|land\b|medlem\w*"
    r"|sider|kapitl\w*|mål\b|målene|måla|delmål\w*|b[æe]rekraftsmål\w*|av\s+\d|stk\b"
    r"|deltak\w*|elever|kunder|innbygg\w*|skular|skoler))",
    re.IGNORECASE,
)
# A number after a cue but not next to it ("... bærekraftsmål, herunder 3, 8 og 13.")
# is a goal only if followed by one of these: an end, a list, or a plain function word.
_LOOSE_TAIL_OK = re.compile(
    r"^(?:\s*$|\s*[.,;:!?)\]»”\"]|\s*\n|\s*[–—-]\s"
    r"|\s+(?:vi|me|eg|dei|de|som|i|er|var|og|fordi|siden|sidan|der|med|på|til|for|blir|vert|ble"
    r"|har|kan|skal|vil|ligg|ligger|står|betyr|handlar|handler)\b)",
    re.IGNORECASE,
)
# Words before such a number that make it something else: a count, page, chapter, time.
_NOT_A_GOAL_BEFORE = re.compile(
    r"(?:\b(?:de|dei|alle|disse|desse|av|over|under|kl|klokka|side|sida|kapittel|kap|paragraf"
    r"|punkt|pkt|versjon|del|fra|frå|innen|mellom|til|i|på|om|ca|rundt)\.?|§)\s*$",
    re.IGNORECASE,
)
# Words that introduce a single goal number after a cue ("særlig 13", "nummer 13").
_INTRODUCER_BEFORE = re.compile(
    r"(?:\b(?:herunder|særlig|særleg|spesielt|nemleg|nemlig|blant annet|mellom anna|bl\.a\."
    r"|inkludert|først og fremst|deretter|hovedsakelig|hovudsakleg|primært|både|nr\.?|nummer"
    r"|fokus på|valgt|valt)|[:–])\s*$",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------
# Explicit mentions: goal names


@dataclass(frozen=True)
class _NameIndex:
    """Every goal name as one regex, and which goal and context each form has."""

    pattern: re.Pattern[str]
    goal_of: dict[str, tuple[int, NameContext]]
    by_length: dict[int, list[tuple[str, int]]]  # len -> (lower-case form, goal), for near matches

    def lookup(self, matched: str) -> tuple[int, NameContext]:
        return self.goal_of[_name_key(matched)]


def _name_key(name: str) -> str:
    return " ".join(name.replace(",", " ").lower().split())


def _name_regex(name: str) -> str:
    # Flexible whitespace, optional commas: "Industri, Innovasjon og Infrastruktur".
    words = [re.escape(word) for word in name.replace(",", " ").split()]
    return r",?\s+".join(words)


def _build_name_index(catalogue: GoalCatalogue) -> _NameIndex:
    goal_of: dict[str, tuple[int, NameContext]] = {}
    for goal in catalogue.goals:
        for name in goal.names:
            goal_of[_name_key(name.text)] = (goal.number, name.context)
    # Longest first, so "Ren energi for alle" wins over "Ren energi".
    forms = sorted({name.text for g in catalogue.goals for name in g.names}, key=len, reverse=True)
    alternation = "|".join(_name_regex(form) for form in forms)
    # a digit may follow directly: pages glue list items ("infrastruktur11. Bærekraftige byer")
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?![^\W\d_])", re.IGNORECASE)
    return _NameIndex(pattern, goal_of, _forms_by_length(catalogue))


_MIN_FUZZY_LENGTH = 12  # shorter names differ from ordinary words by one letter too often


def _forms_by_length(catalogue: GoalCatalogue) -> dict[int, list[tuple[str, int]]]:
    by_length: dict[int, list[tuple[str, int]]] = {}
    for goal in catalogue.goals:
        for name in goal.names:
            form = _name_key(name.text)
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


def near_goal_name(text: str, names: _NameIndex | None = None) -> int | None:
    """The goal whose name ``text`` is, allowing a misspelling: one edit in a name of 12+
    letters, two in one of 24+ ("Samareid for å nå målene", "Ren energi for all")."""
    names = names or _default_name_index()
    key = _name_key(text)
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
    match = _GOAL_LINE.fullmatch(line.strip())
    name = match.group("name") if match else ""
    return bool(name) and (
        _default_name_index().pattern.fullmatch(name) is not None
        or near_goal_name(name) is not None
    )


@lru_cache(maxsize=1)
def _default_name_index() -> _NameIndex:
    return _build_name_index(_default_catalogue())


# ---------------------------------------------------------------------------
# Explicit mentions: detectors


@dataclass(frozen=True)
class TextLayout:
    """The text with its sentence and paragraph bounds, computed once per call."""

    text: str
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str) -> TextLayout:
        return cls(text, _segments(text, _SENTENCE_BREAK), _segments(text, _PARAGRAPH_BREAK))

    def sentence_at(self, offset: int) -> tuple[int, int]:
        return _enclosing(self.sentences, offset)

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        return _enclosing(self.paragraphs, offset)

    def paragraph_text(self, offset: int) -> str:
        start, end = _enclosing(self.paragraphs, offset)
        return self.text[start:end]

    def previous_paragraph_text(self, offset: int) -> str:
        current = _enclosing(self.paragraphs, offset)
        earlier = [p for p in self.paragraphs if p[1] <= current[0]]
        return self.text[slice(*earlier[-1])] if earlier else ""

    def cue_scope(self, offset: int) -> tuple[int, int]:
        """The sentence, widened to the previous one when that is a question or a lead-in
        ("Hvilke bærekraftsmål jobber dere med?" / "Svar: 12 og 14.")."""
        start, end = self.sentence_at(offset)
        index = self.sentences.index((start, end)) if (start, end) in self.sentences else -1
        if index > 0:
            prev_start, prev_end = self.sentences[index - 1]
            if self.text[prev_start:prev_end].rstrip().endswith(("?", ":")):
                return prev_start, end
        return start, end


def _goal_numbers(list_text: str, offset: int) -> Iterator[tuple[int, int, int]]:
    """(goal, start, end) for each number of a list; a range ("12–13") expands, and every
    goal of a range gets the whole range as its span."""
    found = list(_ONE_NUM.finditer(list_text))
    goals = [int(m.group().split(".")[0]) for m in found]
    is_range = [
        bool(_RANGE_BETWEEN.match(list_text[a.end() : b.start()])) for a, b in pairwise(found)
    ]
    i = 0
    while i < len(found):
        first = i
        while i < len(is_range) and is_range[i]:
            i += 1
        start, end = offset + found[first].start(), offset + found[i].end()
        span_goals = range(goals[first], goals[i] + 1) if i > first else [goals[i]]
        if list(span_goals) == list(GOAL_NUMBERS):
            i += 1  # "1–17" is the whole set of goals, not a choice among them
            continue
        for goal in span_goals:
            if goal in GOAL_NUMBERS:
                yield goal, start, end
        i += 1


def _number_hits(text: str, list_text: str, offset: int) -> list[SdgHit]:
    return [
        SdgHit(goal, start, end, text[start:end], "number")
        for goal, start, end in _goal_numbers(list_text, offset)
    ]


# "har valt mål 7", "jobber med mål 12", "knyttet arbeidet til mål 9": choosing a goal.
_CHOOSING_BEFORE = re.compile(
    r"(?:valt|valgt|velger|vel|jobb(?:er|ar)\s+(?:mest\s+)?med|arbeid(?:er|ar)\s+med|knytt(?:et|a)\s+(?:\w+\s+){0,3}til"
    r"|prioriter\w*|sats(?:er|ar)\s+på|pek(?:t|a|er)\s+ut|peika\s+ut|fokuser\w*\s+på|bidra\w*\s+til|støtt\w*\s+opp\s+om)"
    r"\s+$",
    re.IGNORECASE,
)


def _plain_cue_allowed(ctx: TextLayout, offset: int) -> bool:
    """A plain "mål N" is a goal in a paragraph about sustainability, or where the text has
    spoken of the goals before and someone here chooses one ("har valt mål 7")."""
    sentence = ctx.text[slice(*ctx.sentence_at(offset))]
    if _SPORT_CONTEXT.search(sentence):
        return False
    if _WEAK_CONTEXT.search(ctx.paragraph_text(offset)):
        return True
    question = ctx.previous_paragraph_text(offset)  # "Hvilke bærekraftsmål ...?" / "Først mål 12."
    if question.rstrip().endswith("?") and _WEAK_CONTEXT.search(question):
        return True
    chosen = _CHOOSING_BEFORE.search(ctx.text, max(0, offset - 40), offset)
    return bool(chosen) and bool(_STRICT_CUE_RE.search(ctx.text, 0, offset))


def _followed_by_own_name(ctx: TextLayout, end: int, goal: int, names: _NameIndex) -> bool:
    match = re.match(r"\s*(?:[:.)–—-]|,)?\s*[«\"“]?", ctx.text[end:])
    rest = ctx.text[end + (match.end() if match else 0) :]
    name = names.pattern.match(rest)
    return name is not None and names.lookup(name.group())[0] == goal


def _cued_list_hits(
    ctx: TextLayout, names: _NameIndex, unconfirmed: list[SdgHit] | None = None
) -> Iterator[SdgHit]:
    """Numbers right after a cue: "bærekraftsmål nr. 13", "SDG 7 og 9", "mål 12–13".
    A plain "mål N" that nothing confirms goes to ``unconfirmed``: it counts if another goal
    is named in its sentence ("mål nr. 13 «Stopp klimaendringene» og mål nr. 14")."""
    for match in _CUED_LIST.finditer(ctx.text):
        list_text, list_start = match.group("list"), match.start("list")
        after = ctx.text[match.end() :]
        if _NOT_A_GOAL_AFTER.match(after):
            continue
        hits = _number_hits(ctx.text, list_text, list_start)
        if not _STRICT_CUE_RE.fullmatch(match.group("cue")) and _plain_goal_needs_name(
            ctx, match, after
        ):
            # "Mål 14 Livet i havet" stays a goal even without context: its name confirms it.
            named = [h for h in hits if _followed_by_own_name(ctx, h.end, h.number, names)]
            if unconfirmed is not None and not _in_a_heading(ctx, match, after):
                unconfirmed += [h for h in hits if h not in named]
            hits = named
        yield from hits


def _plain_goal_needs_name(ctx: TextLayout, match: re.Match[str], after: str) -> bool:
    """Whether "mål N" needs the goal's name to count: outside a sustainability context,
    and always in a plan's own numbered headings ("Mål 1: Kutte utslippene ...")."""
    return _in_a_heading(ctx, match, after) or not _plain_cue_allowed(ctx, match.start())


def _in_a_heading(ctx: TextLayout, match: re.Match[str], after: str) -> bool:
    return ":" in ctx.text[match.end("cue") : match.start("list")] or after.startswith(":")


def _confirmed_by_neighbours(
    ctx: TextLayout, pending: list[SdgHit], found: list[SdgHit]
) -> list[SdgHit]:
    """The unconfirmed plain "mål N" whose sentence names another goal for certain."""
    sentences = {ctx.sentence_at(hit.start) for hit in found}
    return [hit for hit in pending if ctx.sentence_at(hit.start) in sentences]


def _target_hits(ctx: TextLayout) -> Iterator[SdgHit]:
    """Targets name their goal: "delmål 7.2" is goal 7."""
    for match in _TARGET.finditer(ctx.text):
        if not _NOT_A_GOAL_AFTER.match(ctx.text[match.end() :]):
            yield from _number_hits(ctx.text, match.group("list"), match.start("list"))


_CARDINALS = {
    "en": 1, "ein": 1, "ett": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13,
    "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17,
}  # fmt: skip
_NUMBER_WORD_GOAL = re.compile(
    rf"(?:{_STRICT_CUE})\s+(?:nummer|nr\.?)\s+(?P<word>{'|'.join(_CARDINALS)})(?!\w)",
    re.IGNORECASE,
)


def _number_word_hits(ctx: TextLayout) -> Iterator[SdgHit]:
    """A goal number written as a word: "bærekraftsmål nummer åtte" is goal 8."""
    for match in _NUMBER_WORD_GOAL.finditer(ctx.text):
        goal = _CARDINALS[match.group("word").lower()]
        yield SdgHit(goal, match.start(), match.end(), match.group(), "number")


def _ordinal_hits(ctx: TextLayout) -> Iterator[SdgHit]:
    """Goals by ordinal: "det tredje bærekraftsmålet" is goal 3. Not "det første av
    bærekraftsmålene" (the first of them, unnamed) nor a plural ("de tre første")."""
    for match in _ORDINAL_GOAL.finditer(ctx.text):
        word = match.group("ord").lower()
        goal = _ORDINALS.get(word) or int(word.rstrip("."))
        if " av " in match.group() or match.group().lower().endswith(("målene", "måla")):
            continue
        if goal in GOAL_NUMBERS:
            yield SdgHit(goal, match.start(), match.end(), match.group(), "number")


def _numbered_name_hits(ctx: TextLayout, names: _NameIndex) -> Iterator[SdgHit]:
    """A number followed by that goal's name: "8: Anstendig arbeid og økonomisk vekst",
    "Nr. 6 Rent vann og gode sanitærforhold", "13 – Stoppe klimaendringene"."""
    number = re.compile(
        rf"(?:{_NUMBER_WORD}\s*)?(?P<n>(?<![\d.,])\d{{1,2}}(?!\d))\s*(?:[:.)–—-]|,)?\s*[«\"“]?",
        re.IGNORECASE,
    )
    for match in number.finditer(ctx.text):
        goal = int(match.group("n"))
        name = names.pattern.match(ctx.text, match.end())
        if goal in GOAL_NUMBERS and name and names.lookup(name.group())[0] == goal:
            start, end = match.start("n"), name.end()
            yield SdgHit(goal, start, end, ctx.text[start:end], "name")


# What makes a lower-case goal name a name: a goal word, a number or a quote right before
# it ("bærekraftsmålet ren energi", "mål 7, ren energi for alle", "«stoppe klimaendringene»").
_NAME_INTRODUCED = re.compile(
    rf"(?:(?:{_STRICT_CUE}|{_PLAIN_CUE})\s*(?:om|for|(?:{_NUMBER_WORD}\s*)?\d{{1,2}}"
    r"(?:\s+(?:er|handler\s+om|handlar\s+om|heter|heiter))?)?"
    r"|\d{1,2}\s*(?:[:.)–—-]|,))\s*[:«\"“(–—-]?\s*$|[«\"“]\s*$",
    re.IGNORECASE,
)
_NAME_LIST_SEP = re.compile(r"^\s*(?:,|og|og\s+til|samt|and|&|/)\s*$", re.IGNORECASE)


def _name_is_used_as_name(
    ctx: TextLayout, start: int, context: NameContext, previous_end: int | None = None
) -> bool:
    """A goal name counts alone when it is used as a name: capitalised mid-sentence (a
    title, not sentence case) or where an SDG cue shares its sentence; written in lower
    case only right after a goal word, a number or a quote, or in a list of names after
    one ("bærekraftsmålene ren energi for alle og stoppe klimaendringene"). Everyday
    phrases such as "vi vil bidra til å utrydde fattigdom" are themes, not names."""
    if context == "with_number":
        return False
    sent_start, sent_end = ctx.cue_scope(start)
    if not ctx.text[start].isupper():
        introduced = _NAME_INTRODUCED.search(ctx.text, max(sent_start, start - 40), start)
        listed = previous_end is not None and _NAME_LIST_SEP.match(ctx.text[previous_end:start])
        own_start = ctx.sentence_at(start)[0]
        answer = sent_start < own_start and _STRICT_CUE_RE.search(ctx.text, sent_start, own_start)
        return bool(introduced or listed or answer)  # answer: "Hvilke FN-mål ...? Vi ... med X"
    if _STRICT_CUE_RE.search(ctx.text, sent_start, sent_end):
        return True
    before = ctx.text[sent_start:start]
    mid_sentence = bool(re.search(r"\w", before)) and not re.search(r"[:–—\-•*]\s*$", before)
    if mid_sentence:
        return True
    return context == "anywhere" and bool(_WEAK_CONTEXT.search(ctx.paragraph_text(start)))


_NAME_SLOT = re.compile(
    rf"(?:{_STRICT_CUE}|{_PLAIN_CUE})\s*(?:{_NUMBER_WORD}\s*)?(?:\d{{1,2}}\s*[:.)–—-]?\s*)?[«\"“]?"
    r"(?=[A-ZÆØÅ])",
    re.IGNORECASE,
)
_MAX_NAME_WORDS = 7


_NUMBER_LIST = re.compile(
    rf"^[ \t]*(?:{_STRICT_CUE})[^\n]{{0,40}}\n+(?P<list>(?:[ \t]*(?:[-–•*][ \t]*)?\d{{1,2}}[ \t]*(?:\n+|$))+)",
    re.IGNORECASE | re.MULTILINE,
)


def _number_list_hits(ctx: TextLayout) -> Iterator[SdgHit]:
    """Goal numbers one a line under a heading with a goal word ("Bærekraftsmål\n6\n12")."""
    for match in _NUMBER_LIST.finditer(ctx.text):
        for number in re.finditer(r"\d{1,2}", match.group("list")):
            goal = int(number.group())
            if goal in GOAL_NUMBERS:
                start = match.start("list") + number.start()
                yield SdgHit(goal, start, start + len(number.group()), number.group(), "number")


def _misspelt_name_hits(ctx: TextLayout, names: _NameIndex) -> Iterator[SdgHit]:
    """A goal's name with a misspelling, right after a goal word: "bærekraftsmålet Ren
    energi for all", "mål 17 Samareid for å nå målene". The longest run of words that is
    nearly a name wins; exact names are found elsewhere."""
    for slot in _NAME_SLOT.finditer(ctx.text):
        words = list(re.finditer(r"[\wæøåÆØÅ-]+", ctx.text[slot.end() : slot.end() + 80]))
        for count in range(min(len(words), _MAX_NAME_WORDS), 1, -1):
            end = slot.end() + words[count - 1].end()
            candidate = ctx.text[slot.end() : end]
            if "\n" in candidate or names.pattern.fullmatch(candidate):
                continue
            goal = near_goal_name(candidate, names)
            if goal is not None:
                yield SdgHit(goal, slot.end(), end, candidate, "name")
                break


def _bare_name_hits(ctx: TextLayout, names: _NameIndex) -> Iterator[SdgHit]:
    previous_end: int | None = None
    for match in names.pattern.finditer(ctx.text):
        goal, context = names.lookup(match.group())
        if _name_is_used_as_name(ctx, match.start(), context, previous_end):
            previous_end = match.end()
            yield SdgHit(goal, match.start(), match.end(), match.group(), "name")


# A line that may hold a goal's name: a list marker or number, the name, end punctuation.
_GOAL_LINE = re.compile(
    r"^[ \t]*(?:[-–•*▪·][ \t]*)?(?:(?P<n>\d{1,2})[ \t]*[.):–-]?[ \t]*)?(?P<name>[^\n]*?)[ \t]*[.;,]?[ \t]*$",
    re.MULTILINE,
)
_LINE_CUE_WINDOW = 300  # characters before a list of goal names where a goal word may stand


def _goal_line_hits(ctx: TextLayout, names: _NameIndex) -> list[SdgHit]:
    """Lists of goals, one a line, as pages write them: "3. God helse og livskvalitet",
    "Samareid for å nå målene" (misspelt), or the names alone when the page's list markers
    were numbers the parser dropped. A run of two or more such lines is a list of goals;
    one line alone counts after a goal word ("Vi har valgt disse bærekraftsmålene:") or
    under its own number."""
    lines: list[tuple[SdgHit, bool]] = []  # (hit, numbered with its own goal's number)
    for match in _GOAL_LINE.finditer(ctx.text):
        name = match.group("name")
        if not name or len(name.split()) > 8 or not name[0].isupper():
            continue
        exact = names.pattern.fullmatch(name)
        goal = names.lookup(name)[0] if exact else near_goal_name(name, names)
        number = int(match.group("n")) if match.group("n") else None
        if goal is None or (number is not None and number != goal):
            continue
        start = match.start("n") if number else match.start("name")
        hit = SdgHit(goal, start, match.end("name"), ctx.text[start : match.end("name")], "name")
        lines.append((hit, number == goal))
    runs: list[list[tuple[SdgHit, bool]]] = []
    for hit, numbered in lines:
        previous = runs[-1][-1][0] if runs else None
        if previous and not ctx.text[previous.end : hit.start].strip(" \t\n.,;"):
            runs[-1].append((hit, numbered))
        else:
            runs.append([(hit, numbered)])
    found = []
    for run in runs:
        first = run[0][0].start
        cued = _WEAK_CONTEXT.search(ctx.text, max(0, first - _LINE_CUE_WINDOW), first)
        if len(run) >= 2 or cued:
            found += [hit for hit, _ in run]
        else:
            found += [hit for hit, numbered in run if numbered]
    return found


def _loose_list_hits(ctx: TextLayout) -> Iterator[SdgHit]:
    """Numbers later in a sentence that has a strict cue: "Av bærekraftsmålene har vi
    valgt ut særlig 4, 9 og 16." Stricter than a number right after
    a cue: each list must end cleanly and not follow a counting word ("de 17", "side 4")."""
    for sent_start, sent_end in ctx.sentences:
        scope_start, _ = ctx.cue_scope(sent_start)
        cue = _STRICT_CUE_RE.search(ctx.text, scope_start, sent_end)
        if not cue:
            continue
        from_offset = max(cue.end(), sent_start)
        accepted: list[tuple[list[SdgHit], bool]] = []
        for match in re.finditer(_NUM_LIST, ctx.text[from_offset:sent_end]):
            start, end = from_offset + match.start(), from_offset + match.end()
            before, after = ctx.text[sent_start:start], ctx.text[end:]
            if _NOT_A_GOAL_BEFORE.search(before) or _NOT_A_GOAL_AFTER.match(after):
                continue
            if not _LOOSE_TAIL_OK.match(after):
                continue
            introduced = bool(_INTRODUCER_BEFORE.search(before))
            accepted.append((_number_hits(ctx.text, match.group(), start), introduced))
        if sum(len(hits) for hits, _ in accepted) >= 2:
            yield from (hit for hits, _ in accepted for hit in hits)
        else:
            yield from (hit for hits, introduced in accepted if introduced for hit in hits)


def _merge(hits: Iterable[SdgHit]) -> list[SdgHit]:
    """One hit per goal and place: of overlapping hits of the same goal keep the longest
    (number + name over number alone)."""
    kept: list[SdgHit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        overlapping = [
            k for k in kept if k.number == hit.number and k.start < hit.end and hit.start < k.end
        ]
        if not overlapping:
            kept.append(hit)
        elif all(hit.end - hit.start > k.end - k.start for k in overlapping):
            kept = [k for k in kept if k not in overlapping] + [hit]
    return sorted(kept, key=lambda h: (h.start, h.number))


def find_explicit_sdgs(text: str, catalogue: GoalCatalogue | None = None) -> list[SdgHit]:
    """Every goal the text names, by number or by name, in text order (default: the
    packaged catalogue of goal names)."""
    names = _default_name_index() if catalogue is None else _build_name_index(catalogue)
    return _find_explicit(text, names)


def _find_explicit(text: str, names: _NameIndex) -> list[SdgHit]:
    ctx = TextLayout.of(text)
    unconfirmed: list[SdgHit] = []
    found = [
        *_cued_list_hits(ctx, names, unconfirmed),
        *_target_hits(ctx),
        *_ordinal_hits(ctx),
        *_number_word_hits(ctx),
        *_numbered_name_hits(ctx, names),
        *_bare_name_hits(ctx, names),
        *_goal_line_hits(ctx, names),
        *_misspelt_name_hits(ctx, names),
        *_number_list_hits(ctx),
        *_loose_list_hits(ctx),
    ]
    return _merge(found + _confirmed_by_neighbours(ctx, unconfirmed, found))


# ---------------------------------------------------------------------------
# Theme mentions


@dataclass(frozen=True)
class ThemeMatcher:
    """The theme rules compiled: spaCy's Matcher with one key per rule id, the goal each id
    points to, and the pre-filter that finds the same matches faster (None when a rule's
    first token has a condition the filter cannot pre-test)."""

    matcher: Matcher
    goal_of: dict[str, int]
    prefilter: _FirstTokenFilter | None

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self.prefilter is None:
            return sorted(self.matcher(doc), key=lambda m: (m[1], m[2], m[0]))
        return self.prefilter.matches(doc)


def build_theme_matcher(vocab: Any, rules: Sequence[ThemeRule]) -> ThemeMatcher:
    """The theme rules as a ThemeMatcher."""
    matcher = Matcher(vocab)
    for rule in rules:
        matcher.add(rule.id, [rule.pattern])
    return ThemeMatcher(
        matcher, {rule.id: rule.goal for rule in rules}, _FirstTokenFilter.of(vocab, rules)
    )


_OPEN_WINDOW = 60  # tokens; far longer than any theme phrase


@dataclass(frozen=True)
class _RuleStart:
    """One rule: a test for its first token, and a Matcher for the rest when it is longer."""

    key: int
    first: Any  # Callable[[Token], bool]
    length: int
    matcher: Matcher | None


@dataclass(frozen=True)
class _FirstTokenFilter:
    """Theme matching without testing every rule on every token.

    spaCy's Matcher evaluates every REGEX of every rule on every token (about 50 ms for a
    1,000-word article with the packaged rules). One combined regex and two word sets find
    the few tokens a match can start at; only the rules whose first token fits are tried
    there, single-token rules directly, longer ones with their own Matcher on that window.
    The result is the same set of matches.
    """

    any_start: re.Pattern[str] | None
    words: frozenset[str]
    lemmas: frozenset[str]
    rules: tuple[_RuleStart, ...]

    @classmethod
    def of(cls, vocab: Any, rules: Sequence[ThemeRule]) -> _FirstTokenFilter | None:
        regexes: list[str] = []
        words: set[str] = set()
        lemmas: set[str] = set()
        starts: list[_RuleStart] = []
        for rule in rules:
            test = _first_token_test(rule.pattern[0], regexes, words, lemmas)
            if test is None:
                return None  # a condition we cannot pre-test: use the plain Matcher
            single = len(rule.pattern) == 1 and set(rule.pattern[0]) <= {"LOWER", "LEMMA"}
            own = None
            if not single:
                own = Matcher(vocab)
                own.add(rule.id, [rule.pattern])
            # a quantifier ("OP") makes the match length open: give it a wide window
            length = len(rule.pattern) if not any("OP" in t for t in rule.pattern) else _OPEN_WINDOW
            starts.append(_RuleStart(vocab.strings.add(rule.id), test, length, own))
        return cls(
            any_start=re.compile("|".join(regexes)) if regexes else None,
            words=frozenset(words),
            lemmas=frozenset(lemmas),
            rules=tuple(starts),
        )

    def _could_start(self, token: Any) -> bool:
        lower = token.lower_
        return (
            lower in self.words
            or (bool(self.lemmas) and token.lemma_.lower() in self.lemmas)
            or (self.any_start is not None and self.any_start.search(lower) is not None)
        )

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        found: set[tuple[int, int, int]] = set()
        for token in doc:
            if not self._could_start(token):
                continue
            for rule in self.rules:
                if not rule.first(token):
                    continue
                if rule.matcher is None:
                    found.add((rule.key, token.i, token.i + 1))
                    continue
                window = doc[token.i : min(token.i + rule.length, len(doc))]
                for key, start, end in rule.matcher(window):
                    if start == 0:
                        found.add((key, token.i, token.i + end))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _first_token_test(
    condition: dict, regexes: list[str], words: set[str], lemmas: set[str]
) -> Any:
    """A test for a first-token condition (and its part of the pre-filter), or None."""
    if set(condition) == {"LOWER"}:
        value = condition["LOWER"]
        if isinstance(value, str):
            word = value.lower()
            words.add(word)
            return lambda token, v=word: token.lower_ == v
        if isinstance(value, dict) and set(value) == {"REGEX"}:
            regexes.append(f"(?:{value['REGEX']})")
            compiled = re.compile(value["REGEX"])
            return lambda token, r=compiled: r.search(token.lower_) is not None
        if isinstance(value, dict) and set(value) == {"IN"}:
            options = frozenset(v.lower() for v in value["IN"])
            words.update(options)
            return lambda token, o=options: token.lower_ in o
    if set(condition) == {"LEMMA"}:
        value = condition["LEMMA"]
        options = frozenset(
            [value.lower()]
            if isinstance(value, str)
            else [v.lower() for v in value.get("IN", [])]
            if isinstance(value, dict) and set(value) == {"IN"}
            else []
        )
        if options:
            lemmas.update(options)
            return lambda token, o=options: token.lemma_.lower() in o
    return None


def _inside_a_name(span: Span) -> bool:
    """A capitalised word mid-sentence is most likely part of a name ("Karmsund
    Gjenvinning"), which says what a company is called, not what it works on."""
    first = span[0]
    if not first.is_title or first.i == 0:
        return False
    before = span.doc[first.i - 1]
    return not (before.is_punct or before.is_space or "\n" in before.whitespace_)


def _theme_hits(doc: Doc, themes: ThemeMatcher) -> list[SdgHit]:
    by_goal: dict[int, list[Span]] = {}
    named = bytearray(len(doc))  # tokens of the names earlier components found
    for ent in doc.ents:
        named[ent.start : ent.end] = b"\x01" * len(ent)
    for match_id, start, end in themes.matches(doc):
        if _inside_a_name(doc[start:end]) or named.find(1, start, end) >= 0:
            continue  # "Folkehelseinstituttet" names a body; it is no work on goal 3
        goal = themes.goal_of[doc.vocab.strings[match_id]]
        by_goal.setdefault(goal, []).append(doc[start:end])
    hits = [
        SdgHit(goal, span.start_char, span.end_char, span.text, "theme")
        for goal, spans in by_goal.items()
        for span in filter_spans(spans)
    ]
    return sorted(hits, key=lambda h: (h.start, h.number))


@lru_cache(maxsize=4)
def _default_theme_matcher(vocab: Any) -> ThemeMatcher:
    return build_theme_matcher(vocab, load_theme_rules())


# With theme_context="work", a theme word counts only where someone works on it ("Vi har
# redusert energiforbruket"), not where it is merely mentioned ("Filmen handler om livet
# i havet"). These verbs and phrases (bokmål and nynorsk) mark work, plans, commitments.
_WORK_CUE = re.compile(
    r"(?<!\w)(?:"
    r"reduser\w*|kutt\w*|halver\w*|minsk\w*|senk\w*|øk(?:e|er|te|t)|auk(?:e|ar|a)"
    r"|jobb(?:e|er|ar|a)|arbeid(?:e|er|ar|a)|sats(?:e|er|ar|a|ing\w*)|bidr(?:a|ar|eg)"
    r"|invester\w*|installer\w*|innfør\w*|hindr\w*|forebygg\w*|sikr(?:e|er|ar|a)"
    r"|frem(?:me|mer)|fremj(?:e|ar)|tilby\w*|tilbod|tilbyr|gir|gjev|stiller|stiller krav"
    r"|måle|måler|målar|sorter\w*|gjenvinn\w*|bygg(?:e|er|jer|jar)|bygges|byggjast"
    r"|fokus|prioriter\w*|tiltak\w*|nulltoleranse|krav|ansvar|skal|vil|ønsk\w*|mål(?:et|a)?"
    r"|går over|gått over|bytt\w*|skift\w*|ta(?:tt|r|k)? i bruk|tek i bruk|levere\w*"
    r"|rydd\w*|delta\w*|sertifiser\w*|vern\w*|ta vare|tek vare|tar vare|legg(?:e|er)? vekt"
    r"|bruk(?:e|er|ar)|dyrk\w*|plant\w*|lær(?:e|er|ar)|satt\w* opp|utvikl\w*|spar(?:e|er|ar|te)"
    r")(?!\w)",
    re.IGNORECASE,
)


def find_theme_sdgs(
    doc: Doc, rules: Sequence[ThemeRule] | None = None, *, require_work: bool = False
) -> list[SdgHit]:
    """Goals the text is about without naming them, from the theme rules (default:
    packaged). With ``require_work`` a theme word counts only in a sentence that speaks
    of work on it (see _WORK_CUE): fewer false themes in everyday news, fewer found."""
    themes = (
        _default_theme_matcher(doc.vocab)
        if rules is None
        else build_theme_matcher(doc.vocab, rules)
    )
    hits = _theme_hits(doc, themes)
    return keep_worked_on(doc.text, hits) if require_work else hits


def keep_worked_on(text: str, hits: Sequence[SdgHit]) -> list[SdgHit]:
    """The theme hits whose sentence has a work cue (a verb of doing, planning, committing)."""
    ctx = TextLayout.of(text)
    return [h for h in hits if _WORK_CUE.search(text, *ctx.sentence_at(h.start))]


def drop_overlapping(themes: Iterable[SdgHit], explicit: Sequence[SdgHit]) -> list[SdgHit]:
    """Theme hits inside an explicit mention are the goal's name, not a theme."""
    return [t for t in themes if not any(e.start < t.end and t.start < e.end for e in explicit)]


# ---------------------------------------------------------------------------
# spaCy component


class SdgDetector:
    """Writes doc.spans["sdg_explicit"] and doc.spans["sdg_theme"], labels "SDG_<n>".

    ``goals`` and ``themes``: "default" (packaged data), a path to a user file, or None
    to switch that half off. ``theme_context``: "any" keeps every theme word (the subject
    matter), "work" only those in sentences about work on it (higher precision on
    everyday news, lower recall). Never touches doc.ents.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = COMPONENT_NAME,
        *,
        goals: ResourceSource = "default",
        themes: ResourceSource = "default",
        theme_context: Literal["work", "any"] = "any",
    ) -> None:
        self.name = name
        self.require_work = theme_context == "work"
        self.vocab = nlp.vocab
        self.scorer: Callable | None = None
        self._packaged = goals == "default" and themes == "default"
        # A saved pipeline carries its data (to_disk); the user file it was built from
        # may be gone where it is loaded, so a missing file waits for from_disk.
        self._missing = [str(s) for s in (goals, themes) if _is_missing_file(s)]
        self.catalogue = (
            None if goals is None or _is_missing_file(goals) else load_goal_catalogue(goals)
        )
        self._names = _build_name_index(self.catalogue) if self.catalogue else None
        self.rules = (
            None if themes is None or _is_missing_file(themes) else load_theme_rules(themes)
        )
        self._matcher = (
            build_theme_matcher(nlp.vocab, self.rules) if self.rules is not None else None
        )

    def __call__(self, doc: Doc) -> Doc:
        if self._missing:
            raise FileNotFoundError(f"{self.name}: SDG data file(s) not found: {self._missing}")
        explicit = _find_explicit(doc.text, self._names) if self._names else []
        themes = _theme_hits(doc, self._matcher) if self._matcher else []
        if self.require_work:
            themes = keep_worked_on(doc.text, themes)
        themes = drop_overlapping(themes, explicit)
        doc.spans[EXPLICIT_SPAN_KEY] = _spans(doc, explicit)
        doc.spans[THEME_SPAN_KEY] = _spans(doc, themes)
        return doc

    def score(self, examples: Iterable[Example], **kwargs) -> dict[str, Any]:
        """What ``nlp.evaluate`` reports for this component (the configured scorer)."""
        return self.scorer(examples, **kwargs) if self.scorer else {}

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        # Save a user's data itself, so a saved pipeline does not depend on a user file's
        # path; the packaged data is named by "default" in the config and stays in one place.
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        if self._packaged:
            return
        payload = {
            "goals": self.catalogue.model_dump(by_alias=True) if self.catalogue else None,
            "themes": [rule.model_dump() for rule in self.rules]
            if self.rules is not None
            else None,
        }
        (folder / "sdg_data.json").write_text(json.dumps(payload, ensure_ascii=False), "utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SdgDetector:
        saved = Path(path) / "sdg_data.json"
        if not saved.exists():  # saved with the packaged data, which the config names
            if self._missing:
                raise FileNotFoundError(f"{self.name}: SDG data file(s) not found: {self._missing}")
            return self
        payload = json.loads(saved.read_text("utf-8"))
        goals, themes = payload["goals"], payload["themes"]
        self.catalogue = GoalCatalogue.model_validate(goals) if goals is not None else None
        self._names = _build_name_index(self.catalogue) if self.catalogue else None
        self.rules = (
            [ThemeRule.model_validate(rule) for rule in themes] if themes is not None else None
        )
        self._matcher = (
            build_theme_matcher(self.vocab, self.rules) if self.rules is not None else None
        )
        self._missing = []
        return self


def _is_missing_file(source: ResourceSource) -> bool:
    return source is not None and source != "default" and not Path(source).exists()


def _spans(doc: Doc, hits: Sequence[SdgHit]) -> list[Span]:
    spans = []
    for hit in hits:
        span = doc.char_span(
            hit.start, hit.end, label=span_label(hit.number), alignment_mode="expand"
        )
        if span is not None:
            spans.append(span)
    return spans


@Language.factory(
    COMPONENT_NAME,
    requires=["token.is_sent_start"],
    assigns=["doc.spans"],  # span groups sdg_explicit and sdg_theme, labels SDG_<n>
    default_config={
        "goals": "default",
        "themes": "default",
        "theme_context": "any",
        "scorer": {"@scorers": "nyhetsprofil.sdg_scorer.v1"},
    },
    default_score_weights={f"spans_{EXPLICIT_SPAN_KEY}_{m}": None for m in "prf"},
)
def make_sdg_detector(
    nlp: Language,
    name: str,
    goals: ResourceSource,
    themes: ResourceSource,
    theme_context: Literal["work", "any"],
    scorer: Callable | None,
) -> SdgDetector:
    detector = SdgDetector(nlp, name, goals=goals, themes=themes, theme_context=theme_context)
    detector.scorer = scorer
    return detector


def score_span_groups(examples: Iterable[Example], keys: Iterable[str], **kwargs) -> dict[str, Any]:
    """Each span group of ``keys`` against the reference's group of the same name
    (``spans_<key>_p/r/f`` and per label), where the reference has it."""
    examples = list(examples)
    scores: dict[str, Any] = {}
    for key in keys:
        scores.update(
            Scorer.score_spans(
                examples,
                f"spans_{key}",
                getter=lambda doc, attr, key=key: doc.spans.get(key, []),
                has_annotation=lambda doc, key=key: key in doc.spans,
                allow_overlap=True,
                **kwargs,
            )
        )
    return scores


def score_sdgs(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    """Explicit goals and themes against the reference's span groups of the same names
    (``spans_sdg_explicit_p/r/f``, ``spans_sdg_theme_p/r/f``, each per goal too)."""
    return score_span_groups(examples, (EXPLICIT_SPAN_KEY, THEME_SPAN_KEY), **kwargs)


@registry.scorers("nyhetsprofil.sdg_scorer.v1")
def make_sdg_scorer() -> Callable:
    return score_sdgs
