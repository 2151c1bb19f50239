"""Tie each SDG mention found by the ``pipeline_sdgs`` component to its organisation.

By structure first (a section headed by the organisation's name), then by the sentence
(an organisation named before the goal in the same sentence), else to the article (None).
"""

from __future__ import annotations

from spacy.tokens import Doc

from models import SdgMention
from pipeline.extract.organisations import OrgDraft, mention_spans
from pipeline.extract.sections import Section
from pipeline.extract.text import evidence, sentence_bounds
from pipeline.sdg import goal_name

_SPAN_GROUPS = (("sdg_explicit", "explicit"), ("sdg_theme", "theme"))


def attribute_sdgs(
    text: str, doc: Doc, owners: list[tuple[Section, OrgDraft]], drafts: list[OrgDraft]
) -> list[SdgMention]:
    mentions = []
    org_spans = {d.name: mention_spans(text, d.names()) for d in drafts}
    for group, method in _SPAN_GROUPS:
        for span in doc.spans.get(group, []):
            number = int(span.label_.removeprefix("SDG_"))
            owner = _owner(span.start_char, owners, org_spans, text)
            mentions.append(
                SdgMention(
                    number=number,
                    name=goal_name(number),
                    method=method,  # type: ignore[arg-type]
                    evidence=evidence(text, span.start_char, span.end_char),
                    organisation=owner,
                )
            )
    return sorted(mentions, key=lambda m: (m.evidence.start, m.number))


def _owner(
    position: int, owners, org_spans: dict[str, list[tuple[int, int]]], text: str
) -> str | None:
    for section, draft in owners:
        if section.start <= position <= section.end:
            return draft.name
    start, _ = sentence_bounds(text, position)
    before = [
        (s, name) for name, spans in org_spans.items() for s, _ in spans if start <= s < position
    ]
    return min(before)[1] if before else None
