"""The reviewable values of a profile: each a ``ReviewItem`` with a field, a value and the
evidence span that identifies it. The report shows controls for exactly these, and a decision
finds its value again by article id + field + span + value."""

from __future__ import annotations

import json
from dataclasses import dataclass

from models import Evidence, Organisation, Person, Place, PlaceRef, Profile, SdgMention
from models.review import JUDGED_FACTS

Key = tuple[str, int | None, int | None, str | None]  # field, start, end, value


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


def _first(evidence: list[Evidence]) -> Evidence | None:
    return evidence[0] if evidence else None


def item_key(article_id: str, item: ReviewItem) -> str:
    """The key the report's script stores a decision under: one string per item."""
    return json.dumps([article_id, *item.key], ensure_ascii=False)
