"""Review: one self-contained HTML report of an output folder, for a person to check by eye.

The report has an overview (counts, a companies-by-SDG matrix, the failed inputs), filters
and a search box, and, per article, the text with every piece of evidence highlighted next to
profile cards whose values link to that evidence. It needs no network: CSS and JS are inline
(kept as files in pipeline/resources/report), and the interface is in Norwegian (bokmål).

It scales by paging: each article's HTML is written into an inert ``<script
type="text/x-article">`` block, and the page's script inserts ``PAGE_SIZE`` of them at a time
(those the filters keep), so the browser builds the DOM of one page, never of all articles.

It is also where a person reviews the output: every reviewable value (``review_items`` of
pipeline/decisions) gets ✓ / ✗ / ✎ controls, and a span selected in the text can be added as a
missing organisation, person, place or goal. Decisions live in the browser's localStorage
(keyed by the report's articles) and are saved as a JSONL file of ``models.ReviewDecision``
for ``pipeline review OUT --apply`` and ``pipeline evaluate``.

The parts: ``report`` (the folder in, the page out), ``overview`` (counts, matrix, errors,
filters), ``cards`` (one article), ``text`` (highlighted text and evidence links), ``page``
(the shell and its static files), ``labels`` (goal and kind names).

No spaCy here: this reads finished profiles.
"""

from pipeline.review.cards import (
    article_sdgs_card,
    controls,
    fact_rows,
    organisation_card,
    person_card,
    places_card,
    render_article,
    render_cards,
    sdg_chips,
    sdg_claim_list,
)
from pipeline.review.labels import GOALS, KIND_LABELS, goal_name
from pipeline.review.overview import MATRIX_ROWS, render_errors, render_matrix, render_overview
from pipeline.review.page import page
from pipeline.review.report import (
    PAGE_SIZE,
    read_errors,
    render_report,
    report_key,
    write_report,
)
from pipeline.review.text import (
    KINDS,
    Highlight,
    Segment,
    anchor_id,
    evidence_link,
    highlights,
    render_text,
    segments,
)

__all__ = [
    "GOALS",
    "KINDS",
    "KIND_LABELS",
    "MATRIX_ROWS",
    "PAGE_SIZE",
    "Highlight",
    "Segment",
    "anchor_id",
    "article_sdgs_card",
    "controls",
    "evidence_link",
    "fact_rows",
    "goal_name",
    "highlights",
    "organisation_card",
    "page",
    "person_card",
    "places_card",
    "read_errors",
    "render_article",
    "render_cards",
    "render_errors",
    "render_matrix",
    "render_overview",
    "render_report",
    "render_text",
    "report_key",
    "sdg_chips",
    "sdg_claim_list",
    "segments",
    "write_report",
]
