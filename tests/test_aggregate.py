"""pipeline/aggregate.py: the same company across articles merged, different ones kept apart.

The corpus case (tests/data/aggregate/, invented companies) runs through the real pipeline:
"Brekkvold Kraft AS" / "Brekkvold Kraft" / "Brekkvold Norge" are one company in three
articles; "Tindvik Fisk" (two articles) and "Tindvik Mekaniske" share a first word only.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from models import ArticleMeta, CompanyProfile, Organisation, OrganisationKind, Profile
from pipeline.aggregate import COMPANIES_JSON, COMPANIES_JSONL, aggregate, merge_profiles, name_key
from pipeline.run import run_batch
from pipeline.write import iter_profiles
from tests.conftest import ROOT

AGGREGATE_CASE = ROOT / "tests" / "data" / "aggregate"


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("aggregate-out")
    inputs = [str(p) for p in sorted(AGGREGATE_CASE.glob("*.txt"))]
    result = run_batch(inputs, out, report=lambda line: None)
    assert result.ok, result.errors
    return out


@pytest.fixture(scope="module")
def companies(case_dir) -> list[CompanyProfile]:
    return aggregate(case_dir)


def _with_name(companies: list[CompanyProfile], name: str) -> list[CompanyProfile]:
    return [c for c in companies if name.casefold() in (n.casefold() for n in c.names)]


def test_full_short_and_norge_names_are_one_company(companies):
    (brekkvold,) = _with_name(companies, "Brekkvold Kraft AS")
    assert {"Brekkvold Kraft", "Brekkvold Norge"} <= set(brekkvold.names)
    assert len(brekkvold.article_ids) == 3
    assert brekkvold.kinds == ["company"]
    assert {"Tønsberg", "Sandefjord"} <= {p.name for p in brekkvold.places}


def test_companies_sharing_a_first_word_stay_apart(companies):
    (fisk,) = _with_name(companies, "Tindvik Fisk")
    (mekaniske,) = _with_name(companies, "Tindvik Mekaniske")
    assert fisk.id != mekaniske.id
    assert "Tindvik Mekaniske" not in fisk.names
    assert len(fisk.article_ids) == 2  # the same name in two articles does merge
    assert len(mekaniske.article_ids) == 1


def test_places_are_deduplicated_with_their_articles(companies):
    (fisk,) = _with_name(companies, "Tindvik Fisk")
    (larvik,) = [p for p in fisk.places if p.name == "Larvik"]
    assert sorted(larvik.article_ids) == sorted(fisk.article_ids)


def test_each_goal_is_backed_by_article_evidence(case_dir, companies):
    texts = {p.article.id: p.text for p in iter_profiles(case_dir)}
    (brekkvold,) = _with_name(companies, "Brekkvold Kraft AS")
    assert {7, 13} <= {s.number for s in brekkvold.sdgs}
    for goal in brekkvold.sdgs:
        for backing in goal.backing:
            ev = backing.evidence
            assert texts[backing.article_id][ev.start : ev.end] == ev.text
        assert goal.methods == sorted({b.method for b in goal.backing})


def test_companies_json_and_jsonl_are_written_and_valid(case_dir, companies):
    only_companies = [c for c in companies if "company" in c.kinds]
    data = json.loads((case_dir / COMPANIES_JSON).read_text("utf-8"))
    assert [CompanyProfile.model_validate_json(json.dumps(d)) for d in data] == only_companies
    lines = (case_dir / COMPANIES_JSONL).read_text("utf-8").splitlines()
    assert [CompanyProfile.model_validate_json(line) for line in lines] == only_companies
    everyone = json.loads((case_dir / "organisations.json").read_text("utf-8"))
    assert [CompanyProfile.model_validate_json(json.dumps(d)) for d in everyone] == companies
    assert len(list(iter_profiles(case_dir))) == 3  # companies.json is not taken for a profile


def test_companies_json_holds_only_companies(tmp_path):
    from pipeline.aggregate import write_companies

    profile = _profile("a1", ("Fjordlys AS", [], "company"), ("Os kommune", [], "public_body"))
    write_companies(tmp_path, merge_profiles([profile]))
    companies = json.loads((tmp_path / COMPANIES_JSON).read_text("utf-8"))
    everyone = json.loads((tmp_path / "organisations.json").read_text("utf-8"))
    assert [c["name"] for c in companies] == ["Fjordlys AS"]
    assert sorted(c["name"] for c in everyone) == ["Fjordlys AS", "Os kommune"]


def test_dates_unknown_in_plain_text_articles(companies):
    assert all(c.first_seen is None and c.last_seen is None for c in companies)


# --- matching rules on hand-made profiles ---------------------------------------------


def _profile(
    article_id: str, *orgs: tuple[str, list[str], OrganisationKind], published=None
) -> Profile:
    return Profile(
        pipeline_version="test",
        model="none",
        article=ArticleMeta(
            id=article_id, source=f"{article_id}.txt", language="nb", published=published
        ),
        text="",
        organisations=[Organisation(name=n, aliases=a, kind=k) for n, a, k in orgs],
    )


def _groups(*profiles: Profile) -> set[frozenset[str]]:
    return {frozenset(c.names) for c in merge_profiles(profiles)}


def test_case_insensitive_word_prefix_and_country_suffix():
    groups = _groups(
        _profile("a", ("GKN Aerospace Norway", [], "company"), ("HOLZWEILER ITEMS", [], "company")),
        _profile("b", ("GKN Aerospace", [], "company"), ("Holzweiler", [], "company")),
    )
    assert groups == {
        frozenset({"GKN Aerospace Norway", "GKN Aerospace"}),
        frozenset({"HOLZWEILER ITEMS", "Holzweiler"}),
    }


def test_a_short_name_that_fits_two_companies_is_left_alone():
    groups = _groups(
        _profile("a", ("Nordvik Havbruk", ["Nordvik"], "company")),
        _profile("b", ("Nordvik Mekaniske", ["Nordvik"], "company")),
        _profile("c", ("Nordvik", [], "company")),
    )
    assert len(groups) == 3


def test_public_bodies_merge_by_exact_name_only():
    groups = _groups(
        _profile("a", ("Statsforvalteren i Agder", ["Statsforvalteren"], "public_body")),
        _profile("b", ("Statsforvalteren", [], "public_body"), ("NAV Agder", [], "public_body")),
        _profile("c", ("NAV", [], "public_body"), ("Innovasjon Norge", [], "public_body")),
        _profile("d", ("Innovasjon Norge", [], "public_body")),
    )
    assert frozenset({"Innovasjon Norge"}) in groups
    assert len(groups) == 5


def test_first_and_last_seen_come_from_published_dates():
    (company,) = merge_profiles(
        [
            _profile("a", ("Fjellbris Energi AS", [], "company"), published=date(2026, 5, 1)),
            _profile("b", ("Fjellbris Norge", [], "company")),
            _profile("c", ("Fjellbris", [], "company"), published=date(2025, 1, 2)),
        ]
    )
    assert (company.first_seen, company.last_seen) == (date(2025, 1, 2), date(2026, 5, 1))
    assert company.article_ids == ["c", "a", "b"]  # oldest first, undated last


def test_name_key_drops_legal_form_and_country_word_for_companies_only():
    assert name_key("Fjordfôr AS", company=True) == ("fjordfôr",)
    assert name_key("Brekkvold Norge AS", company=True) == ("brekkvold",)
    assert name_key("Innovasjon Norge", company=False) == ("innovasjon", "norge")
    assert name_key("Norge", company=True) == ("norge",)


def test_a_join_can_make_a_short_name_unambiguous():
    groups = _groups(
        _profile("a", ("GKN", [], "company")),
        _profile("b", ("GKN Aerospace", [], "company")),
        _profile("c", ("GKN Aerospace Defence", [], "company")),
    )
    assert groups == {frozenset({"GKN", "GKN Aerospace", "GKN Aerospace Defence"})}
