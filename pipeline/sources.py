"""Follow news sources: RSS and Atom feeds, sitemaps (indexes, gzip, Google News sitemaps),
the feeds and sitemaps a homepage points to, and a state in the output folder so that the
same command run again (from cron) fetches only the articles that are new or changed.

Every request goes through the ``Fetcher`` (robots.txt, per-host delay, retries, size cap,
HTTP cache with conditional requests), so a feed that has not changed costs one 304.
Feeds are parsed by feedparser. Sitemaps are read here, with defusedxml: the protocol is
three elements (urlset/url, sitemapindex/sitemap, news:news), and the tree walk must be
ours anyway to bound it, detect loops, skip old sub-sitemaps and use the Fetcher.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

from pipeline.errors import PipelineError
from pipeline.fetch import Fetcher, RawInput, is_url
from pipeline.options import FetchOptions, ItemMeta
from pipeline.write import ErrorRecord, atomic_write_text

Note = Callable[[str], None]

# What feeds and sitemaps are served as. HTML and plain text are let through so the reader
# can say "an HTML page, not a feed" (and plain text is a valid sitemap format).
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/octet-stream",
)
SITEMAP_TYPES = (*FEED_TYPES, "application/gzip", "application/x-gzip")
SOURCE_MAX_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limit for one file, uncompressed
MAX_FEED_ITEMS = 1000  # a feed is a window of recent items; more is an archive dump
MAX_SITEMAPS = 500  # sitemap files read per run, so a huge or looping index stays bounded
MAX_SITEMAP_DEPTH = 3  # index -> index -> urlset is the deepest real sites go
STATE_FILE = ".sources-state.json"
_FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+xml")


@dataclass(frozen=True)
class Item:
    """One article a source lists: its canonical URL, what the source says about it, and
    the source's date for its last change (a new stamp means fetch it again)."""

    url: str
    source: str
    meta: ItemMeta = field(default_factory=ItemMeta)
    stamp: str | None = None


@dataclass
class Followed:
    """What following the sources gave: the articles to fetch this run, and the accounts."""

    items: list[Item] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    read: list[str] = field(default_factory=list)  # sources read without an error
    listed: int = 0
    seen: int = 0  # listed before and unchanged
    too_old: int = 0  # dated before --since
    pending: int = 0  # new, but over --max-articles: left for the next run
    sitemaps_read: set[str] = field(default_factory=set)  # each file once a run, loops or not
    sitemap_stamps: dict[str, str] = field(default_factory=dict)  # sub-sitemap -> index lastmod
    sitemaps_unchanged: int = 0  # sub-sitemaps not read: the same lastmod as when last done
    incomplete: set[str] = field(default_factory=set)  # sources with items left for later

    def done_sitemaps(self, failed: Iterable[str]) -> dict[str, str]:
        """Sub-sitemaps whose every article is now fetched or seen: the next run may skip
        them while their index gives the same lastmod. One with articles left by --since,
        --max-articles or a failure is read again."""
        failed = set(failed)
        failed_sources = {item.source for item in self.items if item.url in failed}
        left = self.incomplete | failed_sources
        return {url: stamp for url, stamp in self.sitemap_stamps.items() if url not in left}

    @property
    def urls(self) -> list[str]:
        return [item.url for item in self.items]

    @property
    def item_meta(self) -> dict[str, ItemMeta]:
        return {item.url: item.meta for item in self.items}

    def summary(self) -> str:
        sources = len(self.read) + len(self.errors)
        line = (
            f"pipeline run: {sources} sources: {self.listed} articles listed, "
            f"{self.seen} seen before, {len(self.items)} to fetch"
        )
        line += f", {self.too_old} older than --since" if self.too_old else ""
        if self.sitemaps_unchanged:
            line += f", {self.sitemaps_unchanged} sitemaps unchanged since the last run"
        line += f", {self.pending} left for the next run (--max-articles)" if self.pending else ""
        return line


# --- URLs ---------------------------------------------------------------------------------


def canonical_url(link: str, base: str | None = None) -> str | None:
    """The URL an article is known by: relative links read against ``base``, tracking
    parameters (utm_*, fbclid, ...) and the fragment dropped, host lower-cased (courlan)."""
    from courlan import normalize_url

    link = urljoin(base, link.strip()) if base else link.strip()
    if not is_url(link):
        return None
    try:
        return urldefrag(normalize_url(link))[0]
    except (ValueError, AttributeError):
        return None


