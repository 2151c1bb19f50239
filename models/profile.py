"""The article profile: the JSON document the pipeline writes per article."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from models.base import ContractModel
from models.facts import Fact

#: Bumped when a field changes meaning or is removed (additions keep it).
SCHEMA_VERSION = "1.0"

OrganisationKind = Literal["company", "public_body", "other"]
SdgMethod = Literal["explicit", "theme"]
StatementTopic = Literal["purpose", "expectations", "sdgs", "other"]


class Evidence(ContractModel):
    """A span of the article text that backs a value."""

    start: int = Field(ge=0, description="Start offset in the article text")
    end: int = Field(ge=0, description="End offset (exclusive) in the article text")
    text: str = Field(description="The article text between start and end")

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError("evidence end before start")
        return self


class PlaceRef(ContractModel):
    """A place as tied to an organisation."""

    name: str = Field(description="The place as written, e.g. 'Lysaker'")
    municipality: str | None = Field(default=None, description="Municipality it lies in")
    county: str | None = Field(default=None, description="County (as of 2024) it lies in")
    former_county: str | None = Field(
        default=None, description="County before the 2024 split of Viken etc., when different"
    )
    evidence: Evidence | None = Field(default=None, description="Where the tie is stated")


PlaceKind = Literal["municipality", "county", "former_county", "locality", "country", "unknown"]


class Place(PlaceRef):
    """A place mentioned in the article."""

    kind: PlaceKind = Field(
        default="unknown", description="What the name is: municipality, county, locality, ..."
    )
    mentions: list[Evidence] = Field(default_factory=list, description="Every mention")


class SdgMention(ContractModel):
    """One goal named or inferred in the text, and who claims it there. Organisations that
    claim the same words together ("Hydro og Equinor støtter mål 7") have a mention each."""

    number: int = Field(ge=1, le=17, description="Goal number 1-17")
    name: str = Field(description="The goal's official Norwegian (bokmål) name")
    method: SdgMethod = Field(
        description="explicit: the text names the goal; theme: inferred from the subject matter"
    )
    evidence: Evidence = Field(description="The number, name or theme words in the text")
    organisation: str | None = Field(
        default=None, description="Name of the organisation it belongs to; null for the article"
    )
    owner_rule: str | None = Field(
        default=None,
        description="Why it belongs to that organisation: the rule that read the owner "
        "(claim_subject, first_person, list_introduction: the sentence's tree; section, quote, "
        "heading, clause, introducing_noun, list_leader, only_organisation, "
        "self_presenting_page: the text's layout); null for the article's own goals",
    )


class Statement(ContractModel):
    """What an organisation said, grouped by the question it answers."""

    topic: StatementTopic = Field(description="purpose, expectations, sdgs or other")
    text: str = Field(description="The statement")
    evidence: Evidence


RegisterLookup = Literal["linked", "ambiguous", "not_found", "error"]
RegisterStatus = Literal["active", "bankrupt", "winding_up", "deleted"]


class RegisterCandidate(ContractModel):
    """One of the register's units an ambiguous name could be."""

    org_number: str = Field(pattern=r"^\d{9}$", description="Organisation number, nine digits")
    name: str = Field(description="The registered name")
    municipality: str | None = Field(default=None, description="Registered municipality")
    score: float = Field(ge=0, le=1, description="How well the name matched, 0-1")


