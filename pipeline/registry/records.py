"""Register JSON (the API's and the bulk download's shape) read into ``Unit``s.

The field names are those of the register's OpenAPI description (brreg/openAPI,
specs/enhetsregisteret.yml, components/schemas/Enhet, Adresse, Naeringskode,
Organisasjonsform). ``slettedato``, ``overordnetEnhet`` and ``beliggenhetsadresse`` (a
sub-unit's location) are in the register's published API documentation
(data.brreg.no/enhetsregisteret/api/dokumentasjon) but not in that spec file.
"""

from __future__ import annotations

from typing import Any

from pipeline.registry.model import Unit
from pipeline.registry.names import normalise_name
from pipeline.registry.orgnr import digits_of


def unit_from_json(record: Any, *, sub_unit: bool = False) -> Unit | None:
    """A ``Unit`` from one entity (Enhet) or sub-unit (Underenhet) object, or None when the
    object has no usable organisation number or name."""
    if not isinstance(record, dict):
        return None
    number = digits_of(str(record.get("organisasjonsnummer") or ""))
    name = record.get("navn")
    if len(number) != 9 or not number.isdigit() or not isinstance(name, str) or not name.strip():
        return None
    place_key = "beliggenhetsadresse" if sub_unit else "forretningsadresse"
    address = _mapping(record.get(place_key)) or _mapping(record.get("postadresse"))
    nace = _mapping(record.get("naeringskode1"))
    parent = record.get("overordnetEnhet")
    return Unit(
        org_number=number,
        name=name.strip(),
        norm=normalise_name(name),
        parent=digits_of(str(parent)) if sub_unit and parent else None,
        form=_text(_mapping(record.get("organisasjonsform")).get("kode")),
        nace_code=_text(nace.get("kode")),
        nace_text=_text(nace.get("beskrivelse")),
        municipality=_text(address.get("kommune")),
        municipality_number=_text(address.get("kommunenummer")),
        bankrupt=record.get("konkurs") is True,
        winding_up=record.get("underAvvikling") is True,
        forced_winding_up=record.get("underTvangsavviklingEllerTvangsopplosning") is True,
        deleted=_text(record.get("slettedato")),
    )


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
