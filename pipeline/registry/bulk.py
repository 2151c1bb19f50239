"""``pipeline registry import``: the register's bulk download streamed into a SQLite index.

The bulk file (GET /enhetsregisteret/api/enheter/lastned, and .../underenheter/lastned for
sub-units) is one JSON array of Enhet objects, gzip-compressed as downloaded. It is read
item by item (ijson), so memory stays flat however large the file is, and written in
batches into a temporary database that replaces DB only when the import is complete.
"""

from __future__ import annotations

import gzip
import io
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import ijson

from pipeline.registry.model import Unit
from pipeline.registry.records import unit_from_json

SCHEMA_VERSION = "1"
BATCH_ROWS = 5_000

SCHEMA = (
    """CREATE TABLE units (  -- entities (parent NULL) and sub-units (parent = overordnetEnhet)
        org_number TEXT PRIMARY KEY,
        parent TEXT,
        name TEXT NOT NULL,
        norm TEXT NOT NULL,          -- pipeline.registry.names.normalise_name(name)
        form TEXT,
        nace_code TEXT,
        nace_text TEXT,
        municipality TEXT,
        municipality_number TEXT,
        bankrupt INTEGER NOT NULL,
        winding_up INTEGER NOT NULL,
        forced_winding_up INTEGER NOT NULL,
        deleted TEXT
    )""",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
# Built after the rows are in: one sort instead of an index update per row.
INDEXES = (
    "CREATE INDEX units_norm ON units (norm)",
    "CREATE INDEX units_municipality ON units (municipality)",
    "CREATE INDEX units_parent ON units (parent)",
    # Full-text search over the normalised names, for short forms; æ, ø and å kept apart.
    "CREATE VIRTUAL TABLE unit_names USING fts5(norm, content='units', content_rowid='rowid', "
    "tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO unit_names(unit_names) VALUES ('rebuild')",
)
COLUMNS = (
    "org_number parent name norm form nace_code nace_text municipality municipality_number "
    "bankrupt winding_up forced_winding_up deleted"
).split()
_INSERT = (
    f"INSERT OR REPLACE INTO units ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
)


class BulkFileError(ValueError):
    """A bulk file that is not the register's JSON array (one line, for the user)."""


@dataclass(frozen=True)
class ImportStats:
    entities: int
    sub_units: int
    skipped: int  # array items without a usable organisation number or name
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return (self.entities + self.sub_units) / self.seconds if self.seconds else 0.0


def import_register(
    entities: Path,
    db: Path,
    sub_units: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportStats:
    """Load the entities file (and the sub-units file) into a new SQLite index at ``db``.
    Raises BulkFileError for a file that is not a JSON array of register objects and
    OSError when the index cannot be written; ``db`` is then left as it was."""
    started = time.perf_counter()
    db = Path(db)
    tmp = db.with_name(f".{db.name}.importing-{os.getpid()}")
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp.unlink(missing_ok=True)
    try:
        connection = _new_database(tmp)
        try:
            n_entities, skipped = _load(connection, entities, False, progress)
            if n_entities == 0:
                raise BulkFileError(f"{entities}: no entities in the file (an empty array)")
            n_sub, skipped_sub = (0, 0)
            if sub_units is not None:
                n_sub, skipped_sub = _load(connection, sub_units, True, progress)
            _finish(connection, entities, sub_units, n_entities, n_sub)
        finally:
            connection.close()
        os.replace(tmp, db)
    except sqlite3.Error as err:  # a full disk, a folder that cannot be written
        raise OSError(f"cannot write the index: {err}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return ImportStats(n_entities, n_sub, skipped + skipped_sub, time.perf_counter() - started)


def _new_database(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    # A private file until renamed: no journal, no fsync; a crash leaves only the temp file.
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA cache_size = -200000")  # 200 MB page cache for the index sorts
    connection.execute("BEGIN")
    for statement in SCHEMA:
        connection.execute(statement)
    return connection


def _load(
    connection: sqlite3.Connection,
    path: Path,
    sub_units: bool,
    progress: Callable[[int], None] | None,
) -> tuple[int, int]:
    loaded = skipped = 0
    batch: list[tuple] = []
    for record in _records(path):
        unit = unit_from_json(record, sub_unit=sub_units)
        if unit is None:
            skipped += 1
            continue
        batch.append(_row(unit))
        if len(batch) >= BATCH_ROWS:
            connection.executemany(_INSERT, batch)
            loaded += len(batch)
            batch.clear()
            if progress is not None:
                progress(loaded)
    connection.executemany(_INSERT, batch)
    return loaded + len(batch), skipped


def _row(unit: Unit) -> tuple:
    return tuple(getattr(unit, column) for column in COLUMNS)


def _records(path: Path) -> Iterator[object]:
    """The items of the JSON array in ``path`` (gzip or plain), one at a time."""
    try:
        with _open(path) as stream:
            _expect_array(path, stream)
            yield from ijson.items(stream, "item", use_float=True)
    except (ijson.JSONError, ijson.IncompleteJSONError) as err:
        raise BulkFileError(f"{path}: not a complete JSON array ({_first_line(err)})") from None
    except (gzip.BadGzipFile, EOFError, zlib.error) as err:
        raise BulkFileError(f"{path}: broken gzip file ({_first_line(err)})") from None
    except UnicodeDecodeError:
        raise BulkFileError(f"{path}: not UTF-8 JSON") from None
    except OSError as err:
        raise BulkFileError(f"{path}: cannot read: {err.strerror or err}") from None


def _open(path: Path) -> io.BufferedIOBase:
    with open(path, "rb") as probe:
        magic = probe.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _expect_array(path: Path, stream: io.BufferedIOBase) -> None:
    head = stream.peek(64)[:64].lstrip(b"\xef\xbb\xbf \t\r\n")  # type: ignore[attr-defined]
    if not head:
        raise BulkFileError(f"{path}: empty file")
    if not head.startswith(b"["):
        raise BulkFileError(
            f"{path}: not a JSON array (the register's bulk file starts with '['), "
            f"starts with {head[:16]!r}"
        )


def _finish(
    connection: sqlite3.Connection,
    entities: Path,
    sub_units: Path | None,
    n_entities: int,
    n_sub: int,
) -> None:
    for statement in INDEXES:
        connection.execute(statement)
    meta = {
        "schema_version": SCHEMA_VERSION,
        "entities_file": str(entities),
        "sub_units_file": str(sub_units or ""),
        "entities": str(n_entities),
        "sub_units": str(n_sub),
        "imported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "complete": "1",
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.execute("COMMIT")
    connection.execute("ANALYZE")


def _first_line(err: BaseException) -> str:
    return (str(err).splitlines() or [type(err).__name__])[0][:120]
