"""Export: the profiles of an output folder as CSV (one row per organisation, plus the long
tables), JSONL, one SQLite database or Parquet files.

The long tables (articles, organisations, places, people, quotes, SDG claims, statements,
mentions) are defined and filled in ``pipeline.tables``; SQLite, Parquet and the CSV tables
all write its rows. No spaCy here: this reads finished profiles; pyarrow is imported only
for Parquet.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

from models import Organisation, PlaceRef, Profile
from models.facts import facts
from pipeline.tables import (
    TABLES,
    Table,
    TableRows,
    csv_value,
    sql_value,
    sqlite_schema,
    table_rows,
)
from pipeline.write import atomic_paths, atomic_write_lines, iter_profiles, write_schema

CSV_COLUMNS = (
    "article_id",
    "article_title",
    "source",
    "published",
    "organisation",
    *(column for fact in facts(Organisation) for column in fact.column_docs()),
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


#: Where the CSV long tables go, beside the wide file: ``<dest folder>/tables/<table>.csv``.
CSV_TABLES_DIR = "tables"


def export_csv(
    out_dir: Path, dest: Path, excel: bool = False, tables_dir: Path | None = None
) -> Path:
    """One row per organisation per article in ``dest``, columns as in ``CSV_COLUMNS``, and
    the long tables of ``pipeline.tables`` as ``<table>.csv`` in ``tables_dir`` (default: a
    ``tables`` folder beside ``dest``), all replaced together when every file is written.

    The default is plain RFC 4180 CSV (comma, LF, UTF-8) for scripts and databases.
    ``excel=True`` writes what Excel with a Norwegian locale opens by double-click:
    a UTF-8 byte order mark, semicolons between fields (the comma is the decimal
    separator there) and CRLF line ends. Both hold the same rows. In the long tables an
    empty field is a null value.
    """
    tables_dir = tables_dir if tables_dir is not None else dest.parent / CSV_TABLES_DIR
    dialect = {"delimiter": ";" if excel else ",", "lineterminator": "\r\n" if excel else "\n"}
    targets = [dest, *(tables_dir / f"{table.name}.csv" for table in TABLES)]
    with atomic_paths(targets) as temps, ExitStack() as files:
        # newline="": no platform's newline translation touches the CSV line ends
        handles = [
            files.enter_context(tmp.open("w", encoding="utf-8", newline="")) for tmp in temps
        ]
        if excel:
            for handle in handles:
                handle.write(UTF8_BOM)
        wide = csv.DictWriter(handles[0], fieldnames=CSV_COLUMNS, **dialect)
        wide.writeheader()
        writers = {
            t.name: csv.writer(h, **dialect) for t, h in zip(TABLES, handles[1:], strict=True)
        }
        for table in TABLES:
            writers[table.name].writerow(table.column_names)

        def with_wide_rows(profiles: Iterable[Profile]) -> Iterator[Profile]:
            for profile in profiles:
                wide.writerows(organisation_row(profile, org) for org in profile.organisations)
                yield profile

        for rows in table_rows(with_wide_rows(iter_profiles(out_dir))):
            for table in TABLES:
                writers[table.name].writerows(
                    [csv_value(row[c]) for c in table.column_names] for row in rows[table.name]
                )
    return dest


def export_sqlite(out_dir: Path, dest: Path) -> Path:
    """The long tables in one SQLite database (keys declared and enforced, an index on every
    foreign key, the views of ``pipeline.tables.VIEWS``), built in a temporary file beside
    ``dest`` that replaces it only when complete: a failed export leaves no half database."""
    with atomic_paths([dest]) as (tmp,):
        try:
            _fill_sqlite(tmp, table_rows(iter_profiles(out_dir)))
        except sqlite3.Error as err:
            raise OSError(f"cannot write {dest}: {err}") from err
    return dest


def _fill_sqlite(path: Path, batches: Iterable[TableRows]) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # The file is a private temporary one until it is renamed: no journal needed.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN")
        for statement in sqlite_schema():
            connection.execute(statement)
        inserts = {
            t.name: f"INSERT INTO {t.name} ({', '.join(t.column_names)}) "
            f"VALUES ({', '.join('?' for _ in t.columns)})"
            for t in TABLES
        }
        for rows in batches:
            for table in TABLES:
                connection.executemany(
                    inserts[table.name],
                    ([sql_value(row[c]) for c in table.column_names] for row in rows[table.name]),
                )
        connection.execute("COMMIT")
    finally:
        connection.close()


class ParquetUnavailable(ImportError):
    """pyarrow is not installed: an environment problem, not a failed export."""


#: Rows buffered across tables before they are written as one row group per table.
PARQUET_BATCH_ROWS = 50_000
PARQUET_DIR = "parquet"


def export_parquet(out_dir: Path, dest_dir: Path) -> Path:
    """The long tables as ``<table>.parquet`` in ``dest_dir``, each column typed and
    described (field metadata ``description``; the schema's metadata names the table's
    primary key and foreign keys). All files are replaced together when all are written.
    Raises ``ParquetUnavailable`` before writing anything when pyarrow is missing."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise ParquetUnavailable(
            "--format parquet needs pyarrow, which is not installed: "
            "pip install 'nyhetsprofil[parquet]' (or pip install pyarrow)"
        ) from err
    schemas = {t.name: arrow_schema(t) for t in TABLES}
    targets = [dest_dir / f"{t.name}.parquet" for t in TABLES]
    with atomic_paths(targets) as temps, ExitStack() as files:
        writers = {}
        for table, tmp in zip(TABLES, temps, strict=True):
            writers[table.name] = pq.ParquetWriter(str(tmp), schemas[table.name])
            files.callback(writers[table.name].close)
        pending: dict[str, list] = {t.name: [] for t in TABLES}

        def flush() -> None:
            for name, rows in pending.items():
                if rows:
                    writers[name].write_table(pa.Table.from_pylist(rows, schema=schemas[name]))
                    rows.clear()

        for rows in table_rows(iter_profiles(out_dir)):
            for name, table_rows_of_profile in rows.items():
                pending[name] += table_rows_of_profile
            if sum(len(r) for r in pending.values()) >= PARQUET_BATCH_ROWS:
                flush()
        flush()
    return dest_dir


def arrow_schema(table: Table):
    """The pyarrow schema of a table (needs pyarrow)."""
    import pyarrow as pa

    types = {"text": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "date": pa.date32()}
    foreign = {c.name: c.references for c in table.columns if c.references}
    return pa.schema(
        [
            pa.field(c.name, types[c.type], nullable=c.nullable, metadata={"description": c.doc})
            for c in table.columns
        ],
        metadata={
            "table": table.name,
            "description": table.doc,
            "primary_key": table.key,
            "foreign_keys": json.dumps(foreign),
        },
    )


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
        **{
            column: "" if value is None else value
            for fact in facts(Organisation)
            for column, value in fact.cells(org).items()
        },
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
