"""The profiles as long-format tables with keys: what ``pipeline export`` writes as SQLite,
Parquet and CSV files for other tools (databases, pandas, R, spreadsheets).

This module is the one place the tables are defined (``TABLES``: columns, types, keys and
what each column means; ``VIEWS``) and ``table_rows`` is the one function that fills them
from the profiles: every format writes exactly its rows, so the formats cannot disagree.

Every row id is built from the article id and positions in the profile
(``<article_id>/org2``, ``<article_id>/org2/statement1``), so the same profiles always give
the same keys. Every span of text the profile backs a value with (``Evidence``) is here as
its text and its character offsets in ``articles.text`` (start inclusive, end exclusive,
counted in Unicode code points from 0: Python's ``text[start:end]``).

No spaCy and no pyarrow here: the module only reads finished profiles.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from models import Evidence, Organisation, Person, Profile
from models.facts import facts

ColumnType = Literal["text", "int", "bool", "date"]
#: A cell: None is SQL NULL, an empty Parquet cell, an empty CSV field.
Value = str | int | bool | date | None
Row = dict[str, Value]

#: Joins the values of a list (aliases, authors) in one cell, as the wide CSV does.
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    doc: str
    nullable: bool = True
    references: str | None = None  # the table whose key this column holds (a foreign key)


@dataclass(frozen=True)
class Table:
    """A table; its first column is its primary key."""

    name: str
    doc: str
    columns: tuple[Column, ...]

    @property
    def key(self) -> str:
        return self.columns[0].name

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _key(name: str, doc: str) -> Column:
    return Column(name, "text", doc, nullable=False)


def _ref(name: str, table: str, doc: str, nullable: bool = False) -> Column:
    return Column(name, "text", doc, nullable=nullable, references=table)


def _article_ref() -> Column:
    return _ref("article_id", "articles", "The article (articles.article_id)")


def _text(name: str, doc: str, nullable: bool = True) -> Column:
    return Column(name, "text", doc, nullable=nullable)


def _fact_columns(model: type[Organisation] | type[Person]) -> tuple[Column, ...]:
    """The columns of the model's declared facts: the value, then its evidence span when the
    fact has evidence of its own."""
    columns: list[Column] = []
    for fact in facts(model):
        nullable = not fact.info.is_required()
        columns += [
            Column(name, "text", doc, nullable=nullable) for name, doc in fact.column_docs().items()
        ]
        if fact.fact.evidence:
            columns += _span(fact.fact.evidence, fact.fact.evidence_doc)
    return tuple(columns)


def _fact_cells(owner: Organisation | Person) -> Row:
    cells: Row = {}
    for fact in facts(type(owner)):
        cells.update(fact.cells(owner))
        if fact.fact.evidence:
            cells.update(_span_cells(fact.fact.evidence, getattr(owner, fact.fact.evidence)))
    return cells


def _span(prefix: str, what: str, nullable: bool = True) -> tuple[Column, ...]:
    """Three columns for one Evidence: its text, start and end offsets in articles.text."""
    return (
        Column(f"{prefix}_text", "text", f"{what}: the text of the span", nullable),
        Column(f"{prefix}_start", "int", f"{what}: start offset in articles.text", nullable),
        Column(f"{prefix}_end", "int", f"{what}: end offset (exclusive)", nullable),
    )


TABLES: tuple[Table, ...] = (
    Table(
        "articles",
        "One row per article (profile).",
        (
            _key(
                "article_id",
                "The article's id (16 hex characters from its content); the profile is <article_id>.json",
            ),
            _text("title", "Headline"),
            _text("lead", "Lead paragraph (ingress)"),
            _text("source", "The path or URL it was read from", nullable=False),
            _text("url", "Canonical URL when known"),
            Column("published", "date", "Publication date when stated"),
            _text("language", "nb (bokmål) or nn (nynorsk)", nullable=False),
            _text("authors", "Bylines, joined by '; '"),
            _text("publisher", "Who publishes the page, as it declares (og:site_name, JSON-LD)"),
            _text("schema_version", "Version of the profile format", nullable=False),
            _text(
                "pipeline_version", "Version of the pipeline that wrote the profile", nullable=False
            ),
            _text("model", "The spaCy pipeline used (name and version)", nullable=False),
            _text(
                "text",
                "The mined article text every offset in every table refers to",
                nullable=False,
            ),
        ),
    ),
    Table(
        "organisations",
        "One row per organisation per article (the same company in two articles is two rows; "
        "`pipeline aggregate` merges them).",
        (
            _key("org_id", "'<article_id>/org<n>': the n-th organisation of the profile"),
            _article_ref(),
            _text("name", "Full name as first written in full", nullable=False),
            _text("aliases", "Other names the article uses for it, joined by '; '"),
            *_fact_columns(Organisation),
            *_span("first_mention", "Its first mention by any name"),
        ),
    ),
    Table(
        "places",
        "Places of the article (org_id empty) and places the profile ties to an organisation "
        "(org_id set), with the municipality and county they lie in.",
        (
            _key(
                "place_id",
                "'<article_id>/place<n>' for the article's n-th place, "
                "'<org_id>/place<n>' for an organisation's n-th place",
            ),
            _article_ref(),
            _ref(
                "org_id",
                "organisations",
                "The organisation tied to the place; empty for a place of the article",
                nullable=True,
            ),
            _text("name", "The place as written, e.g. 'Lysaker'", nullable=False),
            _text(
                "kind",
                "Article places: municipality, county, former_county, locality, country or unknown; empty for an organisation's place",
            ),
            _text("municipality", "Municipality it lies in"),
            _text("county", "County (as of 2024) it lies in"),
            _text("former_county", "County before the 2024 split, when different"),
            *_span("evidence", "Where the profile states the tie (an organisation's place)"),
            *_span("first_mention", "An article place's first mention"),
        ),
    ),
    Table(
        "people",
        "One row per person named in an article.",
        (
            _key("person_id", "'<article_id>/person<n>': the n-th person of the profile"),
            _article_ref(),
            _text("name", "Full name", nullable=False),
            *_fact_columns(Person),
            _ref(
                "org_id",
                "organisations",
                "That organisation's row, when the name is one of its names",
                nullable=True,
            ),
            *_span("first_mention", "The person's first mention"),
        ),
    ),
    Table(
        "quotes",
        "One row per quote of a person.",
        (
            _key("quote_id", "'<person_id>/quote<n>'"),
            _article_ref(),
            _ref("person_id", "people", "Who said it (people.person_id)"),
            _text("text", "The quote", nullable=False),
            *_span("evidence", "The quote in the article", nullable=False),
        ),
    ),
    Table(
        "sdg_claims",
        "One row per mention of a UN Sustainable Development Goal, with the organisation it "
        "belongs to (empty when it belongs to the article).",
        (
            _key("claim_id", "'<article_id>/sdg<n>': the n-th goal mention of the profile"),
            _article_ref(),
            Column("number", "int", "Goal number 1-17", nullable=False),
            _text("goal", "The goal's official Norwegian (bokmål) name", nullable=False),
            _text(
                "method",
                "explicit: the text names the goal; theme: inferred from the subject matter",
                nullable=False,
            ),
            _text(
                "organisation",
                "Name of the organisation that states or works on the goal; empty for the article",
            ),
            _ref("org_id", "organisations", "That organisation's row", nullable=True),
            Column(
                "organisation_listed",
                "bool",
                "True when this mention is the one the organisation's own goal list in the "
                "profile holds (its first of each goal and method); empty for the article's",
            ),
            *_span("evidence", "The number, name or theme words in the text", nullable=False),
        ),
    ),
    Table(
        "statements",
        "One row per statement of an organisation (its answers and its people's quotes).",
        (
            _key("statement_id", "'<org_id>/statement<n>'"),
            _article_ref(),
            _ref("org_id", "organisations", "The organisation that said it"),
            _text("organisation", "That organisation's name", nullable=False),
            _text("topic", "purpose, expectations, sdgs or other", nullable=False),
            _text("text", "The statement", nullable=False),
            *_span("evidence", "The statement in the article", nullable=False),
        ),
    ),
    Table(
        "mentions",
        "Every mention of an organisation (by any name), a person or a place of the article; "
        "exactly one of org_id, person_id, place_id is set.",
        (
            _key("mention_id", "'<article_id>/mention<n>'"),
            _article_ref(),
            _text("entity", "organisation, person or place", nullable=False),
            _ref("org_id", "organisations", "The organisation mentioned", nullable=True),
            _ref("person_id", "people", "The person mentioned", nullable=True),
            _ref("place_id", "places", "The place mentioned", nullable=True),
            *_span("evidence", "The mention", nullable=False),
        ),
    ),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}

#: Views (SQLite only): name -> (what it shows, its SELECT).
VIEWS: dict[str, tuple[str, str]] = {
    "orgs_by_sdg": (
        "Per goal, the organisations that state or work on it (by name and kind, across "
        "articles): in how many articles and with how many mentions, explicit and theme.",
        """SELECT c.number AS number, c.goal AS goal, o.name AS organisation, o.kind AS kind,
       COUNT(DISTINCT c.article_id) AS articles, COUNT(*) AS mentions,
       SUM(c.method = 'explicit') AS explicit_mentions, SUM(c.method = 'theme') AS theme_mentions