def _site_root(url: str) -> str:
    parts = urlparse(url)
    return f"{parts.scheme}://{parts.netloc}"


# --- dates --------------------------------------------------------------------------------


def parse_when(value: str | None) -> date | None:
    """The calendar date of an RSS (RFC 822), Atom or sitemap (W3C) date, in the offset the
    publisher wrote: an article published 00:30 Norwegian time is of that day, not the UTC
    day before."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


# --- feeds --------------------------------------------------------------------------------


def read_feed(fetcher: Fetcher, url: str, note: Note) -> list[Item]:
    """The items of an RSS or Atom feed; raises PipelineError when it is not a feed."""
    raw = fetcher.fetch(url, accept=FEED_TYPES, max_bytes=SOURCE_MAX_BYTES)
    return feed_items(raw, url, note)


def feed_items(raw: RawInput, url: str, note: Note) -> list[Item]:
    import feedparser

    # no base given to feedparser: relative links stay relative here, so they can be counted
    parsed = feedparser.parse(raw.data)
    if not parsed.get("version"):
        raise PipelineError("feed", _not_a_feed(raw, parsed))
    entries = parsed.entries
    # an encoding declared wrongly but read right is not worth a line; broken XML is
    if parsed.get("bozo") and not isinstance(
        parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride
    ):
        note(
            f"feed {url}: not well-formed XML ({_first_line(parsed.get('bozo_exception'))}); "
            f"read leniently, {len(entries)} items"
        )
    if len(entries) > MAX_FEED_ITEMS:
        note(
            f"feed {url}: {len(entries)} items, more than a feed is read for; "
            f"the first {MAX_FEED_ITEMS} are read"
        )
        entries = entries[:MAX_FEED_ITEMS]
    items, without_link, relative = [], 0, 0
    for entry in entries:
        link = (entry.get("link") or "").strip()
        resolved = canonical_url(link, base=raw.url or url) if link else None
        if resolved is None:
            without_link += 1
            continue
        relative += not is_url(link)
        items.append(Item(resolved, url, _entry_meta(entry), _entry_stamp(entry)))
    if without_link:
        note(f"feed {url}: {without_link} items without a usable link, left out")
    if relative:
        note(f"feed {url}: {relative} relative links, read against the feed's address")
    return items


def _not_a_feed(raw: RawInput, parsed) -> str:
    if _looks_html(raw):
        feeds = feed_links(raw)
        hint = f" (it links to the feeds {', '.join(feeds[:3])})" if feeds else ""
        return f"an HTML page, not an RSS or Atom feed{hint}; --site URL finds a site's feeds"
    if parsed.get("bozo"):
        return (
            f"not an RSS or Atom feed: malformed XML ({_first_line(parsed.get('bozo_exception'))})"
        )
    return "not an RSS or Atom feed"


def _entry_meta(entry) -> ItemMeta:
    names = [a.get("name", "").strip() for a in entry.get("authors") or [] if a.get("name")]
    if not names and entry.get("author"):
        names = [entry["author"].strip()]
    title = " ".join((entry.get("title") or "").split()) or None
    published = parse_when(_field(entry, "published")) or parse_when(_field(entry, "updated"))
    return ItemMeta(title=title, published=published, authors=tuple(n for n in names if n))


def _entry_stamp(entry) -> str | None:
    return _field(entry, "updated") or _field(entry, "published") or None


def _field(entry, name: str) -> str | None:
    # dict.get: feedparser's own get maps a missing "updated" to "published", with a warning
    return dict.get(entry, name)


def _looks_html(raw: RawInput) -> bool:
    """An HTML page; an XML declaration wins over a Content-Type (servers label feeds and
    sitemaps text/html more often than one would think)."""
    head = raw.data[:2048].lstrip().lower()
    if head.startswith(b"<?xml"):
        return False
    return head.startswith((b"<!doctype html", b"<html")) or "html" in (raw.content_type or "")


def feed_links(raw: RawInput) -> list[str]:
    """The feeds a page declares: ``<link rel="alternate" type="application/rss+xml">``."""
    import lxml.html

    try:
        root = lxml.html.fromstring(raw.data)
    except (ValueError, lxml.etree.ParserError):
        return []
    base = raw.url or raw.source
    found: list[str] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = link.get("href")
        if "alternate" in rel and kind in _FEED_LINK_TYPES and href:
            url = canonical_url(href, base=base)
            if url and url not in found:
                found.append(url)
    return found


# --- sitemaps -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None = None
    meta: ItemMeta = field(default_factory=ItemMeta)


def parse_sitemap(raw: RawInput) -> tuple[str, list[SitemapEntry]]:
    """("index", sub-sitemaps) or ("urlset", pages) of one sitemap file, gzip or not, XML or
    plain text (one URL a line); raises PipelineError for anything else."""
    data = _gunzip(raw.data) if raw.data[:2] == b"\x1f\x8b" else raw.data
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark before <?xml
    if not data.strip():
        raise PipelineError("sitemap", "empty")
    if _looks_html(replace(raw, data=data)):
        raise PipelineError("sitemap", "an HTML page, not a sitemap")
    if not data.lstrip().startswith(b"<"):
        lines = data.decode("utf-8", "replace").splitlines()
        return "urlset", [SitemapEntry(line.strip()) for line in lines if is_url(line.strip())]
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data)  # defusedxml: no entity expansion, no external entities
    except (ParseError, DefusedXmlException) as err:
        raise PipelineError("sitemap", f"not well-formed XML ({_first_line(err)})") from err
    kind = _local(root.tag)
    if kind == "sitemapindex":
        return "index", [e for e in map(_entry, _children(root, "sitemap")) if e]
    if kind == "urlset":
        return "urlset", [e for e in map(_entry, _children(root, "url")) if e]
    if kind in ("rss", "feed", "RDF"):
        return "feed", []
    raise PipelineError("sitemap", f"not a sitemap: the root element is <{kind}>")


def _gunzip(data: bytes) -> bytes:
    """Decompressed, but never more than the protocol's 50 MB (a gzip bomb stops there)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, SOURCE_MAX_BYTES + 1)
    except zlib.error as err:
        raise PipelineError("sitemap", f"broken gzip data ({err})") from err
    if len(out) > SOURCE_MAX_BYTES:
        raise PipelineError("sitemap", f"over {SOURCE_MAX_BYTES} bytes uncompressed")
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(root, name: str):
    return (child for child in root if _local(child.tag) == name)


