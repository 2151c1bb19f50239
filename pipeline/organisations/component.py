"""The ``pipeline_organisations`` component: the article's organisations, one span each,
read from the Doc after the candidates, the model's entities and ``pipeline_org_places``
(issue 24).

The drafts of ``find_organisations`` (candidates and the model's ORGs, merged by alias,
typed, with industries and places), the sections each owns (``owners``), what those
sections and the tree add to a company's description, and the places tied to each.

Writes the span group ``doc.spans["organisations"]``, one span per organisation in the
order of its first mention, labelled with its kind, covering that mention. Its ``_``
attributes (plain data, so the Doc serialises): ``organisation_name``,
``organisation_aliases``, ``organisation_kind``, ``organisation_industry`` and
``organisation_industry_span`` ((start, end) of the words that say it),
``organisation_places`` ((name, municipality, county, former county, start, end) each) and
``organisation_mentions`` ((start, end) of every mention under any of its names). And
``doc._.section_owners``: (start, end, organisation name, [(topic, answer start, answer
end) of each question-and-answer item]) of every section an organisation owns, in the
article's order. ``pipeline_person_organisations`` takes off the organisations that are
only someone's party and writes ``organisation_speakers``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.doc_text import text_of
from pipeline.org_candidates import _token_range, blocks_of
from pipeline.organisations import find_organisations, mention_spans, places_of
from pipeline.organisations.names import MODEL, OrgDraft
from pipeline.organisations.owners import (
    describe_from_sections,
    places_from_the_tree,
    section_owners,
)
from pipeline.rules import RuleSet
from pipeline.sections import sections_of
from pipeline.span_values import register_span_values

COMPONENT_NAME = "pipeline_organisations"
SPAN_KEY = "organisations"
ATTRIBUTES = (
    "organisation_name",
    "organisation_aliases",
    "organisation_kind",
    "organisation_industry",
    "organisation_industry_span",
    "organisation_places",
    "organisation_mentions",
    "organisation_found_by",
    "organisation_kind_rule",
)
# written by pipeline_person_organisations: the people (their index in the people group)
# whose quotes are this organisation's statements
SPEAKERS = "organisation_speakers"

register_span_values(SPAN_KEY, (*ATTRIBUTES, SPEAKERS))
if not Doc.has_extension("section_owners"):
    Doc.set_extension("section_owners", default=None)


class Organisations:
    def __init__(self, nlp: Language, name: str = COMPONENT_NAME) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        rules = RuleSet.of(doc)
        drafts = find_organisations(doc, rules)
        owners = section_owners(sections_of(blocks_of(doc)), drafts, rules)
        describe_from_sections(text, owners, rules)
        places_from_the_tree(text, doc, drafts)
        starts = [token.idx for token in doc]
        doc.spans[SPAN_KEY] = [_span(doc, starts, i, d, rules) for i, d in enumerate(drafts)]
        doc._.section_owners = [
            (
                section.start,
                section.end,
                draft.name,
                [(q.topic, q.answer_start, q.answer_end) for q in section.qa_items()],
            )
            for section, draft in owners
        ]
        return doc


def _span(doc: Doc, starts: list[int], i: int, draft: OrgDraft, rules: RuleSet) -> Span:
    text = text_of(doc)
    mentions = mention_spans(text, draft.names())
    first = next((m for m in mentions if m[0] == draft.first), None)
    start, end = first or (draft.first, draft.first + len(draft.name))
    span = Span(doc, *_token_range(doc, starts, start, end), label=draft.kind, span_id=str(i))
    places = [
        (p.name, p.municipality, p.county, p.former_county, p.evidence.start, p.evidence.end)
        for p in places_of(text, draft, rules)  # now that sections and the tree have described it
        if p.evidence is not None
    ]
    values = (
        draft.name,
        list(draft.aliases),
        draft.kind,
        draft.industry,
        draft.industry_span,
        places,
        list(mentions),
        draft.found_by,
        draft.kind_rule or draft.found_by,
        [],
    )
    for attribute, value in zip((*ATTRIBUTES, SPEAKERS), values, strict=True):
        span._.set(attribute, value)
    return span


def organisation_drafts(doc: Doc) -> list[OrgDraft]:
    """The ``organisations`` span group as drafts (name, kind, aliases: what the components
    after this one read), in its order."""
    return [
        OrgDraft(
            span._.organisation_name,
            MODEL,
            span.start_char,
            span._.organisation_kind,
            aliases=list(span._.organisation_aliases),
        )
        for span in doc.spans.get(SPAN_KEY, [])
    ]


@Language.factory(
    COMPONENT_NAME,
    # the candidates (pipeline_org_candidates), the model's organisations, places and
    # people (pipeline_entities), the goals (pipeline_sdgs: their names are no
    # organisation), the tree's places (pipeline_org_places), the Doc's rule set and the
    # article's blocks (set by the wiring)
    requires=[
        "doc.spans",
        "doc._.rule_sources",
        "doc._.blocks",
        "doc._.org_places",
    ],
    assigns=["doc.spans", "doc._.section_owners", *(f"span._.{n}" for n in ATTRIBUTES)],
)
def make_organisations(nlp: Language, name: str) -> Organisations:
    return Organisations(nlp, name)
