"""One options object that flows through the stages (defaults here, overridden by the CLI)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class FetchOptions:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5  # seconds, doubled each retry
    max_retry_after: float = 30.0  # never sleep longer than this on a Retry-After header
    max_redirects: int = 5
    max_bytes: int = 10 * 1024 * 1024
    host_delay: float = 1.0  # seconds between requests to the same host
    respect_robots: bool = True
    cache_dir: Path | None = None  # on-disk HTTP cache; None disables it


@dataclass(frozen=True)
class Limits:
    """What a single input may cost; exceeding one is a clear error for that input only."""

    max_bytes: int = 10 * 1024 * 1024
    max_chars: int = 400_000  # mined text; a 400k-character "article" is a dump, not news
    max_blocks: int = 5_000
    max_seconds: float = 60.0  # parse + NLP + extract wall time per input


@dataclass(frozen=True)
class ItemMeta:
    """What a feed or news sitemap says about an article: used only where the page is silent."""

    title: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunOptions:
    model: str | None = None
    force: bool = False  # redo inputs whose content and pipeline version are unchanged
    workers: int = 1
    batch_size: int = 32  # texts per nlp.pipe batch, at most
    batch_words: int = 4_000  # words per nlp.pipe batch, at most (memory grows with them)
    fetch: FetchOptions = field(default_factory=FetchOptions)
    limits: Limits = field(default_factory=Limits)
    language: str | None = None  # "nb"/"nn" forces the language and mines foreign texts too
    item_meta: Mapping[str, ItemMeta] = field(default_factory=dict)  # input -> its feed's metadata
    # Enhetsregisteret: an index file (pipeline registry import) or "online"; None: no look-up
    registry: str | None = None
    registry_cache: Path | None = None  # where online answers are kept (SQLite)
