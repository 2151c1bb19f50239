"""Extract stage: Article + spaCy Doc -> Profile, every value with its evidence."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from models import (
    Article,
    ArticleMeta,
    Organisation,
    Person,
    Profile,
    Quote,
    SdgMention,
    Statement,
)
from pipeline import __version__
from pipeline.entities import spans_of
from pipeline.extract.organisations import (
    OrgDraft,
    find_organisations,
    mention_spans,
    organisation_evidence,
    places_of,
)
from pipeline.extract.people import person_drafts
from pipeline.extract.places import find_places
from pipeline.extract.sdgs import attribute_sdgs
from pipeline.extract.sections import Section, split_sections
from pipeline.extract.text import alternation, evidence, fact_box_label, rules
from pipeline.org_places import COMPONENT_NAME as _ORG_PLACES  # noqa: F401  (Doc._.org_places)
from pipeline.people import BRACKET_AFTER_NAME
from pipeline.rules import RuleSources, rules_in_force
from pipeline.sdg import EXPLICIT_SPAN_KEY

__all__ = ["extract", "section_owners"]


def extract(article: Article, doc: Doc, *, model: str = "unknown") -> Profile:
    """Everything the rules and the model find in one article, validated as a Profile, made
    with the rules the Doc was made with (pipeline/rules.py)."""
    with rules_in_force(RuleSources.of(doc)):
        return _extract(article, doc, model)


def _extract(article: Article, doc: Doc, model: str) -> Profile:
    text = article.text
    sections = split_sections(article)
    drafts = find_organisations(doc)
    owners = section_owners(sections, drafts)
    _describe_from_sections(text, owners)
    _places_from_the_tree(text, doc, drafts)
    people = _people(article, doc, drafts, owners)
    parties = {p.name: p.party for p in people if p.party}  # named, but it employs nobody
    brackets = _party_brackets(text, people, parties)
    drafts = [d for d in drafts if not _only_a_party(text, d, brackets)]
    speaks_for = {p.name: _person_organisation(text, p, drafts, owners) for p in people}
    quoted = [(s, e, speaks_for[p.name]) for p in people if speaks_for[p.name] for s, e in p.quotes]
    sdgs = attribute_sdgs(text, doc, owners, drafts, quoted, _block_leaders(article, drafts))
    organisations = [_organisation(text, d, owners, sdgs, people) for d in drafts]
    name_spans = [span for p in people for span in p.mentions]
    name_spans += [span for d in drafts for span in mention_spans(text, d.names())]
    # a goal's name is no place ("14. Livet under vann")
    name_spans += [(g.start_char, g.end_char) for g in doc.spans.get(EXPLICIT_SPAN_KEY, [])]
    return Profile(
        pipeline_version=__version__,
        model=model,
        article=ArticleMeta(**article.model_dump(include=set(ArticleMeta.model_fields))),
        text=text,
        organisations=organisations,
        places=find_places(article, doc, name_spans),
        people=[_person(text, p, speaks_for[p.name], parties.get(p.name)) for p in people],
        sdgs=sdgs,
    )


@lru_cache(maxsize=4)
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def section_owners(
    sections: list[Section], drafts: list[OrgDraft]
) -> list[tuple[Section, OrgDraft]]:
    """Sections headed by an organisation's name or alias ("Holzweiler:", "Bedrift: X"), and
    sections led by a paragraph that opens with a company's name and is followed by
    questions and answers ("Eggedal Ullvare AS, en ullvareprodusent ...", then "1. Hvorfor ...")."""
    owned = []
    for section in sections:
        title = fact_box_label().sub("", section.title).lower()
        owner = next((d for d in drafts if title in (n.lower() for n in d.names())), None)
        if owner is not None:
            owned.append((section, owner))
        owned += _paragraph_led(section, drafts)
    return owned


_SECTION_DESCRIPTION = re.compile(r"^(?P<noun>[A-ZÆØÅ][a-zæøå-]+)\b(?P<rest>[^.\n]*)")


def _describe_from_sections(text: str, owners) -> None:
    """A company's section that opens with a description ("Fiskeforedlingsbedrift i Rissa,
    Indre Fosen. 38 ansatte.") gives its industry and places."""
    from pipeline.extract.organisations import describe_with

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
            )


def _paragraph_led(section: Section, drafts: list[OrgDraft]) -> list[tuple[Section, OrgDraft]]:
    found: list[tuple[Section, OrgDraft]] = []
    companies = [d for d in drafts if d.kind == "company"]
    for block in section.blocks:
        leader = _opens_with(block.text, companies) if block.kind == "paragraph" else None
        if leader is not None:
            found.append((Section(heading=block), leader))
        elif found:
            found[-1][0].blocks.append(block)
    return [(s, d) for s, d in found if s.qa_items()]


def _opens_with(text: str, drafts: list[OrgDraft]) -> OrgDraft | None:
    for draft in drafts:
        for name in sorted(draft.names(), key=len, reverse=True):
            if text.startswith(name) and text[len(name) : len(name) + 1] in (" ", ",", ":", "s"):
                return draft
    return None


def _answers_as_quotes(text: str, owners, people) -> None:
    """In an organisation's question-and-answer section where one person speaks, the
    answers given as quotes ("– ...") are that person's quotes too."""
    for section, _ in owners:
        speakers = [
            p for p in people if any(section.start <= s <= section.end for s, _ in p.mentions)
        ]
        if len(speakers) != 1:
            continue
        speaker = speakers[0]
        for item in section.qa_items():
            block_start = item.answer_start
            if text[block_start - 2 : block_start].strip() not in ("–", "—", "-"):
                continue  # an answer not given as a quote
            if any(
                s <= block_start < e or block_start <= s < item.answer_end
                for s, e in speaker.quotes
            ):
                continue
            end = item.answer_end
            attribution = _attribution_tail().search(text, block_start, end)
            speaker.quotes.append((block_start, attribution.start() if attribution else end))
        speaker.quotes.sort()


def _attribution_tail() -> re.Pattern[str]:
    """ ", sier Kari Lie." at the end of an answer: the speech verbs of org_rules.json."""
    return _compiled(rf",\s+(?:{alternation(rules()['speech_verbs'])})\b[^.]*\.?\s*$")


def _organisation(text, draft, owners, sdgs, people) -> Organisation:
    statements = [
        Statement(
            topic=item.topic,
            text=text[item.answer_start : item.answer_end],
            evidence=evidence(text, item.answer_start, item.answer_end),
        )
        for section, owner in owners
        if owner is draft
        for item in section.qa_items()
    ]
    for person in people:
        if person.organisation and _same_org(person.organisation, draft):
            statements += [
                Statement(topic="other", text=text[s:e], evidence=evidence(text, s, e))
                for s, e in person.quotes
            ]
    own_sdgs: list[SdgMention] = []
    for mention in sdgs:
        if mention.organisation == draft.name and not any(
            m.number == mention.number and m.method == mention.method for m in own_sdgs
        ):
            own_sdgs.append(mention)
    return Organisation(
        name=draft.name,
        aliases=draft.aliases,
        kind=draft.kind,
        industry=draft.industry,
        industry_evidence=evidence(text, *draft.industry_span) if draft.industry_span else None,
        places=places_of(text, draft),  # now that sections have described the draft too
        sdgs=sorted(own_sdgs, key=lambda m: (m.method, m.number)),
        statements=statements,
        mentions=organisation_evidence(text, draft),
    )


def _same_org(name: str, draft: OrgDraft) -> bool:
    lowered = name.lower()
    return any(lowered == n.lower() or lowered.startswith(n.lower() + " ") for n in draft.names())


def _person(text, draft, organisation: str | None, party: tuple | None) -> Person:
    return Person(
        name=draft.name,
        title=draft.title,
        title_rule=(draft.role_rule or "surface_pattern") if draft.title else None,
        organisation=organisation,
        party=party[0] if party else None,
        quotes=[Quote(text=text[s:e], evidence=evidence(text, s, e)) for s, e in draft.quotes],
        mentions=[evidence(text, s, e) for s, e in draft.mentions],
    )


def _places_from_the_tree(text: str, doc: Doc, drafts: list[OrgDraft]) -> None:
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


def _party_brackets(text: str, people, parties) -> set[tuple[int, int]]:
    """Where a party stands in brackets after the name of a person it is the party of."""
    return {
        m.span("party")
        for person in people
        if person.name in parties
        for _, end in person.mentions
        if (m := BRACKET_AFTER_NAME.match(text, end))
    }


def _only_a_party(text: str, draft: OrgDraft, brackets: set[tuple[int, int]]) -> bool:
    """ "Per Olsen (Sp)": an organisation named only as someone's party, in brackets after
    their name, is the person's party (``Person.party``), not an organisation of the article."""
    spans = mention_spans(text, draft.names())
    return bool(spans) and all(span in brackets for span in spans)


def _people(article: Article, doc: Doc, drafts: list[OrgDraft], owners) -> list:
    """Everyone the ``pipeline_people`` span group names, never an organisation's name, with
    their Q&A answers as quotes."""
    org_names = {n for d in drafts for n in d.names()}
    org_first_words = {d.name.split()[0] for d in drafts}
    inside = [span for d in drafts for span in mention_spans(article.text, d.names())]
    inside += [
        (s.start_char, s.end_char) for s in spans_of(doc, EXPLICIT_SPAN_KEY)
    ]  # "Rein energi"
    people = [
        p
        for p in person_drafts(doc)
        if p.name not in org_names
        and p.name[:-1] not in org_names  # "sa Kongsberg Gruppens styreleder"
        and not _all_inside(p.mentions or [p.mention], inside)
        and not (" " not in p.name and p.name in org_first_words)  # "Tindetid" of "Tindetid AS"
    ]
    _answers_as_quotes(article.text, owners, people)
    return people


def _all_inside(mentions: list[tuple[int, int]], names: list[tuple[int, int]]) -> bool:
    """True when every mention lies within an organisation's name ("Trelast" of "Mjøsbruket
    Trelast"): a word of a company's name is not a person."""
    return all(any(s <= start and end <= e for s, e in names) for start, end in mentions)


def _block_leaders(article: Article, drafts: list[OrgDraft]) -> list[tuple[int, int, str]]:
    """Blocks that open with a company's name ("Jessheim Betong AS – betongbedrift, ..."):
    what they say is that company's."""
    companies = [d for d in drafts if d.kind == "company"]
    return [
        (block.start, block.end, leader.name)
        for block in article.blocks
        if block.kind in ("list_item", "paragraph")
        and (leader := _opens_with(block.text, companies))
    ]


_CONTEXT_CHARS = 600  # how far back an unnamed speaker's organisation may be named


def _person_organisation(text, person, drafts, owners) -> str | None:
    """The organisation a person speaks for: as stated in the attribution ("fra Møre og
    Romsdal fylkeskommune"), else the organisation whose section they speak in, else the
    article's only body their office belongs to (an ordfører's kommune), else the
    organisation of their kind (company for a daglig leder, public body for an ordfører)
    named last before them (for people with a title or a quote)."""
    if person.organisation:
        at = person.organisation_start
        match = next(
            (d for d in drafts if any(s == at for s, _ in mention_spans(text, d.names()))), None
        ) or next((d for d in drafts if _same_org(person.organisation, d)), None)
        return match.name if match else person.organisation
    first = person.mention[0]
    for section, owner in owners:
        if section.start <= first <= section.end:
            return owner.name
    if body := _body_of_office(person.title, drafts):
        return body
    if not person.title and not person.quotes:
        return None  # only named: a guess from the nearest organisation would be noise
    kind = _kind_of_role(person.title)
    candidates = [
        (start, d.name)
        for d in drafts
        if kind is None or d.kind == kind
        for start, _ in mention_spans(text, d.names())
        if first - _CONTEXT_CHARS <= start < first
    ]
    return max(candidates)[1] if candidates else None


def _body_of_office(title: str | None, drafts) -> str | None:
    """An ordfører speaks for the kommune, a fylkesordfører for the fylkeskommune: the
    article's only public body of that kind ("Volda kommune", "Voss herad" counts as one)."""
    if not title:
        return None
    offices = rules()["office_bodies"]
    lowered = title.lower().split()[-1]
    office = max((o for o in offices if lowered.startswith(o)), key=len, default=None)
    if office is None:
        return None
    ending = offices[office]
    bodies = {d.name for d in drafts if d.kind == "public_body" and _body_kind(d.name) == ending}
    return bodies.pop() if len(bodies) == 1 else None


def _body_kind(name: str) -> str | None:
    last = name.lower().split()[-1]
    if last.endswith("fylkeskommune"):
        return "fylkeskommune"
    if last in ("kommune", "herad"):
        return "kommune"
    return None


def _kind_of_role(title: str | None) -> str | None:
    if not title:
        return None
    lowered = title.lower()
    if any(role in lowered for role in rules()["company_roles"]):
        return "company"
    if any(role in lowered for role in rules()["public_roles"]):
        return "public_body"
    return None
