"""The online register: look-ups in the register's open API, politely, with a cache.

Endpoints and shapes from the register's OpenAPI description (brreg/openAPI,
specs/enhetsregisteret.yml): GET /enheter (query navn, kommunenummer, size, page),
GET /enheter/{organisasjonsnummer} (200 Enhet, 404 not found, 410 removed), GET
/underenheter (navn, overordnetEnhet). The server is https://data.brreg.no/enhetsregisteret/api;
search answers are HAL (``_embedded.enheter`` or ``_embedded.underenheter``, and ``page``
with ``totalElements``), as the API documentation shows; an empty result has no
``_embedded``.
"""

from __future__ import annotations

import email.utils
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from pipeline import __version__
from pipeline.registry.matching import decide_exact, decide_near, places_as_municipalities
from pipeline.registry.model import RegisterLink, Unit, linked, not_linked
from pipeline.registry.names import name_tokens
from pipeline.registry.orgnr import digits_of, valid_org_number
from pipeline.registry.records import unit_from_json

BASE_URL_ENV = "NYHETSPROFIL_BRREG_URL"
DEFAULT_BASE_URL = "https://data.brreg.no"
API_PATH = "/enhetsregisteret/api"
SEARCH_SIZE = 50
MAX_PAGES = 4  # of one name search; page * size may not pass 10 000 (the spec's limit)
DEFINITIVE = (200, 404, 410)  # answers worth caching; errors are asked again next time


class LookupFailed(Exception):
    """One request that could not be answered within the retries and the time bound."""


@dataclass(frozen=True)
class OnlineSettings:
    requests_per_second: float = 4.0
    timeout: float = 10.0  # one request: connect and read
    retries: int = 3  # after the first attempt, on 429, 5xx, timeouts, broken connections
    backoff: float = 0.5  # seconds, doubled each retry
    max_retry_after: float = 60.0  # a longer Retry-After gives up instead of waiting
    time_bound: float = 60.0  # one look-up, all its requests and waits together
    cache_ttl: float = 7 * 24 * 3600.0


class _Clock:
    """At most ``rate`` requests a second, across threads."""

    def __init__(self, rate: float) -> None:
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self._interval
        if delay > 0:
            time.sleep(delay)


class _Cache:
    """Answers by URL in SQLite, each kept ``ttl`` seconds."""

    def __init__(self, path: Path | None, ttl: float) -> None:
        self.ttl = ttl
        target = str(path) if path is not None else ":memory:"
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(target, check_same_thread=False, timeout=30)
        self._lock = threading.Lock()
        with self._lock, self._connection:
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS answers "
                "(url TEXT PRIMARY KEY, status INTEGER, body TEXT, stored REAL)"
            )

    def get(self, url: str) -> tuple[int, Any] | None:
        with self._lock:
            row = self._connection.execute(
                "SELECT status, body, stored FROM answers WHERE url = ?", (url,)
            ).fetchone()
        if row is None or time.time() - row[2] > self.ttl:
            return None
        return row[0], json.loads(row[1]) if row[1] else None

    def put(self, url: str, status: int, body: Any) -> None:
        with self._lock, self._connection:
            self._connection.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                (url, status, json.dumps(body) if body is not None else "", time.time()),
            )

    def close(self) -> None:
        self._connection.close()