FROM sdg_claims AS c JOIN organisations AS o ON o.org_id = c.org_id
GROUP BY c.number, c.goal, o.name, o.kind
ORDER BY c.number, articles DESC, mentions DESC, o.name""",
    ),
}

#: Table constraints beyond the keys (SQLite only).
CHECKS: dict[str, tuple[str, ...]] = {
    "organisations": ("CHECK (kind IN ('company', 'public_body', 'other'))",),
    "sdg_claims": (
        "CHECK (number BETWEEN 1 AND 17)",
        "CHECK (method IN ('explicit', 'theme'))",
    ),
    "mentions": (
        "CHECK ((org_id IS NOT NULL) + (person_id IS NOT NULL) + (place_id IS NOT NULL) = 1)",
        "CHECK ((entity = 'organisation') = (org_id IS NOT NULL) "
        "AND (entity = 'person') = (person_id IS NOT NULL))",
    ),
}

_SQL_TYPES = {"text": "TEXT", "int": "INTEGER", "bool": "INTEGER", "date": "TEXT"}


def sqlite_schema() -> list[str]:
    """The statements that create the tables (keys declared, each column's meaning kept as a
    comment, so ``.schema`` in the sqlite3 shell documents them), their indexes and views."""
    statements = []
    for table in TABLES:
        items: list[tuple[str, str]] = []  # (definition, comment)
        for i, col in enumerate(table.columns):
            sql = f"{col.name} {_SQL_TYPES[col.type]}"
            if i == 0:
                sql += " PRIMARY KEY"
            if not col.nullable:
                sql += " NOT NULL"
            if col.type == "bool":
                sql += f" CHECK ({col.name} IN (0, 1))"
            if col.references:
                sql += f" REFERENCES {col.references}({TABLE_BY_NAME[col.references].key})"
            items.append((sql, col.doc))
        items += [(check, "") for check in CHECKS.get(table.name, ())]
        lines = [
            f"  {sql}{',' if i < len(items) - 1 else ''}" + (f"  -- {doc}" if doc else "")
            for i, (sql, doc) in enumerate(items)
        ]
        statements.append(
            f"CREATE TABLE {table.name} (  -- {table.doc}\n" + "\n".join(lines) + "\n)"
        )
    for table in TABLES:
        statements += [
            f"CREATE INDEX {table.name}_{col.name} ON {table.name}({col.name})"
            for col in table.columns
            if col.references
        ]
    statements += [f"CREATE VIEW {name} AS\n{select}" for name, (_, select) in VIEWS.items()]
    return statements


def sql_value(value: Value) -> str | int | None:
    """A cell as SQLite stores it: dates as ISO text, booleans as 0/1."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def csv_value(value: Value) -> str | int:
    """A cell as the CSV files hold it: empty for null, otherwise as in SQLite."""
    value = sql_value(value)
    return "" if value is None else value


