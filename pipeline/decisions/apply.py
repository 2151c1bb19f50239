"""Applying decisions: corrected copies of the profiles (wrong values removed, corrections
applied, added items inserted with their evidence, each copy validated as a ``Profile``),
written to another folder; the originals are never changed."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from models import (
    Evidence,
    Organisation,
    Person,
    Place,
    PlaceRef,
    Profile,
    ReviewDecision,
    SdgMention,
)
from models.facts import DeclaredFact
from models.review import JUDGED_FACTS
from pipeline.decisions.items import ReviewItem, SdgClaim
from pipeline.decisions.matching import (
    Stale,
    group_by_article,
    latest,
    match_decisions,
    profiles_with_paths,
    read_decisions,
)
from pipeline.write import atomic_write_text, rebuild_jsonl, write_schema

DECISION_SCHEMA = "decision.schema.json"
REVIEWED_DIR = "reviewed"


@dataclass
class ApplyResult:
    dest: Path
    profiles: int = 0  # profiles written
    changed: int = 0  # profiles a decision changed
    applied: int = 0  # decisions applied (correct ones included: they keep a value)
    stale: list[Stale] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # bad lines, decisions that failed


def apply_decisions(out_dir: Path, decisions_path: Path, dest: Path) -> ApplyResult:
    """Write every profile of ``out_dir`` to ``dest`` (same file names) with the decisions of
    ``decisions_path`` applied; the originals are never touched. Raises OSError when the
    decisions file cannot be read or ``dest`` cannot be written."""
    if dest.resolve() == out_dir.resolve():
        raise OSError(f"{dest} is the output folder itself: the originals are never overwritten")
    read = read_decisions(decisions_path)
    ensure_writable(dest)
    result = ApplyResult(dest, errors=list(read.errors))
    by_article = group_by_article(latest(read.decisions))
    seen: set[str] = set()
    for path, profile in profiles_with_paths(out_dir):
        seen.add(profile.article.id)
        matched, stale = match_decisions(profile, by_article.get(profile.article.id, []))
        result.stale += stale
        corrected = profile
        if matched:
            try:
                corrected = apply_to_profile(profile, [m.decision for m in matched])
                result.applied += len(matched)
                result.changed += corrected != profile
            except (ValueError, LookupError) as err:
                result.errors.append(f"{path.name}: decisions not applied: {err}")
        atomic_write_text(dest / path.name, corrected.model_dump_json(indent=2) + "\n", False)
        result.profiles += 1
    for article_id, decisions in by_article.items():
        if article_id not in seen:
            result.stale += [Stale(d, "no profile of this article") for d in decisions]
    rebuild_jsonl(dest)
    write_schema(dest)
    write_decision_schema(dest)
    return result


def ensure_writable(folder: Path) -> None:
    """Create ``folder`` and prove a file can be written there (OSError if not), before any
    work is done."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as err:
        raise OSError(f"cannot write to {folder}: {err.strerror or err}") from err


