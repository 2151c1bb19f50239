"""The whole report: read an output folder and write its page."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import ValidationError

from models import CompanyProfile, Profile
from pipeline.aggregate import merge_profiles
from pipeline.review.cards import render_article
from pipeline.review.overview import render_filters, render_overview
from pipeline.review.page import inert_block, json_block, page, report_file
from pipeline.write import ERRORS_JSONL, ErrorRecord, atomic_write_text, iter_profiles

#: Articles shown at a time: the page opens with this many, however many the report holds.
PAGE_SIZE = 10


def write_report(out_dir: Path, html_path: Path) -> Path:
    """Write the report of ``out_dir`` to ``html_path`` (atomically) and return the path."""
    profiles = list(iter_profiles(out_dir))
    companies = merge_profiles(profiles)
    errors = read_errors(out_dir)
    atomic_write_text(html_path, render_report(profiles, companies, errors))
    return html_path


def read_errors(out_dir: Path) -> list[ErrorRecord]:
    """The failed inputs of the run; a line that is not an error record is reported as one."""
    path = out_dir / ERRORS_JSONL
    if not path.exists():
        return []
    records = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(ErrorRecord.model_validate_json(line))
        except ValidationError as err:
            records.append(
                ErrorRecord(
                    input=f"{ERRORS_JSONL}:{number}",
                    stage="review",
                    error_type="ValidationError",
                    message=str(err),
                )
            )
    return records


def report_key(profiles: list[Profile]) -> str:
    """Names the report's decisions in the browser's storage: the same articles, the same key
    (a report written again after a new run finds the decisions made so far)."""
    ids = "\n".join(sorted(p.article.id for p in profiles))
    return hashlib.sha256(ids.encode()).hexdigest()[:16]


def render_report(
    profiles: list[Profile], companies: list[CompanyProfile], errors: list[ErrorRecord]
) -> str:
    """The page: overview, filters and an empty article list in HTML; each article's HTML in an
    inert ``<script type="text/x-article">`` block the page's script inserts a page at a time,
    so the browser builds the DOM of ten articles, not of all of them, before first paint."""
    body = "\n".join(
        [
            report_file("toolbar.html"),
            "<h1>Kontroll av uttrekket</h1>",
            render_overview(profiles, companies, errors),
            render_filters(),
            '<div id="pager-top" class="pager"></div><div id="articles"></div>'
            '<div id="pager-bottom" class="pager"></div>',
            "<noscript><p>Rapporten trenger JavaScript for å vise artiklene.</p></noscript>",
            json_block("report-index", [_index_entry(p) for p in profiles]),
            json_block("report-settings", {"key": report_key(profiles), "pageSize": PAGE_SIZE}),
            *(inert_block(f"data-{p.article.id}", render_article(p)) for p in profiles),
        ]
    )
    return page(body)


def _index_entry(profile: Profile) -> dict:
    """What the filters and the search look at, per article (the text is searched on demand)."""
    orgs = profile.organisations
    return {
        "id": profile.article.id,
        "title": profile.article.title or profile.article.source,
        "source": profile.article.source,
        "orgs": sorted({n for o in orgs for n in [o.name, *o.aliases]}),
        "kinds": sorted({o.kind for o in orgs}),
        "sdgs": sorted({s.number for s in profile.sdgs} | {s.number for o in orgs for s in o.sdgs}),
        "places": sorted(
            {p.name for p in profile.places} | {r.name for o in orgs for r in o.places}
        ),
        "people": sorted({p.name for p in profile.people}),
        "industries": sorted({o.industry for o in orgs if o.industry}),
    }
