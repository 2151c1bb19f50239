"""The fetcher against a local server that misbehaves on purpose."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline.errors import PipelineError
from pipeline.fetch import Fetcher
from pipeline.options import FetchOptions, RunOptions
from pipeline.run import parse_raw, run_batch

NORWEGIAN_PAGE = (
    "<html><head><title>Sjøbris Energi satser</title></head><body><article>"
    "<h1>Sjøbris Energi satser på bærekraft</h1>"
    "<p>Energiselskapet Sjøbris Energi (Tønsberg) vil kutte utslippene og jobber med bærekraftsmål 7 og 13.</p>"
    "<p>– Vi må gjøre mer for klimaet, og det haster, sier daglig leder Åse Ødegård i Sjøbris Energi.</p>"
    "</article></body></html>"
)


class Misbehaving(BaseHTTPRequestHandler):
    counters: dict[str, int] = {}
    requests_seen: list[tuple[str, dict]] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def _count(self) -> int:
        self.counters[self.path] = self.counters.get(self.path, 0) + 1
        return self.counters[self.path]

    def _send(
        self, status: int, body: bytes, content_type="text/html; charset=utf-8", headers=None
    ):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.requests_seen.append((self.path, dict(self.headers)))
        n = self._count()
        path = self.path
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private\n", "text/plain")
        if path == "/ok":
            return self._send(200, NORWEGIAN_PAGE.encode())
        if path == "/plain":
            text = "Ny avtale i fjorden\n\nFjordlys Energi AS i Molde har signert en avtale."
            return self._send(200, text.encode(), "text/plain; charset=utf-8")
        if path == "/slow":
            time.sleep(2)
            return self._send(200, NORWEGIAN_PAGE.encode())
        if path == "/flaky":
            return self._send(500, b"oops") if n == 1 else self._send(200, NORWEGIAN_PAGE.encode())
        if path == "/ratelimited":
            if n == 1:
                return self._send(429, b"slow down", headers={"Retry-After": "1"})
            return self._send(200, NORWEGIAN_PAGE.encode())
        if path == "/missing":
            return self._send(404, b"nope")
        if path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return None
        if path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(20000):  # 1.3 GB if anyone read it all
                    self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        if path == "/latin1-nocharset":
            return self._send(200, NORWEGIAN_PAGE.encode("cp1252"), "text/html")
        if path == "/utf8-declared-latin1":
            return self._send(200, NORWEGIAN_PAGE.encode("utf-8"), "text/html; charset=iso-8859-1")
        if path == "/truncated":
            return self._send(200, NORWEGIAN_PAGE.encode()[: len(NORWEGIAN_PAGE) - 60])
        if path == "/malformed":
            return self._send(
                200,
                NORWEGIAN_PAGE.replace("</p>", "").replace("</article>", "<div><span>").encode(),
            )
        if path == "/binary":
            return self._send(200, bytes(range(256)) * 40, "image/png")
        if path == "/binary-as-html":
            return self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "text/html")
        if path == "/private/page":
            return self._send(200, NORWEGIAN_PAGE.encode())
        if path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return None
            return self._send(200, NORWEGIAN_PAGE.encode(), headers={"ETag": '"v1"'})
        return self._send(404, b"unknown")


@pytest.fixture()
def server():
    Misbehaving.counters = {}
    Misbehaving.requests_seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fast_options(tmp_path, **overrides) -> FetchOptions:
    settings = dict(
        connect_timeout=1.0,
        read_timeout=0.5,
        retries=1,
        backoff=0.05,
        host_delay=0.0,
        max_bytes=200_000,
        cache_dir=tmp_path / "cache",
    )
    settings.update(overrides)
    return FetchOptions(**settings)


def test_ok_page_parses_with_norwegian_letters(server, tmp_path):
    article = parse_raw(Fetcher(fast_options(tmp_path)).read(f"{server}/ok"))
    assert "Åse Ødegård" in article.text


def test_slow_response_times_out_quickly(server, tmp_path):
    start = time.monotonic()
    with pytest.raises(PipelineError, match="Timeout"):
        Fetcher(fast_options(tmp_path)).read(f"{server}/slow")
    assert time.monotonic() - start < 5


def test_500_then_200_is_retried(server, tmp_path):
    raw = Fetcher(fast_options(tmp_path)).read(f"{server}/flaky")
    assert b"Sj" in raw.data
    assert Misbehaving.counters["/flaky"] == 2


def test_429_honours_retry_after(server, tmp_path):
    start = time.monotonic()
    Fetcher(fast_options(tmp_path)).read(f"{server}/ratelimited")
    assert time.monotonic() - start >= 0.9


def test_404_is_a_clear_error(server, tmp_path):
    with pytest.raises(PipelineError, match="HTTP 404"):
        Fetcher(fast_options(tmp_path)).read(f"{server}/missing")


def test_redirect_loop_is_capped(server, tmp_path):
    with pytest.raises(PipelineError, match="redirects"):
        Fetcher(fast_options(tmp_path)).read(f"{server}/loop")


def test_body_over_the_cap_is_refused_without_reading_it(server, tmp_path):
    start = time.monotonic()
    with pytest.raises(PipelineError, match="limit"):
        Fetcher(fast_options(tmp_path)).read(f"{server}/huge")
    assert time.monotonic() - start < 5


@pytest.mark.parametrize("path", ["/latin1-nocharset", "/utf8-declared-latin1"])
def test_wrong_or_missing_charset_gives_correct_letters(server, tmp_path, path):
    article = parse_raw(Fetcher(fast_options(tmp_path)).read(f"{server}{path}"))
    assert "Sjøbris Energi" in article.title
    assert "Åse Ødegård" in article.text


@pytest.mark.parametrize("path", ["/truncated", "/malformed"])
def test_truncated_and_malformed_html_still_parse(server, tmp_path, path):
    article = parse_raw(Fetcher(fast_options(tmp_path)).read(f"{server}{path}"))
    assert "Energiselskapet Sjøbris Energi" in article.text


def test_binary_content_type_is_refused(server, tmp_path):
    with pytest.raises(PipelineError, match="not HTML or text"):
        Fetcher(fast_options(tmp_path)).read(f"{server}/binary")


def test_binary_body_labelled_html_is_refused(server, tmp_path):
    raw = Fetcher(fast_options(tmp_path)).read(f"{server}/binary-as-html")
    with pytest.raises(PipelineError, match="binary"):
        parse_raw(raw)


def test_robots_txt_is_respected(server, tmp_path):
    with pytest.raises(PipelineError, match="robots.txt"):
        Fetcher(fast_options(tmp_path)).read(f"{server}/private/page")


def test_only_http_and_https(tmp_path):
    with pytest.raises(PipelineError, match="only http and https"):
        Fetcher(fast_options(tmp_path)).read("ftp://example.no/sak.html")


def test_conditional_request_uses_the_cache(server, tmp_path):
    first = Fetcher(fast_options(tmp_path)).read(f"{server}/etag")
    second = Fetcher(fast_options(tmp_path)).read(f"{server}/etag")
    assert first.data == second.data
    etag_requests = [headers for path, headers in Misbehaving.requests_seen if path == "/etag"]
    assert etag_requests[1].get("If-None-Match") == '"v1"'


def test_per_host_delay(server, tmp_path):
    fetcher = Fetcher(fast_options(tmp_path, host_delay=0.5))
    start = time.monotonic()
    fetcher.read(f"{server}/ok")
    fetcher.read(f"{server}/ok")
    assert time.monotonic() - start >= 0.5


def test_user_agent_is_descriptive(server, tmp_path):
    Fetcher(fast_options(tmp_path)).read(f"{server}/ok")
    agent = next(h for p, h in Misbehaving.requests_seen if p == "/ok")["User-Agent"]
    assert agent.startswith("nyhetsprofil/")


def test_a_batch_of_misbehaving_urls_writes_the_good_ones(server, tmp_path):
    good = ["/ok", "/flaky", "/ratelimited", "/latin1-nocharset", "/truncated", "/malformed"]
    bad = ["/missing", "/loop", "/huge", "/binary", "/binary-as-html", "/private/page", "/slow"]
    out = tmp_path / "out"
    lines: list[str] = []
    start = time.monotonic()
    result = run_batch(
        [f"{server}{p}" for p in bad + good],
        out,
        options=RunOptions(model="blank:nb", fetch=fast_options(tmp_path)),
        report=lines.append,
    )
    assert time.monotonic() - start < 60
    assert {e.input.removeprefix(server) for e in result.errors} == set(bad)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert {e["input"].removeprefix(server) for e in errors} == set(bad)
    assert all(e["stage"] and e["error_type"] and e["message"] for e in errors)
    assert result.written + result.duplicates == len(good)  # the same page at several URLs
    # several good URLs serve the same page: same content, same id, one profile
    assert len((out / "profiles.jsonl").read_text().splitlines()) >= 1


def test_a_plain_text_page_keeps_its_url(server, tmp_path):
    article = parse_raw(Fetcher(fast_options(tmp_path)).read(f"{server}/plain"))
    assert article.url == f"{server}/plain"
    assert article.title == "Ny avtale i fjorden"


def test_a_host_that_does_not_resolve_fails_at_once_and_says_so(tmp_path, monkeypatch):
    """No network (or a mistyped host) is one clear line after one attempt, not four
    retries of a 'ConnectionError'."""
    import socket

    import requests
    from urllib3.exceptions import MaxRetryError, NameResolutionError

    attempts = []

    def no_dns(self, url, **kwargs):
        attempts.append(url)
        cause = NameResolutionError(
            "nyheter.example", None, socket.gaierror(-2, "Name or service not known")
        )
        raise requests.ConnectionError(MaxRetryError(None, url, cause))

    monkeypatch.setattr(requests.Session, "get", no_dns)
    options = fast_options(tmp_path, respect_robots=False, retries=3)
    with pytest.raises(PipelineError, match="cannot resolve host nyheter.example: no network"):
        Fetcher(options).read("http://nyheter.example/sak")
    assert len(attempts) == 1
