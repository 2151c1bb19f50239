"""Review: one self-contained HTML report of an output folder, for a person to check by eye.

The report has an overview (counts, a companies-by-SDG matrix, the failed inputs) and, per
article, the text with every piece of evidence highlighted next to profile cards whose
values link to that evidence. It needs no network: CSS and JS are inline.

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
from pipeline.aggregate import merge_profiles
from pipeline.export import people_of, place_label
from pipeline.write import ERRORS_JSONL, ErrorRecord, atomic_write_text, iter_profiles

GOALS = range(1, 18)

#: Highlight kinds in the order of their CSS rules: where spans overlap, later kinds paint over
#: earlier ones (an organisation name inside a quote shows as an organisation).
KINDS = ("statement", "quote", "industry", "sdg-theme", "sdg-explicit", "place", "org", "person")


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


def render_report(
    profiles: list[Profile], companies: list[CompanyProfile], errors: list[ErrorRecord]
) -> str:
    body = "\n".join(
        [
            "<h1>Review of the pipeline output</h1>",
            render_overview(profiles, companies, errors),
            *(render_article(p) for p in profiles),
        ]
    )
    return page(body)


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
    """The article text as HTML, every highlight a flat ``span.hl``."""
    text, article_id = profile.text, profile.article.id
    spans = highlights(profile)
    starts = {h.start for h in spans}
    parts, position = [], 0
    for seg in segments(len(text), spans):
        parts.append(escape(text[position : seg.start]))
        parts.append(_segment_html(article_id, text, seg, seg.start in starts))
        position = seg.end
    parts.append(escape(text[position:]))
    return "".join(parts)


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
            '<section class="overview" id="overview"><h2>Overview</h2>',
            _counts(profiles, companies, errors),
            _LEGEND,
            "<h3>Companies by SDG</h3>",
            render_matrix([c for c in companies if "company" in c.kinds]),
            render_errors(errors),
            _article_index(profiles),
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
        ("Articles", len(profiles)),
        ("Companies (merged across articles)", merged),
        ("Company sightings (per article)", mentioned),
        ("Places (distinct names)", len(places)),
        ("People (distinct names)", len(people)),
        ("Failed inputs", len(errors)),
    ]
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="counts">{cells}</table>'


def render_matrix(companies: list[CompanyProfile]) -> str:
    """Rows: companies merged across articles; columns: goals 1-17; solid = explicit, ring = theme."""
    head = "".join(f'<th title="{escape(goal_name(n))}">{n}</th>' for n in GOALS)
    rows = "".join(_matrix_row(c) for c in companies)
    if not companies:
        rows = '<tr><td colspan="18">No companies found.</td></tr>'
    return (
        f'<table class="sdg-matrix"><thead><tr><th>Company</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _matrix_row(company: CompanyProfile) -> str:
    by_number = {s.number: s for s in company.sdgs}
    cells = "".join(_matrix_cell(by_number.get(n)) for n in GOALS)
    articles = len(company.article_ids)
    title = "; ".join(company.names)
    return (
        f'<tr data-company="{escape(company.id)}"><th title="{escape(title)}">{escape(company.name)}'
        f" <small>({articles} article{'s' if articles != 1 else ''})</small></th>{cells}</tr>"
    )


def _matrix_cell(goal: CompanySdg | None) -> str:
    if goal is None:
        return '<td class="cell-none"></td>'
    explicit = "explicit" in goal.methods
    css, mark = ("cell-explicit", "●") if explicit else ("cell-theme", "○")
    # Link the cell to the strongest evidence: an explicit mention when there is one.
    backing = next((b for b in goal.backing if b.method == "explicit"), goal.backing[0])
    title = f"SDG {goal.number} {goal.name}: {', '.join(goal.methods)} in {len(goal.backing)} mention(s)"
    link = evidence_link(backing.article_id, backing.evidence, mark)
    return f'<td class="{css}" title="{escape(title)}">{link}</td>'


def render_errors(errors: list[ErrorRecord]) -> str:
    if not errors:
        return '<h3>Errors</h3><p class="no-errors">No failed inputs.</p>'
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{escape(v)}</td>" for v in (e.input, e.stage, e.error_type, e.message))
        + "</tr>"
        for e in errors
    )
    return (
        '<h3>Errors</h3><table class="errors"><thead><tr><th>Input</th><th>Stage</th>'
        f"<th>Type</th><th>Message</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _article_index(profiles: list[Profile]) -> str:
    items = "".join(
        f'<li><a href="#article-{escape(p.article.id)}">{escape(p.article.title or p.article.source)}</a></li>'
        for p in profiles
    )
    return f'<h3>Articles</h3><ol class="article-index">{items}</ol>'


@lru_cache(maxsize=1)
def _goal_names() -> dict[int, str]:
    # Read the catalogue file directly: pipeline.sdg would import spaCy.
    raw = resources.files("pipeline").joinpath("resources/sdg_goals.json").read_text("utf-8")
    return {goal["number"]: goal["nb"] for goal in json.loads(raw)["goals"]}


def goal_name(number: int) -> str:
    return _goal_names().get(number, "")


# --- one article ----------------------------------------------------------------------


def render_article(profile: Profile) -> str:
    article = profile.article
    return "\n".join(
        [
            f'<section class="article" id="article-{escape(article.id)}">',
            f"<h2>{escape(article.title or article.source)}</h2>",
            _article_meta(profile),
            '<div class="columns">',
            # <pre>: the text's line breaks are content, and HTML parsers keep them only there.
            f'<div class="text-pane"><pre class="article-text">{render_text(profile)}</pre></div>',
            f'<div class="cards">{render_cards(profile)}</div>',
            "</div></section>",
        ]
    )


def _article_meta(profile: Profile) -> str:
    article = profile.article
    facts = [
        ("id", article.id),
        ("source", article.source),
        ("published", article.published.isoformat() if article.published else "unknown"),
        ("language", article.language),
        ("authors", ", ".join(article.authors) or "unknown"),
        ("model", profile.model),
    ]
    items = "".join(f"<span><b>{escape(k)}:</b> {escape(v)}</span>" for k, v in facts)
    return f'<p class="meta">{items} <a href="#overview">↑ overview</a></p>'


def render_cards(profile: Profile) -> str:
    aid = profile.article.id
    cards = [organisation_card(aid, org, people_of(profile, org)) for org in profile.organisations]
    cards += [person_card(aid, person) for person in profile.people]
    cards.append(places_card(aid, profile.places))
    cards.append(article_sdgs_card(aid, [s for s in profile.sdgs if s.organisation is None]))
    return "\n".join(cards)


def organisation_card(aid: str, org: Organisation, people: list[str]) -> str:
    first = org.mentions[0] if org.mentions else None
    rows = [
        ("Kind", f'<span class="kind kind-{escape(org.kind)}">{escape(org.kind)}</span>'),
        (
            "Industry",
            evidence_link(aid, org.industry_evidence, org.industry) if org.industry else "–",
        ),
        ("Aliases", _alias_links(aid, org) or "–"),
        (
            "Places",
            ", ".join(evidence_link(aid, p.evidence, place_label(p)) for p in org.places) or "–",
        ),
        ("SDGs", sdg_chips(aid, org.sdgs) or "–"),
        ("People", escape(", ".join(people)) or "–"),
        ("Mentions", _numbered_links(aid, org.mentions) or "–"),
    ]
    return (
        f'<div class="card org-card"><h3>{evidence_link(aid, first, org.name)}</h3>'
        f"{_fact_table(rows)}{_statement_list(aid, org)}</div>"
    )


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
    return f'<details class="statements" open><summary>Statements ({len(org.statements)})</summary><ul>{items}</ul></details>'


def person_card(aid: str, person: Person) -> str:
    first = person.mentions[0] if person.mentions else None
    rows = [
        ("Title", escape(person.title or "–")),
        ("Organisation", escape(person.organisation or "–")),
        ("Mentions", _numbered_links(aid, person.mentions) or "–"),
    ]
    quotes = "".join(
        f"<li>{evidence_link(aid, q.evidence, q.text, 'quote')}</li>" for q in person.quotes
    )
    quote_list = f'<ul class="quotes">{quotes}</ul>' if quotes else ""
    return (
        f'<div class="card person-card"><h3>{evidence_link(aid, first, person.name)}</h3>'
        f"{_fact_table(rows)}{quote_list}</div>"
    )


def places_card(aid: str, places: list[Place]) -> str:
    items = "".join(
        f"<li>{evidence_link(aid, p.mentions[0] if p.mentions else None, place_label(p))} "
        f"<small>{escape(p.kind)}</small> {_numbered_links(aid, p.mentions)}</li>"
        for p in places
    )
    return f'<div class="card places-card"><h3>Places</h3><ul>{items or "<li>none</li>"}</ul></div>'


def article_sdgs_card(aid: str, mentions: list[SdgMention]) -> str:
    chips = sdg_chips(aid, mentions) or "none"
    return f'<div class="card sdgs-card"><h3>Goals of the article itself</h3><p>{chips}</p></div>'


def sdg_chips(aid: str, mentions: Iterable[SdgMention]) -> str:
    return " ".join(
        evidence_link(aid, s.evidence, str(s.number), f"sdg-chip sdg-{s.method}") for s in mentions
    )


def _numbered_links(aid: str, evidence: list[Evidence]) -> str:
    return " ".join(evidence_link(aid, ev, str(i)) for i, ev in enumerate(evidence, start=1))


def _fact_table(rows: list[tuple[str, str]]) -> str:
    """Rows of (label, ready HTML): the values are already escaped by their makers."""
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="facts">{cells}</table>'


# --- page -----------------------------------------------------------------------------

_LEGEND = """<div class="legend"><b>Legend:</b>
<span class="hl hl-org">organisation</span> <span class="hl hl-place">place</span>
<span class="hl hl-person">person</span> <span class="hl hl-industry">industry</span>
<span class="hl hl-statement">statement</span> <span class="hl hl-quote">quote</span>
<span class="hl hl-sdg-explicit">SDG named (explicit)</span>
<span class="hl hl-sdg-theme">SDG inferred (theme)</span>
<span class="sdg-chip sdg-explicit">7</span> explicit goal
<span class="sdg-chip sdg-theme">7</span> theme goal
· matrix: <span class="cell-explicit">●</span> explicit, <span class="cell-theme">○</span> theme only
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
.text-pane { position: sticky; top: 0; max-height: 100vh; overflow: auto; border: 1px solid #ddd; padding: .6rem; }
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
"""

# Clicking an evidence link scrolls its first segment into view and flashes every segment
# of the span (a span cut into pieces by overlaps must flash as one).
_SCRIPT = """
document.addEventListener('click', function (event) {
  var link = event.target.closest('a.ev[data-start]');
  if (!link) return;
  var target = document.getElementById(link.getAttribute('href').slice(1));
  if (!target) return;
  event.preventDefault();
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
});
"""


def page(body: str) -> str:
    # Concatenated, not str.format: the CSS and JS are full of braces.
    return (
        '<!DOCTYPE html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Review of the pipeline output</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n{body}\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )
