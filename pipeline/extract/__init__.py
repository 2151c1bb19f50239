"""Extract stage: Article + spaCy Doc -> Profile, every value with its evidence."""

from __future__ import annotations

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
from pipeline.extract.organisations import (
    OrgDraft,
    find_organisations,
    mention_spans,
    organisation_evidence,
)
from pipeline.extract.people import find_people
from pipeline.extract.places import find_places
from pipeline.extract.sdgs import attribute_sdgs
from pipeline.extract.sections import Section, split_sections
from pipeline.extract.text import evidence

__all__ = ["extract"]


def extract(article: Article, doc: Doc, *, model: str = "unknown") -> Profile:
    """Everything the rules and the model find in one article, validated as a Profile."""
    text = article.text
    sections = split_sections(article)
    drafts = find_organisations(article, doc, sections)
    owners = _section_owners(sections, drafts)
    people = find_people(article)
    sdgs = attribute_sdgs(text, doc, owners, drafts)
    organisations = [_organisation(text, d, owners, sdgs, people) for d in drafts]
    name_spans = [span for p in people for span in p.mentions]
    name_spans += [span for d in drafts for span in mention_spans(text, d.names())]
    return Profile(
        pipeline_version=__version__,
        model=model,
        article=ArticleMeta(
            id=article.id,
            source=article.source,
            url=article.url,
            title=article.title,
            lead=article.lead,
            published=article.published,
            authors=article.authors,
            language=article.language,
        ),
        text=text,
        organisations=organisations,
        places=find_places(article, doc, name_spans),
        people=[_person(text, p, drafts) for p in people],
        sdgs=sdgs,
    )


def _section_owners(
    sections: list[Section], drafts: list[OrgDraft]
) -> list[tuple[Section, OrgDraft]]:
    """Sections headed by an organisation's name or alias."""
    owned = []
    for section in sections:
        title = section.title.lower()
        owner = next((d for d in drafts if title in (n.lower() for n in d.names())), None)
        if owner is not None:
            owned.append((section, owner))
    return owned


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
        places=draft.places,
        sdgs=sorted(own_sdgs, key=lambda m: (m.method, m.number)),
        statements=statements,
        mentions=organisation_evidence(text, draft),
    )


def _same_org(name: str, draft: OrgDraft) -> bool:
    lowered = name.lower()
    return any(lowered == n.lower() or lowered.startswith(n.lower() + " ") for n in draft.names())


def _person(text, draft, drafts) -> Person:
    organisation = draft.organisation
    if organisation:
        # the organisation whose mention starts where the attribution names it: "fra Møre og
        # Romsdal fylkeskommune", "fra Statsforvalteren i Agder"
        at = draft.organisation_start
        match = next(
            (d for d in drafts if any(s == at for s, _ in mention_spans(text, d.names()))), None
        ) or next((d for d in drafts if _same_org(organisation, d)), None)
        organisation = match.name if match else organisation
    return Person(
        name=draft.name,
        title=draft.title,
        organisation=organisation,
        quotes=[Quote(text=text[s:e], evidence=evidence(text, s, e)) for s, e in draft.quotes],
        mentions=[evidence(text, s, e) for s, e in draft.mentions],
    )


__all__ += ["mention_spans"]