def _text_of(element, name: str) -> str | None:
    """A direct child's text: <image:image><image:loc> and <video:title> are not the page's."""
    for child in _children(element, name):
        if child.text and child.text.strip():
            return child.text.strip()
    return None


def _entry(element) -> SitemapEntry | None:
    loc = _text_of(element, "loc")
    if not loc:
        return None
    news = next(_children(element, "news"), None)  # <news:news> of a Google News sitemap
    published = _text_of(news, "publication_date") if news is not None else None
    title = _text_of(news, "title") if news is not None else None
    meta = ItemMeta(title=title, published=parse_when(published))
    return SitemapEntry(loc, _text_of(element, "lastmod") or published, meta)


def read_sitemaps(
    fetcher: Fetcher,
    root: str,
    since: date | None,
    note: Note,
    followed: Followed,
    state: SourceState,
) -> list[Item]:
    """Every page of a sitemap and the sitemaps it lists, breadth first, each file once;
    a sub-sitemap last modified before ``since``, or not since an earlier run took all its
    articles, is not read (nothing in it is new)."""
    queue: list[tuple[str, tuple[str, ...]]] = [(root, ())]  # a file and who listed it
    visited, items = followed.sitemaps_read, []
    while queue:
        url, above = queue.pop(0)
        if url in above:
            note(f"sitemap {above[-1]} lists {url}, which led to it (a loop); read once")
            continue
        if url in visited:
            continue  # listed by two sitemaps of the run: read once
        if len(visited) >= MAX_SITEMAPS:
            note(f"sitemap {root}: over {MAX_SITEMAPS} sitemap files; the rest are not read")
            break
        visited.add(url)
        try:
            raw = fetcher.fetch(url, accept=SITEMAP_TYPES, max_bytes=SOURCE_MAX_BYTES)
            kind, entries = parse_sitemap(raw)
            if kind == "feed":  # sitemaps may be RSS or Atom feeds (the protocol allows it)
                items += feed_items(raw, url, note)
        except Exception as err:  # noqa: BLE001
            followed.errors.append(source_error(url, "sitemap", err))
            continue
        followed.read.append(url)
        if kind == "index":
            queue += _sub_sitemaps(url, entries, (*above, url), since, note, followed, state)
        elif kind == "urlset":
            items += _page_items(url, raw, entries, note)
    return items