def write_decision_schema(folder: Path) -> Path:
    path = folder / DECISION_SCHEMA
    schema = ReviewDecision.json_schema(DECISION_SCHEMA)
    atomic_write_text(path, json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return path


def apply_to_profile(profile: Profile, decisions: Iterable[ReviewDecision]) -> Profile:
    """A corrected copy of ``profile``: wrong values removed, corrections applied, added
    items inserted with their evidence; validated as a Profile (ValueError if it fails).
    Stale decisions are left out (use ``match_decisions`` to see them)."""
    copy = profile.model_copy(deep=True)
    matched, _ = match_decisions(copy, decisions)
    edit = _Edit(copy)
    # Every decision is resolved against the unchanged profile first, then edits are made:
    # renaming an organisation must not stop a decision about its kind from finding it.
    for m in matched:
        if m.decision.verdict == "added":
            continue
        for item in m.items:
            edit.judge(item, m.decision)
    for m in matched:
        if m.decision.verdict == "added" and not m.found_now:
            edit.add(m.decision)
    edit.remove()
    return Profile.model_validate_json(copy.model_dump_json())


class _Edit:
    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.dropped: set[int] = set()  # ids of objects to remove

    def judge(self, item: ReviewItem, decision: ReviewDecision) -> None:
        verdict, new = decision.verdict, decision.correction
        if verdict == "correct":
            return
        target = item.target
        wrong = verdict == "wrong"
        match item.field:
            case "organisation" if isinstance(target, Organisation):
                if wrong:
                    self.drop_organisation(target)
                else:
                    self.rename_organisation(target, new or target.name)
            case field if field in JUDGED_FACTS and isinstance(target, Organisation | Person):
                _judge_fact(JUDGED_FACTS[field], target, wrong, new)
            case "organisation.place" if isinstance(target, PlaceRef):
                if wrong:
                    self.dropped.add(id(target))
                else:
                    _rename_place(target, new or target.name)
            case "place" if isinstance(target, Place):
                if wrong:
                    self.dropped.add(id(target))
                else:
                    _rename_place(target, new or target.name)
            case "person" if isinstance(target, Person):
                if wrong:
                    self.dropped.add(id(target))
                else:
                    target.name = new or target.name
            case "sdg" if isinstance(target, SdgClaim):
                if wrong:
                    self.dropped.update(id(m) for m in target.mentions)
                else:
                    number = int(new or target.number)
                    for mention in target.mentions:
                        mention.number, mention.name = number, goal_name(number)
            case "sdg.organisation" if isinstance(target, SdgClaim):
                self.move_claim(target, None if wrong else new)

    def drop_organisation(self, org: Organisation) -> None:
        self.dropped.add(id(org))
        for mention in self.profile.sdgs:
            if mention.organisation == org.name:
                self.dropped.add(id(mention))
        for person in self.profile.people:
            if person.organisation == org.name:
                person.organisation = None

    def rename_organisation(self, org: Organisation, name: str) -> None:
        old, org.name = org.name, name
        org.aliases = [a for a in org.aliases if a != name]
        for mention in [*self.profile.sdgs, *org.sdgs]:
            if mention.organisation == old:
                mention.organisation = name
        for person in self.profile.people:
            if person.organisation == old:
                person.organisation = name

    def move_claim(self, claim: SdgClaim, owner: str | None) -> None:
        """The claim belongs to ``owner`` (None: the article itself), not to its old owner."""
        for org in self.profile.organisations:
            org.sdgs = [m for m in org.sdgs if not any(m is c for c in claim.mentions)]
        in_profile = [m for m in claim.mentions if any(m is s for s in self.profile.sdgs)]
        for mention in claim.mentions:
            mention.organisation = owner
        if not in_profile:  # only in an organisation's list: keep it in the profile's
            self.profile.sdgs.append(claim.mentions[0])
        new_owner = next((o for o in self.profile.organisations if o.name == owner), None)
        if new_owner is not None:
            new_owner.sdgs.append(claim.mentions[0].model_copy())

    def add(self, decision: ReviewDecision) -> None:
        ev = decision.evidence
        assert ev is not None and decision.value is not None
        evidence = Evidence(start=ev.start, end=ev.end, text=ev.text)
        value = decision.value.strip()
        p = self.profile
        match decision.field:
            case "organisation":
                org = _named(p.organisations, value)
                if org is None:
                    p.organisations.append(
                        Organisation(name=value, kind="company", mentions=[evidence])
                    )
                else:
                    org.mentions = _with(org.mentions, evidence)
            case "person":
                person = _named(p.people, value)
                if person is None:
                    p.people.append(Person(name=value, mentions=[evidence]))
                else:
                    person.mentions = _with(person.mentions, evidence)
            case "place":
                place = _named(p.places, value)
                if place is None:
                    place = Place(name=value, mentions=[evidence])
                    _rename_place(place, value)
                    p.places.append(place)
                else:
                    place.mentions = _with(place.mentions, evidence)
            case "sdg":
                number = int(value)
                p.sdgs.append(
                    SdgMention(
                        number=number, name=goal_name(number), method="explicit", evidence=evidence
                    )
                )

    def remove(self) -> None:
        p, gone = self.profile, self.dropped
        p.organisations = [o for o in p.organisations if id(o) not in gone]
        for org in p.organisations:
            org.places = [r for r in org.places if id(r) not in gone]
            org.sdgs = [m for m in org.sdgs if id(m) not in gone]
        p.places = [pl for pl in p.places if id(pl) not in gone]
        p.people = [pe for pe in p.people if id(pe) not in gone]
        p.sdgs = [m for m in p.sdgs if id(m) not in gone]


def _judge_fact(fact: DeclaredFact, target: Organisation | Person, wrong: bool, new) -> None:
    """A wrong value is removed with its evidence, a correction replaces it; a required value
    (an organisation's kind) cannot be removed, only corrected."""
    if wrong and fact.fact.review == "required":
        return
    setattr(target, fact.name, None if wrong else new)
    if wrong and fact.fact.evidence:
        setattr(target, fact.fact.evidence, None)


_Named = TypeVar("_Named", Organisation, Person, Place)


def _named(things: list[_Named], name: str) -> _Named | None:
    folded = name.casefold()
    return next((t for t in things if t.name.casefold() == folded), None)


def _with(mentions: list[Evidence], evidence: Evidence) -> list[Evidence]:
    if any((m.start, m.end) == (evidence.start, evidence.end) for m in mentions):
        return mentions
    return sorted([*mentions, evidence], key=lambda m: (m.start, m.end))


def _rename_place(place: PlaceRef, name: str) -> None:
    """A place under its corrected name, with the facts the gazetteer has for it (or none)."""
    from pipeline.geography import lookup_place

    facts = lookup_place(name)
    place.name = name
    place.municipality = facts.municipality if facts else None
    place.county = facts.county if facts else None
    place.former_county = facts.former_county if facts else None
    if isinstance(place, Place):
        place.kind = facts.kind if facts else "unknown"


def goal_name(number: int) -> str:
    from pipeline.review import goal_name as name

    return name(number)
