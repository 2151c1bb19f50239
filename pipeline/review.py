"""Review: one self-contained HTML report of an output folder, for a person to check by eye.

The report has an overview (counts, a companies-by-SDG matrix, the failed inputs), filters
and a search box, and, per article, the text with every piece of evidence highlighted next to
profile cards whose values link to that evidence. It needs no network: CSS and JS are inline,
and the interface is in Norwegian (bokmål).

It scales by paging: each article's HTML is written into an inert ``<script
type="text/x-article">`` block, and the page's script inserts ``PAGE_SIZE`` of them at a time
(those the filters keep), so the browser builds the DOM of one page, never of all articles.

It is also where a person reviews the output: every reviewable value (``review_items`` of
pipeline/decisions.py) gets ✓ / ✗ / ✎ controls, and a span selected in the text can be added as a
missing organisation, person, place or goal. Decisions live in the browser's localStorage
(keyed by the report's articles) and are saved as a JSONL file of ``models.ReviewDecision``
for ``pipeline review OUT --apply`` and ``pipeline evaluate``.

Evidence spans overlap (a theme phrase inside a longer one, a place inside an
organisation's name, a name inside a quote), and HTML elements cannot cross. So the text is
cut at every span boundary into flat, non-overlapping segments; each segment carries the
classes of ALL spans covering it (``hl-org hl-sdg-theme``) and its offsets, and the CSS
layers them (background for organisations, places and people; a solid or dashed underline
for explicit or theme goals). A segment where a span starts gets the id ``ev-<article>-<offset>``
that card links point to; the script flashes every segment between the link's offsets.

No spaCy here: this reads finished profiles.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources
from itertools import pairwise
from pathlib import Path

from pydantic import ValidationError

from models import (
    CompanyProfile,
    CompanySdg,
    Evidence,
    Organisation,
    Person,
    Place,
    Profile,
    SdgMention,
)
from models.facts import facts, review_field
from pipeline.aggregate import merge_profiles
from pipeline.decisions import ReviewItem, SdgClaim, sdg_claims
from pipeline.export import people_of, place_label
from pipeline.write import ERRORS_JSONL, ErrorRecord, atomic_write_text, iter_profiles

GOALS = range(1, 18)

#: Highlight kinds in the order of their CSS rules: where spans overlap, later kinds paint over
#: earlier ones (an organisation name inside a quote shows as an organisation).
KINDS = ("statement", "quote", "industry", "sdg-theme", "sdg-explicit", "place", "org", "person")


#: Articles shown at a time: the page opens with this many, however many the report holds.
PAGE_SIZE = 10
#: Rows of the companies-by-SDG matrix in the page itself; the rest come on request.
MATRIX_ROWS = 40

KIND_LABELS = {"company": "selskap", "public_body": "offentlig organ", "other": "annen"}


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
            _TOOLBAR,
            "<h1>Kontroll av uttrekket</h1>",
            render_overview(profiles, companies, errors),
            _filters(),
            '<div id="pager-top" class="pager"></div><div id="articles"></div>'
            '<div id="pager-bottom" class="pager"></div>',
            "<noscript><p>Rapporten trenger JavaScript for å vise artiklene.</p></noscript>",
            _json_block("report-index", [_index_entry(p) for p in profiles]),
            _json_block("report-settings", {"key": report_key(profiles), "pageSize": PAGE_SIZE}),
            *(_inert_block(f"data-{p.article.id}", render_article(p)) for p in profiles),
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


def _json_block(element_id: str, data: object) -> str:
    # "<" as \u003c: no "</script>" or "<!--" inside the block, whatever the data holds.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{escape(element_id)}">{text}</script>'


def _inert_block(element_id: str, html: str) -> str:
    """Ready HTML the browser keeps as text until the script uses it. Every text and attribute
    value in it was escaped (no "<" but in our own tags, which include no script)."""
    assert "</script" not in html.lower() and "<!--" not in html
    return f'<script type="text/x-article" id="{escape(element_id)}">{html}</script>'


# --- evidence links -------------------------------------------------------------------


def anchor_id(article_id: str, offset: int) -> str:
    return f"ev-{article_id}-{offset}"


def evidence_link(article_id: str, evidence: Evidence | None, label: str, css: str = "") -> str:
    """``label`` linked to its evidence; plain text when there is none to point at."""
    classes = f"ev {css}".strip()
    if evidence is None or evidence.end <= evidence.start:
        return f'<span class="{escape(classes)}">{escape(label)}</span>'
    return (
        f'<a class="{escape(classes)}" href="#{escape(anchor_id(article_id, evidence.start))}" '
        f'data-article="{escape(article_id)}" data-start="{evidence.start}" '
        f'data-end="{evidence.end}" title="{escape(evidence.text)}">{escape(label)}</a>'
    )


# --- highlighted text -----------------------------------------------------------------


@dataclass(frozen=True)
class Highlight:
    """One span of the article text to mark, with what it is evidence of."""

    start: int
    end: int
    kind: str
    label: str


@dataclass(frozen=True)
class Segment:
    """A stretch of text between two span boundaries, and the spans covering all of it."""

    start: int
    end: int
    covering: tuple[Highlight, ...]


def highlights(profile: Profile) -> list[Highlight]:
    """Every piece of evidence a card links to, as a highlight (empty spans left out)."""
    found = list(_organisation_highlights(profile.organisations))
    found += _place_highlights(profile.places)
    found += _person_highlights(profile.people)
    found += _sdg_highlights(profile.sdgs)
    return [h for h in dict.fromkeys(found) if h.end > h.start]


def _organisation_highlights(orgs: Iterable[Organisation]) -> Iterator[Highlight]:
    for org in orgs:
        yield from (
            Highlight(m.start, m.end, "org", f"{org.name} ({org.kind})") for m in org.mentions
        )
        if org.industry_evidence:
            ev = org.industry_evidence
            yield Highlight(ev.start, ev.end, "industry", f"industry of {org.name}")
        for place in org.places:
            if place.evidence:
                yield Highlight(
                    place.evidence.start, place.evidence.end, "place", place_label(place)
                )
        for statement in org.statements:
            ev = statement.evidence
            yield Highlight(ev.start, ev.end, "statement", f"{org.name}: {statement.topic}")
        yield from _sdg_highlights(org.sdgs)


def _place_highlights(places: Iterable[Place]) -> Iterator[Highlight]:
    for place in places:
        label = f"{place_label(place)} [{place.kind}]"
        yield from (Highlight(m.start, m.end, "place", label) for m in place.mentions)


def _person_highlights(people: Iterable[Person]) -> Iterator[Highlight]:
    for person in people:
        yield from (Highlight(m.start, m.end, "person", person.name) for m in person.mentions)
        for quote in person.quotes:
            yield Highlight(
                quote.evidence.start, quote.evidence.end, "quote", f"quote: {person.name}"
            )


def _sdg_highlights(mentions: Iterable[SdgMention]) -> Iterator[Highlight]:
    for sdg in mentions:
        label = f"SDG {sdg.number} {sdg.name} ({sdg.method})"
        yield Highlight(sdg.evidence.start, sdg.evidence.end, f"sdg-{sdg.method}", label)


def segments(text_length: int, spans: list[Highlight]) -> list[Segment]:
    """Cut the text at every span boundary; keep the stretches some span covers."""
    cuts = sorted({0, text_length, *(h.start for h in spans), *(h.end for h in spans)})
    found = []
    for start, end in pairwise(cuts):
        covering = tuple(h for h in spans if h.start <= start and end <= h.end)
        if covering:
            found.append(Segment(start, end, covering))
    return found


def render_text(profile: Profile) -> str:
    """The article text as HTML, every highlight a flat ``span.hl``, every stretch between them
    a ``span.tx``: each piece carries its offsets in ``profile.text`` (``data-start``,
    ``data-end``), so a selection in the browser maps back to exact offsets."""
    text, article_id = profile.text, profile.article.id
    spans = highlights(profile)
    starts = {h.start for h in spans}
    parts, position = [], 0
    for seg in segments(len(text), spans):
        parts.append(_plain_html(text, position, seg.start))
        parts.append(_segment_html(article_id, text, seg, seg.start in starts))
        position = seg.end
    parts.append(_plain_html(text, position, len(text)))
    return "".join(parts)


def _plain_html(text: str, start: int, end: int) -> str:
    if end <= start:
        return ""
    return (
        f'<span class="tx" data-start="{start}" data-end="{end}">{escape(text[start:end])}</span>'
    )


def _segment_html(article_id: str, text: str, seg: Segment, is_anchor: bool) -> str:
    kinds = sorted({h.kind for h in seg.covering}, key=KINDS.index)
    classes = " ".join(["hl", *(f"hl-{k}" for k in kinds)])
    anchor = f' id="{escape(anchor_id(article_id, seg.start))}"' if is_anchor else ""
    title = "\n".join(dict.fromkeys(h.label for h in seg.covering))
    return (
        f'<span class="{classes}"{anchor} data-start="{seg.start}" data-end="{seg.end}" '
        f'title="{escape(title)}">{escape(text[seg.start : seg.end])}</span>'
    )


# --- overview -------------------------------------------------------------------------


def render_overview(
    profiles: list[Profile], companies: list[CompanyProfile], errors: list[ErrorRecord]
) -> str:
    return "\n".join(
        [
            '<section class="overview" id="overview"><h2>Oversikt</h2>',
            _counts(profiles, companies, errors),
            _LEGEND,
            "<h3>Selskaper etter bærekraftsmål</h3>",
            render_matrix([c for c in companies if "company" in c.kinds]),
            render_errors(errors),
            "</section>",
        ]
    )


def _counts(
    profiles: list[Profile], companies: list[CompanyProfile], errors: list[ErrorRecord]
) -> str:
    merged = sum("company" in c.kinds for c in companies)
    mentioned = sum(o.kind == "company" for p in profiles for o in p.organisations)
    places = {pl.name.casefold() for p in profiles for pl in p.places}
    people = {pe.name.casefold() for p in profiles for pe in p.people}
    rows = [
        ("Artikler", len(profiles)),
        ("Selskaper (slått sammen på tvers av artikler)", merged),
        ("Selskapsforekomster (per artikkel)", mentioned),
        ("Steder (ulike navn)", len(places)),
        ("Personer (ulike navn)", len(people)),
        ("Mislykkede inndata", len(errors)),
    ]
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="counts">{cells}</table>'


def render_matrix(companies: list[CompanyProfile], limit: int = MATRIX_ROWS) -> str:
    """Rows: companies merged across articles, most articles first; columns: goals 1-17;
    solid = explicit, ring = theme. Rows past ``limit`` wait in an inert block until asked for."""
    head = "".join(f'<th title="{escape(goal_name(n))}">{n}</th>' for n in GOALS)
    ordered = sorted(companies, key=lambda c: (-len(c.article_ids), c.name.casefold()))
    rows = "".join(_matrix_row(c) for c in ordered[:limit])
    if not companies:
        rows = '<tr><td colspan="18">Ingen selskaper funnet.</td></tr>'
    rest = ""
    if len(ordered) > limit:
        rest = (
            f'<p><button type="button" id="matrix-more">Vis alle {len(ordered)} selskaper</button></p>'
            + _inert_block("matrix-rest", "".join(_matrix_row(c) for c in ordered[limit:]))
        )
    return (
        f'<table class="sdg-matrix"><thead><tr><th>Selskap</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>{rest}"
    )


def _matrix_row(company: CompanyProfile) -> str:
    by_number = {s.number: s for s in company.sdgs}
    cells = "".join(_matrix_cell(by_number.get(n)) for n in GOALS)
    articles = len(company.article_ids)
    title = "; ".join(company.names)
    count = f"{articles} artikkel" if articles == 1 else f"{articles} artikler"
    return (
        f'<tr data-company="{escape(company.id)}"><th title="{escape(title)}">'
        f'<a href="#" class="filter-org" data-org="{escape(company.name)}" '
        f'title="Vis artiklene om {escape(company.name)}">{escape(company.name)}</a>'
        f" <small>({count})</small></th>{cells}</tr>"
    )


def _matrix_cell(goal: CompanySdg | None) -> str:
    if goal is None:
        return '<td class="cell-none"></td>'
    explicit = "explicit" in goal.methods
    css, mark = ("cell-explicit", "●") if explicit else ("cell-theme", "○")
    # Link the cell to the strongest evidence: an explicit mention when there is one.
    backing = next((b for b in goal.backing if b.method == "explicit"), goal.backing[0])
    title = (
        f"Mål {goal.number} {goal.name}: {', '.join(goal.methods)} i {len(goal.backing)} omtale(r)"
    )
    link = evidence_link(backing.article_id, backing.evidence, mark)
    return f'<td class="{css}" title="{escape(title)}">{link}</td>'


def render_errors(errors: list[ErrorRecord]) -> str:
    if not errors:
        return '<h3>Feil</h3><p class="no-errors">Ingen mislykkede inndata.</p>'
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{escape(v)}</td>" for v in (e.input, e.stage, e.error_type, e.message))
        + "</tr>"
        for e in errors
    )
    return (
        '<h3>Feil</h3><table class="errors"><thead><tr><th>Inndata</th><th>Steg</th>'
        f"<th>Type</th><th>Melding</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _filters() -> str:
    kinds = "".join(
        f'<option value="{k}">{escape(label)} ({k})</option>' for k, label in KIND_LABELS.items()
    )
    goals = "".join(f'<option value="{n}">{n} {escape(goal_name(n))}</option>' for n in GOALS)
    return f"""<section class="filters" id="filters"><h2>Artikler</h2>