def _sub_sitemaps(
    url, entries, above, since, note, followed: Followed, state: SourceState
) -> list[tuple[str, tuple[str, ...]]]:
    if len(above) > MAX_SITEMAP_DEPTH:
        note(f"sitemap {url}: nested more than {MAX_SITEMAP_DEPTH} levels deep; not followed")
        return []
    subs = []
    for entry in entries:
        sub = canonical_url(entry.loc, base=url)
        changed = parse_when(entry.lastmod)
        if not sub or (since and changed and changed < since):
            continue
        if entry.lastmod and state.sitemaps.get(sub) == entry.lastmod:
            followed.sitemaps_unchanged += 1
            continue
        if entry.lastmod:
            followed.sitemap_stamps[sub] = entry.lastmod
        subs.append((sub, above))
    return subs


def _page_items(url: str, raw: RawInput, entries: list[SitemapEntry], note: Note) -> list[Item]:
    items, relative = [], 0
    for entry in entries:
        page = canonical_url(entry.loc, base=raw.url or url)
        if page:
            relative += not is_url(entry.loc)
            items.append(Item(page, url, entry.meta, entry.lastmod))
    if relative:
        note(f"sitemap {url}: {relative} relative links, read against the sitemap's address")
    return items


# --- discovery ----------------------------------------------------------------------------


def discover(fetcher: Fetcher, homepage: str, note: Note) -> tuple[list[str], list[str]]:
    """A site's feeds (the homepage's ``<link rel="alternate">``) and sitemaps (robots.txt
    ``Sitemap:`` lines, else ``/sitemap.xml`` when it exists)."""
    feeds = feed_links(fetcher.fetch(homepage))
    root = f"{_site_root(homepage)}/"
    listed = fetcher.robots_sitemaps(homepage)
    sitemaps = [s for s in (canonical_url(u, base=root) for u in listed) if s]
    if not sitemaps:
        guess = f"{root}sitemap.xml"
        try:
            fetcher.fetch(guess, accept=SITEMAP_TYPES, max_bytes=SOURCE_MAX_BYTES)
            sitemaps = [guess]
        except PipelineError:
            pass  # no sitemap is common; the feeds may be enough
    note(
        f"site {homepage}: {len(feeds)} feeds ({', '.join(feeds) or 'none'}), "
        f"{len(sitemaps)} sitemaps ({', '.join(sitemaps) or 'none'})"
    )
    if not feeds and not sitemaps:
        raise PipelineError("discover", "no feeds or sitemaps found on the homepage or robots.txt")
    return feeds, sitemaps


# --- state: what earlier runs fetched --------------------------------------------------------


class SourceState:
    """The articles earlier runs fetched, by canonical URL: the source's stamp (its date for
    the item's last change), and the page's ETag and Last-Modified, in the output folder."""

    def __init__(self, out_dir: Path, load: bool = True) -> None:
        self.path = out_dir / STATE_FILE
        self.articles: dict[str, dict] = {}
        self.sitemaps: dict[str, str] = {}  # sub-sitemap -> its index's lastmod when done
        if not load:
            return
        try:
            data = json.loads(self.path.read_text("utf-8"))
            self.articles = dict(data.get("articles", {}))
            self.sitemaps = dict(data.get("sitemaps", {}))
        except (OSError, ValueError, AttributeError, TypeError):
            pass  # none yet, or unreadable: everything counts as new (the cache still helps)

    def unchanged(self, item: Item) -> bool:
        entry = self.articles.get(item.url)
        return entry is not None and (item.stamp is None or entry.get("stamp") == item.stamp)

    def remember(self, items: Iterable[Item], fetcher: Fetcher, sitemaps: dict[str, str]) -> None:
        today = datetime.now(UTC).date().isoformat()
        for item in items:
            entry = {"stamp": item.stamp, **fetcher.validators(item.url), "fetched": today}
            self.articles[item.url] = entry
        self.sitemaps.update(sitemaps)
        data = {
            "articles": dict(sorted(self.articles.items())),
            "sitemaps": dict(sorted(self.sitemaps.items())),
        }
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=0) + "\n")


