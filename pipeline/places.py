"""The ``pipeline_places`` component: every place the article names, normalised to
municipality and county where the gazetteer knows it, read after the people, the
organisations and the goals are known (issue 24): a place inside a person's, an
organisation's or a goal's name is none ("Skogn Slakteri", "Kari Lund", "14. Livet under
vann").

Writes the span group ``doc.spans["places"]``, one span per place in the order of its first
mention, covering that mention, with the ``_`` attributes ``place_name``, ``place_kind``,
``place_municipality``, ``place_county``, ``place_former_county`` and ``place_mentions``
((start, end) of each mention).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from models import Place
from models.profile import PlaceKind
from pipeline.entities import PLACE_SPANS, place_prepositions, spans_of
from pipeline.geography import lookup_place_in
from pipeline.org_candidates import _token_range
from pipeline.organisations.component import SPAN_KEY as ORGANISATIONS
from pipeline.people import SPAN_KEY as PEOPLE
from pipeline.rules import RuleSet, per_rule_set
from pipeline.sdg import EXPLICIT_SPAN_KEY
from pipeline.span_values import register_span_values
from pipeline.text import alternation, evidence

COMPONENT_NAME = "pipeline_places"
SPAN_KEY = "places"
ATTRIBUTES = (
    "place_name",
    "place_kind",
    "place_municipality",
    "place_county",
    "place_former_county",
    "place_mentions",
)

register_span_values(SPAN_KEY, ATTRIBUTES)

# One to three capitalised words, allowing the joiners of names like "Møre og Romsdal", "Mo i Rana".
_CANDIDATE = re.compile(
    r"(?<![\w-])[A-ZÆØÅ][\wæøåÆØÅ-]*(?:\s+(?:og|i)\s+[A-ZÆØÅ][\wæøåÆØÅ-]*|\s+[A-ZÆØÅ][\wæøåÆØÅ-]*){0,2}"
)


@per_rule_set
def _place_preposition(rules: RuleSet) -> re.Pattern[str]:
    words = alternation(place_prepositions(rules.entity))
    return re.compile(rf"(?:\b(?:{words})\s+|\()$")


_COORDINATED = re.compile(r"\s*(?:,|og|eller)\s*")
_LOCATION_LABELS = {"GPE_LOC", "LOC", "GPE", "GPE_ORG"}


def find_places(doc: Doc, exclude: list[tuple[int, int]], rules: RuleSet) -> list[Place]:
    """Places mentioned in the text; spans inside people's and organisations' names are excluded
    ("Skogn Slakteri" is a company, "Kari Lund" a person)."""
    text = doc.text
    located = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _LOCATION_LABELS]
    ambiguous = set(rules.org["ambiguous_place_names"])
    places: dict[str, Place] = {}
    last_place_end = -100
    blocked = bytearray(len(text))  # 1 where a name of a person or organisation stands
    for s, e in exclude:
        blocked[s:e] = b"\x01" * (e - s)
    for m in _CANDIDATE.finditer(text):
        for name, start in _sub_names(m.group(0), m.start()):
            end = start + len(name)
            if blocked.find(1, start, end) >= 0:
                continue
            facts = lookup_place_in(text, name, rules) or (
                lookup_place_in(text, name[:-1], rules) if name.endswith("s") else None
            )
            if facts is None:
                continue
            needs_context = name in ambiguous or facts.source == "geonames"
            listed = (
                _COORDINATED.fullmatch(text[last_place_end:start]) is not None
            )  # "Drammen og Lier"
            if (
                needs_context
                and not listed
                and not _clearly_a_place(text, start, end, located, rules)
            ):
                continue
            blocked[start:end] = b"\x01" * (end - start)  # a place found: its words are taken
            last_place_end = end
            canonical = facts.name if lookup_place_in(text, name, rules) else name[:-1]
            place = places.get(canonical)
            if place is None:
                place = places[canonical] = Place(
                    name=canonical,
                    kind=facts.kind,
                    municipality=facts.municipality,
                    county=facts.county,
                    former_county=facts.former_county,
                )
            place.mentions.append(evidence(text, start, end))
    _add_model_places(doc, text, blocked, places, rules)
    return sorted(places.values(), key=lambda p: p.mentions[0].start)


def _add_model_places(
    doc: Doc, text: str, blocked: bytearray, places: dict[str, Place], rules: RuleSet
) -> None:
    """Every place of the ``place_mentions`` span group (the model's locations, corrected by
    context) that the gazetteer pass did not take: foreign countries and cities, regions,
    islands, streets. Normalised when the gazetteer knows the name; a country when the
    model's place-name gazetteer (token norms) says so."""
    for span in spans_of(doc, PLACE_SPANS):
        start, end = span.start_char, span.end_char
        if blocked.find(1, start, end) >= 0 or "\n" in span.text:
            continue
        name = " ".join(span.text.split())
        if name.endswith("s") and re.search(rf"(?<![\w-]){re.escape(name[:-1])}(?![\wæøå])", text):
            name = name[:-1]  # "Kinas" when the article also writes "Kina"
        facts = lookup_place_in(text, name, rules)
        canonical = facts.name if facts else name
        place = places.get(canonical)
        if place is None:
            place = places[canonical] = Place(
                name=canonical,
                kind=facts.kind if facts else _kind_from_norms(span),
                municipality=facts.municipality if facts else None,
                county=facts.county if facts else None,
                former_county=facts.former_county if facts else None,
            )
        place.mentions.append(evidence(text, start, end))
        blocked[start:end] = b"\x01" * (end - start)