TableRows = dict[str, list[Row]]


def warn_duplicate(profile: Profile) -> None:
    print(
        f"pipeline: skipping a second profile of article {profile.article.id} "
        f"({profile.article.source}): its rows are in the tables already",
        file=sys.stderr,
    )


def table_rows(
    profiles: Iterable[Profile], duplicate: Callable[[Profile], None] = warn_duplicate
) -> Iterator[TableRows]:
    """For each profile, its rows of every table (table name -> rows, keys as in ``TABLES``,
    values as Python str, int, bool, date or None). A second profile with an article id seen
    before (a profile file copied by hand) is reported through ``duplicate`` and left out,
    since its rows would repeat the first one's keys."""
    seen: set[str] = set()
    for profile in profiles:
        if profile.article.id in seen:
            duplicate(profile)
            continue
        seen.add(profile.article.id)
        yield _profile_rows(profile)


def _profile_rows(profile: Profile) -> TableRows:
    """One profile's rows of every table; ids are the article's id and a path of numbers
    ("<article>/org2/place1"), so rows of many profiles never collide."""
    aid = profile.article.id
    rows: TableRows = {t.name: [] for t in TABLES}
    rows["articles"].append(_article_row(profile))
    org_ids = [f"{aid}/org{n}" for n in range(1, len(profile.organisations) + 1)]
    mentions: list[tuple[str, str, Evidence]] = []  # (entity, its id, evidence)
    mentions += _organisation_rows(profile, org_ids, rows)
    org_of = _org_resolver(profile, org_ids)
    mentions += _place_rows(profile, rows)
    mentions += _people_rows(profile, org_of, rows)
    rows["sdg_claims"] = _sdg_claim_rows(profile, org_ids, org_of)
    rows["mentions"] = _mention_rows(aid, mentions)
    return rows


