"""The components after ``pipeline_people`` write what the profile is mapped from: the
``organisations`` and ``places`` span groups, the sections organisations own, whom each
person speaks for, and who claims each goal (issue 24). The extraction layer only maps
these values; the profiles they give are held by the corpus and fresh-process tests."""

from __future__ import annotations

import pytest

from pipeline.nlp import load_pipeline
from pipeline.parse import parse_text
from pipeline.run import article_doc
from pipeline.sdg import EXPLICIT_SPAN_KEY, THEME_SPAN_KEY

# A text of the project's own: a company introduced by its trade with its place, a public
# body, and the company's question-and-answer section where one person answers in quotes.
TEXT = """Tre bedrifter i Hallingdal satser grønt

Verkstedbedriften Fjellsveis AS i Gol har fått ny kontrakt, og Nesbyen kommune er fornøyd.

Fjellsveis:

Hvorfor ble dere med?

– Vi vil kutte utslipp, sier daglig leder Kari Lie.

Hvilke bærekraftsmål jobber dere med?

– Vi jobber med bærekraftsmål 7 og 13.
"""


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("blank:nb")


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(article_doc(parse_text(TEXT, source="t.txt"), nlp))


def test_the_organisations_are_a_span_group_with_plain_values(doc):
    orgs = {s._.organisation_name: s for s in doc.spans["organisations"]}
    assert list(orgs) == ["Fjellsveis AS", "Nesbyen kommune"]
    company = orgs["Fjellsveis AS"]
    assert (company.text, company.label_, company._.organisation_kind) == (
        "Fjellsveis AS",
        "company",
        "company",
    )
    assert company._.organisation_aliases == ["Fjellsveis"]
    start, end = company._.organisation_industry_span
    assert (company._.organisation_industry, TEXT[start:end]) == ("verksted", "Verksted")
    gol = TEXT.index("Gol")
    assert company._.organisation_places == [("Gol", "Gol", "Buskerud", "Viken", gol, gol + 3)]
    heading, named = TEXT.index("Fjellsveis:"), TEXT.index("Fjellsveis AS")
    assert company._.organisation_mentions == [(named, named + 13), (heading, heading + 10)]
    assert orgs["Nesbyen kommune"]._.organisation_kind == "public_body"
    # the section the heading "Fjellsveis:" opens is the company's, with its two answers
    [(section_start, _, owner, items)] = doc._.section_owners
    assert (section_start, owner) == (heading, "Fjellsveis AS")
    assert [topic for topic, _, _ in items] == ["purpose", "sdgs"]


def test_a_person_gets_their_organisation_and_answers_as_quotes(doc):
    [kari] = doc.spans["people"]
    assert (kari._.person_name, kari._.person_employer, kari._.person_party_name) == (
        "Kari Lie",
        "Fjellsveis AS",
        None,
    )
    # the answer she gives in quotes in the company's section is hers, without the attribution
    assert [TEXT[s:e] for s, e in kari._.person_quotes] == [
        "Vi vil kutte utslipp",
        "Vi jobber med bærekraftsmål 7 og 13.",
    ]


def test_a_party_in_brackets_is_the_persons_party_not_an_organisation(nlp):
    text = "Ordfører i Lyngdal kommune, Per Olsen (Sp), er fornøyd."
    with nlp.select_pipes(disable=["pipeline_person_organisations"]):
        before = nlp(text)
    assert [s._.organisation_name for s in before.spans["organisations"]] == [
        "Lyngdal kommune",
        "Sp",
    ]
    doc = nlp(text)
    assert [s._.organisation_name for s in doc.spans["organisations"]] == ["Lyngdal kommune"]
    [per] = doc.spans["people"]
    assert (per._.person_employer, per._.person_party_name) == ("Lyngdal kommune", "Sp")


def test_each_goal_says_who_claims_it_and_by_which_rule(doc):
    claims = [
        (span.label_, span._.claimed_by, span._.claim_rule)
        for key in (EXPLICIT_SPAN_KEY, THEME_SPAN_KEY)
        for span in doc.spans[key]
    ]
    assert ("SDG_7", "Fjellsveis AS", "section") in claims
    assert ("SDG_13", "Fjellsveis AS", "section") in claims
    # a goal outside every organisation's reach is the article's
    nlp = load_pipeline("blank:nb")
    alone = nlp("Nettverket jobber med bærekraftsmål 12.")
    assert [(s._.claimed_by, s._.claim_rule) for s in alone.spans[EXPLICIT_SPAN_KEY]] == [
        (None, None)
    ]


def test_the_places_are_a_span_group_without_the_names_of_organisations(doc):
    places = [
        (s.text, s._.place_name, s._.place_kind, s._.place_municipality, s._.place_county)
        for s in doc.spans["places"]
    ]
    assert places == [("Gol", "Gol", "municipality", "Gol", "Buskerud")]  # "Nesbyen kommune"
    gol = TEXT.index("Gol")
    assert doc.spans["places"][0]._.place_mentions == [(gol, gol + 3)]


def test_the_values_serialise_with_the_doc(nlp, doc):
    from spacy.tokens import Doc

    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    for key in ("organisations", "people", "places"):
        assert [(s.start_char, s.end_char, s.label_) for s in again.spans[key]] == [
            (s.start_char, s.end_char, s.label_) for s in doc.spans[key]
        ]
    # msgpack gives tuples back as lists
    places = again.spans["organisations"][0]._.organisation_places
    assert [tuple(p) for p in places] == doc.spans["organisations"][0]._.organisation_places
    assert [s._.person_employer for s in again.spans["people"]] == ["Fjellsveis AS"]
    assert [owner for _, _, owner, _ in again._.section_owners] == ["Fjellsveis AS"]
    # and the profile mapped from the serialised Doc is the same
    from pipeline.extract import extract

    article = parse_text(TEXT, source="t.txt")
    exclude = {"created_at"}
    assert extract(article, again).model_dump(exclude=exclude) == extract(article, doc).model_dump(
        exclude=exclude
    )
