"""A small invented register for the registry tests: every name and number made up."""

from __future__ import annotations

from pathlib import Path

from pipeline.registry.synthetic import entity, org_numbers, sub_unit, write_bulk_file

BERGEN, OSLO, TROMSØ, MOLDE = (
    ("BERGEN", "4601"),
    ("OSLO", "0301"),
    ("TROMSØ", "5501"),
    ("MOLDE", "1506"),
)

_numbers = org_numbers(91_000_000)
N = {
    key: next(_numbers)
    for key in (
        "fjordlys bergen_sub tromsø_sub sjøbris nordvik_bergen nordvik_oslo lyngheim_bygg "
        "lyngheim_sjømat gullvik_old gullvik rødnes bergen_kommune postal stjernevik_energi "
        "stjernevik_bygg tindsund orphan_sub"
    ).split()
}


def entities() -> list[dict]:
    return [
        entity(N["fjordlys"], "FJORDLYS ENERGI AS", municipality=BERGEN, industry="energi"),
        entity(N["sjøbris"], "SJØBRIS BYGG OG ANLEGG AS", municipality=OSLO, industry="bygg"),
        entity(
            N["nordvik_bergen"], "NORDVIK TRANSPORT AS", municipality=BERGEN, industry="transport"
        ),
        entity(N["nordvik_oslo"], "NORDVIK TRANSPORT AS", municipality=OSLO, industry="transport"),
        entity(N["lyngheim_bygg"], "LYNGHEIM AS", municipality=MOLDE, industry="bygg"),
        entity(N["lyngheim_sjømat"], "LYNGHEIM AS", municipality=MOLDE, industry="sjømat"),
        entity(N["gullvik_old"], "GULLVIK EIENDOM AS", industry="eiendom", deleted="2019-05-02"),
        entity(N["gullvik"], "GULLVIK EIENDOM AS", industry="eiendom"),
        entity(N["rødnes"], "RØDNES HANDEL AS", industry="handel", bankrupt=True, winding_up=True),
        entity(
            N["bergen_kommune"],
            "BERGEN KOMMUNE",
            form="KOMM",
            municipality=BERGEN,
            industry="forvaltning",
        ),
        entity(
            N["postal"],
            "MOSEHOLM RÅDGIVNING",
            form="ENK",
            municipality=TROMSØ,
            industry="rådgivning",
            postal_only=True,
        ),
        entity(N["stjernevik_energi"], "STJERNEVIK ENERGI AS", industry="energi"),
        entity(N["stjernevik_bygg"], "STJERNEVIK BYGG AS", industry="bygg"),
        entity(N["tindsund"], "TINDSUND SJØMAT HOLDING AS", industry="sjømat"),
        {"navn": "No number at all"},
        "not an object",
    ]


def sub_units() -> list[dict]:
    return [
        sub_unit(N["tromsø_sub"], "FJORDLYS ENERGI AS AVD TROMSØ", N["fjordlys"], TROMSØ),
        sub_unit(N["bergen_sub"], "FJORDLYS ENERGI AS", N["fjordlys"], BERGEN),
        sub_unit(N["orphan_sub"], "KOBBERDAL VERKSTED", "999999999", OSLO),
    ]


def write_register_files(folder: Path) -> tuple[Path, Path]:
    entities_file = folder / "enheter_alle.json.gz"
    sub_units_file = folder / "underenheter_alle.json"
    write_bulk_file(entities_file, entities())
    write_bulk_file(sub_units_file, sub_units())
    return entities_file, sub_units_file
