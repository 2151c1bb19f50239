"""The output contract: strict, round-trippable, with a JSON Schema for other tools."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from models import Article, Evidence, Organisation, Profile
from pipeline.cli import main
from pipeline.extract import extract
from pipeline.parse import parse_text

TEXT = """Lokalbedrifter på Gjøvik satser grønt

Verkstedbedriften Vardal Stål AS (Gjøvik) vil kutte utslipp.

Vardal Stål:

1. Om bærekraftsmål: Vi jobber med mål 7 og 13.
"""


@pytest.fixture(scope="module")
def profile(blank_nlp) -> Profile:
    article = parse_text(TEXT, source="test.txt")
    return extract(article, blank_nlp(article.text), model="blank")


def test_round_trip_through_json(profile):
    again = Profile.model_validate_json(profile.model_dump_json())
    assert again == profile
    assert again.model_dump_json() == profile.model_dump_json()


def test_evidence_must_match_the_text(profile):
    data = json.loads(profile.model_dump_json())
    data["organisations"][0]["mentions"][0]["start"] += 1
    with pytest.raises(ValidationError, match="does not match"):
        Profile.model_validate_json(json.dumps(data))


def test_unknown_fields_and_wrong_kinds_are_refused(profile):
    data = json.loads(profile.model_dump_json())
    data["organisations"][0]["kind"] = "startup"
    with pytest.raises(ValidationError):
        Profile.model_validate_json(json.dumps(data))
    data = json.loads(profile.model_dump_json())
    data["surprise"] = 1
    with pytest.raises(ValidationError):
        Profile.model_validate_json(json.dumps(data))


def test_strict_types():
    with pytest.raises(ValidationError):
        Evidence(start="3", end=5, text="ab")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Evidence(start=5, end=3, text="")
    with pytest.raises(ValidationError):
        Organisation(name="X", kind="company", sdgs=[{"number": 18}])  # type: ignore[list-item]


def test_article_offsets_are_checked():
    article = Article.build(
        [("heading", "Tittel"), ("paragraph", "Tekst her.")], source="x", language="nb"
    )
    assert article.text == "Tittel\n\nTekst her."
    assert article.text[article.blocks[1].start : article.blocks[1].end] == "Tekst her."
    data = article.model_dump()
    data["blocks"][1]["start"] += 1
    with pytest.raises(ValidationError):
        Article.model_validate(data)


def test_schema_command_prints_the_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Profile"
    assert {"article", "organisations", "places", "people", "sdgs"} <= set(schema["properties"])
    assert set(schema["$defs"]["Organisation"]["properties"]["kind"]["enum"]) == {
        "company",
        "public_body",
        "other",
    }
