"""The ``pipeline_people`` component: the people an article names, with the title and
organisation the attribution gives them and their quotes, read from the Doc after
``pipeline_person_roles`` (issue 24).

"..., sier seniorrådgiver Kari Nordmann fra Viken fylkeskommune." (speech verb, title,
name, organisation), "Kari Nordmann, daglig leder i Fjordlys, sier ..." (apposition),
"Rådgiver Marte Isaksen i Troms fylkeskommune mener ..." (title first), everyone of the
``person_mentions`` span group (with the title and employer ``pipeline_person_roles`` read
from the tree), surnames merged into the full name, then the quotes of each in the forms
news writes them: the rules are in ``speakers`` and ``quotes``, their words in
``resources/org_rules.json`` and ``resources/entity_rules.json`` (the Doc's rule set,
``RuleSet.of(doc)``: the sources ``pipeline_entities`` wrote on it).

Writes the span group ``doc.spans["people"]``, one span per person in the order of the
mention where the rules found them (speaking, if they speak), labelled with the rule that
found them first (``speakers``' docstring lists them). The span covers the tokens of that
mention; its ``_`` attributes carry the draft: ``person_name``, ``person_title``,
``person_organisation`` (the organisation's text as the attribution or the tree gives it)
and ``person_organisation_start`` (where, in characters), ``person_mention`` (start, end
of the mention the span covers, in characters), ``person_mentions`` and ``person_quotes``
((start, end) each), ``person_role_rule`` (the tree rule that gave the title) and
``person_party`` ((party, (start, end)): a party in brackets after the name). The
extraction layer maps the group to its drafts and decides, with the organisations it
found, whom each person speaks for.

Quotes are found in the article's blocks (paragraphs, quote blocks, headings), which a text
alone does not show: ``Doc._.blocks`` holds them (``pipeline.run.article_doc``). A Doc
without them (``nlp(text)``) has its people but no quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.org_candidates import blocks_of  # also the Doc._.blocks extension
from pipeline.rules import RuleSet
from pipeline.span_values import register_span_values

COMPONENT_NAME = "pipeline_people"
SPAN_KEY = "people"
ATTRIBUTES = (
    "person_name",
    "person_title",
    "person_organisation",
    "person_organisation_start",
    "person_mention",
    "person_mentions",
    "person_quotes",
    "person_role_rule",
    "person_party",
)

# "Per Olsen (Sp)": brackets right after a person's name
BRACKET_AFTER_NAME = re.compile(r"\s*\((?P<party>[^()\n]{1,40})\)")


@dataclass
class PersonDraft:
    name: str
    title: str | None
    organisation: str | None
    mention: tuple[int, int]
    organisation_start: int | None = None
    quotes: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    role_rule: str | None = None  # the tree rule that gave the title (pipeline_person_roles)
    found_by: str = "named"  # the rule that found the person first (the span's label)
    party: tuple[str, tuple[int, int]] | None = None  # "Per Olsen (Sp)": Sp, where it is written
    # "han" or "ho" when the text tells: a sentence that opens with it right after one
    # that names this person alone ("Kari Lie leier Lie Mat. Ho ...")
    pronoun: str | None = None

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


def all_inside(mentions: list[tuple[int, int]], names: list[tuple[int, int]]) -> bool:
    """True when every mention lies within an organisation's name ("Trelast" of "Mjøsbruket
    Trelast"): a word of a company's name is not a person."""
    return all(any(s <= start and end <= e for s, e in names) for start, end in mentions)


# spaCy keys a span's ``_`` values by its characters alone; two rules may find a name at the
# same place with different values, so they are keyed by the span's label and id too
register_span_values(SPAN_KEY, ATTRIBUTES)


class People:
    def __init__(self, nlp: Language, name: str = COMPONENT_NAME) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        # here: the rules use the extraction layer's text helpers, whose package maps this
        # module's span group
        from pipeline.people.speakers import find_people

        rules = RuleSet.of(doc)
        found = find_people(doc, blocks_of(doc), rules)
        starts = [token.idx for token in doc]
        spans = []
        for i, draft in enumerate(found):
            start, end = _token_range(doc, starts, *draft.mention)
            span = Span(doc, start, end, label=draft.found_by, span_id=str(i))
            values = (
                draft.name,
                draft.title,
                draft.organisation,
                draft.organisation_start,
                draft.mention,
                list(draft.mentions),
                list(draft.quotes),
                draft.role_rule,
                draft.party,
            )
            for attribute, value in zip(ATTRIBUTES, values, strict=True):
                span._.set(attribute, value)
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


def _token_range(doc: Doc, starts: list[int], start: int, end: int) -> tuple[int, int]:
    """The tokens that cover characters ``start`` to ``end`` (at least one)."""
    first = max(0, bisect_right(starts, start) - 1)
    last = min(len(doc), max(first + 1, bisect_left(starts, end)))
    return first, last


@Language.factory(
    COMPONENT_NAME,
    # the model's people and organisations (pipeline_entities' span groups and doc.ents),
    # the titles and employers pipeline_person_roles read from the tree, the Doc's rule set,
    # the article's blocks (set by the wiring, not by a component)
    requires=[
        "doc.spans",
        "doc.ents",
        "doc._.rule_sources",
        "doc._.blocks",
        "doc._.we_statements",
        "span._.title",
        "span._.employer",
        "span._.role_rule",
    ],
    assigns=["doc.spans", *(f"span._.{name}" for name in ATTRIBUTES)],
)
def make_people(nlp: Language, name: str) -> People:
    return People(nlp, name)
