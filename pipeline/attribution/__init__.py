"""The ``pipeline_goal_attribution`` component: which organisation claims each goal
``pipeline_sdgs`` found, read after ``pipeline_goal_owners`` (the tree's readings) and
``pipeline_person_organisations`` (the final organisations, and whom speakers speak for)
(issue 24).

The cascade is in ``claims`` (its docstring lists the rules in order). Writes, on every span
of the ``sdg_explicit`` and ``sdg_theme`` groups, ``claimed_by`` (the organisation's name,
None for the article), ``claim_rule`` (the rule that decided, None with no owner) and
``also_claimed_by`` (organisations coordinated with the owner in the claiming subject).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.attribution.claims import Stretch, claim_goals
from pipeline.org_candidates import blocks_of
from pipeline.organisations.component import organisation_drafts
from pipeline.organisations.names import OrgDraft
from pipeline.organisations.owners import opens_with
from pipeline.people import SPAN_KEY as PEOPLE
from pipeline.rules import RuleSet

COMPONENT_NAME = "pipeline_goal_attribution"
ATTRIBUTES = ("claimed_by", "claim_rule", "also_claimed_by")

# a goal's owner depends on its offset only, so spans of both groups at the same words
# may share a value
for _name in ATTRIBUTES:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class GoalAttribution:
    def __init__(self, nlp: Language, name: str = COMPONENT_NAME) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        drafts = organisation_drafts(doc)
        sections = [(start, end, org) for start, end, org, _ in doc._.section_owners or []]
        quoted = [
            (start, end, span._.person_employer)
            for span in doc.spans.get(PEOPLE, [])
            if span._.person_employer
            for start, end in span._.person_quotes or []
        ]
        leaders = _block_leaders(doc, drafts)
        claim_goals(doc, sections, drafts, quoted, leaders, RuleSet.of(doc))
        return doc


def _block_leaders(doc: Doc, drafts: list[OrgDraft]) -> list[Stretch]:
    """Blocks that open with a company's name ("Jessheim Betong AS – betongbedrift, ..."):
    what they say is that company's."""
    companies = [d for d in drafts if d.kind == "company"]
    return [
        (block.start, block.end, leader.name)
        for block in blocks_of(doc)
        if block.kind in ("list_item", "paragraph")
        and (leader := opens_with(block.text, companies))
    ]


@Language.factory(
    COMPONENT_NAME,
    # the goals (pipeline_sdgs) and the tree's owners (pipeline_goal_owners), the
    # organisations and their sections (pipeline_organisations), speakers' organisations
    # (pipeline_person_organisations), the Doc's rule set, the article's blocks
    requires=[
        "doc.spans",
        "doc._.section_owners",
        "doc._.goal_authors",
        "doc._.voice",
        "doc._.voice_rule",
        "span._.owner",
        "span._.owner_rule",
        "span._.person_employer",
        "doc._.rule_sources",
        "doc._.blocks",
    ],
    assigns=[f"span._.{name}" for name in ATTRIBUTES],
)
def make_goal_attribution(nlp: Language, name: str) -> GoalAttribution:
    return GoalAttribution(nlp, name)
