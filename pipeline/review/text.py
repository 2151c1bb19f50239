"""The article text with every piece of evidence highlighted, and the links that point at it.

Evidence spans overlap (a theme phrase inside a longer one, a place inside an organisation's
name, a name inside a quote), and HTML elements cannot cross. So the text is cut at every span
boundary into flat, non-overlapping segments; each segment carries the classes of ALL spans
covering it (``hl-org hl-sdg-theme``) and its offsets, and the CSS layers them. A segment where
a span starts gets the id ``ev-<article>-<offset>`` that card links point to.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from models import Evidence, Organisation, Person, Place, Profile, SdgMention
from pipeline.export import place_label

#: Highlight kinds in the order of their CSS rules: where spans overlap, later kinds paint over
#: earlier ones (an organisation name inside a quote shows as an organisation).
KINDS = ("statement", "quote", "industry", "sdg-theme", "sdg-explicit", "place", "org", "person")

# --- evidence links -------------------------------------------------------------------


def anchor_id(article_id: str, offset: int) -> str:
    return f"ev-{article_id}-{offset}"


def evidence_link(article_id: str, evidence: Evidence | None, label: str, css: str = "") -> str:
    """``label`` linked to its evidence; plain text when there is none to point at."""
    classes = f"ev {css}".strip()
    if evidence is None or evidence.end <= evidence.start:
        return f'<span class="{escape(classes)}">{escape(label)}</span>'
    return (
        f'<a class="{escape(classes)}" href="#{escape(anchor_id(article_id, evidence.start))}" '
        f'data-article="{escape(article_id)}" data-start="{evidence.start}" '
        f'data-end="{evidence.end}" title="{escape(evidence.text)}">{escape(label)}</a>'
    )


# --- highlighted text -----------------------------------------------------------------


@dataclass(frozen=True)
class Highlight:
    """One span of the article text to mark, with what it is evidence of."""

    start: int
    end: int
    kind: str
    label: str


@dataclass(frozen=True)
class Segment:
    """A stretch of text between two span boundaries, and the spans covering all of it."""

    start: int
    end: int
    covering: tuple[Highlight, ...]


def highlights(profile: Profile) -> list[Highlight]:
    """Every piece of evidence a card links to, as a highlight (empty spans left out)."""
    found = list(_organisation_highlights(profile.organisations))
    found += _place_highlights(profile.places)
    found += _person_highlights(profile.people)
    found += _sdg_highlights(profile.sdgs)
    return [h for h in dict.fromkeys(found) if h.end > h.start]


def _organisation_highlights(orgs: Iterable[Organisation]) -> Iterator[Highlight]:
    for org in orgs:
        yield from (
            Highlight(m.start, m.end, "org", f"{org.name} ({org.kind})") for m in org.mentions
        )
        if org.industry_evidence:
            ev = org.industry_evidence
            yield Highlight(ev.start, ev.end, "industry", f"industry of {org.name}")
        for place in org.places:
            if place.evidence:
                yield Highlight(
                    place.evidence.start, place.evidence.end, "place", place_label(place)
                )
        for statement in org.statements:
            ev = statement.evidence
            yield Highlight(ev.start, ev.end, "statement", f"{org.name}: {statement.topic}")
        yield from _sdg_highlights(org.sdgs)


def _place_highlights(places: Iterable[Place]) -> Iterator[Highlight]:
    for place in places:
        label = f"{place_label(place)} [{place.kind}]"
        yield from (Highlight(m.start, m.end, "place", label) for m in place.mentions)


def _person_highlights(people: Iterable[Person]) -> Iterator[Highlight]:
    for person in people:
        yield from (Highlight(m.start, m.end, "person", person.name) for m in person.mentions)
        for quote in person.quotes:
            yield Highlight(
                quote.evidence.start, quote.evidence.end, "quote", f"quote: {person.name}"
            )


def _sdg_highlights(mentions: Iterable[SdgMention]) -> Iterator[Highlight]:
    for sdg in mentions:
        label = f"SDG {sdg.number} {sdg.name} ({sdg.method})"
        yield Highlight(sdg.evidence.start, sdg.evidence.end, f"sdg-{sdg.method}", label)


def segments(text_length: int, spans: list[Highlight]) -> list[Segment]:
    """Cut the text at every span boundary; keep the stretches some span covers."""
    cuts = sorted({0, text_length, *(h.start for h in spans), *(h.end for h in spans)})
    found = []
    for start, end in pairwise(cuts):
        covering = tuple(h for h in spans if h.start <= start and end <= h.end)
        if covering:
            found.append(Segment(start, end, covering))
    return found


def render_text(profile: Profile) -> str:
    """The article text as HTML, every highlight a flat ``span.hl``, every stretch between them
    a ``span.tx``: each piece carries its offsets in ``profile.text`` (``data-start``,
    ``data-end``), so a selection in the browser maps back to exact offsets."""
    text, article_id = profile.text, profile.article.id
    spans = highlights(profile)
    starts = {h.start for h in spans}
    parts, position = [], 0
    for seg in segments(len(text), spans):
        parts.append(_plain_html(text, position, seg.start))
        parts.append(_segment_html(article_id, text, seg, seg.start in starts))
        position = seg.end
    parts.append(_plain_html(text, position, len(text)))
    return "".join(parts)


def _plain_html(text: str, start: int, end: int) -> str:
    if end <= start:
        return ""
    return (
        f'<span class="tx" data-start="{start}" data-end="{end}">{escape(text[start:end])}</span>'
    )


def _segment_html(article_id: str, text: str, seg: Segment, is_anchor: bool) -> str:
    kinds = sorted({h.kind for h in seg.covering}, key=KINDS.index)
    classes = " ".join(["hl", *(f"hl-{k}" for k in kinds)])
    anchor = f' id="{escape(anchor_id(article_id, seg.start))}"' if is_anchor else ""
    title = "\n".join(dict.fromkeys(h.label for h in seg.covering))
    return (
        f'<span class="{classes}"{anchor} data-start="{seg.start}" data-end="{seg.end}" '
        f'title="{escape(title)}">{escape(text[seg.start : seg.end])}</span>'
    )