class OnlineRegistry:
    """Look-ups in the register's API. A failure gives a link with status "error" and the
    reason; it never raises for one name."""

    def __init__(
        self,
        cache: Path | None = None,
        base_url: str | None = None,
        settings: OnlineSettings | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = (base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip(
            "/"
        ) + API_PATH
        self.settings = settings or OnlineSettings()
        self._session = session or requests.Session()
        self._session.headers.update(
            {"Accept": "application/json", "User-Agent": f"nyhetsprofil/{__version__}"}
        )
        self._clock = _Clock(self.settings.requests_per_second)
        self._cache = _Cache(cache, self.settings.cache_ttl)

    def link(
        self, name: str, places: Iterable[str] = (), industry: str | None = None
    ) -> RegisterLink:
        tokens = name_tokens(name or "")
        if not tokens:
            return not_linked("not_looked_up", "no name to look up")
        places = list(places)
        deadline = time.monotonic() + self.settings.time_bound
        try:
            return self._link(name, places, industry, deadline)
        except LookupFailed as err:
            return not_linked("error", str(err))

    def by_number(self, number: str) -> RegisterLink:
        digits = digits_of(number or "")
        if not valid_org_number(digits):
            return not_linked("not_looked_up", f"{number!r} is not a valid organisation number")
        deadline = time.monotonic() + self.settings.time_bound
        try:
            unit = self._entity(digits, deadline)
            if unit is not None:
                return linked(unit, "org_number", 1.0)
            status, body = self._get(f"/underenheter/{digits}", {}, deadline)
            sub = unit_from_json(body, sub_unit=True) if status == 200 else None
            parent = self._entity(sub.parent, deadline) if sub and sub.parent else None
            if parent is not None:
                return linked(parent, "org_number", 1.0, branch_org_number=digits)
        except LookupFailed as err:
            return not_linked("error", str(err))
        return not_linked("not_found", f"{digits} is not in the register (or was removed)")

    def close(self) -> None:
        self._cache.close()
        self._session.close()

    def __enter__(self) -> OnlineRegistry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _link(
        self, name: str, places: list[str], industry: str | None, deadline: float
    ) -> RegisterLink:
        norm = " ".join(name_tokens(name))
        found, truncated, numbers = self._search("enheter", name, norm, deadline)
        exact = [u for u in found if u.norm == norm]
        if truncated:
            # Answers beyond what was read: ask again within the places' municipalities
            # (numbers as the answers give them), so a same-named one there is not missed.
            wanted = places_as_municipalities(places)
            for number in sorted(n for m, n in numbers.items() if m in wanted)[:2]:
                more, _, _ = self._search("enheter", name, norm, deadline, kommunenummer=number)
                exact += [u for u in more if u.norm == norm and u not in exact]
        subs: list[Unit] = []
        if not exact:  # a local branch's name (sub-units) only when no entity has it
            subs, _, _ = self._search("underenheter", name, norm, deadline)
            exact = [u for u in subs if u.norm == norm]

        def parent_of(number: str) -> Unit | None:
            return self._entity(number, deadline)

        decided = decide_exact(name, exact, parent_of, places, industry)
        if decided is not None:
            return decided
        return decide_near(name, found + subs, parent_of, truncated=truncated)

    def _search(
        self,
        kind: str,
        name: str,
        norm: str,
        deadline: float,
        kommunenummer: str | None = None,
    ) -> tuple[list[Unit], bool, dict[str, str]]:
        """The units a name search answers, whether more answers were left unread, and the
        municipality numbers seen (by casefolded municipality name). Answers come best
        first, so pages are read on only while the last one read still has the very name
        (up to MAX_PAGES); a same-named organisation is never cut off unseen."""
        units: list[Unit] = []
        for page in range(MAX_PAGES):
            got, total = self._search_page(kind, name, page, deadline, kommunenummer)
            units += got
            if total <= len(units) or not got:
                return units, False, _municipality_numbers(units)
            if got[-1].norm != norm:
                return units, True, _municipality_numbers(units)
        raise LookupFailed(f"more than {MAX_PAGES * SEARCH_SIZE} answers named {name!r}")

    def _search_page(
        self, kind: str, name: str, page: int, deadline: float, kommunenummer: str | None
    ) -> tuple[list[Unit], int]:
        params = {"navn": name, "size": str(SEARCH_SIZE)}
        if page:
            params["page"] = str(page)
        if kommunenummer:
            params["kommunenummer"] = kommunenummer
        status, body = self._get(f"/{kind}", params, deadline)
        if status != 200 or not isinstance(body, dict):
            raise LookupFailed(f"search {kind} answered {status}")
        items = (body.get("_embedded") or {}).get(kind) or []
        paging = body.get("page") or {}
        if not isinstance(items, list) or not isinstance(paging, dict):
            raise LookupFailed(f"search {kind}: unexpected answer shape")
        sub_units = kind == "underenheter"
        units = [u for u in (unit_from_json(i, sub_unit=sub_units) for i in items) if u]
        total = paging.get("totalElements")
        return units, total if isinstance(total, int) else len(units)

    def _entity(self, number: str, deadline: float) -> Unit | None:
        status, body = self._get(f"/enheter/{number}", {}, deadline)
        if status == 200:
            return unit_from_json(body)
        return None  # 404: not in the register; 410: removed

    def _get(self, path: str, params: dict[str, str], deadline: float) -> tuple[int, Any]:
        url = requests.Request("GET", self.base_url + path, params=params).prepare().url or path
        if (cached := self._cache.get(url)) is not None:
            return cached
        status, body = self._fetch(url, deadline)
        self._cache.put(url, status, body)
        return status, body

    def _fetch(self, url: str, deadline: float) -> tuple[int, Any]:
        """One answer in DEFINITIVE, after retries; LookupFailed when there is none in time."""
        s = self.settings
        problem = "no attempt"
        for attempt in range(s.retries + 1):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self._clock.wait()
            wait = s.backoff * 2**attempt
            try:
                response = self._session.get(url, timeout=min(s.timeout, max(left, 0.1)))
            except (requests.Timeout, requests.ConnectionError) as err:
                problem = f"{type(err).__name__} on {url}"
            else:
                if response.status_code in DEFINITIVE:
                    return response.status_code, _json_of(response, url)
                problem = f"HTTP {response.status_code} on {url}"
                if response.status_code != 429 and response.status_code < 500:
                    raise LookupFailed(problem)  # 400 and kin: asking again changes nothing
                if (after := _retry_after(response)) is not None:
                    if after > s.max_retry_after or after > deadline - time.monotonic():
                        raise LookupFailed(f"{problem}, Retry-After {after:g} s is too long")
                    wait = after
            if attempt < s.retries:
                time.sleep(max(0.0, min(wait, deadline - time.monotonic())))
        raise LookupFailed(f"gave up: {problem}")


def _municipality_numbers(units: list[Unit]) -> dict[str, str]:
    return {
        u.municipality.casefold(): u.municipality_number
        for u in units
        if u.municipality and u.municipality_number
    }


def _json_of(response: requests.Response, url: str) -> Any:
    if response.status_code != 200:
        return None  # 404/410 bodies are error descriptions, not register data
    try:
        return response.json()
    except ValueError:
        raise LookupFailed(f"malformed JSON from {url}") from None


def _retry_after(response: requests.Response) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date."""
    value = (response.headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
