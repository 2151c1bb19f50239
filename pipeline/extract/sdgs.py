"""Tie each SDG mention found by the ``pipeline_sdgs`` component to its organisation.

By the article's structure first (a section headed by the organisation's name or alias),
then by the text around the goal (an organisation heading line above it, else the
organisation named in its clause or sentence, see ``pipeline.sdg.attribute_by_structure``),
else to the article as a whole (None).
"""

from __future__ import annotations

from spacy.tokens import Doc

from models import SdgMention
from pipeline.extract.organisations import OrgDraft
from pipeline.extract.sections import Section
from pipeline.extract.text import evidence
from pipeline.sdg import SdgHit, attribute_by_structure, goal_name

_SPAN_GROUPS = (("sdg_explicit", "explicit"), ("sdg_theme", "theme"))


def attribute_sdgs(
    text: str,
    doc: Doc,
    owners: list[tuple[Section, OrgDraft]],
    drafts: list[OrgDraft],
    speakers: list[tuple[int, int, str]] | None = None,
) -> list[SdgMention]:
    """``speakers``: (start, end, organisation) of quotes whose speaker's organisation is known;
    a goal named in a quote is the speaker's organisation's."""
    found = [(span, method) for group, method in _SPAN_GROUPS for span in doc.spans.get(group, [])]
    hits = [
        SdgHit(_number(span), span.start_char, span.end_char, span.text, method)
        for span, method in found
    ]
    by_text = _by_text(text, hits, drafts)
    mentions = []
    for hit, around in zip(hits, by_text, strict=True):
        owner = (
            _section_owner(hit.start, owners) or _speaker_of(hit.start, speakers or []) or around
        )
        mentions.append(
            SdgMention(
                number=hit.number,
                name=goal_name(hit.number),
                method=hit.how,  # type: ignore[arg-type]
                evidence=evidence(text, hit.start, hit.end),
                organisation=owner,
            )
        )
    return sorted(mentions, key=lambda m: (m.evidence.start, m.number))


def _speaker_of(position: int, speakers: list[tuple[int, int, str]]) -> str | None:
    return next((org for start, end, org in speakers if start <= position < end), None)


def _number(span) -> int:
    return int(span.label_.removeprefix("SDG_"))


def _section_owner(position: int, owners: list[tuple[Section, OrgDraft]]) -> str | None:
    for section, draft in owners:
        if section.start <= position <= section.end:
            return draft.name
    return None


def _by_text(text: str, hits: list[SdgHit], drafts: list[OrgDraft]) -> list[str | None]:
    """Attribution from the words around each hit, with every name an organisation goes by
    mapped back to its main name."""
    canonical = {name: d.name for d in drafts for name in d.names()}
    names = sorted(canonical, key=len, reverse=True)
    return [
        canonical.get(name) if name else None
        for name in attribute_by_structure(text, hits, names, short_forms=False)
    ]
