"""The rule set a Doc becomes a Profile with, and the records of the rule files.

The ``pipeline_entities`` component is built from three rule sources (its config:
``rules``, ``org_rules``, ``common_words``; "default" or a user's file, saved with the
pipeline by ``to_disk``/``from_disk``) and writes them on every Doc it makes
(``doc._.rule_sources``). From them comes one validated ``RuleSet``: the organisation word
lists, the entity rules and the common words, made once per source combination
(``RuleSet.of_sources``). Each later component takes the Doc's (``RuleSet.of(doc)``) and
passes it, as an argument, to every function that reads words or patterns, so every
decision is made with the same rules as the entities and a user's rule file given to the
component reaches the profile. Nothing reads rules from module state: what is compiled from
a rule set's words is kept on that rule set (``per_rule_set``), so two pipelines with
different rules in one process never mix. Parsing comes before any pipeline: it takes a
rule set too, the packaged one (``RuleSet.default()``) unless given another.

Each rule file is a list of records (``RuleRecord``): an id, its words, what it does, why,
and examples that must and must not match; ``tests/test_rule_examples.py`` runs every
record's examples, with the rule and without it.

The extraction layer (``pipeline.extract``) reads no rules: it maps the components' values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, wraps
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator
from spacy.tokens import Doc


@dataclass(frozen=True)
class RuleSources:
    """Where each rule file comes from: "default" (the package's) or a path."""

    entity_rules: str = "default"
    org_rules: str = "default"
    common_words: str = "default"

    @classmethod
    def of(cls, doc: Doc) -> RuleSources:
        """The sources the component that made ``doc`` was built from (defaults when none ran)."""
        saved = doc._.rule_sources if Doc.has_extension("rule_sources") else None
        return cls(*saved) if saved else cls()

    def as_list(self) -> list[str]:  # what a Doc carries: plain strings serialise with it
        return [self.entity_rules, self.org_rules, self.common_words]


if not Doc.has_extension("rule_sources"):
    Doc.set_extension("rule_sources", default=None)


class RuleSet:
    """One validated rule set: the organisation word lists (``org``, org_rules.json as a
    dict of lists), the entity rules (``entity``, an ``EntityRules``) and the common words
    (``common_words``), read from ``sources``. Made once per source combination
    (``RuleSet.of_sources``); what is built from its words (compiled patterns, word sets)
    is kept on the object itself (``per_rule_set``), so two rule sets never mix."""

    def __init__(self, sources: RuleSources) -> None:
        # here: the loaders' modules import this one
        from pipeline.entities.rules import load_common_words, load_entity_rules
        from pipeline.text import load_org_rules

        self.sources = sources
        self.org: dict[str, Any] = load_org_rules(sources.org_rules)
        self.entity = load_entity_rules(sources.entity_rules)
        self.common_words: frozenset[str] = load_common_words(sources.common_words)
        self._built: dict[tuple, Any] = {}

    @staticmethod
    @lru_cache(maxsize=8)
    def of_sources(sources: RuleSources) -> RuleSet:
        return RuleSet(sources)

    @classmethod
    def default(cls) -> RuleSet:
        """The packaged rule files: what parsing uses, before any pipeline runs."""
        return cls.of_sources(RuleSources())

    @classmethod
    def of(cls, doc: Doc) -> RuleSet:
        """The rules ``pipeline_entities`` made ``doc`` with (``doc._.rule_sources``): every
        later component decides with them, so a user's rule file reaches the profile."""
        return cls.of_sources(RuleSources.of(doc))

    def __repr__(self) -> str:
        return f"RuleSet({self.sources!r})"


F = TypeVar("F", bound=Callable[..., Any])


def per_rule_set(function: F) -> F:
    """Keep what ``function(rules, *args)`` builds from the words (a compiled pattern, a
    word set) on the rule set it was built from: built once per rule set and arguments."""

    @wraps(function)
    def cached(rules: RuleSet, *args: Any) -> Any:
        key = (function, args)
        try:
            return rules._built[key]
        except KeyError:
            value = rules._built[key] = function(rules, *args)
            return value

    return cached  # type: ignore[return-value]


# --- rules with identity ------------------------------------------------------------------


class Expectation(BaseModel):
    """What an example's profile must show (every field given is checked)."""

    model_config = ConfigDict(extra="forbid")

    organisation: str | None = Field(None, description="an organisation of this name")
    kind: str | None = Field(None, description="... of this kind (company, public_body, other)")
    org_place: str | None = Field(None, description="... tied to a place of this name")
    industry: str | None = Field(None, description="... of this industry")
    no_organisation: str | None = Field(None, description="no organisation of this name")
    person: str | None = Field(None, description="a person of this name")
    title: str | None = Field(None, description="... with this title")
    employer: str | None = Field(None, description="... speaking for this organisation")
    guessed_employer: str | None = Field(None, description="... guessed to speak for this one")
    no_title: str | None = Field(None, description="a person of this name with no title")
    no_employer: str | None = Field(
        None, description="a person of this name whom the text ties to no organisation"
    )
    no_person: str | None = Field(None, description="no person of this name")
    place: str | None = Field(None, description="a place of this name")
    no_place: str | None = Field(None, description="no place of this name")
    quote_by: str | None = Field(None, description="a quote attributed to this person")
    goal: int | None = Field(None, description="an explicit goal of this number ...")
    owner: str | None = Field(None, description="... claimed by this organisation")
    not_owner: str | None = Field(None, description="... not claimed by this organisation")


class RuleExample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    expect: Expectation


class RuleExamples(BaseModel):
    """``match``: texts where the rule decides the outcome (without its words at least one
    of them comes out otherwise); ``no_match``: texts where it must not fire."""

    model_config = ConfigDict(extra="forbid")

    match: list[RuleExample] = Field(default_factory=list)
    no_match: list[RuleExample] = Field(default_factory=list)


class RuleRecord(BaseModel):
    """One rule: an id, its words (a list, or a mapping for rules that pair a word with a
    value), what it does, why it exists, and examples that must and must not match."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z_]+$")
    action: str = Field(description="what the words do to a name, a title or a claim")
    why: str = Field(description="the reason, with the real-text case that called for it")
    words: list[str] | dict[str, Any] | None = None
    pattern: list[dict[str, Any]] | None = Field(
        None, description="a DependencyMatcher pattern, for rules that read the tree"
    )
    examples: RuleExamples = Field(default_factory=RuleExamples)

    @model_validator(mode="after")
    def _words_or_pattern(self) -> RuleRecord:
        if (self.words is None) == (self.pattern is None):
            raise ValueError(f"rule {self.id!r}: give either words or a pattern")
        return self


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    comment: str = Field(default="", alias="_comment")
    rules: list[RuleRecord]

    @model_validator(mode="after")
    def _unique_ids(self) -> RuleFile:
        ids = [rule.id for rule in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError(
                f"rule ids must be unique: {sorted(i for i in ids if ids.count(i) > 1)}"
            )
        return self


def rule_words(raw: str) -> dict[str, Any]:
    """A rule file's words by rule id. Takes the record form (``{"rules": [...]}``) and the
    plain form users wrote before it (``{"rule_id": [words], ...}``)."""
    data = json.loads(raw)
    if isinstance(data, dict) and "rules" in data:
        return {rule.id: rule.words for rule in RuleFile.model_validate(data).rules}
    return data


def rule_records(raw: str) -> list[RuleRecord]:
    """The records of a rule file in the record form."""
    return RuleFile.model_validate_json(raw).rules


def unmet(expect: Expectation, profile: Any) -> list[str]:
    """What of ``expect`` the profile does not show (empty when the example holds)."""
    orgs = {o.name: o for o in profile.organisations}
    people = {p.name: p for p in profile.people}
    places = {p.name for p in profile.places}
    problems = []
    if expect.organisation is not None:
        org = orgs.get(expect.organisation)
        if org is None:
            problems.append(f"no organisation {expect.organisation!r} in {sorted(orgs)}")
        elif expect.kind is not None and org.kind != expect.kind:
            problems.append(f"{expect.organisation!r} is {org.kind}, not {expect.kind}")
        elif expect.org_place is not None and expect.org_place not in {p.name for p in org.places}:
            problems.append(f"{expect.organisation!r} has places {[p.name for p in org.places]}")
        elif expect.industry is not None and org.industry != expect.industry:
            problems.append(f"{expect.organisation!r} has industry {org.industry!r}")
    if expect.no_organisation is not None and expect.no_organisation in orgs:
        problems.append(f"{expect.no_organisation!r} is an organisation")
    if expect.person is not None:
        person = people.get(expect.person)
        if person is None:
            problems.append(f"no person {expect.person!r} in {sorted(people)}")
        else:
            if expect.title is not None and person.title != expect.title:
                problems.append(f"{expect.person!r} has title {person.title!r}")
            if expect.employer is not None and person.organisation != expect.employer:
                problems.append(f"{expect.person!r} speaks for {person.organisation!r}")
            if (
                expect.guessed_employer is not None
                and person.organisation_guess != expect.guessed_employer
            ):
                problems.append(f"{expect.person!r} is guessed {person.organisation_guess!r}")
    for name, field, says in (
        (expect.no_employer, "organisation", "speaks for"),
        (expect.no_title, "title", "has title"),
    ):
        if name is None:
            continue
        person = people.get(name)
        if person is None:
            problems.append(f"no person {name!r} in {sorted(people)}")
        elif getattr(person, field) is not None:
            problems.append(f"{name!r} {says} {getattr(person, field)!r}")
    if expect.no_person is not None and expect.no_person in people:
        problems.append(f"{expect.no_person!r} is a person")
    if expect.place is not None and expect.place not in places:
        problems.append(f"no place {expect.place!r} in {sorted(places)}")
    if expect.no_place is not None and expect.no_place in places:
        problems.append(f"{expect.no_place!r} is a place")
    if expect.goal is not None:
        owners = {m.organisation for m in profile.sdgs if m.number == expect.goal}
        if not owners:
            problems.append(f"no goal {expect.goal}")
        elif expect.owner is not None and expect.owner not in owners:
            problems.append(f"goal {expect.goal} is claimed by {sorted(map(str, owners))}")
        elif expect.not_owner is not None and expect.not_owner in owners:
            problems.append(f"goal {expect.goal} is claimed by {expect.not_owner!r}")
    if expect.quote_by is not None and not (
        expect.quote_by in people and people[expect.quote_by].quotes
    ):
        problems.append(f"no quote by {expect.quote_by!r}")
    return problems


# --- rule files of the components that read the tree ------------------------------------


def rule_file_records(file_name: str, source: str = "default") -> dict[str, Any]:
    """A rule file's patterns (or words) by rule id: the package's ``resources/<file_name>``
    for source "default", else the file at path ``source``."""
    raw = (
        resources.files("pipeline").joinpath(f"resources/{file_name}").read_text("utf-8")
        if source == "default"
        else Path(source).read_text("utf-8")
    )
    return {r.id: (r.pattern if r.pattern is not None else r.words) for r in rule_records(raw)}


class TreeRuleFile:
    """What the components reading the dependency tree share about their rule file: which
    one is in use (``source``), the matcher built from its patterns with each pattern's node
    names, and saving it with the pipeline. A saved pipeline carries a user's rules
    (``to_disk``); the file it was built from may be gone where it is loaded, so a missing
    file waits for ``from_disk`` and only a call without it fails."""

    rules_file: str  # the file's name in pipeline/resources and in a saved pipeline
    name: str

    def _load_rules(self, rules: str) -> None:
        self._missing = rules != "default" and not Path(rules).exists()
        self._use("default" if self._missing else rules)

    def _use(self, source: str) -> None:
        """Build what the component reads from the file (``self.source`` set first)."""
        raise NotImplementedError

    def _records(self, source: str) -> dict[str, Any]:
        self.source = source
        return rule_file_records(self.rules_file, source)

    def _require_rules(self) -> None:
        if self._missing:
            raise FileNotFoundError(f"{self.name}: rules file {self.rules_file} not found")

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        if self.source != "default":
            (folder / self.rules_file).write_text(Path(self.source).read_text("utf-8"), "utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()):
        saved = Path(path) / self.rules_file
        if saved.exists():
            self._use(str(saved))
            self._missing = False
        return self


def dependency_matcher(vocab, patterns: dict[str, list]) -> tuple[Any, dict[str, list[str]]]:
    """A DependencyMatcher with each pattern under its rule id, and each rule's node names
    in pattern order (a match lists its tokens in that order)."""
    from spacy.matcher import DependencyMatcher

    matcher = DependencyMatcher(vocab)
    for rule_id, pattern in patterns.items():
        matcher.add(rule_id, [pattern])
    return matcher, {rule_id: [node["RIGHT_ID"] for node in p] for rule_id, p in patterns.items()}
