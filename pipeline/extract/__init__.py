"""Extract stage: Article + spaCy Doc -> Profile, every value with its evidence.

A mapping with no rules in it: the components decided everything on the Doc (issue 24),
and this module reads their span groups and ``_`` values into the profile's models:
``organisations`` (``pipeline_organisations``, with the speakers
``pipeline_person_organisations`` gave them) and the sections they own, ``people``
(``pipeline_people``, kept and given an organisation by ``pipeline_person_organisations``),
the goals (``pipeline_sdgs``, claimed by ``pipeline_goal_attribution``) and ``places``
(``pipeline_places``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from models import (
    Article,
    ArticleMeta,
    Organisation,
    Person,
    Place,
    PlaceRef,
    Profile,
    Quote,
    SdgMention,
    Statement,
)
from pipeline import __version__
from pipeline.organisations.component import SPAN_KEY as ORGANISATIONS
from pipeline.people import SPAN_KEY as PEOPLE
from pipeline.people.employers import GUESSED_STEPS
from pipeline.places import SPAN_KEY as PLACES
from pipeline.sdg import EXPLICIT_SPAN_KEY, THEME_SPAN_KEY, goal_name
from pipeline.text import evidence

__all__ = ["extract"]

_GOAL_GROUPS = ((EXPLICIT_SPAN_KEY, "explicit"), (THEME_SPAN_KEY, "theme"))


def extract(article: Article, doc: Doc, *, model: str = "unknown") -> Profile:
    """The profile of an article from its finished Doc (``pipeline.run.article_doc`` through
    the pipeline)."""
    text = article.text
    people = list(doc.spans.get(PEOPLE, []))
    sdgs = sorted(
        (
            _goal(text, span, method, organisation)
            for key, method in _GOAL_GROUPS
            for span in doc.spans.get(key, [])
            for organisation in [span._.claimed_by, *(span._.also_claimed_by or [])]
        ),
        key=lambda m: (m.evidence.start, m.number),
    )
    return Profile(
        pipeline_version=__version__,
        model=model,
        article=ArticleMeta(**article.model_dump(include=set(ArticleMeta.model_fields))),
        text=text,
        organisations=[
            _organisation(text, span, doc._.section_owners or [], sdgs, people)
            for span in doc.spans.get(ORGANISATIONS, [])
        ],
        places=[_place(text, span) for span in doc.spans.get(PLACES, [])],
        people=[_person(text, span) for span in people],
        sdgs=sdgs,
    )


def _goal(text: str, span: Span, method: str, organisation: str | None) -> SdgMention:
    """One claim of the goal: by its owner, or by an organisation coordinated with the owner
    in the claiming subject (the same words, a mention each)."""
    number = int(span.label_.removeprefix("SDG_"))
    return SdgMention(
        number=number,
        name=goal_name(number),
        method=method,  # type: ignore[arg-type]
        evidence=evidence(text, span.start_char, span.end_char),
        organisation=organisation,
        owner_rule=span._.claim_rule,
    )


def _organisation(text: str, span: Span, owners, sdgs, people: list[Span]) -> Organisation:
    name = span._.organisation_name
    statements = [
        Statement(topic=topic, text=text[start:end], evidence=evidence(text, start, end))
        for _, _, owner, items in owners
        if owner == name
        for topic, start, end in items
    ]
    statements += [
        Statement(topic="other", text=text[s:e], evidence=evidence(text, s, e))
        for i in span._.organisation_speakers or []
        for s, e in people[i]._.person_quotes
    ]
    own_sdgs: list[SdgMention] = []
    for mention in sdgs:  # each goal once per method
        if mention.organisation == name and not any(
            m.number == mention.number and m.method == mention.method for m in own_sdgs
        ):
            own_sdgs.append(mention)
    industry_span = span._.organisation_industry_span
    return Organisation(
        name=name,
        found_by=span._.organisation_found_by,
        aliases=list(span._.organisation_aliases),
        kind=span._.organisation_kind,
        kind_rule=span._.organisation_kind_rule,
        industry=span._.organisation_industry,
        industry_evidence=evidence(text, *industry_span) if industry_span else None,
        places=[
            PlaceRef(
                name=place,
                municipality=municipality,
                county=county,
                former_county=former,
                evidence=evidence(text, start, end),
            )
            for place, municipality, county, former, start, end in span._.organisation_places
        ],
        sdgs=sorted(own_sdgs, key=lambda m: (m.method, m.number)),
        statements=statements,
        mentions=[evidence(text, s, e) for s, e in span._.organisation_mentions],
    )


def _person(text: str, span: Span) -> Person:
    title = span._.person_title
    employer, rule = span._.person_employer, span._.person_employer_rule
    guessed = employer is not None and rule in GUESSED_STEPS
    return Person(
        name=span._.person_name,
        title=title,
        title_rule=(span._.person_role_rule or "surface_pattern") if title else None,
        organisation=None if guessed else employer,
        organisation_rule=rule if employer and not guessed else None,
        organisation_guess=employer if guessed else None,
        party=span._.person_party_name,
        quotes=[
            Quote(text=text[s:e], evidence=evidence(text, s, e)) for s, e in span._.person_quotes
        ],
        mentions=[evidence(text, s, e) for s, e in span._.person_mentions],
    )


def _place(text: str, span: Span) -> Place:
    return Place(
        name=span._.place_name,
        kind=span._.place_kind,
        municipality=span._.place_municipality,
        county=span._.place_county,
        former_county=span._.place_former_county,
        mentions=[evidence(text, s, e) for s, e in span._.place_mentions],
    )
