"""The online register against a loopback stub of the register's API.

The stub answers in the shapes of the register's OpenAPI description (brreg/openAPI,
specs/enhetsregisteret.yml): GET /enheter and /underenheter searches (navn, kommunenummer,
size) as HAL with ``_embedded`` and ``page``, GET /enheter/{organisasjonsnummer} with 200, 404
or 410; and it misbehaves on purpose for some names.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from pipeline.registry import BASE_URL_ENV, OnlineSettings, open_registry
from pipeline.registry.names import name_tokens
from tests.registry_data import N, entities, sub_units

API = "/enhetsregisteret/api"
ENTITIES = {
    e["organisasjonsnummer"]: e
    for e in entities()
    if isinstance(e, dict) and "organisasjonsnummer" in e
}
SUB_UNITS = {s["organisasjonsnummer"]: s for s in sub_units()}
REMOVED = N["gullvik_old"]


class RegisterStub(BaseHTTPRequestHandler):
    seen: list[str] = []
    counts: dict[str, int] = {}

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value, headers: dict | None = None) -> None:
        self._send(status, json.dumps(value).encode(), headers)

    def do_GET(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.seen.append(self.path)
        key = f"{url.path}?{query.get('navn', '')}"
        self.counts[key] = self.counts.get(key, 0) + 1
        if url.path == f"{API}/enheter":
            return self._search("enheter", ENTITIES, query, self.counts[key])
        if url.path == f"{API}/underenheter":
            return self._search("underenheter", SUB_UNITS, query, self.counts[key])
        for kind, known in (("enheter", ENTITIES), ("underenheter", SUB_UNITS)):
            prefix = f"{API}/{kind}/"
            if url.path.startswith(prefix):
                number = url.path[len(prefix) :]
                if number == REMOVED:
                    return self._json(410, {"status": 410, "error": "Gone"})
                if number in known:
                    return self._json(200, known[number])
                # the API's error body on an unknown number
                return self._json(404, {"status": 404, "error": "Not Found", "path": url.path})
        return self._json(404, {"status": 404})

    def _search(self, kind: str, known: dict, query: dict, count: int) -> None:
        name = query.get("navn", "")
        if name == "Treg Energi":
            time.sleep(1.5)  # longer than the client's timeout
        if name == "Feil Energi":
            return self._send(500, b'{"status": 500}')
        if name == "Ustabil Energi" and count == 1:
            return self._send(503, b"busy")
        if name == "Kø Energi" and count == 1:
            return self._json(429, {"status": 429}, {"Retry-After": "1"})
        if name == "Lang Kø Energi":
            return self._json(429, {"status": 429}, {"Retry-After": "3600"})
        if name == "Rot Energi":
            return self._send(200, b'{"_embedded": {"enheter": [{"organisasjonsnummer": ')
        words = set(name_tokens(name))
        hits = [
            record
            for record in known.values()
            if words <= set(name_tokens(record["navn"]))
            and record.get("organisasjonsnummer") != REMOVED
            and (
                "kommunenummer" not in query
                or (
                    record.get("forretningsadresse") or record.get("beliggenhetsadresse") or {}
                ).get("kommunenummer")
                == query["kommunenummer"]
            )
        ]
        size, number = int(query.get("size", 20)), int(query.get("page", 0))
        shown = hits[number * size : (number + 1) * size]
        page = {
            "size": size,
            "totalElements": len(hits),
            "totalPages": -(-len(hits) // size),
            "number": number,
        }
        answer: dict = {"_links": {"self": {"href": self.path}}, "page": page}
        if shown:  # an empty result has no _embedded
            answer["_embedded"] = {kind: shown}
        return self._json(200, answer)


@pytest.fixture(scope="module")
def stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RegisterStub)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


FAST = OnlineSettings(requests_per_second=100, timeout=0.5, retries=2, backoff=0.05, time_bound=5.0)


@pytest.fixture
def online(stub, tmp_path):
    RegisterStub.seen.clear()
    RegisterStub.counts.clear()
    with open_registry(
        "online", cache=tmp_path / "cache.db", base_url=stub, settings=FAST
    ) as registry:
        yield registry


def test_200_links_with_the_register_facts(online):
    link = online.link("Fjordlys Energi")
    assert link.status_of_lookup == "linked" and link.org_number == N["fjordlys"]
    assert (link.form, link.nace_code, link.municipality) == ("AS", "35.111", "BERGEN")
    assert link.method == "normalised"
    assert any("navn=Fjordlys+Energi" in path and "size=" in path for path in RegisterStub.seen)


def test_places_break_ties_online(online):
    assert online.link("Nordvik Transport").status_of_lookup == "ambiguous"
    link = online.link("Nordvik Transport", places=["Bergen"])
    assert link.org_number == N["nordvik_bergen"] and link.tie_break == "place"


def test_a_branch_found_among_sub_units_links_its_parent(online):
    link = online.link("Fjordlys Energi avd. Tromsø")
    assert link.status_of_lookup == "linked" and link.org_number == N["fjordlys"]
    assert link.method == "branch" and link.branch_org_number == N["tromsø_sub"]


def test_an_empty_result_is_not_found(online):
    assert online.link("Kvitberg Media").status_of_lookup == "not_found"


def test_404_and_410_by_number_are_not_found(online):
    assert online.by_number("974760673").status_of_lookup == "not_found"
    assert online.by_number(REMOVED).status_of_lookup == "not_found"
    found = online.by_number(N["sjøbris"])
    assert found.org_number == N["sjøbris"] and found.method == "org_number"
    branch = online.by_number(N["tromsø_sub"])
    assert branch.org_number == N["fjordlys"] and branch.branch_org_number == N["tromsø_sub"]


def test_429_waits_for_retry_after_then_answers(online):
    started = time.monotonic()
    link = online.link("Kø Energi")
    assert time.monotonic() - started >= 0.9  # Retry-After: 1 honoured
    assert link.status_of_lookup == "not_found"  # answered; the name is not registered
    assert RegisterStub.counts[f"{API}/enheter?Kø Energi"] == 2


def test_a_retry_after_longer_than_the_bound_gives_up_at_once(online):
    started = time.monotonic()
    link = online.link("Lang Kø Energi")
    assert link.status_of_lookup == "error" and "Retry-After" in link.reason
    assert time.monotonic() - started < 1.0


def test_500_is_retried_then_an_error(online):
    assert online.link("Ustabil Energi").status_of_lookup == "not_found"  # 503 once, then 200
    started = time.monotonic()
    link = online.link("Feil Energi")
    assert link.status_of_lookup == "error" and "HTTP 500" in link.reason
    assert RegisterStub.counts[f"{API}/enheter?Feil Energi"] == 1 + FAST.retries
    assert time.monotonic() - started < 2.0


def test_a_timeout_is_an_error_within_the_bound(online):
    started = time.monotonic()
    link = online.link("Treg Energi")
    assert link.status_of_lookup == "error" and "Timeout" in link.reason
    assert time.monotonic() - started < FAST.time_bound


def test_malformed_json_is_an_error_and_not_cached(online):
    assert online.link("Rot Energi").status_of_lookup == "error"
    assert "malformed JSON" in online.link("Rot Energi").reason
    assert RegisterStub.counts[f"{API}/enheter?Rot Energi"] == 2  # asked again, not cached


def test_answers_are_cached_until_their_time_to_live(stub, tmp_path):
    RegisterStub.counts.clear()
    cache = tmp_path / "cache.db"
    with open_registry("online", cache=cache, base_url=stub, settings=FAST) as registry:
        registry.link("Sjøbris Bygg og Anlegg")
    with open_registry("online", cache=cache, base_url=stub, settings=FAST) as registry:
        assert registry.link("Sjøbris Bygg og Anlegg").org_number == N["sjøbris"]
    assert RegisterStub.counts[f"{API}/enheter?Sjøbris Bygg og Anlegg"] == 1
    expired = OnlineSettings(**{**FAST.__dict__, "cache_ttl": 0.0})
    with open_registry("online", cache=cache, base_url=stub, settings=expired) as registry:
        registry.link("Sjøbris Bygg og Anlegg")
    assert RegisterStub.counts[f"{API}/enheter?Sjøbris Bygg og Anlegg"] == 2


def test_the_base_url_comes_from_the_environment(stub, tmp_path, monkeypatch):
    monkeypatch.setenv(BASE_URL_ENV, stub)
    with open_registry("online", cache=tmp_path / "c.db", settings=FAST) as registry:
        assert registry.base_url == stub + API
        assert registry.link("Fjordlys Energi").org_number == N["fjordlys"]


def test_requests_are_rate_limited(stub, tmp_path):
    slow = OnlineSettings(**{**FAST.__dict__, "requests_per_second": 10.0})
    with open_registry("online", cache=tmp_path / "c.db", base_url=stub, settings=slow) as registry:
        started = time.monotonic()
        for n in range(5):
            registry.link(f"Kvitberg Media {n}")
    assert time.monotonic() - started >= 0.4


def test_an_unreachable_server_is_an_error_not_an_exception(tmp_path):
    with open_registry(
        "online", cache=tmp_path / "c.db", base_url="http://127.0.0.1:9", settings=FAST
    ) as registry:
        link = registry.link("Fjordlys Energi")
    assert link.status_of_lookup == "error" and "ConnectionError" in link.reason


def test_a_same_named_organisation_on_a_later_page_is_not_missed(online, monkeypatch):
    monkeypatch.setattr("pipeline.registry.online.SEARCH_SIZE", 1)
    assert online.link("Nordvik Transport").status_of_lookup == "ambiguous"
    assert online.link("Nordvik Transport", places=["Oslo"]).org_number == N["nordvik_oslo"]
    assert any("page=1" in path for path in RegisterStub.seen)


def test_municipality_filter_when_answers_are_left_unread(online, monkeypatch):
    monkeypatch.setattr("pipeline.registry.online.SEARCH_SIZE", 1)
    # "Stjernevik": two answers, one read; the first's municipality is asked again filtered
    link = online.link("Stjernevik", places=["Oslo"])
    assert link.status_of_lookup == "ambiguous"  # a short form with answers unread: no guess
    assert any("kommunenummer=0301" in path for path in RegisterStub.seen)
