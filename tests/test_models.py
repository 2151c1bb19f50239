"""The output contract: strict, round-trippable, with a JSON Schema for other tools."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from models import Article, Evidence, Organisation, Profile
from pipeline.cli import main
from pipeline.extract import extract
from pipeline.parse import parse_text
from pipeline.run import article_doc

TEXT = """Lokalbedrifter på Gjøvik satser grønt

Verkstedbedriften Vardal Stål AS (Gjøvik) vil kutte utslipp.

Vardal Stål:

1. Om bærekraftsmål: Vi jobber med mål 7 og 13.
"""


@pytest.fixture(scope="module")
def profile(blank_nlp) -> Profile:
    article = parse_text(TEXT, source="test.txt")
    return extract(article, blank_nlp(article_doc(article, blank_nlp)), model="blank")


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


def test_a_profile_read_with_json_load_validates_with_its_date():
    text = "Publisert 2. september 2025\n\nNy avtale i fjorden\n\nFjordlys Energi AS har signert en avtale."
    article = parse_text(text)
    from pipeline.nlp import load_pipeline

    nlp = load_pipeline("blank:nb")
    data = json.loads(
        extract(article, nlp(article_doc(article, nlp)), model="test").model_dump_json()
    )
    assert data["article"]["published"] == "2025-09-02"
    with pytest.raises(ValidationError):
        Profile.model_validate(data)  # strict: a date is no string in Python mode
    assert str(Profile.from_json_data(data).article.published) == "2025-09-02"


def test_schemas_carry_schema_and_id(tmp_path, capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/profile.schema.json")
    out = tmp_path / "out"
    article = tmp_path / "a.txt"
    article.write_text(
        "Ny avtale i fjorden\n\nFjordlys Energi AS i Molde har signert en avtale.", "utf-8"
    )
    assert main(["run", str(article), "-o", str(out), "--model", "blank:nb"]) == 0
    assert json.loads((out / "profile.schema.json").read_text())["$id"].endswith(
        "profile.schema.json"
    )
    assert main(["aggregate", str(out)]) == 0
    company_schema = json.loads((out / "company.schema.json").read_text())
    assert company_schema["$id"].endswith("/company.schema.json")
    assert company_schema["title"] == "CompanyProfile"
