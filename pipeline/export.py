"""Export: the profiles of an output folder as CSV (one row per organisation) or JSONL.

No spaCy here: this reads finished profiles.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from models import Organisation, PlaceRef, Profile
from pipeline.write import atomic_write_bytes, atomic_write_lines, iter_profiles, write_schema

CSV_COLUMNS = (
    "article_id",
    "article_title",
    "source",
    "published",
    "organisation",
    "kind",
    "industry",
    "aliases",
    "places",
    "sdgs_explicit",
    "sdg_themes",
    "statements",
    "people",
)
#: Joins the values of a list column; a semicolon survives opening the file in a spreadsheet.
LIST_SEPARATOR = "; "


#: Byte order mark: without it Excel reads UTF-8 as the Windows code page ("Ã¸" for "ø").
UTF8_BOM = "\ufeff"


def export_csv(out_dir: Path, dest: Path, excel: bool = False) -> Path:
    """One row per organisation per article, columns as in ``CSV_COLUMNS``.

    The default is plain RFC 4180 CSV (comma, LF, UTF-8) for scripts and databases.
    ``excel=True`` writes what Excel with a Norwegian locale opens by double-click:
    a UTF-8 byte order mark, semicolons between fields (the comma is the decimal
    separator there) and CRLF line ends. Both hold the same rows.
    """
    buffer = io.StringIO()
    if excel:
        buffer.write(UTF8_BOM)
    writer = csv.DictWriter(
        buffer,
        fieldnames=CSV_COLUMNS,
        delimiter=";" if excel else ",",
        lineterminator="\r\n" if excel else "\n",
    )
    writer.writeheader()
    for profile in iter_profiles(out_dir):
        writer.writerows(organisation_row(profile, org) for org in profile.organisations)
    # Bytes, so that no platform's newline translation touches the CSV line ends.
    atomic_write_bytes(dest, buffer.getvalue().encode("utf-8"))
    return dest


def export_jsonl(out_dir: Path, dest: Path) -> Path:
    """One profile a line, with ``profile.schema.json`` written next to it."""
    atomic_write_lines(dest, (p.model_dump_json() for p in iter_profiles(out_dir)))
    write_schema(dest.parent)
    return dest


def organisation_row(profile: Profile, org: Organisation) -> dict[str, str | int]:
    article = profile.article
    return {
        "article_id": article.id,
        "article_title": article.title or "",
        "source": article.source,
        "published": article.published.isoformat() if article.published else "",
        "organisation": org.name,
        "kind": org.kind,
        "industry": org.industry or "",
        "aliases": LIST_SEPARATOR.join(org.aliases),
        "places": LIST_SEPARATOR.join(place_label(p) for p in org.places),
        "sdgs_explicit": _goal_numbers(org, "explicit"),
        "sdg_themes": _goal_numbers(org, "theme"),
        "statements": len(org.statements),
        "people": LIST_SEPARATOR.join(people_of(profile, org)),
    }


def place_label(place: PlaceRef) -> str:
    """'Lysaker (Bærum, Akershus)'; only the parts that are known."""
    where = ", ".join(part for part in (place.municipality, place.county) if part)
    return f"{place.name} ({where})" if where else place.name


def people_of(profile: Profile, org: Organisation) -> list[str]:
    """People who speak for the organisation under any of its names."""
    names = {n.casefold() for n in [org.name, *org.aliases]}
    return [p.name for p in profile.people if p.organisation and p.organisation.casefold() in names]


def _goal_numbers(org: Organisation, method: str) -> str:
    numbers = sorted({s.number for s in org.sdgs if s.method == method})
    return LIST_SEPARATOR.join(str(n) for n in numbers)
