"""One article of the report: its text beside profile cards whose values link to their
evidence, each reviewable value (``review_items`` of pipeline/decisions) with the place of its
✓ / ✗ / ✎ controls, and the bar that adds a missing item from a span of the text."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from models import Evidence, Organisation, Person, Place, Profile, SdgMention
from models.facts import facts, review_field
from pipeline.decisions import ReviewItem, SdgClaim, sdg_claims
from pipeline.export import people_of, place_label
from pipeline.review.labels import KIND_LABELS, PLACE_KIND_LABELS, TOPIC_LABELS, goal_name
from pipeline.review.text import evidence_link, render_text


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
    if org.found_by:  # why an organisation: the rule that found the name
        name += f' <span class="why" title="funnet av: {escape(org.found_by)}">ⓘ</span>'
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
        rule = getattr(target, fact.fact.rule) if fact.fact.rule else None
        if rule:  # why this value, for the reviewer: the rule's id, as a tooltip
            shown += f' <span class="why" title="regel: {escape(rule)}">ⓘ</span>'
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
        f'<li><b title="{escape(s.topic)}">{escape(TOPIC_LABELS.get(s.topic, s.topic))}:</b> '
        f"{evidence_link(aid, s.evidence, s.text, 'statement')}</li>"
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
        f'<small title="{escape(p.kind)}">{escape(PLACE_KIND_LABELS.get(p.kind, p.kind))}</small> '
        f"{_numbered_links(aid, p.mentions)}</li>"
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
        rules = sorted({m.owner_rule for m in claim.mentions if m.owner_rule})
        if rules:  # why this owner, for the reviewer: the rule's id, as a tooltip
            why = escape(", ".join(rules))
            owner = f'<span class="why" title="regel: {why}">{owner} ⓘ</span>'
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
    """Rows of (label, ready HTML): the values are already escaped by their makers. Empty
    fields ("–") are left out: a card is as tall as what was found."""
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows if v != "–")
    return f'<table class="facts">{cells}</table>'