def _kind_from_norms(span) -> PlaceKind:
    return "country" if all(t.norm_ == "gaz_land" for t in span) else "unknown"


def _sub_names(chunk: str, base: int) -> list[tuple[str, int]]:
    """The chunk and its shorter word-prefixes and suffixes, longest first."""
    words = list(re.finditer(r"\S+", chunk))
    found = []
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            start, end = words[i].start(), words[i + size - 1].end()
            found.append((chunk[start:end], base + start))
    return found


def _clearly_a_place(
    text: str, start: int, end: int, located: list[tuple[int, int]], rules: RuleSet
) -> bool:
    if any(s <= start < e for s, e in located):
        return True
    return bool(_place_preposition(rules).search(text[max(0, start - 12) : start]))


class Places:
    def __init__(self, nlp: Language, name: str = COMPONENT_NAME) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        names = [tuple(m) for p in doc.spans.get(PEOPLE, []) for m in p._.person_mentions or []]
        names += [
            tuple(m)
            for org in doc.spans.get(ORGANISATIONS, [])
            for m in org._.organisation_mentions or []
        ]
        # a goal's name is no place ("14. Livet under vann")
        names += [(g.start_char, g.end_char) for g in doc.spans.get(EXPLICIT_SPAN_KEY, [])]
        rules = RuleSet.of(doc)
        found = find_places(doc, names, rules)
        starts = [token.idx for token in doc]
        spans = []
        for i, place in enumerate(found):
            first = place.mentions[0]
            span = Span(doc, *_token_range(doc, starts, first.start, first.end), span_id=str(i))
            values = (
                place.name,
                place.kind,
                place.municipality,
                place.county,
                place.former_county,
                [(m.start, m.end) for m in place.mentions],
            )
            for attribute, value in zip(ATTRIBUTES, values, strict=True):
                span._.set(attribute, value)
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory(
    COMPONENT_NAME,
    # the model's places (pipeline_entities), the people (pipeline_people, as
    # pipeline_person_organisations keeps them), the organisations, the goals, the rules
    requires=["doc.ents", "doc.spans", "doc._.rule_sources", "span._.person_mentions"],
    assigns=["doc.spans", *(f"span._.{name}" for name in ATTRIBUTES)],
)
def make_places(nlp: Language, name: str) -> Places:
    return Places(nlp, name)
