"""Organisations: who the article is about, by name, alias, kind, industry and places.

Candidates come from the genre's own ways of introducing an organisation, strongest first:
1. an industry noun before the name ("flyindustribedriften GKN Aerospace"), a description
   after it ("Ramfjord Skjell AS, et familieeid skjelloppdrett i Balsfjord", a list item
   "X AS – trykkeri i Halden"), or "X er en verkstedbedrift";
2. a generic noun after the name ("Sundvolden hotell"), a legal suffix ("Brattli AS"), a name
   listed next to introduced companies, a fact box ("Bedrift: X");
3. public-body forms ("Viken fylkeskommune", "Innovasjon Norge", "Statsforvalteren i Agder");
4. a section heading over question-and-answer items ("Holzweiler:");
5. the model's ORG entities (filtered hard: the NorNE model is noisy on this genre).
Names that are word-prefixes of each other are merged; the strongest, fullest, earliest form
is the name and the others are aliases ("Holzweiler" -> "Holzweiler Items").
Places come from the descriptions, from what follows a name ("(Oslo og Moss)", "i Øvre
Eiker"), and, when the text gives none, from a home place that opens the name.

One module a job: ``names`` (the draft and the name helpers all steps share),
``candidates`` (sources 1-4), ``fact_boxes`` (fact boxes), ``model`` (source 5 and the
typing of a name), ``merge`` (merging drafts, aliases), ``places`` (places tied to an
organisation, mentions, evidence). This module runs them in order and re-exports their
public names.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from models import Article
from pipeline.entities import PERSON_SPANS, PLACE_SPANS, spans_of
from pipeline.extract.organisations.candidates import (
    describe_with,
    extend_heading_names,
    heading_orgs,
    industry_from_name,
    normalise_industry,
    rule_candidates,
)
from pipeline.extract.organisations.fact_boxes import fact_box_companies
from pipeline.extract.organisations.merge import (
    add_extended_names,
    add_short_names,
    bracketed_short_names,
    merge_drafts,
)
from pipeline.extract.organisations.model import model_orgs, organisation_kind, outside_rule_names
from pipeline.extract.organisations.names import HEADING, INTRO, MODEL, PUBLIC, TAIL, OrgDraft
from pipeline.extract.organisations.places import mention_spans, organisation_evidence, places_of
from pipeline.extract.sections import Section

__all__ = [
    "HEADING",
    "INTRO",
    "MODEL",
    "PUBLIC",
    "TAIL",
    "OrgDraft",
    "describe_with",
    "find_organisations",
    "known_organisations",
    "mention_spans",
    "normalise_industry",
    "organisation_evidence",
    "organisation_kind",
    "places_of",
]


def find_organisations(article: Article, doc: Doc, sections: list[Section]) -> list[OrgDraft]:
    """All organisation drafts of an article, merged by alias (sources in the module docstring)."""
    text = article.text
    drafts = rule_candidates(text, doc)
    drafts += fact_box_companies(article)
    heading_drafts = heading_orgs(text, sections, drafts)
    extend_heading_names(text, heading_drafts)
    drafts += heading_drafts + outside_rule_names(model_orgs(doc, text), drafts, text)
    merged = merge_drafts(drafts, bracketed_short_names(text, drafts))
    taken = _names_of_places_and_people(doc)
    for draft in merged:
        if draft.industry is None and draft.kind == "company":
            industry_from_name(text, draft)
        add_extended_names(text, draft)
        add_short_names(text, draft, taken)
    return merged


def _names_of_places_and_people(doc: Doc) -> set[str]:
    """Words the article uses as a place or in a person's name ("rundt Mjøsa", "Olav
    Nesheim"): a company's short form that is one of them is not a mention of the company."""
    names = {s.text for s in spans_of(doc, PLACE_SPANS)}
    names |= {t.text for s in spans_of(doc, PERSON_SPANS) for t in s}
    return names


def known_organisations(text: str, names: list[str]) -> list[OrgDraft]:
    """Drafts for organisations known beforehand (an evaluation set's gold names), with the
    short names the text uses for them, as the extractor would find them."""
    drafts = []
    for name in names:
        found = re.search(rf"(?<![\w-]){re.escape(name)}", text)
        draft = OrgDraft(name, INTRO, found.start() if found else len(text), "company")
        add_short_names(text, draft)
        drafts.append(draft)
    return drafts
