"""Sections an organisation owns, and what they and the tree add to its description.

The genre introduces each organisation under a heading with its name ("Holzweiler:",
"Bedrift: X") or in a paragraph that opens with it and is followed by questions and
answers; what the section then says is that organisation's (its Q&A statements, the
goals in it, the person speaking in it). A company's section that opens with a description
gives its industry and places, and ``pipeline_org_places`` ties places to a name through
the clause ("X held til i Brandal")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.entities import organisation_category
from pipeline.organisations.industries import describe_with
from pipeline.organisations.names import OrgDraft, names_related
from pipeline.organisations.places import mention_spans
from pipeline.rules import RuleSet, per_rule_set
from pipeline.sections import Section
from pipeline.text import alternation, fact_box_label


def section_owners(
    sections: list[Section], drafts: list[OrgDraft], rules: RuleSet
) -> list[tuple[Section, OrgDraft]]:
    """Sections headed by an organisation's name or alias ("Holzweiler:", "Bedrift: X"), and
    sections led by a paragraph that opens with a company's name and is followed by
    questions and answers ("Eggedal Ullvare AS, en ullvareprodusent ...", then "1. Hvorfor ...")."""
    owned = []
    staff = _staff_heading(rules)
    # a party names the politics of the people in it, not whom they speak for
    drafts = [d for d in drafts if organisation_category(d.name, rules.entity) != "party"]
    for section in sections:
        title = fact_box_label(rules).sub("", section.title).lower()
        owner = next((d for d in drafts if title in (n.lower() for n in d.names())), None)
        if owner is None and (m := staff.fullmatch(title)):
            # "Brakars ledergruppe": the people listed under it are Brakar AS's
            owner = next(
                (d for d in drafts if any(names_related(m[1], n.lower()) for n in d.names())),
                None,
            ) or _only_company(m[1], drafts, rules)
        if owner is not None:
            owned.append((section, owner))
        owned += _paragraph_led(section, drafts)
    return owned


def _only_company(noun: str, drafts: list[OrgDraft], rules: RuleSet) -> OrgDraft | None:
    """ "Selskapets styre": the article's only company, when a company's noun points to it."""
    companies = [d for d in drafts if d.kind == "company"]
    return companies[0] if noun in rules.org["org_head_nouns"] and len(companies) == 1 else None


@per_rule_set
def _staff_heading(rules: RuleSet) -> re.Pattern[str]:
    """ "brakars ledergruppe", "fjellbuss' styre" (a lower-cased heading): the name before
    the genitive ending and a noun of the organisation's people."""
    nouns = alternation(rules.org["staff_group_nouns"])
    return re.compile(rf"(?P<name>.+?)(?:s|'|’)\s+(?:{nouns})(?:et|a|en|ne)?")


_SECTION_DESCRIPTION = re.compile(r"^(?P<noun>[A-ZÆØÅ][a-zæøå-]+)\b(?P<rest>[^.\n]*)")


def describe_from_sections(
    text: str, owners: list[tuple[Section, OrgDraft]], rules: RuleSet
) -> None:
    """A company's section that opens with a description ("Fiskeforedlingsbedrift i Rissa,
    Indre Fosen. 38 ansatte.") gives its industry and places."""
    for section, draft in owners:
        if draft.kind != "company" or not section.blocks:
            continue
        first = section.blocks[0]
        m = _SECTION_DESCRIPTION.match(first.text)
        if m:
            describe_with(
                text,
                draft,
                m.group("noun"),
                m.group("rest"),
                first.start + m.start("noun"),
                first.start + m.start("rest"),
                rules,
            )


def _paragraph_led(section: Section, drafts: list[OrgDraft]) -> list[tuple[Section, OrgDraft]]:
    found: list[tuple[Section, OrgDraft]] = []
    companies = [d for d in drafts if d.kind == "company"]
    for block in section.blocks:
        leader = opens_with(block.text, companies) if block.kind == "paragraph" else None
        if leader is not None:
            found.append((Section(heading=block), leader))
        elif found:
            found[-1][0].blocks.append(block)
    return [(s, d) for s, d in found if s.qa_items()]


def opens_with(text: str, drafts: list[OrgDraft]) -> OrgDraft | None:
    """The first draft whose name (longest first) opens ``text`` as a word or a genitive."""
    for draft in drafts:
        for name in sorted(draft.names(), key=len, reverse=True):
            if text.startswith(name) and text[len(name) : len(name) + 1] in (" ", ",", ":", "s"):
                return draft
    return None


def places_from_the_tree(text: str, doc: Doc, drafts: list[OrgDraft]) -> None:
    """The places ``pipeline_org_places`` read from the clauses ("X held til i Brandal")
    join the described places of the organisation named where it read it."""
    for org_start, org_end, start, end, _rule in doc._.org_places or []:
        draft = next(
            (
                d
                for d in drafts
                if any(s < org_end and org_start < e for s, e in mention_spans(text, d.names()))
            ),
            None,
        )
        if draft is not None and all(start != s for _, s, _ in draft.described_places):
            draft.described_places.append((text[start:end], start, end))