def select(
    items: list[Item], state: SourceState, since: date | None, limit: int, followed: Followed
) -> list[Item]:
    """New or changed articles, each once, newest first, at most ``limit``."""
    unique: dict[str, Item] = {}
    for item in items:
        first = unique.get(item.url)
        unique[item.url] = _merged(first, item) if first else item
    followed.listed = len(unique)
    fresh = [item for item in unique.values() if not state.unchanged(item)]
    followed.seen = len(unique) - len(fresh)
    if since:
        too_old = [item for item in fresh if (_date_of(item) or since) < since]
        followed.too_old = len(too_old)
        followed.incomplete |= {item.source for item in too_old}
        fresh = [item for item in fresh if (_date_of(item) or since) >= since]
    fresh.sort(key=lambda item: _date_of(item) or date.min, reverse=True)  # stable: undated last
    followed.pending = max(0, len(fresh) - limit)
    followed.incomplete |= {item.source for item in fresh[limit:]}
    return fresh[:limit]


def _date_of(item: Item) -> date | None:
    return item.meta.published or parse_when(item.stamp)


def _merged(first: Item, other: Item) -> Item:
    """One article listed by two sources (a feed and a news sitemap): the first source's
    metadata, completed by the other's."""
    a, b = first.meta, other.meta
    meta = ItemMeta(a.title or b.title, a.published or b.published, a.authors or b.authors)
    return replace(first, meta=meta, stamp=first.stamp or other.stamp)


# --- the whole step ------------------------------------------------------------------------


def follow(
    out_dir: Path,
    options: FetchOptions,
    *,
    feeds: Iterable[str] = (),
    sitemaps: Iterable[str] = (),
    sites: Iterable[str] = (),
    since: date | None = None,
    max_articles: int = 500,
    note: Note = print,
    force: bool = False,
) -> Followed:
    """Read the sources and choose the articles this run fetches. A source that fails is
    an error record; the others go on. ``force`` (--force) forgets what earlier runs took."""
    fetcher = source_fetcher(out_dir, options)
    followed = Followed()
    feeds, sitemaps = list(feeds), list(sitemaps)
    for site in _unique(sites):
        try:
            found_feeds, found_sitemaps = discover(fetcher, site, note)
        except Exception as err:  # noqa: BLE001 - one bad source never stops the others
            followed.errors.append(source_error(site, "discover", err))
            continue
        feeds += found_feeds
        sitemaps += found_sitemaps
    items: list[Item] = []
    for feed in _unique(feeds):
        try:
            items += read_feed(fetcher, feed, note)
            followed.read.append(feed)
        except Exception as err:  # noqa: BLE001
            followed.errors.append(source_error(feed, "feed", err))
    state = SourceState(out_dir, load=not force)
    for sitemap in _unique(sitemaps):
        items += read_sitemaps(fetcher, sitemap, since, note, followed, state)
    followed.items = select(items, state, since, max_articles, followed)
    return followed


def remember(
    out_dir: Path, options: FetchOptions, items: Iterable[Item], sitemaps: dict[str, str]
) -> None:
    """Record the articles fetched (or skipped as not Norwegian) so the next run leaves them,
    and the sub-sitemaps all of whose articles are done."""
    SourceState(out_dir).remember(items, source_fetcher(out_dir, options), sitemaps)


def source_fetcher(out_dir: Path, options: FetchOptions) -> Fetcher:
    """A Fetcher on the run's HTTP cache (``OUT/.cache/http``, as the articles' fetcher)."""
    return Fetcher(
        options if options.cache_dir else replace(options, cache_dir=out_dir / ".cache" / "http")
    )


def _unique(urls: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for url in urls:
        key = canonical_url(url) or url
        if key not in seen:
            seen.append(key)
    return seen


def source_error(source: str, stage: str, err: Exception) -> ErrorRecord:
    message = err.message if isinstance(err, PipelineError) else _first_line(err)
    return ErrorRecord(
        input=source, stage=stage, error_type=type(err).__name__, message=message[:500]
    )


def _first_line(err: object) -> str:
    text = str(err or "").strip().splitlines()
    return text[0][:200] if text else type(err).__name__
