"""Every corpus article's profile matches its hand-checked expectation (corpus/expected/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models import Profile
from pipeline.extract import extract
from pipeline.fetch import read_input
from pipeline.nlp import describe
from pipeline.run import article_doc, parse_raw
from tests.conftest import CORPUS

ARTICLES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))


def _expected(path: Path) -> dict:
    return json.loads((CORPUS / "expected" / f"{path.stem}.json").read_text("utf-8"))


def _profile(path: Path, nlp) -> Profile:
    article = parse_raw(read_input(str(path)))
    return extract(article, nlp(article_doc(article, nlp)), model=describe(nlp))


def test_corpus_is_big_enough_and_varied():
    assert len(ARTICLES) >= 8
    assert {p.suffix for p in ARTICLES} == {".txt", ".html"}
    languages = {_expected(p)["language"] for p in ARTICLES}
    assert languages == {"nb", "nn"}


@pytest.fixture(scope="module")
def profiles(nlp) -> dict[str, Profile]:
    return {p.stem: _profile(p, nlp) for p in ARTICLES}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_metadata(profiles, path):
    profile, expected = profiles[path.stem], _expected(path)
    assert profile.article.title == expected["title"]
    assert profile.article.language == expected["language"]
    for phrase in expected.get("not_in_text", []):
        assert phrase not in profile.text


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_companies(profiles, path):
    profile, expected = profiles[path.stem], _expected(path)
    found = {o.name: o for o in profile.organisations if o.kind == "company"}
    assert set(found) == {c["name"] for c in expected["companies"]}
    for company in expected["companies"]:
        org = found[company["name"]]
        assert set(company["aliases"]) <= set(org.aliases), org.name
        assert {p.name for p in org.places} == set(company["places"]), org.name
        assert sorted({s.number for s in org.sdgs if s.method == "explicit"}) == company["sdgs"], (
            org.name
        )
        if company["industry"]:
            assert org.industry == company["industry"], org.name
        topics = {s.topic for s in org.statements}
        assert ("purpose" in topics) == company["has_purpose_statement"], org.name
        assert ("expectations" in topics) == company["has_expectations_statement"], org.name


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_public_bodies_people_places(profiles, path):
    profile, expected = profiles[path.stem], _expected(path)
    public = {o.name for o in profile.organisations if o.kind == "public_body"}
    assert set(expected["public_bodies"]) <= public
    people = {p.name: p for p in profile.people}
    for person in expected["people"]:
        assert person["name"] in people
        found = people[person["name"]]
        assert found.title == person["title"], person["name"]
        assert found.organisation == person["organisation"], person["name"]
        assert len(found.quotes) == person["quotes"], person["name"]
    places = {p.name: p for p in profile.places}
    for place in expected["places"]:
        assert place["name"] in places
        assert places[place["name"]].municipality == place["municipality"], place["name"]
        assert places[place["name"]].county == place["county"], place["name"]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_level_sdgs(profiles, path):
    profile, expected = profiles[path.stem], _expected(path)
    article_level = sorted(
        {
            s.number
            for s in profile.sdgs
            if s.method == "explicit" and s.organisation not in _companies(profile)
        }
    )
    assert article_level == expected["article_sdgs"]


def _companies(profile) -> set[str]:
    """Goals not owned by a company are the article's (or a public body's), as the
    expectation files count them."""
    return {o.name for o in profile.organisations if o.kind == "company"}
