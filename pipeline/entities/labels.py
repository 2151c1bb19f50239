"""The label sets and span groups of ``pipeline_entities``: one source of truth for the
names the other components and the extractors read."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

COMPONENT_NAME = "pipeline_entities"
PERSON_SPANS = "person_mentions"
ORG_SPANS = "org_mentions"
PLACE_SPANS = "place_mentions"
PERSON, ORG, PLACE = "PER", "ORG", "GPE_LOC"
# NorNE's labels (and the official Norwegian models') folded into the three the profile uses
LABEL_GROUP = {
    "PER": PERSON,
    "ORG": ORG,
    "GPE_ORG": PLACE,  # a country or town acting as a body ("Norge signerte"): still a place
    "GPE_LOC": PLACE,
    "LOC": PLACE,
    "GPE": PLACE,
}


def spans_of(doc: Doc, key: str) -> Iterable[Span]:
    """A span group, empty when the component did not run (a pipeline built without it)."""
    return doc.spans[key] if key in doc.spans else ()


def name_key(text: str) -> str:
    """A name's identity within one article: case-folded, one space, no genitive s."""
    key = " ".join(text.split()).lower()
    return key[:-1] if key.endswith("s") and len(key) > 3 and not key.endswith("ss") else key
