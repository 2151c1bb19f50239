"""The ``pipeline_org_candidates`` component: the organisations the genre introduces in its
own ways, read from the Doc's text after ``pipeline_entities`` (issue 24).

"flyindustribedriften GKN Aerospace", "Ramfjord Skjell AS, et familieeid skjelloppdrett i
Balsfjord", "Sundvolden hotell", "Brattli AS", "Viken fylkeskommune", a fact box ("Bedrift:
X"), a heading over question-and-answer items ("Holzweiler:"): the rules are in
``candidates`` and ``fact_boxes``, their words in ``resources/org_rules.json`` (the Doc's
rule set, ``RuleSet.of(doc)``: the sources ``pipeline_entities`` wrote on it).

Writes the span group ``doc.spans["org_candidates"]``, one span per candidate in the order
the rules found them, labelled with the rule's id (``candidates``' docstring lists them).
The span covers the tokens where the candidate is written; its ``_`` attributes carry the
draft: ``org_name`` (the name as the rule reads it, which may differ from the span's text:
"Bedriften Goodtech" -> "Goodtech", "Lågen:" -> "Lågen Reiseliv"), ``org_start`` (where,
in characters), ``org_rank`` (the naming source, strongest first: INTRO, TAIL, PUBLIC,
HEADING of ``pipeline.organisations.names``), ``org_kind`` (company or
public_body), ``org_industry`` and ``org_industry_span``, ``org_places`` ((place, start,
end) the description names) and ``org_aliases``. The ``org_mentions`` group and
``doc.ents`` are left as they are. The extraction layer maps the group to its drafts.

The fact boxes and headings are blocks of the article, which a text alone does not show:
``Doc._.blocks`` holds them, (kind, start, end) each, set by the one wiring that makes an
article's Doc (``pipeline.run.article_doc``). A Doc without them (``nlp(text)``) has no
fact box or heading candidates.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span

from models import Block
from pipeline.doc_text import text_of
from pipeline.rules import RuleSet
from pipeline.span_values import register_span_values

COMPONENT_NAME = "pipeline_org_candidates"
SPAN_KEY = "org_candidates"
ATTRIBUTES = (
    "org_name",
    "org_start",
    "org_rank",
    "org_kind",
    "org_industry",
    "org_industry_span",
    "org_places",
    "org_aliases",
)


# spaCy keys a span's ``_`` values by its characters alone; two rules may find a name at the
# same place with different values, so they are keyed by the span's label and id too
register_span_values(SPAN_KEY, ATTRIBUTES)
if not Doc.has_extension("blocks"):
    Doc.set_extension("blocks", default=None)
if not Doc.has_extension("publisher"):
    # who publishes the page, unless a newsroom: the page's "vi" when no sentence names
    # itself (pipeline_goal_owners)
    Doc.set_extension("publisher", default=None)


def blocks_of(doc: Doc) -> list[Block]:
    """The article's blocks the Doc carries, as ``models.Block`` (none when it carries none)."""
    text = text_of(doc)
    return [
        Block(kind=kind, text=text[start:end], start=start, end=end)
        for kind, start, end in doc._.blocks or []
    ]


class OrganisationCandidates:
    def __init__(self, nlp: Language, name: str = COMPONENT_NAME) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        # here: the rules use the extraction layer's name helpers, which import this module
        from pipeline.org_candidates.candidates import organisation_candidates

        rules = RuleSet.of(doc)
        found = organisation_candidates(doc, blocks_of(doc), rules)
        starts = [token.idx for token in doc]
        spans = []
        for i, (rule, draft) in enumerate(found):
            start, end = _token_range(doc, starts, draft.first, draft.first + len(draft.name))
            span = Span(doc, start, end, label=rule, span_id=str(i))
            values = (
                draft.name,
                draft.first,
                draft.source,
                draft.kind,
                draft.industry,
                draft.industry_span,
                list(draft.described_places),
                list(draft.aliases),
            )
            for attribute, value in zip(ATTRIBUTES, values, strict=True):
                span._.set(attribute, value)
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


def _token_range(doc: Doc, starts: list[int], start: int, end: int) -> tuple[int, int]:
    """The tokens that cover characters ``start`` to ``end`` (at least one), without the
    blank lines after a heading whose name was found in full before it ("Lågen:")."""
    first = max(0, bisect_right(starts, start) - 1)
    last = min(len(doc), max(first + 1, bisect_left(starts, end)))
    while last - first > 1 and doc[last - 1].is_space:
        last -= 1
    return first, last


@Language.factory(
    COMPONENT_NAME,
    # the model's people and places (pipeline_entities' span groups), the Doc's rule set,
    # the article's blocks (set by the wiring, not by a component)
    requires=["doc.spans", "doc._.rule_sources", "doc._.blocks"],
    assigns=["doc.spans", *(f"span._.{name}" for name in ATTRIBUTES)],
)
def make_org_candidates(nlp: Language, name: str) -> OrganisationCandidates:
    return OrganisationCandidates(nlp, name)
