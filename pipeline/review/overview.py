"""The report's overview (counts, the companies-by-goal matrix, the failed inputs) and the
filters above the article list."""

from __future__ import annotations

from html import escape

from models import CompanyProfile, CompanySdg, Profile
from pipeline.review.labels import GOALS, KIND_LABELS, METHOD_LABELS, goal_name
from pipeline.review.page import inert_block, report_file
from pipeline.review.text import evidence_link
from pipeline.write import ErrorRecord

#: Rows of the companies-by-SDG matrix in the page itself; the rest come on request.
MATRIX_ROWS = 40


def render_overview(
    profiles: list[Profile], companies: list[CompanyProfile], errors: list[ErrorRecord]
) -> str:
    return "\n".join(
        [
            '<section class="overview" id="overview"><h2>Oversikt</h2>',
            _counts(profiles, companies, errors),
            report_file("legend.html"),
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
            + inert_block("matrix-rest", "".join(_matrix_row(c) for c in ordered[limit:]))
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
        f"Mål {goal.number} {goal.name}: {', '.join(METHOD_LABELS[m] for m in goal.methods)} "
        f"i {len(goal.backing)} omtale(r)"
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


def render_filters() -> str:
    kinds = "".join(
        f'<option value="{k}" title="{k}">{escape(label)}</option>'
        for k, label in KIND_LABELS.items()
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