class RegisterEntry(ContractModel):
    """What Enhetsregisteret (Brønnøysundregistrene) says about an organisation: the link
    from the name in the text to the register, made by ``pipeline run --registry``."""

    lookup: RegisterLookup = Field(
        description="linked: one unit matched; ambiguous: several could (see candidates), "
        "no number given; not_found; error: the look-up failed (see reason)"
    )
    org_number: str | None = Field(
        default=None, pattern=r"^\d{9}$", description="Organisation number, nine digits"
    )
    name: str | None = Field(default=None, description="The registered name")
    form: str | None = Field(
        default=None, description="Organisation form code: AS, ASA, ENK, KOMM, STAT, FLI, ..."
    )
    nace_code: str | None = Field(default=None, description="Main industry code (NACE)")
    nace_text: str | None = Field(default=None, description="That industry code's name")
    municipality: str | None = Field(
        default=None, description="Registered municipality (business address, else postal)"
    )
    status: RegisterStatus | None = Field(
        default=None, description="active, bankrupt, winding_up or deleted, when linked"
    )
    method: str | None = Field(
        default=None,
        description="How it was linked: org_number (written in the text), exact, normalised, "
        "branch (a sub-unit's name), prefix",
    )
    score: float | None = Field(default=None, ge=0, le=1, description="Match score, 0-1")
    candidates: list[RegisterCandidate] = Field(
        default_factory=list, description="The best candidates of an ambiguous name"
    )
    reason: str | None = Field(default=None, description="Why it is not linked")
    gave: list[Literal["kind", "industry"]] = Field(
        default_factory=list,
        description="Facts of the profile that come from the register, not from the text",
    )


class Organisation(ContractModel):
    """An organisation the article is about."""

    name: str = Field(description="Full name as first written in full")
    found_by: str | None = Field(
        default=None,
        description="Why it is an organisation: the rule that found the name (a candidate rule "
        "of pipeline_org_candidates: intro, described, is_a, tail, legal, public, listed, "
        "fact_box, fact_line, heading), 'relation_proposal' (the syntax showed it acting: "
        "pipeline_goal_owners), or 'entities' (pipeline_entities: the model and the listed names)",
    )
    aliases: list[str] = Field(default_factory=list, description="Other names used for it")
    kind: Annotated[
        OrganisationKind,
        Fact(
            column="kind",
            label="Type",
            review="required",
            choices=("company", "public_body", "other"),
            merge="sorted_set",
            merged_as="kinds",
            rule="kind_rule",
        ),
    ] = Field(description="company, public_body or other")
    kind_rule: str | None = Field(
        default=None,
        description="Why that kind: the candidate rule that found it (its kind comes with it), "
        "or the typing rule of a name pipeline_entities found (public_body_heads, "
        "public_body_names, public_body_suffixes, non_company_organisations, "
        "non_company_name_words, non_company_name_endings, non_company_words_before, "
        "default_company)",
    )
    industry: Annotated[
        str | None,
        Fact(
            column="industry",
            label="Bransje",
            evidence="industry_evidence",
            evidence_doc="Where the industry is stated",
            review="clearable",
            merge="unique_casefold",
            merged_as="industries",
        ),
    ] = Field(default=None, description="Industry as written, e.g. 'flyindustri'")
    industry_evidence: Evidence | None = Field(
        default=None, description="Where the industry is stated"
    )
    register_entry: Annotated[
        RegisterEntry | None,
        Fact(
            column="org_number",
            label="Org.nr.",
            columns={
                "org_number": "org_number",
                "form": "org_form",
                "nace_code": "nace_code",
                "nace_text": "nace_text",
                "municipality": "registered_municipality",
                "status": "register_status",
                "lookup": "register_lookup",
            },
            shown="org_number",
            merge="sorted_set",
            merged_as="org_numbers",
            identifies=True,
        ),
    ] = Field(
        default=None,
        description="Its entry in Enhetsregisteret; null when no register was asked "
        "(Profile.registry says which was)",
    )
    places: list[PlaceRef] = Field(default_factory=list, description="Places tied to it")
    sdgs: list[SdgMention] = Field(default_factory=list, description="Goals it states or works on")
    statements: list[Statement] = Field(default_factory=list)
    mentions: list[Evidence] = Field(default_factory=list, description="Every mention by any name")


class Quote(ContractModel):
    text: str
    evidence: Evidence