def _article_row(profile: Profile) -> Row:
    meta = profile.article
    return {
        "article_id": meta.id,
        "title": meta.title,
        "lead": meta.lead,
        "source": meta.source,
        "url": meta.url,
        "published": meta.published,
        "language": meta.language,
        "authors": LIST_SEPARATOR.join(meta.authors) or None,
        "publisher": meta.publisher,
        "schema_version": profile.schema_version,
        "pipeline_version": profile.pipeline_version,
        "model": profile.model,
        "text": profile.text,
    }


def _organisation_rows(
    profile: Profile, org_ids: list[str], rows: TableRows
) -> list[tuple[str, str, Evidence]]:
    """Each organisation's row, and the rows of its places and statements, added to
    ``rows``; returns its mentions."""
    aid = profile.article.id
    mentions: list[tuple[str, str, Evidence]] = []
    for org_id, org in zip(org_ids, profile.organisations, strict=True):
        rows["organisations"].append(
            {
                "org_id": org_id,
                "article_id": aid,
                "name": org.name,
                "aliases": LIST_SEPARATOR.join(org.aliases) or None,
                **_fact_cells(org),
                **_span_cells("first_mention", org.mentions[0] if org.mentions else None),
            }
        )
        for n, place in enumerate(org.places, start=1):
            rows["places"].append(
                {
                    "place_id": f"{org_id}/place{n}",
                    "article_id": aid,
                    "org_id": org_id,
                    "name": place.name,
                    "kind": None,
                    "municipality": place.municipality,
                    "county": place.county,
                    "former_county": place.former_county,
                    **_span_cells("evidence", place.evidence),
                    **_span_cells("first_mention", None),
                }
            )
        for n, statement in enumerate(org.statements, start=1):
            rows["statements"].append(
                {
                    "statement_id": f"{org_id}/statement{n}",
                    "article_id": aid,
                    "org_id": org_id,
                    "organisation": org.name,
                    "topic": statement.topic,
                    "text": statement.text,
                    **_span_cells("evidence", statement.evidence),
                }
            )
        mentions += [("organisation", org_id, ev) for ev in org.mentions]
    return mentions


def _place_rows(profile: Profile, rows: TableRows) -> list[tuple[str, str, Evidence]]:
    """The article's places (after the organisations' own), added to ``rows``; returns
    their mentions."""
    aid = profile.article.id
    mentions: list[tuple[str, str, Evidence]] = []
    for n, place in enumerate(profile.places, start=1):
        place_id = f"{aid}/place{n}"
        rows["places"].append(
            {
                "place_id": place_id,
                "article_id": aid,
                "org_id": None,
                "name": place.name,
                "kind": place.kind,
                "municipality": place.municipality,
                "county": place.county,
                "former_county": place.former_county,
                **_span_cells("evidence", place.evidence),
                **_span_cells("first_mention", place.mentions[0] if place.mentions else None),
            }
        )
        mentions += [("place", place_id, ev) for ev in place.mentions]
    return mentions


