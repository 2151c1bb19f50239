"""Invented register data in the register's JSON shape, for tests and benchmarks.

Every name is made up from Norwegian-sounding parts; every organisation number is made up
too, with a valid check digit. The shape of an object follows the Enhet and Underenhet
objects of the register's bulk download and API (see pipeline.registry.records).
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.registry.orgnr import check_digit

FORMS = {
    "AS": "Aksjeselskap",
    "ASA": "Allmennaksjeselskap",
    "ENK": "Enkeltpersonforetak",
    "SA": "Samvirkeforetak",
    "ANS": "Ansvarlig selskap",
    "DA": "Selskap med delt ansvar",
    "NUF": "Norskregistrert utenlandsk foretak",
    "FLI": "Forening/lag/innretning",
    "STI": "Stiftelse",
    "KOMM": "Kommune",
    "ORGL": "Organisasjonsledd",
    "BRL": "Borettslag",
    "BEDR": "Underenhet til næringsdrivende og offentlig forvaltning",
}
# Business-address municipalities (name as the register writes it, number from 2024).
MUNICIPALITIES = (
    ("OSLO", "0301"),
    ("BERGEN", "4601"),
    ("TRONDHEIM", "5001"),
    ("STAVANGER", "1103"),
    ("BÆRUM", "3201"),
    ("KRISTIANSAND", "4204"),
    ("DRAMMEN", "3301"),
    ("TROMSØ", "5501"),
    ("ÅLESUND", "1508"),
    ("BODØ", "1804"),
    ("MOLDE", "1506"),
    ("TØNSBERG", "3905"),
    ("FREDRIKSTAD", "3107"),
    ("HAMAR", "3403"),
    ("SANDNES", "1108"),
    ("HAUGESUND", "1106"),
)
# NACE codes (SN2007) with the register's Norwegian text, keyed by an industry word.
NACE = {
    "energi": ("35.111", "Produksjon av elektrisitet fra vannkraft"),
    "bygg": ("41.200", "Oppføring av bygninger"),
    "elektro": ("43.210", "Elektrisk installasjonsarbeid"),
    "transport": ("49.410", "Godstransport på vei"),
    "sjømat": ("03.211", "Produksjon av matfisk og skalldyr i hav- og kystbasert fiskeoppdrett"),
    "data": ("62.010", "Programmeringstjenester"),
    "bank": ("64.190", "Bankvirksomhet ellers"),
    "eiendom": ("68.209", "Utleie av egen eller leid fast eiendom ellers"),
    "handel": (
        "47.111",
        "Butikkhandel med bredt vareutvalg med hovedvekt på nærings- og nytelsesmidler",
    ),
    "helse": ("86.211", "Allmenn legetjeneste"),
    "forvaltning": ("84.110", "Generell offentlig administrasjon"),
    "forening": ("94.991", "Aktiviteter i andre interesseorganisasjoner ikke nevnt annet sted"),
    "mat": ("56.101", "Drift av restauranter og kafeer"),
    "rådgivning": ("70.220", "Bedriftsrådgivning og annen administrativ rådgivning"),
}
INDUSTRY_WORDS = {
    "energi": "Energi",
    "bygg": "Bygg",
    "elektro": "Elektro",
    "transport": "Transport",
    "sjømat": "Sjømat",
    "data": "Data",
    "bank": "Sparebank",
    "eiendom": "Eiendom",
    "handel": "Handel",
    "helse": "Legesenter",
    "mat": "Kafé",
    "rådgivning": "Rådgivning",
}
HEADS = (
    "Fjord Nord Sør Vest Øst Berg Dal Lys Sjø Stein Skog Fjell Vik Strand Bre Elv Havn Kyst "
    "Myr Ås Nes Holm Vind Sol Snø Tind Lund Eik Bjørk Furu Gran Rogn Hav Bølge Stjerne Måne "
    "Varde Kvit Rød Grønn Blå Gull Sølv Jern Kobber Lauv Mose Lyng"
).split()
TAILS = (
    "lys vik heim stad dal berg nes holm by land mark vang rud li eng øy sund fjell gard bø "
    "voll haug tun bakk kroken sjø"
).split()


def org_numbers(start: int = 81_000_000) -> Iterator[str]:
    """Nine-digit numbers with valid check digits, counting up from eight digits ``start``."""
    base = start
    while True:
        first_eight = f"{base:08d}"
        digit = check_digit(first_eight)
        if digit is not None:
            yield first_eight + str(digit)
        base += 1


def invented_word(rng: random.Random) -> str:
    return rng.choice(HEADS) + rng.choice(TAILS)


def address(municipality: tuple[str, str], street: str = "Storgata 1") -> dict:
    name, number = municipality
    return {
        "land": "Norge",
        "landkode": "NO",
        "postnummer": "0150",
        "poststed": name,
        "adresse": [street],
        "kommune": name,
        "kommunenummer": number,
    }


def entity(
    number: str,
    name: str,
    form: str = "AS",
    municipality: tuple[str, str] = MUNICIPALITIES[0],
    industry: str = "energi",
    bankrupt: bool = False,
    winding_up: bool = False,
    deleted: str | None = None,
    postal_only: bool = False,
) -> dict:
    """One entity (Enhet) object as the bulk file has it."""
    code, text = NACE[industry]
    record = {
        "organisasjonsnummer": number,
        "navn": name,
        "organisasjonsform": {
            "kode": form,
            "beskrivelse": FORMS.get(form, form),
            "_links": {"self": {"href": f"/enhetsregisteret/api/organisasjonsformer/{form}"}},
        },
        "postadresse": address(municipality, "Postboks 12"),
        "registreringsdatoEnhetsregisteret": "2011-03-04",
        "registrertIMvaregisteret": True,
        "naeringskode1": {"kode": code, "beskrivelse": text},
        "antallAnsatte": 12,
        "harRegistrertAntallAnsatte": True,
        "forretningsadresse": address(municipality),
        "stiftelsesdato": "2011-02-01",
        "institusjonellSektorkode": {"kode": "2100", "beskrivelse": "Private aksjeselskaper mv."},
        "registrertIForetaksregisteret": True,
        "registrertIStiftelsesregisteret": False,
        "registrertIFrivillighetsregisteret": False,
        "konkurs": bankrupt,
        "underAvvikling": winding_up,
        "underTvangsavviklingEllerTvangsopplosning": False,
        "maalform": "Bokmål",
        "_links": {"self": {"href": f"/enhetsregisteret/api/enheter/{number}"}},
    }
    if deleted:
        record["slettedato"] = deleted
    if postal_only:
        del record["forretningsadresse"]
    return record


def sub_unit(
    number: str,
    name: str,
    parent: str,
    municipality: tuple[str, str],
    industry: str = "energi",
) -> dict:
    """One sub-unit (Underenhet) object: a local branch of ``parent``."""
    code, text = NACE[industry]
    return {
        "organisasjonsnummer": number,
        "navn": name,
        "organisasjonsform": {"kode": "BEDR", "beskrivelse": FORMS["BEDR"]},
        "registreringsdatoEnhetsregisteret": "2015-06-01",
        "registrertIMvaregisteret": False,
        "naeringskode1": {"kode": code, "beskrivelse": text},
        "antallAnsatte": 3,
        "overordnetEnhet": parent,
        "oppstartsdato": "2015-06-01",
        "beliggenhetsadresse": address(municipality, "Kaigata 3"),
        "_links": {"self": {"href": f"/enhetsregisteret/api/underenheter/{number}"}},
    }


def random_entities(count: int, seed: int = 7, start: int = 81_000_000) -> Iterator[dict]:
    """``count`` invented entities, as varied as a register: forms, industries, places,
    now and then bankrupt or being wound up."""
    rng = random.Random(seed)
    numbers = org_numbers(start)
    industries = list(INDUSTRY_WORDS)
    forms = ["AS"] * 6 + ["ENK"] * 3 + ["FLI", "ASA", "SA", "ANS", "DA", "STI"]
    for _ in range(count):
        industry = rng.choice(industries)
        words = [invented_word(rng)]
        if rng.random() < 0.4:
            words.append(invented_word(rng))
        words.append(INDUSTRY_WORDS[industry])
        form = rng.choice(forms)
        name = " ".join(words) + ("" if form in ("ENK", "FLI", "STI") else f" {form}")
        yield entity(
            next(numbers),
            name.upper() if rng.random() < 0.7 else name,
            form=form,
            municipality=rng.choice(MUNICIPALITIES),
            industry=industry,
            bankrupt=rng.random() < 0.01,
            winding_up=rng.random() < 0.01,
        )


def write_bulk_file(path: Path, records: Iterable[dict], compress: bool | None = None) -> int:
    """Write ``records`` as one JSON array, as the register's download is (gzip when the
    name ends in .gz, unless ``compress`` says otherwise). Streams; returns the count."""
    compress = str(path).endswith(".gz") if compress is None else compress
    opener = (
        gzip.open(path, "wt", encoding="utf-8", compresslevel=1)
        if compress
        else open(path, "w", encoding="utf-8")
    )
    count = 0
    with opener as out:
        out.write("[")
        for record in records:
            out.write(("," if count else "") + json.dumps(record, ensure_ascii=False))
            count += 1
        out.write("]")
    return count
