"""Fetch stage: an input reference (file path or http(s) URL) -> raw bytes with provenance.

A polite, robust client: one ``requests`` session; connect and read timeouts; retries with
exponential backoff on connection errors, 429 and 5xx (honouring Retry-After, capped);
a cap on redirects and on the body size (streamed, so a huge response costs nothing);
HTML or text content types only; a descriptive User-Agent; robots.txt respected; a delay
between requests to the same host; and an on-disk cache with conditional requests (ETag,
Last-Modified), so a re-run does not download again.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from pipeline import __version__
from pipeline.errors import PipelineError
from pipeline.options import FetchOptions

INPUT_SUFFIXES = (".html", ".htm", ".txt")
USER_AGENT = f"nyhetsprofil/{__version__} (Norwegian news text mining; python-requests)"
_RETRY_STATUS = {429, 500, 502, 503, 504}
_ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/xml",
    "text/xml",
)


@dataclass(frozen=True)
class RawInput:
    source: str
    data: bytes
    content_type: str | None = None
    url: str | None = None
    charset: str | None = None  # from the HTTP header, a hint for decoding


def is_url(value: str) -> bool:
    return urlparse(value).scheme in ("http", "https")


def expand_inputs(
    items: Iterable[str], skipped: Callable[[str, str], None] | None = None
) -> Iterator[str]:
    """Files, directories (recursively, .html/.htm/.txt) and URLs, lazily, in a stable order.
    A file in a folder that is not an article is reported through ``skipped`` (with why)."""
    for item in items:
        if is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue  # hidden files and folders (.git, an output's .cache)
                if child.is_symlink() and not child.exists():
                    if skipped:
                        skipped(str(child), "a broken link")
                elif child.is_file() and child.suffix.lower() in INPUT_SUFFIXES:
                    yield str(child)
                elif child.is_file() and skipped:
                    kind = child.suffix.lower() or "no suffix"
                    skipped(
                        str(child), f"not an article file ({kind}; .html, .htm and .txt are read)"
                    )
        else:
            yield item  # a missing or unreadable file fails in read_input, with its own error


STDIN = "-"


def read_stdin(max_bytes: int) -> RawInput:
    """``pipeline run -``: one article piped in (``cat sak.html | pipeline run -``)."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PipelineError(
            "read", f"standard input is over the {max_bytes}-byte limit (raise it with --max-bytes)"
        )
    return RawInput(source="<stdin>", data=data)


def read_file(item: str, max_bytes: int) -> RawInput:
    if "://" in item:
        raise PipelineError(
            "read", f"only http and https URLs are accepted, not {item.split('://')[0]}://"
        )
    path = Path(item)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise PipelineError(
                "read",
                f"file is {size} bytes, over the {max_bytes}-byte limit (raise it with --max-bytes)",
            )
        return RawInput(source=item, data=path.read_bytes())
    except FileNotFoundError as err:
        raise PipelineError("read", f"no such file: {item}") from err
    except IsADirectoryError as err:
        raise PipelineError("read", f"is a directory with no articles: {item}") from err
    except PermissionError as err:
        raise PipelineError("read", f"permission denied: {item}") from err
    except OSError as err:
        raise PipelineError("read", f"cannot read {item}: {err.strerror or err}") from err


