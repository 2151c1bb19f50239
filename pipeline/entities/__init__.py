"""The ``pipeline_entities`` component: the statistical NER's mentions, corrected by context and
by the rest of the document, as span groups of people, organisations and places.

A NorNE-trained model is right about most names in a sentence, but on news text it makes
three kinds of mistakes that the document itself can correct:

* a capitalised common noun at the start of a sentence ("Muligheten", "Oppslaget") tagged as a
  name: a word that Norwegian text writes in lower case (``common_words.txt``, counted in
  NoReC) and that this article never capitalises inside a sentence is not a name;
* the same name labelled differently in different sentences ("Sognekraft" once ORG, once PER):
  every mention of a name gets the label most of its mentions and their context vote for,
  where context is a title before it ("statsminister Erna Solberg" is a person), a noun that
  introduces an organisation ("selskapet Telenor"), a legal suffix after it, or a noun that
  introduces a place ("byen Mantova");
* a surname alone ("sier Røkke") tagged as an organisation or a place when the article names
  the person in full: a single word that ends a person's full name is that person.

Mentions the model missed of a name it found elsewhere in the article are added. Writes
``doc.ents`` (resolved) and the span groups ``person_mentions``, ``org_mentions`` and
``place_mentions``; the rules come from ``entity_rules.json`` (or a user's file with the same
fields) plus the shared organisation word lists in ``org_rules.json``.

One module a job: ``rules`` (the rule files), ``labels`` (label sets and span groups),
``words`` (word and token tests), ``lists`` (lists of names), and the resolver's passes by
job as mixins of EntityResolver (``resolver``): ``candidates`` (finding and cleaning
mentions), ``kinds`` (typing by context), ``people`` (people's names), ``plausibility``
(what is a name at all) and ``vote`` (the document's vote). This package re-exports the
public names; ``make_entity_resolver`` and ``make_entity_scorer`` stay importable here for
the entry points ``pipeline.entities:make_entity_resolver`` and
``pipeline.entities:make_entity_scorer``.
"""

from __future__ import annotations

from pipeline.entities.labels import (
    COMPONENT_NAME,
    LABEL_GROUP,
    ORG,
    ORG_SPANS,
    PERSON,
    PERSON_SPANS,
    PLACE,
    PLACE_SPANS,
    name_key,
    spans_of,
)
from pipeline.entities.resolver import (
    EntityResolver,
    make_entity_resolver,
    make_entity_scorer,
    score_entities,
)
from pipeline.entities.rules import (
    EntityRules,
    known_organisations,
    load_common_words,
    load_entity_rules,
    organisation_category,
    place_prepositions,
    title_endings,
)
from pipeline.entities.words import (
    WEB_DOMAINS,
    is_compound_of_common_word,
    is_inflected_compound,
    opens_with_other_name,
    starts_sentence,
)

__all__ = [
    "COMPONENT_NAME",
    "EntityResolver",
    "EntityRules",
    "LABEL_GROUP",
    "ORG",
    "ORG_SPANS",
    "PERSON",
    "PERSON_SPANS",
    "PLACE",
    "PLACE_SPANS",
    "WEB_DOMAINS",
    "is_compound_of_common_word",
    "is_inflected_compound",
    "known_organisations",
    "load_common_words",
    "load_entity_rules",
    "make_entity_resolver",
    "make_entity_scorer",
    "name_key",
    "opens_with_other_name",
    "organisation_category",
    "place_prepositions",
    "score_entities",
    "spans_of",
    "starts_sentence",
    "title_endings",
]
