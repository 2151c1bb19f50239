"""Each fact of an organisation or a person is declared once (models.facts); every consumer
derives from that declaration. These tests hold each consumer to it."""

import pytest

from models import CompanyProfile, Evidence, Organisation, Person, Profile, ReviewDecision
from models.facts import facts
from models.review import JUDGED_FACTS, REVIEW_FIELDS
from pipeline.decisions import review_items
from pipeline.export import CSV_COLUMNS
from pipeline.tables import TABLE_BY_NAME

ORG_FACTS = list(facts(Organisation))
PERSON_FACTS = list(facts(Person))


def test_the_facts_are_declared():
    assert [f.name for f in ORG_FACTS] == ["kind", "industry", "register_entry"]
    assert [f.name for f in PERSON_FACTS] == [
        "title",
        "organisation",
        "organisation_guess",
        "party",
    ]


@pytest.mark.parametrize("fact", ORG_FACTS, ids=lambda f: f.name)
def test_an_organisation_fact_reaches_every_consumer(fact):
    columns = TABLE_BY_NAME["organisations"].column_names
    assert fact.fact.column in columns and fact.fact.column in CSV_COLUMNS
    assert set(fact.column_docs()) <= set(columns) & set(CSV_COLUMNS)
    if fact.fact.evidence:
        assert f"{fact.fact.evidence}_start" in columns
    if fact.fact.review:
        assert f"organisation.{fact.name}" in REVIEW_FIELDS
    if fact.fact.merged_as:
        assert fact.fact.merged_as in CompanyProfile.model_fields


@pytest.mark.parametrize("fact", PERSON_FACTS, ids=lambda f: f.name)
def test_a_person_fact_reaches_the_people_table(fact):
    assert fact.fact.column in TABLE_BY_NAME["people"].column_names
    assert (f"person.{fact.name}" in REVIEW_FIELDS) == bool(fact.fact.review)


def _profile(text: str, org: Organisation, person: Person | None = None) -> Profile:
    return Profile(
        pipeline_version="test",
        model="test",
        article={"id": "a1", "source": "x.txt", "language": "nb"},
        text=text,
        organisations=[org],
        people=[person] if person else [],
    )


def test_a_fact_with_its_own_evidence_is_reviewed_by_that_span():
    text = "Brødrene Berg AS er et bakeri i Os."
    org = Organisation(
        name="Brødrene Berg AS",
        kind="company",
        industry="bakeri",
        industry_evidence=Evidence(start=23, end=29, text="bakeri"),
        mentions=[Evidence(start=0, end=16, text="Brødrene Berg AS")],
    )
    items = {i.field: i for i in review_items(_profile(text, org))}
    assert items["organisation.industry"].evidence.start == 23
    assert items["organisation.kind"].evidence.start == 0  # no own evidence: first mention


def test_evidence_anywhere_in_a_profile_must_match_the_text():
    org = Organisation(
        name="Brødrene Berg AS",
        kind="company",
        industry="bakeri",
        industry_evidence=Evidence(start=0, end=6, text="bakeri"),
    )
    with pytest.raises(ValueError, match="does not match"):
        _profile("Brødrene Berg AS er et bakeri i Os.", org)


def test_a_correction_outside_a_facts_choices_is_refused():
    fact = JUDGED_FACTS["organisation.kind"]
    assert fact.fact.choices
    with pytest.raises(ValueError, match="kind is one of"):
        ReviewDecision.from_json_data(
            {
                "article_id": "a1",
                "field": "organisation.kind",
                "value": "company",
                "evidence": None,
                "verdict": "corrected",
                "correction": "bakery",
                "reviewer": "r",
                "time": "2026-12-06T10:00:00+00:00",
            }
        )
