"""``pipeline run --feed/--sitemap/--site``: reading the sources before the run and
remembering what it fetched after it (the command line's part; pipeline/sources.py reads)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

EXIT_USAGE, EXIT_INTERRUPTED = 2, 130
DEFAULT_MAX_ARTICLES = 500  # a first run on a big sitemap: about 10 minutes at 1 s a host


def read_sources(args: argparse.Namespace, options):
    """The articles the feeds, sitemaps and sites list; an exit code (one line printed)
    when the modules to read them are missing or the user interrupts."""
    if (missing_module := _missing_source_modules()) is not None:
        print(
            f"pipeline run: --feed, --sitemap and --site need the package {missing_module} "
            "(pip install -e . installs it)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        return _follow(args, options)
    except KeyboardInterrupt:
        print("pipeline run: interrupted while reading the feeds and sitemaps", file=sys.stderr)
        return EXIT_INTERRUPTED


def _missing_source_modules() -> str | None:
    """The first dependency of following sources that is not installed (an environment
    problem: one line and exit 2, not a failure per feed)."""
    import importlib.util

    for module in ("feedparser", "courlan", "defusedxml"):
        if importlib.util.find_spec(module) is None:
            return module
    return None


def _follow(args: argparse.Namespace, options):
    """Read the feeds, sitemaps and sites: problems as lines on stderr (and error records
    later), the count on stdout; then a pause, so the articles' fetcher (a fresh one, with
    its own clock) does not follow the last sitemap request too closely."""
    from pipeline.sources import follow

    def note(line: str) -> None:
        print(f"pipeline run: {line}", file=sys.stderr, flush=True)

    followed = follow(
        args.out,
        options.fetch,
        feeds=args.feed,
        sitemaps=args.sitemap,
        sites=args.site,
        since=args.since,
        max_articles=args.max_articles or DEFAULT_MAX_ARTICLES,
        note=note,
        force=args.force,
    )
    for record in followed.errors:
        note(f"cannot read {record.input}: {record.message}")
    if not args.quiet:
        print(followed.summary(), flush=True)
    if followed.items:
        time.sleep(options.fetch.host_delay)
    return followed


def remember_fetched(out: Path, options, followed, failed=frozenset(), done=None) -> None:
    """The articles this run fetched, for the next run: all but the failed ones (after an
    interrupt: those the run log has as done, and no sitemap as finished)."""
    from pipeline.sources import remember

    kept = [
        item
        for item in followed.items
        if item.url not in failed and (done is None or item.url in done)
    ]
    sitemaps = followed.done_sitemaps(failed) if done is None else {}
    remember(out, options.fetch, kept, sitemaps)
