"""benchmarks/blind_losses.py sorts a run's lost links by reason, with the shared scorer's
matching (read by path from ../shared; the test skips where it is absent)."""

from __future__ import annotations

import json

import pytest

from benchmarks import blind_losses

pytestmark = pytest.mark.skipif(
    not blind_losses.SCORER.exists(), reason="../shared/tools/score_pages.py is absent here"
)


def _profile(source, organisations, people, goals):
    return {
        "article": {"source": source},
        "organisations": organisations,
        "people": people,
        "sdgs": [{"number": n, "method": "explicit"} for n in goals],
    }


def test_each_lost_link_gets_its_reason(tmp_path):
    gold = {
        "pages": [
            {
                "n": "a",
                "companies": ["Havlys AS", "Fjordbygg AS", "Nordmat AS"],
                "other_orgs": ["Sp"],
                "company_sdgs": {"Havlys AS": [7, 13], "Fjordbygg AS": [9], "Nordmat AS": [2]},
                "people": {
                    "Kari Lie": "dagleg leiar, Havlys AS",
                    "Per Moe": "rådgjevar, Fjordbygg AS",
                    "Ola Dahl": "ordførar, Sp",
                    "Siv Berg": "leiar, Nordmat AS",
                },
            }
        ]
    }
    organisations = [
        {"name": "Havlys AS", "aliases": [], "sdgs": [{"number": 7, "method": "explicit"}]},
        {"name": "Fjordbygg AS", "aliases": [], "sdgs": []},
    ]
    people = [
        {"name": "Kari Lie", "organisation": "Havlys AS"},
        {"name": "Per Moe", "organisation": None},
        {"name": "Ola Dahl", "organisation": None, "party": "Sp"},
    ]
    folder = tmp_path / "out"
    folder.mkdir()
    profile = _profile("/x/a.txt", organisations, people, goals=[7, 13])
    (folder / "a.json").write_text(json.dumps(profile), encoding="utf-8")
    scorer = blind_losses.load_scorer()
    scorer.ALIASES = {}
    goals, employers = blind_losses.losses(scorer, gold, blind_losses.profiles_by_page(folder))
    assert dict(goals) == {
        "right": 1,  # Havlys AS: 7
        "both found, not linked": 1,  # 13 is read, and not given to Havlys AS
        "goal not read in the text": 1,  # Fjordbygg AS: 9
        "organisation not named in the profile": 1,  # Nordmat AS: 2
    }
    assert dict(employers) == {
        "right": 1,
        "organisation found, not linked": 1,
        "a party (the profile's party field)": 1,
        "person not found": 1,
    }
