"""A reviewer's decision on one extracted value: the lines of a decisions file (JSONL).

The HTML report (``pipeline review``) writes them; ``pipeline review OUT --apply FILE`` turns
them into corrected profiles and ``pipeline evaluate OUT --decisions FILE`` into precision and
recall. A decision names the value it judges by article id, field, evidence span and value, so
it still finds that value in a later run of the same articles (or is reported as stale).
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import AwareDatetime, Field, model_validator

from models.base import ContractModel
from models.facts import DeclaredFact, facts, review_field
from models.profile import Evidence, Organisation, Person

#: The reviewable values, named after the profile's fields. ``organisation`` is an organisation's
#: ``name``, ``organisation.place`` one of its ``places``, ``place`` a place of the article
#: (``Profile.places``), ``person`` a person's ``name``, ``sdg`` a goal claim (the goal
#: ``number`` of every mention of that goal by one owner) and ``sdg.organisation`` the claim's
#: owner (``SdgMention.organisation``; null: the article itself).
#: The judged facts of organisations and people (``organisation.kind``, ``person.title``, ...)
#: come from their declarations in ``models.profile`` (see ``models.facts``).
JUDGED_FACTS: dict[str, DeclaredFact] = {
    review_field(owner, fact): fact
    for owner, model in (("organisation", Organisation), ("person", Person))
    for fact in facts(model)
    if fact.fact.review
}
REVIEW_FIELDS: tuple[str, ...] = (
    "organisation",
    *(f for f in JUDGED_FACTS if f.startswith("organisation.")),
    "organisation.place",
    "place",
    "person",
    *(f for f in JUDGED_FACTS if f.startswith("person.")),
    "sdg",
    "sdg.organisation",
)
ReviewField = Literal[REVIEW_FIELDS]  # type: ignore[valid-type]  # built from the declarations
#: The fields a reviewer can add a missing item to, from a span of the article text.
ADDABLE_FIELDS = ("organisation", "person", "place", "sdg")

Verdict = Literal["correct", "wrong", "corrected", "added"]
VERDICTS: tuple[str, ...] = get_args(Verdict)


class ReviewDecision(ContractModel):
    """One reviewer's verdict on one value of one article's profile (one line of the file)."""

    article_id: str = Field(min_length=1, description="The profile's article.id")
    field: ReviewField = Field(description="Which value: organisation, organisation.kind, ...")
    value: str | None = Field(
        description="The value as extracted (an added item: its value); sdg: the goal number "
        "as text; null only for sdg.organisation of a goal of the article itself"
    )
    evidence: Evidence | None = Field(
        description="The span the value is identified by (start/end in the profile text; the "
        "organisation's, place's or person's first mention, the industry's or place tie's "
        "evidence, the goal's first mention); added items: the selected text. Null only for a "
        "value with no evidence"
    )
    verdict: Verdict = Field(
        description="correct, wrong (remove it), corrected (see correction) or added (was missing)"
    )
    correction: str | None = Field(
        default=None, description="The right value, with verdict corrected; else null"
    )
    reviewer: str = Field(min_length=1, description="Who decided (the name in the report)")
    time: AwareDatetime = Field(description="When, ISO 8601 with time zone")

    @model_validator(mode="after")
    def _consistent(self) -> ReviewDecision:
        if self.verdict == "corrected":
            if not (self.correction or "").strip():
                raise ValueError("verdict 'corrected' needs a correction")
            if self.correction == self.value:
                raise ValueError("the correction is the same as the value")
        elif self.correction is not None:
            raise ValueError(f"verdict {self.verdict!r} takes no correction")
        if self.value is None and self.field != "sdg.organisation":
            raise ValueError(f"field {self.field!r} needs a value")
        if self.verdict == "added":
            if self.field not in ADDABLE_FIELDS:
                raise ValueError(f"items can be added to {', '.join(ADDABLE_FIELDS)} only")
            if self.evidence is None or self.evidence.end <= self.evidence.start:
                raise ValueError("an added item needs its evidence (the selected text)")
            if not (self.value or "").strip():
                raise ValueError("an added item needs a value")
        if self.field == "sdg":
            for text in (self.value, self.correction):
                if text is not None and not (text.isdigit() and 1 <= int(text) <= 17):
                    raise ValueError(f"a goal number is 1-17, not {text!r}")
        fact = JUDGED_FACTS.get(self.field)
        if fact and fact.fact.choices and self.correction is not None:
            if self.correction not in fact.fact.choices:
                choices = ", ".join(fact.fact.choices)
                raise ValueError(f"{fact.name} is one of {choices}, not {self.correction!r}")
        return self

    @property
    def key(self) -> tuple[str, str, int | None, int | None, str | None]:
        """What the decision is about: article id, field, evidence start and end, value."""
        ev = self.evidence
        return (
            self.article_id,
            self.field,
            ev.start if ev else None,
            ev.end if ev else None,
            self.value,
        )
