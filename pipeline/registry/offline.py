"""The offline register: look-ups in the SQLite index ``pipeline registry import`` built."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from pipeline.registry.bulk import COLUMNS, SCHEMA_VERSION
from pipeline.registry.matching import decide_exact, decide_near
from pipeline.registry.model import RegisterLink, Unit, linked, not_linked
from pipeline.registry.names import name_tokens
from pipeline.registry.orgnr import digits_of, valid_org_number

NEAR_LIMIT = 200  # short-form candidates read; more than this is "too many to choose from"
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM units"


class RegistryError(Exception):
    """A register that cannot be used at all (missing, incomplete, wrong version)."""


class OfflineRegistry:
    """Look-ups in a local index. Safe to share between threads (one connection, reads
    only); each process opens its own."""

    def __init__(self, db: Path | str) -> None:
        self.db = Path(db)
        if not self.db.is_file():
            raise RegistryError(
                f"no register index at {self.db}: run `pipeline registry import FILE --db {self.db}`"
            )
        try:
            self._connection = sqlite3.connect(
                f"{self.db.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
            meta = dict(self._connection.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as err:
            raise RegistryError(f"{self.db} is not a register index: {err}") from None
        if meta.get("complete") != "1" or meta.get("schema_version") != SCHEMA_VERSION:
            raise RegistryError(f"{self.db} is incomplete or from another version: import again")
        self.meta = meta
        self._parents: dict[str, Unit | None] = {}
        self._lock = threading.Lock()  # one connection, shared by the threads of a run

    def link(
        self, name: str, places: Iterable[str] = (), industry: str | None = None
    ) -> RegisterLink:
        """The register link for an organisation name as written in the text."""
        tokens = name_tokens(name or "")
        if not tokens:
            return not_linked("not_looked_up", "no name to look up")
        try:
            norm = " ".join(tokens)
            exact = self._units("WHERE norm = ?", (norm,))
            found = decide_exact(name, exact, self._parent, places, industry)
            if found is not None:
                return found
            near = self._starting_with(tokens)
            return decide_near(name, near, self._parent, truncated=len(near) > NEAR_LIMIT)
        except sqlite3.Error as err:
            return not_linked("error", f"register index: {err}")

    def by_number(self, number: str) -> RegisterLink:
        """The link for an organisation number written in the text; a sub-unit's number
        links to its parent entity (method branch)."""
        digits = digits_of(number or "")
        if not valid_org_number(digits):
            return not_linked("not_looked_up", f"{number!r} is not a valid organisation number")
        try:
            units = self._units("WHERE org_number = ?", (digits,))
        except sqlite3.Error as err:
            return not_linked("error", f"register index: {err}")
        if not units:
            return not_linked("not_found", f"{digits} is not in the register index")
        unit = units[0]
        if unit.parent is None:
            return linked(unit, "org_number", 1.0)
        parent = self._parent(unit.parent)
        if parent is None:
            return not_linked(
                "not_found", f"the parent {unit.parent} of {digits} is not in the index"
            )
        return linked(parent, "org_number", 1.0, branch_org_number=digits)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> OfflineRegistry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _units(self, where: str, params: tuple) -> list[Unit]:
        with self._lock:
            rows = self._connection.execute(f"{_SELECT} {where}", params).fetchall()
        return [_unit(row) for row in rows]

    def _starting_with(self, tokens: list[str]) -> list[Unit]:
        # '^"a b"': the phrase at the start of the name (FTS5 initial-token query)
        phrase = '^"' + " ".join(tokens) + '"'
        return self._units(
            "WHERE rowid IN (SELECT rowid FROM unit_names WHERE unit_names MATCH ? LIMIT ?)",
            (phrase, NEAR_LIMIT + 1),
        )

    def _parent(self, org_number: str) -> Unit | None:
        if org_number not in self._parents:
            found = self._units("WHERE org_number = ? AND parent IS NULL", (org_number,))
            self._parents[org_number] = found[0] if found else None
        return self._parents[org_number]


def _unit(row: tuple) -> Unit:
    values = dict(zip(COLUMNS, row, strict=True))
    for flag in ("bankrupt", "winding_up", "forced_winding_up"):
        values[flag] = bool(values[flag])
    return Unit(**values)
