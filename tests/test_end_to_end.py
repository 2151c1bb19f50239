"""The seed article, end to end: the profile the product is built for."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from models import Profile
from pipeline.extract import extract
from pipeline.parse import parse_text
from pipeline.run import article_doc
from tests.conftest import SEED, require_shared

EXPECTED_COMPANIES = {
    "Goodtech": ({"Oslo", "Moss", "Fredrikstad"}, {6, 7, 9, 13}),
    "GKN Aerospace": ({"Kongsberg"}, set()),
    "Holzweiler Items": ({"Lysaker", "Bærum"}, {8, 9, 12, 13}),
    "Semcon": ({"Kongsberg"}, set()),
    "Sundvolden hotell": ({"Krokskogen"}, {3, 8, 11, 12, 13}),
}
BOILERPLATE = ("Klikk for stort bilde", "Se bildegalleri", "Til toppen")


@pytest.fixture(scope="module", params=["default", "blank:nb"])
def seed_profile(request, seed_text) -> Profile:
    from pipeline.nlp import describe, load_pipeline

    nlp = load_pipeline(None if request.param == "default" else request.param)
    article = parse_text(seed_text, source=str(SEED))
    return extract(article, nlp(article_doc(article, nlp)), model=describe(nlp))


def _org(profile: Profile, name: str):
    return next(o for o in profile.organisations if o.name == name)


def test_title_and_lead(seed_profile):
    assert seed_profile.article.title == "Bedrifter i Viken starter bærekraftsnettverk"
    assert seed_profile.article.lead.startswith("Fem bedrifter, godt spredt i Viken")
    assert seed_profile.article.lead.endswith("utgjøre en forskjell.")
    assert seed_profile.article.language == "nb"


def test_exactly_the_five_companies(seed_profile):
    companies = {o.name for o in seed_profile.organisations if o.kind == "company"}
    assert companies == set(EXPECTED_COMPANIES)


@pytest.mark.parametrize("name", sorted(EXPECTED_COMPANIES))
def test_company_places_sdgs_statements(seed_profile, name):
    places, sdgs = EXPECTED_COMPANIES[name]
    org = _org(seed_profile, name)
    assert {p.name for p in org.places} == places
    assert {s.number for s in org.sdgs if s.method == "explicit"} == sdgs
    topics = {s.topic for s in org.statements}
    assert {"purpose", "expectations"} <= topics
    assert org.industry


def test_industries_and_aliases(seed_profile):
    assert _org(seed_profile, "GKN Aerospace").industry == "flyindustri"
    assert _org(seed_profile, "Holzweiler Items").industry == "kles"
    assert _org(seed_profile, "Sundvolden hotell").industry == "hotell"
    assert "Holzweiler" in _org(seed_profile, "Holzweiler Items").aliases
    assert "Sundvolden" in _org(seed_profile, "Sundvolden hotell").aliases


def test_places_normalised_after_the_viken_split(seed_profile):
    lysaker = next(p for p in _org(seed_profile, "Holzweiler Items").places if p.name == "Lysaker")
    assert (lysaker.municipality, lysaker.county, lysaker.former_county) == (
        "Bærum",
        "Akershus",
        "Viken",
    )
    moss = next(p for p in _org(seed_profile, "Goodtech").places if p.name == "Moss")
    assert moss.county == "Østfold"
    kongsberg = next(p for p in seed_profile.places if p.name == "Kongsberg")
    assert kongsberg.county == "Buskerud"


def test_gkn_themes_are_inferred_not_explicit(seed_profile):
    gkn = _org(seed_profile, "GKN Aerospace")
    assert not [s for s in gkn.sdgs if s.method == "explicit"]
    assert {s.number for s in gkn.sdgs if s.method == "theme"} >= {7, 12, 13}


def test_semcon_17_goals_is_not_goal_17(seed_profile):
    assert 17 not in {s.number for s in seed_profile.sdgs if s.method == "explicit"}


def test_viken_fylkeskommune_is_a_public_body(seed_profile):
    org = _org(seed_profile, "Viken fylkeskommune")
    assert org.kind == "public_body"


def test_gammelsrud_with_title_organisation_and_two_quotes(seed_profile):
    person = next(p for p in seed_profile.people if p.name == "Hans Olav Gammelsrud")
    assert person.title == "seniorrådgiver"
    assert person.organisation == "Viken fylkeskommune"
    assert len(person.quotes) == 2
    assert person.quotes[0].text.startswith("Selv om det foreløpig")
    assert person.quotes[1].text.startswith("Det pågår nå en prosess")


def test_no_boilerplate_anywhere_mined(seed_profile):
    for phrase in BOILERPLATE:
        assert phrase not in seed_profile.text
    for org in seed_profile.organisations:
        for statement in org.statements:
            assert not any(phrase in statement.text for phrase in BOILERPLATE)


def test_every_evidence_points_at_its_text(seed_profile):
    # the model validator checks it; a round trip through JSON proves the contract holds
    again = Profile.model_validate_json(seed_profile.model_dump_json())
    assert again == seed_profile


def test_cli_run_on_seed(tmp_path):
    require_shared(SEED)
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(SEED), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    profiles = [json.loads(line) for line in (out / "profiles.jsonl").read_text().splitlines()]
    assert len(profiles) == 1
    Profile.model_validate_json(json.dumps(profiles[0]))
    assert (out / f"{profiles[0]['article']['id']}.json").exists()
    assert "ok " in proc.stdout


def test_no_noise_organisations(seed_profile):
    # the model's entity noise ("Vikens", descriptions) must not reach the profile
    assert {o.name for o in seed_profile.organisations} == set(EXPECTED_COMPANIES) | {
        "Viken fylkeskommune"
    }


def test_process_text_for_notebooks():
    from pipeline.run import process_text

    profile = process_text(
        "Ny bedrift på Hamar\n\nMøbelprodusenten Hamar Møbler AS (Hamar) jobber med bærekraftsmål 12.\n",
        model="blank:nb",
    )
    company = next(o for o in profile.organisations if o.kind == "company")
    assert company.name == "Hamar Møbler AS"
    assert [s.number for s in company.sdgs if s.method == "explicit"] == [12]