<div class="filter-row">
<label>Søk <input type="search" id="f-search" placeholder="navn, tittel eller tekst"></label>
<label>Organisasjon <input id="f-org" list="dl-org" placeholder="navn"></label>
<label>Type <select id="f-kind"><option value="">alle</option>{kinds}</select></label>
<label>Bærekraftsmål <select id="f-sdg"><option value="">alle</option>{goals}</select></label>
<label>Sted <input id="f-place" list="dl-place" placeholder="navn"></label>
<label>Artikkel <input id="f-article" list="dl-article" placeholder="tittel, id eller kilde"></label>
<button type="button" id="f-reset">Nullstill filtre</button>
</div>
<datalist id="dl-org"></datalist><datalist id="dl-place"></datalist><datalist id="dl-article"></datalist>
<p id="f-status" class="status" aria-live="polite"></p></section>"""


@lru_cache(maxsize=1)
def _goal_names() -> dict[int, str]:
    # Read the catalogue file directly: pipeline.sdg would import spaCy.
    raw = resources.files("pipeline").joinpath("resources/sdg_goals.json").read_text("utf-8")
    return {goal["number"]: goal["nb"] for goal in json.loads(raw)["goals"]}


def goal_name(number: int) -> str:
    return _goal_names().get(number, "")


# --- review controls ------------------------------------------------------------------


def controls(item: ReviewItem) -> str:
    """The place of ✓ / ✗ / ✎ for one value; the script finds the value by these attributes
    (the same field, value and span a decision records)."""
    attrs = [f'data-field="{escape(item.field)}"']
    if item.value is not None:
        attrs.append(f'data-value="{escape(item.value)}"')
    if item.evidence is not None:
        attrs.append(f'data-start="{item.evidence.start}" data-end="{item.evidence.end}"')
    # The buttons are added by the script to the articles on show: 56 values an article, a
    # thousand articles, would be megabytes of identical buttons.
    return f'<span class="rv" {" ".join(attrs)}></span>'


# --- one article ----------------------------------------------------------------------


def render_article(profile: Profile) -> str:
    article = profile.article
    return "\n".join(
        [
            f'<section class="article" id="article-{escape(article.id)}" '
            f'data-id="{escape(article.id)}">',
            f"<h2>{escape(article.title or article.source)}</h2>",
            _article_meta(profile),
            _ADD_BAR,
            '<div class="columns">',
            # <pre>: the text's line breaks are content, and HTML parsers keep them only there.
            f'<div class="text-pane"><pre class="article-text">{render_text(profile)}</pre></div>',
            f'<div class="cards">{render_cards(profile)}</div>',
            "</div></section>",
        ]
    )


_ADD_BAR = (
    '<div class="add-bar">Legg til det som mangler: marker tekst i artikkelen, så '
    '<button type="button" class="add" data-field="organisation">organisasjon</button>'
    '<button type="button" class="add" data-field="person">person</button>'
    '<button type="button" class="add" data-field="place">sted</button>'
    '<button type="button" class="add" data-field="sdg">bærekraftsmål nr.</button>'
    '<input class="add-sdg" type="number" min="1" max="17" size="3" aria-label="målnummer">'
    '<span class="add-note"></span><ul class="added"></ul></div>'
)


def _article_meta(profile: Profile) -> str:
    article = profile.article
    facts = [
        ("id", article.id),
        ("kilde", article.source),
        ("publisert", article.published.isoformat() if article.published else "ukjent"),
        ("språk", article.language),
        ("forfattere", ", ".join(article.authors) or "ukjent"),
        ("modell", profile.model),
    ]
    items = "".join(f"<span><b>{escape(k)}:</b> {escape(v)}</span>" for k, v in facts)
    return f'<p class="meta">{items} <a href="#overview">↑ oversikt</a></p>'


def render_cards(profile: Profile) -> str:
    aid = profile.article.id
    claims = sdg_claims(profile)
    names = {o.name for o in profile.organisations}
    cards = [
        organisation_card(
            aid, org, people_of(profile, org), [c for c in claims if c.owner == org.name]
        )
        for org in profile.organisations
    ]
    cards += [person_card(aid, person) for person in profile.people]
    cards.append(places_card(aid, profile.places))
    cards.append(article_sdgs_card(aid, [c for c in claims if c.owner not in names]))
    return "\n".join(cards)


def organisation_card(
    aid: str, org: Organisation, people: list[str], claims: list[SdgClaim] | None = None
) -> str:
    first = org.mentions[0] if org.mentions else None
    places = [
        evidence_link(aid, p.evidence, place_label(p))
        + controls(ReviewItem("organisation.place", p.name, p.evidence, p, org))
        for p in org.places
    ]
    if claims is None:
        claims = [c for c in _claims_of(org.sdgs) if c.owner == org.name]
    rows = [
        *fact_rows(aid, "organisation", org),
        ("Aliaser", _alias_links(aid, org) or "–"),
        ("Steder", "<br>".join(places) or "–"),
        ("Bærekraftsmål", sdg_claim_list(aid, claims) or "–"),
        ("Personer", escape(", ".join(people)) or "–"),
        ("Omtaler", _numbered_links(aid, org.mentions) or "–"),
    ]
    name = evidence_link(aid, first, org.name) + controls(
        ReviewItem("organisation", org.name, first, org)
    )
    return (
        f'<div class="card org-card"><h3>{name}</h3>'
        f"{_fact_table(rows)}{_statement_list(aid, org)}</div>"
    )


def fact_rows(aid: str, owner: str, target: Organisation | Person) -> list[tuple[str, str]]:
    """One row per declared fact that has a value: the value (linked to its evidence when it
    has its own), with the review buttons when a reviewer judges it."""
    rows = []
    for fact in facts(type(target)):
        value = fact.value(target)
        if value is None:
            continue
        evidence = fact.evidence_of(target)
        if fact.fact.evidence:
            shown = evidence_link(aid, evidence, value)
        elif fact.fact.choices:
            shown = f'<span class="kind kind-{escape(value)}">{escape(KIND_LABELS.get(value, value))}</span>'
        else:
            shown = escape(value)
        if fact.fact.review:
            shown += controls(ReviewItem(review_field(owner, fact), value, evidence, target))
        rows.append((fact.fact.label, shown))
    return rows


def _claims_of(mentions: list[SdgMention]) -> list[SdgClaim]:
    groups: dict[tuple[str | None, int], list[SdgMention]] = {}
    for m in mentions:
        groups.setdefault((m.organisation, m.number), []).append(m)
    return [SdgClaim(n, owner, ms) for (owner, n), ms in groups.items()]


def _alias_links(aid: str, org: Organisation) -> str:
    """Each alias linked to its first mention under exactly that name."""
    links = []
    for alias in org.aliases:
        mention = next((m for m in org.mentions if m.text == alias), None)
        links.append(evidence_link(aid, mention, alias))
    return ", ".join(links)


def _statement_list(aid: str, org: Organisation) -> str:
    if not org.statements:
        return ""
    items = "".join(
        f"<li><b>{escape(s.topic)}:</b> {evidence_link(aid, s.evidence, s.text, 'statement')}</li>"
        for s in org.statements
    )
    return (
        f'<details class="statements" open><summary>Utsagn (statements, {len(org.statements)})'
        f"</summary><ul>{items}</ul></details>"
    )


def person_card(aid: str, person: Person) -> str:
    first = person.mentions[0] if person.mentions else None
    rows = [
        *fact_rows(aid, "person", person),
        ("Omtaler", _numbered_links(aid, person.mentions) or "–"),
    ]
    quotes = "".join(
        f"<li>{evidence_link(aid, q.evidence, q.text, 'quote')}</li>" for q in person.quotes
    )
    quote_list = f'<ul class="quotes">{quotes}</ul>' if quotes else ""
    name = evidence_link(aid, first, person.name) + controls(
        ReviewItem("person", person.name, first, person)
    )
    return f'<div class="card person-card"><h3>{name}</h3>{_fact_table(rows)}{quote_list}</div>'


def places_card(aid: str, places: list[Place]) -> str:
    items = "".join(
        f"<li>{evidence_link(aid, p.mentions[0] if p.mentions else None, place_label(p))}"
        f"{controls(ReviewItem('place', p.name, p.mentions[0] if p.mentions else None, p))} "
        f"<small>{escape(p.kind)}</small> {_numbered_links(aid, p.mentions)}</li>"
        for p in places
    )
    return (
        '<div class="card places-card"><h3>Steder i artikkelen</h3>'
        f"<ul>{items or '<li>ingen</li>'}</ul></div>"
    )


def article_sdgs_card(aid: str, claims: list[SdgClaim]) -> str:
    """The goals no organisation of the article owns: each goal once, with all its evidence."""
    listed = sdg_claim_list(aid, claims, show_owner=True) or "ingen"
    return f'<div class="card sdgs-card"><h3>Artikkelens egne mål</h3>{listed}</div>'


def sdg_claim_list(aid: str, claims: Iterable[SdgClaim], show_owner: bool = False) -> str:
    """One line per goal claim: the goal's chip (linked to its first mention), a link to every
    further mention, review controls for the goal and for its owner."""
    items = []
    for claim in sorted(claims, key=lambda c: c.number):
        evidence = claim.evidence
        first = evidence[0]
        chip = evidence_link(aid, first, str(claim.number), f"sdg-chip sdg-{claim.method}")
        more = ""
        if len(evidence) > 1:
            links = " ".join(
                evidence_link(aid, ev, str(i)) for i, ev in enumerate(evidence, start=1)
            )
            more = f' <small class="more">{links}</small>'
        owner = "eier"
        if show_owner:
            owner += f": {escape(claim.owner) if claim.owner else 'artikkelen'}"
        goal = controls(ReviewItem("sdg", str(claim.number), first, claim))
        owned = controls(ReviewItem("sdg.organisation", claim.owner, first, claim))
        items.append(
            f'<li class="claim" title="{escape(goal_name(claim.number))}">{chip}{goal}{more}'
            f' <small class="owner">{owner}{owned}</small></li>'
        )
    return f'<ul class="claims">{"".join(items)}</ul>' if items else ""


def sdg_chips(aid: str, mentions: Iterable[SdgMention]) -> str:
    """Each goal once (its first mention linked), however often it is mentioned."""
    seen: dict[int, SdgMention] = {}
    for s in sorted(mentions, key=lambda m: (m.evidence.start, m.evidence.end)):
        seen.setdefault(s.number, s)
    return " ".join(
        evidence_link(aid, s.evidence, str(n), f"sdg-chip sdg-{s.method}")
        for n, s in sorted(seen.items())
    )


def _numbered_links(aid: str, evidence: list[Evidence]) -> str:
    return " ".join(evidence_link(aid, ev, str(i)) for i, ev in enumerate(evidence, start=1))


def _fact_table(rows: list[tuple[str, str]]) -> str:
    """Rows of (label, ready HTML): the values are already escaped by their makers."""
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="facts">{cells}</table>'


# --- page -----------------------------------------------------------------------------

_LEGEND = """<div class="legend"><b>Forklaring:</b>
<span class="hl hl-org">organisasjon</span> <span class="hl hl-place">sted</span>
<span class="hl hl-person">person</span> <span class="hl hl-industry">bransje</span>
<span class="hl hl-statement">utsagn</span> <span class="hl hl-quote">sitat</span>
<span class="hl hl-sdg-explicit">mål nevnt (explicit)</span>
<span class="hl hl-sdg-theme">mål utledet (theme)</span>
<span class="sdg-chip sdg-explicit">7</span> nevnt mål
<span class="sdg-chip sdg-theme">7</span> utledet mål
· tabellen: <span class="cell-explicit">●</span> nevnt, <span class="cell-theme">○</span> bare utledet
· vurdering: ✓ riktig, ✗ feil (fjernes), ✎ rett verdien
</div>"""

_TOOLBAR = """<div class="toolbar" id="toolbar">
<label>Kontrollør <input id="reviewer" placeholder="navnet ditt" autocomplete="name"></label>
<button type="button" id="save">Lagre vurderinger (<span id="decision-count">0</span>)</button>
<button type="button" id="clear">Slett vurderingene</button>
<span id="save-status" class="status" aria-live="polite"></span>
<small>Vurderingene huskes i denne nettleseren; «Lagre» laster dem ned som en fil (JSONL) til
<code>pipeline review MAPPE --apply FIL</code> og <code>pipeline evaluate</code>.</small>
</div>"""

_CSS = """
:root { --org:#ffe08a; --place:#b9e6c9; --person:#c9d8ff; --sdg:#b0006a; --flash:#ff7a00; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 1.5rem 3rem; color: #222; }
h1 { margin: 1rem 0 .5rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ddd; padding: .15rem .4rem; text-align: left; vertical-align: top; }
.counts th { font-weight: normal; }
.legend { margin: .8rem 0; padding: .4rem .6rem; background: #f6f6f6; border-radius: 4px; }
.sdg-matrix td, .sdg-matrix thead th { text-align: center; width: 1.8rem; }
.sdg-matrix td a { text-decoration: none; color: var(--sdg); }
.sdg-matrix tbody th { white-space: nowrap; font-weight: normal; }
.cell-explicit { background: #f7d6e8; color: var(--sdg); }
.cell-theme { background: repeating-linear-gradient(45deg,#fff,#fff 3px,#fbeaf3 3px,#fbeaf3 6px); color: var(--sdg); }
.errors td { font-family: monospace; font-size: 13px; }
.article { border-top: 3px solid #444; margin-top: 2rem; }
.meta span { margin-right: 1rem; color: #555; font-size: 13px; }
.columns { display: grid; grid-template-columns: minmax(0,3fr) minmax(0,2fr); gap: 1rem; align-items: start; }
.text-pane { position: sticky; top: 3.2rem; max-height: calc(100vh - 3.4rem); overflow: auto; border: 1px solid #ddd; padding: .6rem; }
.article-text { white-space: pre-wrap; font: inherit; margin: 0; }
.hl { border-radius: 2px; }
.hl-statement { background: #f1f1f1; }
.hl-quote { background: #ececf7; font-style: italic; }
.hl-industry { background: #ffd9c2; }
.hl-sdg-theme { border-bottom: 2px dashed var(--sdg); }
.hl-sdg-explicit { border-bottom: 3px solid var(--sdg); }
.hl-place { background: var(--place); }
.hl-org { background: var(--org); }
.hl-person { background: var(--person); }
.hl:target, .hl.flash { outline: 3px solid var(--flash); animation: flash 1.5s ease-out; }
@keyframes flash { from { background: var(--flash); } }
.cards { display: flex; flex-direction: column; gap: .6rem; }
.card { border: 1px solid #ccc; border-radius: 6px; padding: .4rem .7rem; }
.card h3 { margin: .2rem 0 .4rem; font-size: 16px; }
.org-card { border-left: 5px solid #e0b000; }
.person-card { border-left: 5px solid #6f8fdf; }
.places-card { border-left: 5px solid #3c9d62; }
.facts { width: 100%; font-size: 14px; }
.facts th { width: 7rem; font-weight: normal; color: #555; }
.kind { padding: 0 .3rem; border-radius: 3px; background: #eee; }
.kind-company { background: #ffe08a; }
a.ev { color: #0645ad; }
a.ev.statement, a.ev.quote { color: inherit; text-decoration-style: dotted; }
.sdg-chip { display: inline-block; min-width: 1.7rem; text-align: center; border-radius: 1rem;
  padding: 0 .35rem; margin: 1px; font-weight: bold; text-decoration: none; }
.sdg-chip.sdg-explicit { background: var(--sdg); color: #fff; border: 2px solid var(--sdg); }
.sdg-chip.sdg-theme { background: #fff; color: var(--sdg); border: 2px dashed var(--sdg); }
.statements ul, .quotes { margin: .2rem 0; padding-left: 1.2rem; font-size: 14px; }
.toolbar { position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid #ccc;
  padding: .4rem 0; display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; min-height: 3rem; }
.toolbar small { color: #666; flex-basis: 100%; display: none; }
.toolbar:hover small { display: block; }
.status { color: #555; font-size: 14px; }
.status.warn, .add-note.warn { color: #b00020; }
.filters { border-top: 3px solid #444; margin-top: 1.5rem; }
.filter-row { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; }
.filter-row label { display: flex; flex-direction: column; font-size: 13px; color: #555; }
.pager { margin: .6rem 0; display: flex; gap: .6rem; align-items: center; }
.rv { white-space: nowrap; margin-left: .25rem; }
.rv-b { font-size: 11px; line-height: 1; padding: 1px 3px; margin: 0 1px; border: 1px solid #bbb;
  background: #fafafa; color: #666; border-radius: 3px; cursor: pointer; }
.rv.is-correct .rv-b[data-verdict=correct] { background: #2e7d32; color: #fff; border-color: #2e7d32; }
.rv.is-wrong .rv-b[data-verdict=wrong] { background: #c62828; color: #fff; border-color: #c62828; }
.rv.is-corrected .rv-b[data-verdict=corrected] { background: #1565c0; color: #fff; border-color: #1565c0; }
.rv-note { font-size: 12px; margin-left: .2rem; color: #1565c0; }
.rv.is-wrong .rv-note { color: #c62828; }
.rv-edit input, .rv-edit select { font-size: 13px; width: 10rem; }
.claims { list-style: none; margin: 0; padding: 0; }
.claims li { margin: .1rem 0; }
.owner { color: #555; margin-left: .4rem; }
.add-bar { font-size: 13px; background: #f4f7fb; border: 1px solid #dde5f0; border-radius: 4px;
  padding: .3rem .5rem; margin: .3rem 0 .6rem; }
.add-bar button { font-size: 12px; margin-left: .3rem; }
.add-sdg { width: 3.5rem; }
.added { margin: .2rem 0 0; padding-left: 1.2rem; }
.added:empty { display: none; }
"""

# The page's one script: pages of articles from their inert blocks, filters and search, the
# review controls and the decisions file, and evidence links that show their article, scroll
# its span into view and flash every piece of it (a span cut up by overlaps flashes as one).
_SCRIPT = r"""
(function () {
  'use strict';
  function $(id) { return document.getElementById(id); }
  var settings = JSON.parse($('report-settings').textContent);
  var index = JSON.parse($('report-index').textContent);
  var STORE = 'nyhetsprofil-vurderinger:' + settings.key;
  var NAME = 'nyhetsprofil-kontrollor';
  var PAGE = settings.pageSize;
  var FIELD_LABELS = {organisation: 'organisasjon', person: 'person', place: 'sted', sdg: 'bærekraftsmål'};
  var KINDS = {company: 'selskap', public_body: 'offentlig organ', other: 'annen'};
  var decisions = load();
  var filtered = index;
  var page = 0;
  var searchText = {};
  var lastSelection = null;

  /* --- decisions: one per value, kept in localStorage under this report's key ---------- */

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }
  function persist() {
    try { localStorage.setItem(STORE, JSON.stringify(decisions)); }
    catch (e) { say('save-status', 'Kunne ikke huske vurderingene i nettleseren: ' + e.message, true); }
    $('decision-count').textContent = Object.keys(decisions).length;
  }
  function keyOf(d) {
    var ev = d.evidence;
    return JSON.stringify([d.article_id, d.field, ev ? ev.start : null, ev ? ev.end : null, d.value]);
  }
  function reviewer() { return $('reviewer').value.trim(); }
  function record(base, verdict, correction) {
    /* the fields in the order of models.ReviewDecision */
    var d = {article_id: base.article_id, field: base.field, value: base.value,
             evidence: base.evidence, verdict: verdict,
             correction: correction === undefined ? null : correction,
             reviewer: reviewer(), time: new Date().toISOString()};
    decisions[keyOf(d)] = d;
    persist();
    return d;
  }
  function say(id, text, warn) {
    var el = typeof id === 'string' ? $(id) : id;
    el.textContent = text;
    el.classList.toggle('warn', !!warn);
  }

  /* --- offsets: the article text in code points, as Python counts them ----------------- */

  function cpLen(s) { return Array.from(s).length; }
  function chars(section) {
    if (!section._chars) section._chars = Array.from(section.querySelector('.article-text').textContent);
    return section._chars;
  }
  function offsetAt(pre, node, off) {
    if (node.nodeType === 3) {
      var span = node.parentElement.closest('[data-start]');
      if (span && pre.contains(span)) return +span.dataset.start + cpLen(node.data.slice(0, off));
    }
    var range = document.createRange();  /* a boundary between elements: count what precedes it */
    range.setStart(pre, 0);
    range.setEnd(node, off);
    return cpLen(range.toString());
  }
  function selectionInArticle() {
    var sel = window.getSelection();
    if (!sel || !sel.rangeCount || sel.isCollapsed) return null;
    var range = sel.getRangeAt(0);
    var node = range.commonAncestorContainer;
    var pre = (node.nodeType === 1 ? node : node.parentElement).closest('.article-text');
    if (!pre) return null;
    var section = pre.closest('.article');
    var text = chars(section);
    var start = offsetAt(pre, range.startContainer, range.startOffset);
    var end = offsetAt(pre, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end <= start) return null;
    return {article: section.dataset.id, start: start, end: end, text: text.slice(start, end).join('')};
  }
  document.addEventListener('selectionchange', function () {
    var found = selectionInArticle();
    if (found) lastSelection = found;
  });

  /* --- review controls ------------------------------------------------------------------ */

  function baseOf(rv) {
    var section = rv.closest('.article');
    var base = {article_id: section.dataset.id, field: rv.dataset.field,
                value: rv.hasAttribute('data-value') ? rv.dataset.value : null, evidence: null};
    if (rv.hasAttribute('data-start')) {
      var start = +rv.dataset.start, end = +rv.dataset.end;
      base.evidence = {start: start, end: end, text: chars(section).slice(start, end).join('')};
    }
    return base;
  }
  var BUTTONS = [['correct', '✓', 'Riktig'], ['wrong', '✗', 'Feil: fjernes'],
                 ['corrected', '✎', 'Rett verdien']];
  function paint(rv) {
    if (!rv.firstChild) {  /* the buttons, made for the values on show only */
      BUTTONS.forEach(function (b) {
        var button = document.createElement('button');
        button.type = 'button'; button.className = 'rv-b';
        button.dataset.verdict = b[0]; button.textContent = b[1]; button.title = b[2];
        rv.appendChild(button);
      });
      var note = document.createElement('span');
      note.className = 'rv-note';
      rv.appendChild(note);
    }
    var d = decisions[keyOf(baseOf(rv))];
    ['correct', 'wrong', 'corrected'].forEach(function (v) {
      rv.classList.toggle('is-' + v, !!d && d.verdict === v);
    });
    var note = rv.querySelector('.rv-note');
    note.textContent = !d ? '' : d.verdict === 'corrected' ? '→ ' + d.correction
      : d.verdict === 'wrong' ? 'feil' : '';
  }
  function openEditor(rv, base) {
    if (rv.querySelector('.rv-edit')) return;
    var box = document.createElement('span');
    box.className = 'rv-edit';
    var input;
    if (base.field === 'organisation.kind') {
      input = document.createElement('select');
      Object.keys(KINDS).forEach(function (k) {
        if (k === base.value) return;
        var option = document.createElement('option');
        option.value = k;
        option.textContent = KINDS[k] + ' (' + k + ')';
        input.appendChild(option);
      });
    } else {
      input = document.createElement('input');
      input.type = base.field === 'sdg' ? 'number' : 'text';
      input.placeholder = 'riktig verdi';
      if (base.value !== null && base.field !== 'sdg') input.value = base.value;
    }
    input.className = 'rv-input';
    var ok = document.createElement('button');
    ok.type = 'button'; ok.className = 'rv-ok'; ok.textContent = 'OK';
    var cancel = document.createElement('button');
    cancel.type = 'button'; cancel.className = 'rv-cancel'; cancel.textContent = 'Avbryt';
    box.append(' ', input, ok, cancel);
    rv.appendChild(box);
    input.focus();
    function save() {
      var value = input.value.trim();
      if (base.field === 'sdg') {
        if (!/^\d+$/.test(value) || +value < 1 || +value > 17) { say(rv.querySelector('.rv-note'), 'et mål er 1–17', true); return; }
        value = String(+value);
      }
      if (!value || value === base.value) { say(rv.querySelector('.rv-note'), 'skriv den riktige verdien', true); return; }
      record(base, 'corrected', value);
      box.remove();
      paint(rv);
    }
    ok.addEventListener('click', save);
    cancel.addEventListener('click', function () { box.remove(); paint(rv); });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') save();
      if (event.key === 'Escape') { box.remove(); paint(rv); }
    });
  }
  function verdictClick(button) {
    var rv = button.closest('.rv');
    var base = baseOf(rv);
    var verdict = button.dataset.verdict;
    var current = decisions[keyOf(base)];
    if (verdict === 'corrected') { openEditor(rv, base); return; }
    if (current && current.verdict === verdict) { delete decisions[keyOf(base)]; persist(); }
    else record(base, verdict);
    paint(rv);
  }

  /* --- adding what the pipeline missed -------------------------------------------------- */

  function addClick(button) {
    var section = button.closest('.article');
    var note = section.querySelector('.add-note');
    var sel = selectionInArticle() || lastSelection;
    if (!sel || sel.article !== section.dataset.id) {
      say(note, 'Marker først teksten i denne artikkelen.', true);
      return;
    }
    var field = button.dataset.field;
    var value = sel.text;
    if (field === 'sdg') {
      value = section.querySelector('.add-sdg').value.trim();
      if (!/^\d+$/.test(value) || +value < 1 || +value > 17) {
        say(note, 'Skriv målnummeret (1–17) i feltet ved knappen.', true);
        return;
      }
      value = String(+value);
    }
    record({article_id: sel.article, field: field, value: value,
            evidence: {start: sel.start, end: sel.end, text: sel.text}}, 'added');
    say(note, 'Lagt til ' + FIELD_LABELS[field] + ' «' + value + '».');
    renderAdded(section);
  }
  function renderAdded(section) {
    var list = section.querySelector('.added');
    list.textContent = '';
    Object.keys(decisions).forEach(function (key) {
      var d = decisions[key];
      if (d.verdict !== 'added' || d.article_id !== section.dataset.id) return;
      var item = document.createElement('li');
      item.textContent = FIELD_LABELS[d.field] + ' «' + d.value + '» (tekst «' + d.evidence.text + '», '
        + d.evidence.start + '–' + d.evidence.end + ') ';
      var remove = document.createElement('button');
      remove.type = 'button'; remove.className = 'unadd'; remove.textContent = 'fjern';
      remove.dataset.key = key;
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  /* --- saving: a JSONL file through a Blob link ----------------------------------------- */

  function save() {
    var name = reviewer();
    var keys = Object.keys(decisions);
    if (!keys.length) { say('save-status', 'Ingen vurderinger å lagre ennå.', true); return; }
    if (!name) { say('save-status', 'Skriv navnet ditt i feltet «Kontrollør» først.', true); $('reviewer').focus(); return; }
    var list = keys.map(function (k) { return decisions[k]; });
    list.sort(function (a, b) { return a.time < b.time ? -1 : a.time > b.time ? 1 : 0; });
    var lines = list.map(function (d) {
      if (!d.reviewer) d.reviewer = name;
      return JSON.stringify(d);
    });
    persist();
    var blob = new Blob([lines.join('\n') + '\n'], {type: 'application/x-ndjson'});
    var url = URL.createObjectURL(blob);
    var link = document.createElement('a');
    link.href = url;
    link.download = 'vurderinger-' + settings.key + '.jsonl';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
    say('save-status', list.length + ' vurderinger lagret som ' + link.download + '.');
  }

  /* --- filters, search and pages -------------------------------------------------------- */

  function lower(s) { return (s || '').toLowerCase(); }
  function anyHas(values, needle) {
    return values.some(function (v) { return lower(v).indexOf(needle) >= 0; });
  }
  function decode(html) {
    var map = {'&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'"};
    return html.replace(/&(amp|lt|gt|quot|#x27);/g, function (m) { return map[m]; });
  }
  function haystack(entry) {
    if (!(entry.id in searchText)) {  /* the article text, read on the first search only */
      var html = ($('data-' + entry.id) || {}).textContent || '';
      var at = html.indexOf('<pre class="article-text">'), to = html.indexOf('</pre>', at);
      var text = at >= 0 ? decode(html.slice(at, to).replace(/<[^>]*>/g, '')) : '';
      searchText[entry.id] = lower([entry.title, entry.source, entry.id, entry.orgs.join(' '),
        entry.places.join(' '), entry.people.join(' '), entry.industries.join(' '), text].join('\n'));
    }
    return searchText[entry.id];
  }
  function currentFilters() {
    return {search: lower($('f-search').value.trim()), org: lower($('f-org').value.trim()),
            kind: $('f-kind').value, sdg: $('f-sdg').value, place: lower($('f-place').value.trim()),
            article: lower($('f-article').value.trim())};
  }
  function matches(e, f) {
    if (f.kind && e.kinds.indexOf(f.kind) < 0) return false;
    if (f.sdg && e.sdgs.indexOf(+f.sdg) < 0) return false;
    if (f.org && !anyHas(e.orgs, f.org)) return false;
    if (f.place && !anyHas(e.places, f.place)) return false;
    if (f.article && !anyHas([e.title, e.id, e.source], f.article)) return false;
    if (f.search && haystack(e).indexOf(f.search) < 0) return false;
    return true;
  }
  function applyFilters() {
    var f = currentFilters();
    filtered = index.filter(function (e) { return matches(e, f); });
    page = 0;
    renderPage();
  }
  function resetFilters() {
    ['f-search', 'f-org', 'f-kind', 'f-sdg', 'f-place', 'f-article'].forEach(function (id) { $(id).value = ''; });
    filtered = index;
  }
  function renderPage() {
    var pages = Math.max(1, Math.ceil(filtered.length / PAGE));
    page = Math.min(Math.max(0, page), pages - 1);
    var shown = filtered.slice(page * PAGE, page * PAGE + PAGE);
    var container = $('articles');
    container.innerHTML = shown.map(function (e) {
      var block = $('data-' + e.id);
      return block ? block.textContent : '';
    }).join('\n');
    container.querySelectorAll('.article').forEach(function (section) {
      section.querySelectorAll('.rv').forEach(paint);
      renderAdded(section);
    });
    say('f-status', filtered.length
      ? 'Viser ' + (page * PAGE + 1) + '–' + (page * PAGE + shown.length) + ' av ' + filtered.length
        + ' artikler' + (filtered.length < index.length ? ' (filtrert fra ' + index.length + ')' : '') + '.'
      : 'Ingen artikler passer filtrene.');
    ['pager-top', 'pager-bottom'].forEach(function (id) {
      var pager = $(id);
      pager.textContent = '';
      if (pages < 2) return;
      var prev = document.createElement('button');
      prev.type = 'button'; prev.textContent = '« Forrige'; prev.disabled = page === 0;
      prev.className = 'page-prev';
      prev.addEventListener('click', function () { page--; renderPage(); $('filters').scrollIntoView(); });
      var label = document.createElement('span');
      label.textContent = 'Side ' + (page + 1) + ' av ' + pages;
      var next = document.createElement('button');
      next.type = 'button'; next.textContent = 'Neste »'; next.disabled = page >= pages - 1;
      next.className = 'page-next';
      next.addEventListener('click', function () { page++; renderPage(); $('filters').scrollIntoView(); });
      pager.append(prev, label, next);
    });
  }
  function showArticle(id) {
    var at = filtered.findIndex(function (e) { return e.id === id; });
    if (at < 0) {
      resetFilters();
      at = filtered.findIndex(function (e) { return e.id === id; });
    }
    if (at < 0) return false;
    var wanted = Math.floor(at / PAGE);
    if (wanted !== page || !$('article-' + id)) { page = wanted; renderPage(); }
    return true;
  }
  function fillList(listId, values) {
    var list = $(listId);
    if (list.childElementCount) return;
    Array.from(new Set(values)).sort(function (a, b) { return a.localeCompare(b, 'nb'); }).forEach(function (v) {
      var option = document.createElement('option');
      option.value = v;
      list.appendChild(option);
    });
  }
  var lists = {
    'f-org': function () { fillList('dl-org', [].concat.apply([], index.map(function (e) { return e.orgs; }))); },
    'f-place': function () { fillList('dl-place', [].concat.apply([], index.map(function (e) { return e.places; }))); },
    'f-article': function () { fillList('dl-article', index.map(function (e) { return e.title; })); }
  };
  Object.keys(lists).forEach(function (id) { $(id).addEventListener('focus', lists[id]); });
  var typing = null;
  ['f-search', 'f-org', 'f-place', 'f-article'].forEach(function (id) {
    $(id).addEventListener('input', function () { clearTimeout(typing); typing = setTimeout(applyFilters, 200); });
  });
  ['f-kind', 'f-sdg'].forEach(function (id) { $(id).addEventListener('change', applyFilters); });
  $('f-reset').addEventListener('click', function () { resetFilters(); page = 0; renderPage(); });

  /* --- evidence links: show the article, scroll its span into view and flash it ---------- */

  function flash(link) {
    var id = link.getAttribute('href').slice(1);
    var target = document.getElementById(id);
    if (!target && link.dataset.article && showArticle(link.dataset.article)) target = document.getElementById(id);
    if (!target) return false;
    var start = +link.dataset.start, end = +link.dataset.end;
    var text = target.closest('.article-text');
    text.querySelectorAll('.hl.flash').forEach(function (el) { el.classList.remove('flash'); });
    text.querySelectorAll('.hl').forEach(function (el) {
      if (+el.dataset.start >= start && +el.dataset.end <= end) {
        void el.offsetWidth;  /* restart the animation on a second click */
        el.classList.add('flash');
      }
    });
    target.scrollIntoView({block: 'center'});
    history.replaceState(null, '', '#' + target.id);
    return true;
  }

  document.addEventListener('click', function (event) {
    var el = event.target;
    var link = el.closest('a.ev[data-start]');
    if (link) { if (flash(link)) event.preventDefault(); return; }
    var button = el.closest('.rv-b');
    if (button) { verdictClick(button); return; }
    button = el.closest('button.add');
    if (button) { addClick(button); return; }
    button = el.closest('button.unadd');
    if (button) {
      delete decisions[button.dataset.key];
      persist();
      renderAdded(button.closest('.article'));
      return;
    }
    var org = el.closest('a.filter-org');
    if (org) {
      event.preventDefault();
      resetFilters();
      $('f-org').value = org.dataset.org;
      applyFilters();
      $('filters').scrollIntoView();
    }
  });
  $('save').addEventListener('click', save);
  $('clear').addEventListener('click', function () {
    if (!window.confirm('Slette alle vurderingene i denne rapporten fra nettleseren?')) return;
    decisions = {};
    persist();
    renderPage();
  });
  $('reviewer').value = localStorage.getItem(NAME) || '';
  $('reviewer').addEventListener('input', function () { localStorage.setItem(NAME, reviewer()); });
  var more = $('matrix-more');
  if (more) more.addEventListener('click', function () {
    document.querySelector('.sdg-matrix tbody').insertAdjacentHTML('beforeend', $('matrix-rest').textContent);
    more.remove();
  });

  /* a link to #article-<id> or #ev-<id>-<offset> (from outside, or back and forward) */
  function followHash() {
    var hash = location.hash.match(/^#(?:article|ev)-([0-9a-zA-Z_]+)/);
    if (!hash || document.getElementById(location.hash.slice(1))) return;
    if (showArticle(hash[1])) {
      var target = document.getElementById(location.hash.slice(1));
      if (target) target.scrollIntoView({block: 'center'});
    }
  }
  window.addEventListener('hashchange', followHash);

  persist();
  renderPage();
  followHash();
})();
"""


def page(body: str) -> str:
    # Concatenated, not str.format: the CSS and JS are full of braces.
    return (
        '<!DOCTYPE html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Kontroll av uttrekket</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n{body}\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )
