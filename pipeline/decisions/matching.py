"""Reading a decisions file and finding, in a profile, the values its decisions judge; a
decision that finds nothing is stale: reported, never applied."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from models import Profile, ReviewDecision
from pipeline.decisions.items import Key, ReviewItem, review_items
from pipeline.write import profile_files, warn_skipped

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


def profiles_with_paths(out_dir: Path) -> Iterator[tuple[Path, Profile]]:
    """The profiles of an output folder with their files; an unreadable one is skipped with a
    warning."""
    for path in profile_files(out_dir):
        try:
            yield path, Profile.model_validate_json(path.read_text("utf-8"))
        except (OSError, ValueError) as err:
            warn_skipped(path, f"not a readable profile ({str(err).splitlines()[0][:200]})")


def group_by_article(decisions: Iterable[ReviewDecision]) -> dict[str, list[ReviewDecision]]:
    grouped: dict[str, list[ReviewDecision]] = defaultdict(list)
    for decision in decisions:
        grouped[decision.article_id].append(decision)
    return grouped
