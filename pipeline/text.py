"""Small text helpers shared by the extractors: name patterns, evidence, rule data."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from models import Evidence
from pipeline.rules import RuleSet, per_rule_set, rule_words

# A capitalised word of a name: "GKN", "Holzweiler", "Sør-Varanger", "3M". No dots, so a
# name never swallows the full stop after it.
CAP_WORD = r"[A-ZÆØÅ0-9][\wÆØÅæøåéèü&'’+-]*"
NAME = rf"(?<![\w-]){CAP_WORD}(?:[ ](?:&[ ])?{CAP_WORD})*"
# a name ends where its last word does: "Vestland KrF" holds no "Vestland Kr"
PERSON = r"(?<![\w-])[A-ZÆØÅ][a-zæøåéèüö]+(?:[- ][A-ZÆØÅ][a-zæøåéèüö]+){1,3}(?![\w-])"


class OrgRules(BaseModel):
    """The word lists of resources/org_rules.json; unknown keys are an error, so a typo in
    the data file fails loudly instead of silently switching a rule off."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    comment: str = Field(default="", alias="_comment")
    org_head_nouns: list[str]  # "bedriften" in "flyindustribedriften GKN Aerospace"
    name_tail_nouns: list[str]  # "hotell" in "Sundvolden hotell"
    legal_suffixes: list[str]  # AS, ASA, ...
    legal_forms_alone: list[str]  # "Loven gjelder AS og ASA": no organisation
    public_body_heads: list[str]  # "... kommune", "... universitetssykehus"
    public_body_name_tails: list[str]  # the words that end a body's name in the patterns
    public_body_names: list[str]  # "Innovasjon Norge", "NAV", ...
    public_body_suffixes: list[str]  # "Fiskeridirektoratet"
    # "Statens kartverk", "Forsvarets logistikkorganisasjon": the state's, by the first word
    public_body_prefixes: list[str] = Field(default_factory=list)
    public_body_heads_before_a_place: list[str] = Field(default_factory=list)  # "Helse" Bergen
    one_word_name_endings: list[str] = Field(default_factory=list)  # "Oppdals|banken"
    attribution_clause_openers: list[str] = Field(default_factory=list)  # ", sa X, før ..."
    speech_adverbs: list[str] = Field(default_factory=list)  # "Hun sier videre: «...»"
    # "..., slår styreleder X fast.": a particle verb whose particle follows the speaker
    split_speech_verbs: list[str] = Field(default_factory=list)
    # "Dette var bodskapen til teatersjef X": the quote before is X's
    speech_nouns: list[str] = Field(default_factory=list)
    # "sier Kari Lie i X", "seier medeigar av X, Gunn Rise": the speaker's organisation
    attribution_prepositions: list[str] = Field(default_factory=list)
    staff_group_nouns: list[str] = Field(default_factory=list)  # "Brakars ledergruppe"
    credit_labels: list[str] = Field(default_factory=list)  # "Foto: Kari Lie / NRK"
    not_organisations: list[str]  # sentence-start words and the like, never a name
    speech_verbs: list[str]
    speech_participles: list[str]
    # definite forms of business nouns ("Støperiet", "Kornmølla"): a description, not a name
    definite_business_endings: list[str]
    # a goal claimed by "Bedriftene", "De fem bedriftene" (or a network, entity_rules.json's
    # non_company_words_before) belongs to no single organisation
    collective_subjects: list[str]
    subject_pronouns: list[str]  # "Vi jobber med mål 7": the organisation named before
    # "Banken har prioritert mål 5": a body's noun pointing back, introducing no name
    pointing_nouns: list[str] = Field(default_factory=list)
    clause_conjunctions: list[str]  # ", mens Brekke Transport har valgt ...": a new claimant
    ambiguous_place_names: list[str]  # place names that are also common words: need context
    name_extensions: list[str]  # "GKN Aerospace Norge" is "GKN Aerospace"
    business_nouns: list[str]  # "X AS, et familieeid sagbruk"
    industry_heads: list[
        str
    ]  # stripped to get the industry: "gjenvinningsbedrift" -> "gjenvinning"
    name_prefix_nouns: list[str]  # "Hyttebyggjaren Stryn Hyttebygg AS" at a sentence start
    fact_box_name_keys: list[str]
    fact_box_industry_keys: list[str]
    fact_box_place_keys: list[str]
    fact_box_title_keys: list[str] = Field(default_factory=list)  # "Stilling: X": a person's box
    fact_box_employer_keys: list[str] = Field(default_factory=list)  # "Arbeidsgiver: X"
    company_roles: list[str]  # a daglig leder speaks for a company
    name_trade_words: list[str]  # "Moster Havbruk AS": a trade that ends a company's name
    public_roles: list[str]  # an ordfører for a public body
    # the office's title -> the kind of body it is held in: "ordfører" -> "kommune"
    office_bodies: dict[str, Literal["kommune", "fylkeskommune"]]
    # the office's title -> words the name of the body it is held in holds: "banksjef" -> bank
    office_name_words: dict[str, list[str]] = Field(default_factory=dict)
    # the same, as a guess: a rektor's school ("guessed_office_name_words")
    guessed_office_name_words: dict[str, list[str]] = Field(default_factory=dict)
    time_words: list[str]  # "Oslo Børs mandag": a time after a name, not what the name owns


