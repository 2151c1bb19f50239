"""Place facts: municipality and county, after the 2024 split of Viken and others."""

from __future__ import annotations

import pytest

from pipeline.geography import lookup_place


@pytest.mark.parametrize(
    "name,municipality,county,former",
    [
        ("Lysaker", "Bærum", "Akershus", "Viken"),
        ("Drammen", "Drammen", "Buskerud", "Viken"),
        ("Sarpsborg", "Sarpsborg", "Østfold", "Viken"),
        ("Larvik", "Larvik", "Vestfold", "Vestfold og Telemark"),
        ("Skien", "Skien", "Telemark", "Vestfold og Telemark"),
        ("Alta", "Alta", "Finnmark", "Troms og Finnmark"),
        ("Harstad", "Harstad", "Troms", "Troms og Finnmark"),
        ("Bergen", "Bergen", "Vestland", None),
        ("Oslo", "Oslo", "Oslo", None),
        ("Hønefoss", "Ringerike", "Buskerud", "Viken"),
    ],
)
def test_municipality_and_county(name, municipality, county, former):
    facts = lookup_place(name)
    assert facts is not None
    assert (facts.municipality, facts.county, facts.former_county) == (municipality, county, former)


def test_counties_old_and_new():
    assert lookup_place("Viken").kind == "former_county"
    assert lookup_place("Innlandet").kind == "county"
    hedmark = lookup_place("Hedmark")
    assert (hedmark.kind, hedmark.county) == ("former_county", "Innlandet")


def test_unknown_names_are_none():
    assert lookup_place("Goodtech") is None
    assert lookup_place("Bærekraft") is None


def test_a_village_the_text_places_is_known_for_that_text_only():
    from pipeline.geography import lookup_place, lookup_place_in
    from pipeline.rules import RuleSet

    text = "Bedrifta held til på Kvernbekk i Rollag."
    assert lookup_place("Kvernbekk") is None
    facts = lookup_place_in(text, "Kvernbekk", RuleSet.default())
    assert facts is not None and (facts.kind, facts.municipality) == ("locality", "Rollag")
    # no state is left behind for the next text or a plain lookup
    assert lookup_place_in("Ein annan tekst.", "Kvernbekk", RuleSet.default()) is None
    assert lookup_place("Kvernbekk") is None
