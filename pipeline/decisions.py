"""Review decisions: find the values they judge, apply them, and score the pipeline by them.

A reviewer marks values of the HTML report correct, wrong or corrected, or adds a missing
item from a span of the article text (``models.ReviewDecision``, one a line of a JSONL file).
Every reviewable value of a profile is a ``ReviewItem`` with a field, a value and the
evidence span that identifies it (``review_items``); the report shows controls for exactly
these, and a decision finds its value again by article id + field + span + value, in this run
or a later run of the same articles. A decision that finds nothing is stale: reported, never
applied.

``apply_decisions`` writes corrected copies of the profiles to another folder (wrong values
removed, corrections applied, added items inserted with their evidence, each copy validated
as a ``Profile``); ``evaluate`` counts the verdicts per field into precision and recall.

No spaCy here: this reads finished profiles.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from models import (
    ADDABLE_FIELDS,
    REVIEW_FIELDS,
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
from pipeline.write import (
    atomic_write_text,
    profile_files,
    rebuild_jsonl,
    warn_skipped,
    write_schema,
)

DECISION_SCHEMA = "decision.schema.json"
REVIEWED_DIR = "reviewed"

Key = tuple[str, int | None, int | None, str | None]  # field, start, end, value


# --- the reviewable values of a profile -----------------------------------------------


@dataclass(eq=False)
class SdgClaim:
    """Every mention of one goal by one owner (an organisation's name, None: the article)."""

    number: int
    owner: str | None
    mentions: list[SdgMention]  # the objects in profile.sdgs and in the owner's org.sdgs

    @property
    def evidence(self) -> list[Evidence]:
        """The distinct spans, in text order; the first identifies the claim."""
        spans = {(m.evidence.start, m.evidence.end): m.evidence for m in self.mentions}
        return [spans[k] for k in sorted(spans)]

    @property
    def method(self) -> str:
        return "explicit" if any(m.method == "explicit" for m in self.mentions) else "theme"


@dataclass(eq=False)
class ReviewItem:
    """One value a reviewer can judge, the span that identifies it and what it belongs to."""

    field: str
    value: str | None
    evidence: Evidence | None
    target: Organisation | Person | Place | PlaceRef | SdgClaim
    org: Organisation | None = None  # the organisation an organisation.place belongs to

    @property
    def key(self) -> Key:
        ev = self.evidence
        return (self.field, ev.start if ev else None, ev.end if ev else None, self.value)


def sdg_claims(profile: Profile) -> list[SdgClaim]:
    """The goal claims of a profile: its mentions grouped by owner and goal, in text order."""
    groups: dict[tuple[str | None, int], list[SdgMention]] = {}
    for mention in profile.sdgs:
        groups.setdefault((mention.organisation, mention.number), []).append(mention)
    for org in profile.organisations:
        for mention in org.sdgs:
            group = groups.setdefault((org.name, mention.number), [])
            if not any(m is mention for m in group):
                group.append(mention)
    claims = [SdgClaim(n, owner, mentions) for (owner, n), mentions in groups.items()]
    return sorted(claims, key=lambda c: (c.evidence[0].start, c.evidence[0].end, c.number))


def review_items(profile: Profile) -> list[ReviewItem]:
    """Every reviewable value of the profile, in the report's order."""
    items: list[ReviewItem] = []
    for org in profile.organisations:
        first = org.mentions[0] if org.mentions else None
        items.append(ReviewItem("organisation", org.name, first, org))
        items += fact_items("organisation", org)
        for ref in org.places:
            items.append(ReviewItem("organisation.place", ref.name, ref.evidence, ref, org))
    for place in profile.places:
        items.append(ReviewItem("place", place.name, _first(place.mentions), place))
    for person in profile.people:
        first = _first(person.mentions)
        items.append(ReviewItem("person", person.name, first, person))
        items += fact_items("person", person)
    for claim in sdg_claims(profile):
        first = claim.evidence[0]
        items.append(ReviewItem("sdg", str(claim.number), first, claim))
        items.append(ReviewItem("sdg.organisation", claim.owner, first, claim))
    return items


def fact_items(owner: str, target: Organisation | Person) -> list[ReviewItem]:
    """The judged facts of an organisation or a person that have a value."""
    return [
        ReviewItem(field, value, fact.evidence_of(target), target)
        for field, fact in JUDGED_FACTS.items()
        if field.startswith(f"{owner}.") and (value := fact.value(target)) is not None
    ]


def _judge_fact(fact: DeclaredFact, target: Organisation | Person, wrong: bool, new) -> None:
    """A wrong value is removed with its evidence, a correction replaces it; a required value
    (an organisation's kind) cannot be removed, only corrected."""
    if wrong and fact.fact.review == "required":
        return
    setattr(target, fact.name, None if wrong else new)
    if wrong and fact.fact.evidence:
        setattr(target, fact.fact.evidence, None)


def _first(evidence: list[Evidence]) -> Evidence | None:
    return evidence[0] if evidence else None


def item_key(article_id: str, item: ReviewItem) -> str:
    """The key the report's script stores a decision under: one string per item."""
    return json.dumps([article_id, *item.key], ensure_ascii=False)


# --- the decisions file ---------------------------------------------------------------


@dataclass
class DecisionFile:
    decisions: list[ReviewDecision]
    errors: list[str]  # "FILE:LINE: what is wrong" for each line that is not a decision


def read_decisions(path: Path) -> DecisionFile:
    """The decisions of a JSONL file; a bad line is an error naming it, the rest are kept.
    Raises OSError when the file cannot be read."""
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise OSError(f"cannot read the decisions file {path}: {reason}") from err
    decisions, errors = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            decisions.append(ReviewDecision.model_validate_json(line))
        except ValidationError as err:
            errors.append(f"{path}:{number}: not a decision: {_short(err)}")
    return DecisionFile(decisions, errors)


def _short(err: ValidationError) -> str:
    parts = []
    for problem in err.errors()[:3]:
        where = ".".join(str(p) for p in problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def latest(decisions: Iterable[ReviewDecision]) -> list[ReviewDecision]:
    """One decision per item: a later line replaces an earlier one about the same value."""
    by_key: dict[tuple, ReviewDecision] = {}
    for decision in decisions:
        by_key.pop(decision.key, None)
        by_key[decision.key] = decision
    return list(by_key.values())


# --- matching -------------------------------------------------------------------------


@dataclass
class Stale:
    decision: ReviewDecision
    reason: str

    def __str__(self) -> str:
        d = self.decision
        span = f"{d.evidence.start}:{d.evidence.end}" if d.evidence else "-"
        return f"{d.article_id} {d.field} {span} {d.value!r} {d.verdict}: {self.reason}"


@dataclass
class Matched:
    """The decisions about one profile that found their values (or, added, their span)."""

    decision: ReviewDecision
    items: list[ReviewItem]  # empty for an added item
    found_now: bool = False  # an added item the profile already holds


def match_decisions(
    profile: Profile, decisions: Iterable[ReviewDecision]
) -> tuple[list[Matched], list[Stale]]:
    items_by_key: dict[Key, list[ReviewItem]] = defaultdict(list)
    for item in review_items(profile):
        items_by_key[item.key].append(item)
    matched, stale = [], []
    for decision in decisions:
        if decision.verdict == "added":
            ev = decision.evidence
            assert ev is not None  # the model requires it for added items
            if ev.end > len(profile.text) or profile.text[ev.start : ev.end] != ev.text:
                stale.append(Stale(decision, "the article text at the span has changed"))
            else:
                matched.append(Matched(decision, [], _holds(profile, decision)))
            continue
        ev = decision.evidence
        if ev is not None and profile.text[ev.start : ev.end] != ev.text:
            stale.append(Stale(decision, "the article text at the span has changed"))
            continue
        found = items_by_key.get(_decision_key(decision))
        if found:
            matched.append(Matched(decision, found))
        else:
            stale.append(Stale(decision, "no such value in this profile now"))
    return matched, stale


def _decision_key(decision: ReviewDecision) -> Key:
    return decision.key[1:]  # type: ignore[return-value]


def _holds(profile: Profile, decision: ReviewDecision) -> bool:
    """Whether the profile already has the added item: a mention at exactly that span (an
    organisation, person or place) or a mention of that goal overlapping it."""
    ev = decision.evidence
    assert ev is not None
    span = (ev.start, ev.end)
    if decision.field == "organisation":
        return any((m.start, m.end) == span for o in profile.organisations for m in o.mentions)
    if decision.field == "person":
        return any((m.start, m.end) == span for p in profile.people for m in p.mentions)
    if decision.field == "place":
        return any((m.start, m.end) == span for p in profile.places for m in p.mentions)
    number = int(decision.value or 0)
    return any(
        s.number == number and s.evidence.start < ev.end and ev.start < s.evidence.end
        for s in profile.sdgs
    )


# --- applying -------------------------------------------------------------------------


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
    by_article = _by_article(latest(read.decisions))
    seen: set[str] = set()
    for path, profile in _profiles_with_paths(out_dir):
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


def _profiles_with_paths(out_dir: Path) -> Iterator[tuple[Path, Profile]]:
    for path in profile_files(out_dir):
        try:
            yield path, Profile.model_validate_json(path.read_text("utf-8"))
        except (OSError, ValueError) as err:
            warn_skipped(path, f"not a readable profile ({str(err).splitlines()[0][:200]})")


def _by_article(decisions: Iterable[ReviewDecision]) -> dict[str, list[ReviewDecision]]:
    grouped: dict[str, list[ReviewDecision]] = defaultdict(list)
    for decision in decisions:
        grouped[decision.article_id].append(decision)
    return grouped


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


# --- evaluation -----------------------------------------------------------------------


@dataclass
class FieldScore:
    correct: int = 0
    wrong: int = 0
    corrected: int = 0
    added: int = 0  # items the pipeline missed, added by a reviewer
    found_now: int = 0  # added items this output already holds (found since the review)

    @property
    def judged(self) -> int:
        return self.correct + self.wrong + self.corrected

    @property
    def precision(self) -> float | None:
        return self.correct / self.judged if self.judged else None

    @property
    def found(self) -> int:
        """Items the pipeline found: values marked correct or corrected (a real item, its value
        maybe mistyped) and added items it holds now."""
        return self.correct + self.corrected + self.found_now

    @property
    def recall(self) -> float | None:
        total = self.found + self.added
        return self.found / total if self.added + self.found_now and total else None


@dataclass
class Evaluation:
    fields: dict[str, FieldScore]
    stale: list[Stale]
    errors: list[str]
    decisions: int  # decisions read (after a later line replaced an earlier one)

    @property
    def total(self) -> FieldScore:
        return _sum(self.fields.values())

    @property
    def total_addable(self) -> FieldScore:
        """Summed over the fields items can be added to: the base of the overall recall."""
        return _sum(s for name, s in self.fields.items() if name in ADDABLE_FIELDS)


def _sum(scores: Iterable[FieldScore]) -> FieldScore:
    total = FieldScore()
    for score in scores:
        for name in ("correct", "wrong", "corrected", "added", "found_now"):
            setattr(total, name, getattr(total, name) + getattr(score, name))
    return total


def evaluate(out_dir: Path, decisions_path: Path) -> Evaluation:
    """Count the decisions that still match the profiles of ``out_dir``, per field."""
    read = read_decisions(decisions_path)
    decisions = latest(read.decisions)
    by_article = _by_article(decisions)
    scores = {name: FieldScore() for name in REVIEW_FIELDS}
    stale: list[Stale] = []
    seen: set[str] = set()
    for _, profile in _profiles_with_paths(out_dir):
        seen.add(profile.article.id)
        matched, gone = match_decisions(profile, by_article.get(profile.article.id, []))
        stale += gone
        for m in matched:
            score = scores[m.decision.field]
            verdict = m.decision.verdict
            if verdict == "added":
                if m.found_now:
                    score.found_now += 1
                else:
                    score.added += 1
            else:
                setattr(score, verdict, getattr(score, verdict) + 1)
    for article_id, missing in by_article.items():
        if article_id not in seen:
            stale += [Stale(d, "no profile of this article") for d in missing]
    used = {name: s for name, s in scores.items() if s.judged or s.added or s.found_now}
    return Evaluation(used, stale, read.errors, len(decisions))


def format_evaluation(result: Evaluation) -> str:
    """The table ``pipeline evaluate`` prints: counts, precision and recall per field."""

    def figure(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    header = ("field", "correct", "wrong", "corrected", "added", "precision", "recall")
    rows = [header]
    for name, s in [*result.fields.items(), ("all", result.total)]:
        addable = result.total_addable if name == "all" else s
        recall = addable.recall if name in (*ADDABLE_FIELDS, "all") else None
        added = str(s.added) if name in (*ADDABLE_FIELDS, "all") else "-"
        rows.append(
            (
                name,
                str(s.correct),
                str(s.wrong),
                str(s.corrected),
                added,
                figure(s.precision),
                figure(recall),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(r)
        )
        for r in rows
    ]
    lines.append(
        "precision = correct / (correct + wrong + corrected); recall = found / (found + added), "
        "found = correct + corrected (+ added items this output now holds)"
    )
    lines.append(f"{len(result.stale)} stale decision(s) (they match nothing in this output)")
    lines += [f"  stale: {s}" for s in result.stale]
    return "\n".join(lines)
