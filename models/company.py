"""The company profile: one organisation merged across every article that mentions it."""

from __future__ import annotations

from datetime import date

from pydantic import Field, create_model, model_validator

from models.base import ContractModel
from models.facts import merged_fields
from models.profile import Evidence, Organisation, SdgMethod


class SdgBacking(ContractModel):
    """One article's evidence that the organisation states or works on a goal."""

    article_id: str = Field(description="The article the evidence is in")
    method: SdgMethod = Field(description="explicit: the goal is named; theme: inferred")
    evidence: Evidence = Field(description="The span of that article's text (offsets refer to it)")


class CompanySdg(ContractModel):
    """A goal with every article that backs it."""

    number: int = Field(ge=1, le=17, description="Goal number 1-17")
    name: str = Field(description="The goal's official Norwegian (bokmål) name")
    methods: list[SdgMethod] = Field(
        description="How the articles found it: explicit, theme or both (sorted)"
    )
    backing: list[SdgBacking] = Field(
        min_length=1, description="Article id and evidence per mention"
    )


class CompanyPlace(ContractModel):
    """A place tied to the organisation in at least one article (deduplicated)."""

    name: str = Field(description="The place as written, e.g. 'Lysaker'")
    municipality: str | None = Field(default=None, description="Municipality it lies in")
    county: str | None = Field(default=None, description="County (as of 2024) it lies in")
    former_county: str | None = Field(
        default=None, description="County before the 2024 split, when different"
    )
    article_ids: list[str] = Field(min_length=1, description="Articles that tie it to the place")


class _CompanyNames(ContractModel):
    id: str = Field(description="Stable slug of the main name, unique within one aggregation")
    name: str = Field(description="Main name: the full name the articles use most")
    names: list[str] = Field(
        min_length=1, description="Every name and alias seen, first seen first"
    )


#: The organisation's facts merged across articles (kinds, industries, ...), as declared on
#: ``Organisation`` (``models.facts``): a new fact needs no field here.
_CompanyFacts = create_model("_CompanyFacts", __base__=_CompanyNames, **merged_fields(Organisation))


class CompanyProfile(_CompanyFacts):
    """An organisation as seen across articles, merged by name, alias and word-prefix matching."""

    places: list[CompanyPlace] = Field(default_factory=list)
    sdgs: list[CompanySdg] = Field(default_factory=list, description="Goals, by number")
    statements: int = Field(ge=0, default=0, description="Statements across all articles")
    first_seen: date | None = Field(
        default=None, description="Earliest published date of its articles; null when none is known"
    )
    last_seen: date | None = Field(
        default=None, description="Latest published date of its articles; null when none is known"
    )
    article_ids: list[str] = Field(min_length=1, description="Articles it appears in")

    @model_validator(mode="after")
    def _seen_in_order(self) -> CompanyProfile:
        if self.first_seen and self.last_seen and self.last_seen < self.first_seen:
            raise ValueError("last_seen before first_seen")
        return self