class Person(ContractModel):
    name: str
    title: Annotated[
        str | None, Fact(column="title", label="Tittel", review="clearable", rule="title_rule")
    ] = Field(default=None, description="Role as written, e.g. 'seniorrådgiver'")
    title_rule: str | None = Field(
        default=None,
        description="Why that title: the tree rule that read it (title_in_apposition, "
        "title_as_predicate, ...; resources/role_rules.json), 'title_on_the_line_under' (a "
        "signature: the name alone on its line, the title opening the next) or 'surface_pattern'",
    )
    organisation: Annotated[
        str | None, Fact(column="organisation", label="Organisasjon", rule="organisation_rule")
    ] = Field(default=None, description="Name of the organisation the person speaks for")
    organisation_rule: str | None = Field(
        default=None,
        description="Why that organisation: 'stated' (the text ties them: 'daglig leder i X', "
        "'Xs direktør'), 'section' (they speak in the section X heads), 'office' (the "
        "article's only organisation whose name holds their office's word: a banksjef's "
        "bank), 'named_by_kind' (the "
        "only organisation whose name holds the kind their own words name: 'teateret' in a "
        "styreleiar's quote, 'Sogn og Fjordane Teater'), 'email' (the only organisation "
        "their contact card's address spells: 'kari.vik@fjordmat.no') or 'coordinated' (named "
        "with or without a title right before someone the text ties to it: 'dagleg leiar A og "
        "salssjef B ved X', 'A og B fra X')",
    )
    organisation_guess: Annotated[
        str | None, Fact(column="organisation_guess", label="Organisasjon (gjetning)")
    ] = Field(
        default=None,
        description="Only when the text does not say whom they speak for: the article's only "
        "body of their elected office (an ordfører's kommune), else the organisation of "
        "their role's kind named last before them, never a newspaper or a party. A guess for a "
        "reviewer to confirm; it is kept out of 'organisation', which holds what the text says",
    )
    party: Annotated[str | None, Fact(column="party", label="Parti")] = Field(
        default=None,
        description="Political party as written after the name, e.g. 'Sp' in 'Per Olsen (Sp)'",
    )
    quotes: list[Quote] = Field(default_factory=list)
    mentions: list[Evidence] = Field(default_factory=list)


class ArticleMeta(ContractModel):
    id: str
    source: str = Field(description="The path or URL it came from")
    url: str | None = None
    title: str | None = None
    lead: str | None = None
    published: date | None = None
    authors: list[str] = Field(default_factory=list)
    publisher: str | None = Field(
        default=None,
        description="Who publishes the page, as it declares (og:site_name, JSON-LD publisher)",
    )
    language: Literal["nb", "nn"]


class Profile(ContractModel):
    """Everything the pipeline found in one article."""

    schema_version: str = SCHEMA_VERSION
    pipeline_version: str = Field(description="Version of the pipeline that wrote it")
    model: str = Field(description="The spaCy pipeline used (name and version)")
    article: ArticleMeta
    text: str = Field(description="The mined article text all evidence offsets refer to")
    organisations: list[Organisation] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    sdgs: list[SdgMention] = Field(default_factory=list, description="All goal mentions")
    registry: str | None = Field(
        default=None,
        description="The register the organisations were looked up in (offline: the "
        "index file's name; online: the API's base URL); null: no look-up was made",
    )

    @model_validator(mode="after")
    def _evidence_matches_text(self) -> Profile:
        for ev in _all_evidence(self):
            if self.text[ev.start : ev.end] != ev.text:
                raise ValueError(f"evidence {ev.start}:{ev.end} does not match the text")
        return self


def _all_evidence(model: ContractModel) -> Iterator[Evidence]:
    """Every Evidence anywhere in the model, however deep: a new field with evidence is
    checked against the text without being listed here."""
    for name in type(model).model_fields:
        yield from _evidence_in(getattr(model, name))


def _evidence_in(value: object) -> Iterator[Evidence]:
    if isinstance(value, Evidence):
        yield value
    elif isinstance(value, ContractModel):
        yield from _all_evidence(value)
    elif isinstance(value, list):
        for item in value:
            yield from _evidence_in(item)