@lru_cache(maxsize=4)
def load_org_rules(source: str = "default") -> dict:
    """The validated word lists of resources/org_rules.json ("default") or of a user's file
    with the same fields, as a dict of lists."""
    if source == "default":
        raw = resources.files("pipeline").joinpath("resources/org_rules.json").read_text("utf-8")
    else:
        raw = Path(source).read_text("utf-8")
    return OrgRules.model_validate(rule_words(raw)).model_dump(exclude={"comment"})


@per_rule_set
def fact_box_label(rules: RuleSet) -> re.Pattern[str]:
    """ "Bedrift: X" heads a company's section: the fact-box name keys of org_rules.json."""
    return re.compile(rf"^(?:{alternation(rules.org['fact_box_name_keys'])})\s*:\s*", re.IGNORECASE)


def pointing_nouns(rules: RuleSet) -> list[str]:
    """A body's nouns that stand for an organisation named before ("selskapet", "banken"):
    a company's (org_rules.json: org_head_nouns) and any body's (pointing_nouns)."""
    return rules.org["org_head_nouns"] + rules.org["pointing_nouns"]


def pointing_noun_of(word: str, nouns) -> str | None:
    """The body's noun a lower-case word is, or is the genitive of ("selskapets" ->
    "selskapet", "korpsets" -> "korpset"), among ``nouns``; None otherwise."""
    if not word.islower():
        return None
    if word in nouns:
        return word
    return word[:-1] if word.endswith("s") and word[:-1] in nouns else None


def alternation(words: list[str]) -> str:
    """Regex alternation of literal words, longest first so 'legger til' beats 'legger'.
    No words match nothing: an empty list in a user's rule file switches its rule off
    (an empty alternation would match everywhere and stall the patterns built on it)."""
    if not words:
        return "(?!)"
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


#: The definite endings a body's noun drops to name its kind: "banken" -> "bank".
_DEFINITE_ENDINGS = ("et", "en", "a")
#: The shortest kind worth looking for in a name ("lag" of "laget" is in too many words).
_SHORTEST_KIND = 4


def kind_named_by(noun: str) -> str | None:
    """The kind a body's definite noun names, to find in an organisation's name:
    "Banken" -> "bank" (in "Nordlys Sparebank"), "Kommunen" -> "kommun" ("Nordvik kommune"),
    "Klubben" -> "klubb"; None when too short to tell."""
    word = noun.lower()
    for ending in _DEFINITE_ENDINGS:
        if word.endswith(ending):
            word = word[: -len(ending)]
            break
    return word if len(word) >= _SHORTEST_KIND else None
