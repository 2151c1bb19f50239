"""Fetch stage: an input reference (file path or http(s) URL) -> raw bytes with provenance.

One ``requests`` session, connect/read timeouts, retries with backoff on connection errors,
429 and 5xx (honouring Retry-After), a cap on redirects and on the streamed body size,
and a content-type check (HTML or text only).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from pipeline import __version__
from pipeline.errors import PipelineError

INPUT_SUFFIXES = (".html", ".htm", ".txt")
MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = f"nyhetsprofil/{__version__} (+https://pypi.org/project/nyhetsprofil; Norwegian news text mining)"
_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class RawInput:
    source: str
    data: bytes
    content_type: str | None = None
    url: str | None = None


def is_url(value: str) -> bool:
    return urlparse(value).scheme in ("http", "https")


def expand_inputs(items: Iterable[str]) -> Iterator[str]:
    """Files, directories (recursively, .html/.htm/.txt) and URLs, lazily, in a stable order."""
    for item in items:
        if is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in INPUT_SUFFIXES:
                    yield str(child)
        else:
            yield item  # a missing or unreadable file fails in read_input, with its own error


def read_input(item: str, *, max_bytes: int = MAX_BYTES, session=None) -> RawInput:
    if is_url(item):
        return fetch_url(item, max_bytes=max_bytes, session=session)
    if "://" in item:
        raise PipelineError("read", f"only http and https URLs are accepted, not {item.split('://')[0]}://")
    path = Path(item)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise PipelineError("read", f"file is {size} bytes, over the {max_bytes}-byte limit")
        return RawInput(source=item, data=path.read_bytes())
    except FileNotFoundError as err:
        raise PipelineError("read", f"no such file: {item}") from err
    except IsADirectoryError as err:
        raise PipelineError("read", f"is a directory with no articles: {item}") from err
    except PermissionError as err:
        raise PipelineError("read", f"permission denied: {item}") from err


def make_session():
    import requests

    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
    session.max_redirects = 5
    return session


def fetch_url(
    url: str,
    *,
    max_bytes: int = MAX_BYTES,
    session=None,
    timeout: tuple[float, float] = (5.0, 20.0),
    retries: int = 3,
    backoff: float = 0.5,
) -> RawInput:
    import requests

    session = session or make_session()
    for attempt in range(retries + 1):
        try:
            with session.get(url, timeout=timeout, stream=True) as response:
                if response.status_code in _RETRY_STATUS and attempt < retries:
                    time.sleep(_retry_delay(response.headers.get("Retry-After"), backoff * 2**attempt))
                    continue
                if response.status_code >= 400:
                    raise PipelineError("fetch", f"HTTP {response.status_code} from {url}")
                content_type = response.headers.get("Content-Type", "")
                if content_type and not any(t in content_type for t in ("html", "text/plain", "xml")):
                    raise PipelineError("fetch", f"not HTML or text: Content-Type {content_type}")
                data = _read_capped(response, max_bytes)
                return RawInput(source=url, data=data, content_type=content_type or None, url=response.url)
        except requests.TooManyRedirects as err:
            raise PipelineError("fetch", f"too many redirects from {url}") from err
        except (requests.ConnectionError, requests.Timeout) as err:
            if attempt >= retries:
                raise PipelineError("fetch", f"{type(err).__name__} for {url} after {retries + 1} attempts") from err
            time.sleep(backoff * 2**attempt)
    raise PipelineError("fetch", f"gave up on {url}")


def _retry_delay(header: str | None, default: float, cap: float = 30.0) -> float:
    if header and header.strip().isdigit():
        return min(float(header.strip()), cap)
    return default


def _read_capped(response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise PipelineError("fetch", f"response is {declared} bytes, over the {max_bytes}-byte limit")
    chunks, total = [], 0
    for chunk in response.iter_content(chunk_size=65536):
        total += len(chunk)
        if total > max_bytes:
            raise PipelineError("fetch", f"response exceeds the {max_bytes}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)