class Fetcher:
    """Reads inputs: files from disk, URLs over HTTP with the politeness rules above."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._session = None
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last_request: dict[str, float] = {}

    def read(self, item: str) -> RawInput:
        if is_url(item):
            return self.fetch(item)
        if item == STDIN:
            return read_stdin(self.options.max_bytes)
        return read_file(item, self.options.max_bytes)

    @property
    def session(self):
        if self._session is None:
            import requests

            session = requests.Session()
            session.headers["User-Agent"] = USER_AGENT
            session.headers["Accept"] = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
            session.max_redirects = self.options.max_redirects
            self._session = session
        return self._session

    def fetch(
        self, url: str, accept: tuple[str, ...] = _ACCEPTED_TYPES, max_bytes: int | None = None
    ) -> RawInput:
        """``accept`` and ``max_bytes`` widen the defaults for feeds and sitemaps (XML and
        gzip types; the sitemap protocol's own size limit), everything else is shared."""
        import requests

        if self.options.respect_robots and not self._allowed(url):
            raise PipelineError("fetch", f"robots.txt of {urlparse(url).netloc} disallows {url}")
        cached = self._cache_load(url)
        headers = _conditional_headers(cached)
        opts = self.options
        for attempt in range(opts.retries + 1):
            self._wait_for_host(url)
            try:
                with self.session.get(
                    url,
                    headers=headers,
                    timeout=(opts.connect_timeout, opts.read_timeout),
                    stream=True,
                ) as response:
                    if response.status_code == 304 and cached:
                        return cached[0]
                    if response.status_code in _RETRY_STATUS and attempt < opts.retries:
                        delay = _retry_delay(
                            response.headers.get("Retry-After"), opts.backoff * 2**attempt
                        )
                        time.sleep(min(delay, opts.max_retry_after))
                        continue
                    if response.status_code >= 400:
                        raise PipelineError(
                            "fetch",
                            f"HTTP {response.status_code} {response.reason or ''}".strip()
                            + f" from {url}",
                        )
                    raw = self._read_response(url, response, accept, max_bytes)
                    self._cache_store(url, raw, response.headers)
                    return raw
            except requests.TooManyRedirects as err:
                raise PipelineError(
                    "fetch", f"more than {opts.max_redirects} redirects from {url}"
                ) from err
            except (
                requests.ConnectionError,
                requests.Timeout,
                requests.exceptions.ChunkedEncodingError,
            ) as err:
                if _name_not_resolved(err):  # no network or no such host: retrying cannot help
                    raise PipelineError(
                        "fetch",
                        f"cannot resolve host {urlparse(url).hostname}: no network connection, "
                        "or no such host (check the address)",
                    ) from err
                if attempt >= opts.retries:
                    raise PipelineError(
                        "fetch", f"{type(err).__name__} for {url} after {opts.retries + 1} attempts"
                    ) from err
                time.sleep(opts.backoff * 2**attempt)
        raise PipelineError("fetch", f"HTTP errors from {url} after {opts.retries + 1} attempts")

    def _read_response(
        self, url: str, response, accept: tuple[str, ...], max_bytes: int | None
    ) -> RawInput:
        content_type = response.headers.get("Content-Type", "")
        mime = content_type.split(";")[0].strip().lower()
        if mime and mime not in accept:
            what = "HTML or text" if accept is _ACCEPTED_TYPES else "a feed or sitemap"
            raise PipelineError("fetch", f"not {what}: Content-Type {mime} from {url}")
        data = _read_capped(response, max_bytes or self.options.max_bytes)
        return RawInput(
            source=url,
            data=data,
            content_type=mime or None,
            url=response.url,
            charset=response.encoding if "charset=" in content_type.lower() else None,
        )

    # --- politeness -------------------------------------------------------------------------

    def _wait_for_host(self, url: str) -> None:
        host = urlparse(url).netloc
        last = self._last_request.get(host)
        if last is not None:
            pause = self.options.host_delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last_request[host] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        robots = self._robots_for(url)
        return robots is None or robots.can_fetch(USER_AGENT, url)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        parts = urlparse(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._read_robots(root)
        return self._robots[root]

    def _read_robots(self, root: str) -> urllib.robotparser.RobotFileParser | None:
        """None (allow all) when there is no robots.txt or it cannot be read."""
        import requests

        try:
            response = self.session.get(
                f"{root}/robots.txt",
                timeout=(self.options.connect_timeout, self.options.read_timeout),
                allow_redirects=True,
            )
        except requests.RequestException:
            return None
        if response.status_code >= 400:
            return None
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(response.text.splitlines())
        return parser

    def robots_sitemaps(self, url: str) -> list[str]:
        """The ``Sitemap:`` lines of the robots.txt of ``url``'s site (read once per site,
        also when --ignore-robots is given: reading them is not obeying them)."""
        robots = self._robots_for(url)
        return list((robots.site_maps() if robots else None) or [])

    def validators(self, url: str) -> dict[str, str]:
        """The ETag and Last-Modified the cache holds for ``url`` (for the sources' state)."""
        cached = self._cache_load(url)
        meta = cached[1] if cached else {}
        return {k: meta[k] for k in ("etag", "last_modified") if meta.get(k)}

    # --- cache ----------------------------------------------------------------------------

    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.options.cache_dir is None:
            return None
        key = hashlib.sha256(url.encode()).hexdigest()
        return self.options.cache_dir / f"{key}.body", self.options.cache_dir / f"{key}.json"

    def _cache_load(self, url: str) -> tuple[RawInput, dict] | None:
        paths = self._cache_paths(url)
        if not paths or not paths[0].exists() or not paths[1].exists():
            return None
        try:
            meta = json.loads(paths[1].read_text("utf-8"))
            raw = RawInput(
                source=url,
                data=paths[0].read_bytes(),
                content_type=meta.get("content_type"),
                url=meta.get("url"),
                charset=meta.get("charset"),
            )
        except (OSError, ValueError):
            return None
        return raw, meta

    def _cache_store(self, url: str, raw: RawInput, headers) -> None:
        paths = self._cache_paths(url)
        if not paths or not (headers.get("ETag") or headers.get("Last-Modified")):
            return
        from pipeline.write import atomic_write_bytes, atomic_write_text

        meta = {
            "etag": headers.get("ETag"),
            "last_modified": headers.get("Last-Modified"),
            "content_type": raw.content_type,
            "url": raw.url,
            "charset": raw.charset,
        }
        atomic_write_bytes(paths[0], raw.data)
        atomic_write_text(paths[1], json.dumps(meta))


def _conditional_headers(cached: tuple[RawInput, dict] | None) -> dict[str, str]:
    if not cached:
        return {}
    meta = cached[1]
    headers = {}
    if meta.get("etag"):
        headers["If-None-Match"] = meta["etag"]
    if meta.get("last_modified"):
        headers["If-Modified-Since"] = meta["last_modified"]
    return headers


def _retry_delay(header: str | None, default: float) -> float:
    if header and header.strip().isdigit():
        return float(header.strip())
    return default


def _read_capped(response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise PipelineError(
            "fetch",
            f"response is {declared} bytes, over the {max_bytes}-byte limit (raise it with --max-bytes)",
        )
    chunks, total = [], 0
    for chunk in response.iter_content(chunk_size=65536):
        total += len(chunk)
        if total > max_bytes:
            raise PipelineError(
                "fetch", f"response exceeds the {max_bytes}-byte limit (raise it with --max-bytes)"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def read_input(item: str, *, max_bytes: int | None = None) -> RawInput:
    """Read one input with default options (a convenience for scripts and tests)."""
    options = FetchOptions() if max_bytes is None else FetchOptions(max_bytes=max_bytes)
    return Fetcher(options).read(item)


def _name_not_resolved(err: BaseException) -> bool:
    """Whether a connection failed on name resolution (DNS), anywhere in its causes
    (requests wraps urllib3's MaxRetryError, which wraps NameResolutionError/gaierror)."""
    import socket

    from urllib3.exceptions import NameResolutionError

    pending: list[BaseException] = [err]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, NameResolutionError | socket.gaierror):
            return True
        links = (getattr(current, "reason", None), current.__cause__, current.__context__)
        pending += [x for x in (*links, *current.args) if isinstance(x, BaseException)]
    return False
