"""Organisations: who the article is about, by name, alias, kind, industry and places.

The candidates come from the Doc: the ``pipeline_org_candidates`` component's span group
(the genre's own ways of introducing an organisation, strongest first: an industry noun
before the name or a description after it; a generic noun or a legal suffix after it, a
name listed next to introduced companies, a fact box; a public body's form; a heading over
question-and-answer items) and the model's ORG entities (the ``pipeline_entities`` span
group, filtered hard: the NorNE model is noisy on this genre).
Names that are word-prefixes of each other are merged; the strongest, fullest, earliest form
is the name and the others are aliases ("Holzweiler" -> "Holzweiler Items").
Places come from the descriptions, from what follows a name ("(Oslo og Moss)", "i Øvre
Eiker"), and, when the text gives none, from a home place that opens the name.

One module a job: ``names`` (the draft and the name helpers all steps share),
``industries`` (industries and places from descriptions), ``model`` (the model's
organisations and the typing of a name), ``merge`` (merging drafts, aliases), ``places``
(places tied to an organisation, mentions, evidence). This module maps the candidates to
drafts, runs the steps in order and re-exports their public names.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.entities import PERSON_SPANS, PLACE_SPANS, spans_of
from pipeline.org_candidates import SPAN_KEY as CANDIDATES
from pipeline.organisations.industries import (
    describe_with,
    industry_from_name,
    normalise_industry,
)
from pipeline.organisations.merge import (
    add_extended_names,
    add_short_names,
    bracketed_short_names,
    initialisms,
    merge_drafts,
)
from pipeline.organisations.model import model_orgs, organisation_kind, outside_rule_names
from pipeline.organisations.names import HEADING, INTRO, MODEL, PUBLIC, TAIL, OrgDraft
from pipeline.organisations.places import mention_spans, organisation_evidence, places_of
from pipeline.rules import RuleSet

__all__ = [
    "HEADING",
    "INTRO",
    "MODEL",
    "PUBLIC",
    "TAIL",
    "OrgDraft",
    "candidate_drafts",
    "describe_with",
    "find_organisations",
    "mention_spans",
    "normalise_industry",
    "organisation_evidence",
    "organisation_kind",
    "places_of",
]


def find_organisations(doc: Doc, rules: RuleSet) -> list[OrgDraft]:
    """All organisation drafts of an article, merged by alias (sources in the module docstring)."""
    text = doc.text
    drafts = candidate_drafts(doc)
    # the names the rules found whole, headings aside: the model's fragments of them go
    ruled = [d for d in drafts if d.source != HEADING]
    drafts += _proposals_told(
        doc, outside_rule_names(model_orgs(doc, text, rules), ruled, text, rules)
    )
    merged = merge_drafts(drafts, bracketed_short_names(text, drafts) | initialisms(drafts, rules))
    taken = _names_of_places_and_people(doc)
    for draft in merged:
        if draft.industry is None and draft.kind == "company":
            industry_from_name(text, draft, rules)
        add_extended_names(text, draft, rules)
        add_short_names(text, draft, rules, taken)
    return merged


def _proposals_told(doc: Doc, drafts: list[OrgDraft]) -> list[OrgDraft]:
    """The names ``pipeline_goal_owners`` proposed (the syntax showed them acting) say so."""
    proposed = {tuple(where) for where in doc._.proposed_orgs or []}
    for draft in drafts:
        end = draft.first + len(draft.name)
        if (draft.first, end) in proposed or (draft.first, end + 1) in proposed:  # "Xs konsept"
            draft.found_by = "relation_proposal"
    return drafts


def candidate_drafts(doc: Doc) -> list[OrgDraft]:
    """The ``pipeline_org_candidates`` span group as drafts, in its order."""
    return [
        OrgDraft(
            span._.org_name,
            span._.org_rank,
            span._.org_start,
            span._.org_kind,
            span._.org_industry,
            tuple(span._.org_industry_span) if span._.org_industry_span else None,
            list(span._.org_aliases or []),
            [tuple(place) for place in span._.org_places or []],
            found_by=span.label_,  # the candidate rule
        )
        for span in doc.spans.get(CANDIDATES, [])
    ]


def _names_of_places_and_people(doc: Doc) -> set[str]:
    """Words the article uses as a place or in a person's name ("rundt Mjøsa", "Olav
    Nesheim"): a company's short form that is one of them is not a mention of the company."""
    names = {s.text for s in spans_of(doc, PLACE_SPANS)}
    names |= {t.text for s in spans_of(doc, PERSON_SPANS) for t in s}
    return names