def _people_rows(
    profile: Profile, org_of: Callable[[str | None], str | None], rows: TableRows
) -> list[tuple[str, str, Evidence]]:
    """Each person's row and the rows of their quotes, added to ``rows``; returns their
    mentions."""
    aid = profile.article.id
    mentions: list[tuple[str, str, Evidence]] = []
    for n, person in enumerate(profile.people, start=1):
        person_id = f"{aid}/person{n}"
        rows["people"].append(
            {
                "person_id": person_id,
                "article_id": aid,
                "name": person.name,
                **_fact_cells(person),
                "org_id": org_of(person.organisation),
                **_span_cells("first_mention", person.mentions[0] if person.mentions else None),
            }
        )
        for q, quote in enumerate(person.quotes, start=1):
            rows["quotes"].append(
                {
                    "quote_id": f"{person_id}/quote{q}",
                    "article_id": aid,
                    "person_id": person_id,
                    "text": quote.text,
                    **_span_cells("evidence", quote.evidence),
                }
            )
        mentions += [("person", person_id, ev) for ev in person.mentions]
    return mentions


def _sdg_claim_rows(
    profile: Profile, org_ids: list[str], org_of: Callable[[str | None], str | None]
) -> list[Row]:
    """Every goal mention of the article with the organisation that claims it. An
    organisation's own list (Organisation.sdgs) is drawn from them, so a mention there that
    the article list lacks is added, not lost."""
    aid = profile.article.id
    listed = {
        org_id: list(org.sdgs) for org_id, org in zip(org_ids, profile.organisations, strict=True)
    }
    claims = [(m, org_of(m.organisation)) for m in profile.sdgs]
    claims += [
        (m, org_id)
        for org_id, own in listed.items()
        for m in own
        if not any(m == c and org_id == c_org for c, c_org in claims)
    ]
    return [
        {
            "claim_id": f"{aid}/sdg{n}",
            "article_id": aid,
            "number": mention.number,
            "goal": mention.name,
            "method": mention.method,
            "organisation": mention.organisation,
            "org_id": org_id,
            "organisation_listed": (mention in listed[org_id]) if org_id else None,
            **_span_cells("evidence", mention.evidence),
        }
        for n, (mention, org_id) in enumerate(claims, start=1)
    ]


def _mention_rows(aid: str, mentions: list[tuple[str, str, Evidence]]) -> list[Row]:
    """Every mention of an organisation, place or person, in that order."""
    return [
        {
            "mention_id": f"{aid}/mention{n}",
            "article_id": aid,
            "entity": entity,
            "org_id": entity_id if entity == "organisation" else None,
            "person_id": entity_id if entity == "person" else None,
            "place_id": entity_id if entity == "place" else None,
            **_span_cells("evidence", ev),
        }
        for n, (entity, entity_id, ev) in enumerate(mentions, start=1)
    ]


def _span_cells(prefix: str, evidence: Evidence | None) -> Row:
    return {
        f"{prefix}_text": evidence.text if evidence else None,
        f"{prefix}_start": evidence.start if evidence else None,
        f"{prefix}_end": evidence.end if evidence else None,
    }


def _org_resolver(profile: Profile, org_ids: list[str]) -> Callable[[str | None], str | None]:
    """The row of the organisation a name (a goal's or a person's) refers to: the one with
    that name, else the one that has it as name or alias ignoring case; None when none has."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    pairs: list[tuple[str, Organisation]] = list(zip(org_ids, profile.organisations, strict=True))
    for org_id, org in pairs:
        exact.setdefault(org.name, org_id)
    for org_id, org in pairs:
        for name in (org.name, *org.aliases):
            folded.setdefault(name.casefold(), org_id)

    def resolve(name: str | None) -> str | None:
        if not name:
            return None
        return exact.get(name) or folded.get(name.casefold())

    return resolve
