"""pipeline/tables.py and the long-table exports: SQLite, Parquet and the CSV tables hold the
same rows, built once from the profiles, with keys and evidence offsets that slice the text."""

from __future__ import annotations

import csv
import sqlite3
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from models import (
    ArticleMeta,
    Evidence,
    Organisation,
    Person,
    PlaceRef,
    Profile,
    Quote,
    SdgMention,
)
from pipeline import cli, export
from pipeline.export import CSV_COLUMNS, export_csv, export_parquet, export_sqlite
from pipeline.run import run_batch
from pipeline.tables import TABLES, VIEWS, sql_value, sqlite_schema, table_rows
from pipeline.write import iter_profiles, write_profile
from tests.conftest import ROOT

AGGREGATE_CASE = ROOT / "tests" / "data" / "aggregate"
TABLE_NAMES = [t.name for t in TABLES]


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tables-out")
    result = run_batch([str(AGGREGATE_CASE)], out, report=lambda line: None)
    assert result.ok, result.errors
    return out


@pytest.fixture(scope="module")
def profiles(out_dir) -> list[Profile]:
    return list(iter_profiles(out_dir))


@pytest.fixture(scope="module")
def db(out_dir, tmp_path_factory):
    path = export_sqlite(out_dir, tmp_path_factory.mktemp("sqlite") / "profiles.sqlite")
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def _rows(db, table: str) -> list[dict]:
    return [dict(r) for r in db.execute(f"SELECT * FROM {table} ORDER BY rowid")]


def test_the_database_has_every_table_and_view(db):
    names = {r["name"]: r["type"] for r in db.execute("SELECT name, type FROM sqlite_master")}
    assert {n for n, t in names.items() if t == "table"} == set(TABLE_NAMES)
    assert {n for n, t in names.items() if t == "view"} == set(VIEWS) == {"orgs_by_sdg"}
    for table in TABLES:
        columns = db.execute(f"PRAGMA table_info({table.name})").fetchall()
        assert tuple(c["name"] for c in columns) == table.column_names
        assert [c["name"] for c in columns if c["pk"]] == [table.key]


def test_one_row_per_thing_in_the_profiles(db, profiles):
    expected = {
        "articles": len(profiles),
        "organisations": sum(len(p.organisations) for p in profiles),
        "places": sum(
            len(p.places) + sum(len(o.places) for o in p.organisations) for p in profiles
        ),
        "people": sum(len(p.people) for p in profiles),
        "quotes": sum(len(x.quotes) for p in profiles for x in p.people),
        "sdg_claims": sum(len(p.sdgs) for p in profiles),
        "statements": sum(len(o.statements) for p in profiles for o in p.organisations),
        "mentions": sum(
            sum(len(o.mentions) for o in p.organisations)
            + sum(len(x.mentions) for x in p.people)
            + sum(len(x.mentions) for x in p.places)
            for p in profiles
        ),
    }
    counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLE_NAMES}
    assert counts == expected
    assert counts["sdg_claims"] > 10 and counts["quotes"] >= 3  # the case has claims and quotes
    organisations = _rows(db, "organisations")
    assert [(r["article_id"], r["name"], r["kind"]) for r in organisations] == [
        (p.article.id, o.name, o.kind) for p in profiles for o in p.organisations
    ]


def test_a_companys_sdg_claims_with_evidence_that_slices_the_profile_text(db, profiles):
    profile = next(p for p in profiles if "Brekkvold Kraft AS" in {o.name for o in p.organisations})
    org = next(o for o in profile.organisations if o.name == "Brekkvold Kraft AS")
    claims = [
        dict(r)
        for r in db.execute(
            "SELECT c.* FROM sdg_claims AS c JOIN organisations AS o ON o.org_id = c.org_id "
            "WHERE o.name = 'Brekkvold Kraft AS' ORDER BY c.rowid"
        )
    ]
    assert sorted((c["number"], c["method"]) for c in claims) == [
        (7, "explicit"),
        (7, "theme"),
        (13, "explicit"),
    ]
    expected = [m for m in profile.sdgs if m.organisation == "Brekkvold Kraft AS"]
    assert [
        (c["number"], c["goal"], c["method"], c["evidence_start"], c["evidence_end"])
        for c in claims
    ] == [(m.number, m.name, m.method, m.evidence.start, m.evidence.end) for m in expected]
    for claim in claims:
        assert claim["article_id"] == profile.article.id
        assert claim["organisation"] == "Brekkvold Kraft AS"
        start, end = claim["evidence_start"], claim["evidence_end"]
        assert profile.text[start:end] == claim["evidence_text"] != ""
    listed = {
        (c["number"], c["method"], c["evidence_start"]) for c in claims if c["organisation_listed"]
    }
    assert listed == {(m.number, m.method, m.evidence.start) for m in org.sdgs}
    # the article's own goal mentions have no organisation
    article_claims = db.execute(
        "SELECT COUNT(*) FROM sdg_claims WHERE org_id IS NULL AND organisation IS NULL"
    ).fetchone()[0]
    assert article_claims == sum(1 for p in profiles for m in p.sdgs if m.organisation is None) > 0


def test_every_span_slices_the_article_text_in_sql(db):
    checked: dict[str, int] = defaultdict(int)
    for table in TABLES:
        for column in table.columns:
            if not column.name.endswith("_start"):
                continue
            span = column.name.removesuffix("_start")
            rows = db.execute(
                f"SELECT t.{span}_text, t.{span}_start, t.{span}_end, "
                f"substr(a.text, t.{span}_start + 1, t.{span}_end - t.{span}_start) "
                f"FROM {table.name} AS t JOIN articles AS a ON a.article_id = t.article_id"
            ).fetchall()
            for text, start, end, sliced in rows:
                assert (text is None) == (start is None) == (end is None), (table.name, span)
                if start is not None:
                    assert sliced == text, (table.name, span, start, end)
                    checked[table.name] += 1
    # every table with spans has some, 80 or more in all
    assert set(checked) == set(TABLE_NAMES) - {"articles"}
    assert sum(checked.values()) >= 80


def test_keys_are_declared_and_hold(db, tmp_path):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in TABLES:
        declared = {
            (r["from"], r["table"], r["to"])
            for r in db.execute(f"PRAGMA foreign_key_list({table.name})")
        }
        expected = {
            (c.name, c.references, next(t.key for t in TABLES if t.name == c.references))
            for c in table.columns
            if c.references
        }
        assert declared == expected, table.name
        if table.name != "articles":
            assert ("article_id", "articles", "article_id") in declared
    # the people and claims of an organisation point at its row
    assert [
        tuple(r)
        for r in db.execute(
            "SELECT p.name, o.name FROM people AS p JOIN organisations AS o "
            "ON o.org_id = p.org_id WHERE p.name = 'Siri Holmegård'"
        )
    ] == [("Siri Holmegård", "Brekkvold Kraft AS")]
    # enforced, not only declared: a claim for an organisation that is not there is refused
    copy = sqlite3.connect(tmp_path / "copy.sqlite")
    db.backup(copy)
    copy.execute("PRAGMA foreign_keys = ON")
    (article_id,) = copy.execute("SELECT article_id FROM articles LIMIT 1").fetchone()
    with pytest.raises(sqlite3.IntegrityError):
        copy.execute(
            "INSERT INTO sdg_claims (claim_id, article_id, number, goal, method, org_id, "
            "evidence_text, evidence_start, evidence_end) VALUES ('x', ?, 1, 'g', 'theme', "
            "'no-such-org', 't', 0, 1)",
            (article_id,),
        )
    copy.close()


def test_orgs_by_sdg_view_counts_articles_and_mentions(db, profiles):
    expected: dict[tuple, list] = defaultdict(lambda: [set(), 0, 0, 0])
    for profile in profiles:
        kinds = {o.name: o.kind for o in profile.organisations}
        for mention in profile.sdgs:
            if mention.organisation is None:
                continue
            entry = expected[
                (mention.number, mention.name, mention.organisation, kinds[mention.organisation])
            ]
            entry[0].add(profile.article.id)
            entry[1] += 1
            entry[2 if mention.method == "explicit" else 3] += 1
    rows = [tuple(r) for r in db.execute("SELECT * FROM orgs_by_sdg")]
    assert sorted(rows) == sorted((*k, len(v[0]), v[1], v[2], v[3]) for k, v in expected.items())
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)  # by goal number
    columns = [d[0] for d in db.execute("SELECT * FROM orgs_by_sdg LIMIT 0").description]
    assert columns == [
        "number",
        "goal",
        "organisation",
        "kind",
        "articles",
        "mentions",
        "explicit_mentions",
        "theme_mentions",
    ]
    goal_13 = [
        tuple(r)
        for r in db.execute(
            "SELECT organisation, kind, articles, mentions FROM orgs_by_sdg WHERE number = 13"
        )
    ]
    assert ("Brekkvold Kraft AS", "company", 1, 1) in goal_13


def test_parquet_holds_the_same_rows_and_types_as_sqlite(out_dir, db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pip install -e '.[parquet]'")
    folder = export_parquet(out_dir, tmp_path / "parquet")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.parquet" for n in TABLE_NAMES)
    for table in TABLES:
        data = pq.read_table(folder / f"{table.name}.parquet")
        assert tuple(data.column_names) == table.column_names
        rows = [{k: sql_value(v) for k, v in row.items()} for row in data.to_pylist()]
        assert rows == _rows(db, table.name), table.name
        assert data.schema.metadata[b"primary_key"] == table.key.encode()
        for column in table.columns:
            field = data.schema.field(column.name)
            assert (
                str(field.type)
                == {
                    "text": "string",
                    "int": "int64",
                    "bool": "bool",
                    "date": "date32[day]",
                }[column.type]
            )
            assert field.metadata[b"description"] == column.doc.encode()
            assert field.nullable == column.nullable


def _read_csv(path: Path, excel: bool = False) -> list[dict[str, str]]:
    encoding, delimiter = ("utf-8-sig", ";") if excel else ("utf-8", ",")
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def test_long_csv_tables_hold_the_same_rows_as_sqlite(out_dir, db, tmp_path):
    dest = export_csv(out_dir, tmp_path / "export" / "profiles.csv")
    tables = tmp_path / "export" / "tables"
    assert sorted(p.name for p in tables.iterdir()) == sorted(f"{n}.csv" for n in TABLE_NAMES)
    for table in TABLES:
        path = tables / f"{table.name}.csv"
        assert path.read_text("utf-8").split("\n", 1)[0] == ",".join(table.column_names)
        expected = [
            {k: "" if v is None else str(v) for k, v in row.items()}
            for row in _rows(db, table.name)
        ]
        assert _read_csv(path) == expected, table.name
    # the wide file beside them is today's, one row per organisation per article
    wide = _read_csv(dest)
    assert tuple(wide[0]) == CSV_COLUMNS
    assert len(wide) == db.execute("SELECT COUNT(*) FROM organisations").fetchone()[0]
    brekkvold = next(r for r in wide if r["organisation"] == "Brekkvold Kraft AS")
    assert brekkvold["sdgs_explicit"] == "7; 13"


def test_excel_applies_to_the_long_tables_too(out_dir, tmp_path):
    export_csv(out_dir, tmp_path / "plain" / "profiles.csv")
    export_csv(out_dir, tmp_path / "excel" / "profiles.csv", excel=True)
    for table in TABLES:
        plain = tmp_path / "plain" / "tables" / f"{table.name}.csv"
        excel = tmp_path / "excel" / "tables" / f"{table.name}.csv"
        data = excel.read_bytes()
        header = ";".join(table.column_names).encode("utf-8")
        assert data.startswith(b"\xef\xbb\xbf" + header + b"\r\n")
        rows = _read_csv(excel, excel=True)
        assert rows == _read_csv(plain)
        # every line end is CRLF; a bare LF only inside a cell (the article text)
        inner = sum(v.count("\n") for row in rows for v in row.values())
        assert data.replace(b"\r\n", b"").count(b"\n") == inner
        assert data.count(b"\r\n") >= len(rows) + 1
    assert "ø".encode() in (tmp_path / "excel" / "tables" / "places.csv").read_bytes()


def test_rows_of_a_hand_made_profile(tmp_path):
    """Names resolve to rows by name or alias (any case); a name that is no organisation of
    the profile keeps its text and no key; a goal only the organisation's list holds is kept."""
    text = (
        "Brekkvold Kraft AS i Tønsberg jobber med mål 7. "
        "Kari Lie i brekkvold sier: Vi satser på sol. Ola Nordmann fra Ukjent AS."
    )

    def ev(words: str) -> Evidence:
        start = text.index(words)
        return Evidence(start=start, end=start + len(words), text=words)

    own_goal = SdgMention(
        number=7,
        name="Ren energi for alle",
        method="explicit",
        evidence=ev("mål 7"),
        organisation="Brekkvold Kraft AS",
    )
    profile = Profile(
        pipeline_version="test",
        model="test",
        article=ArticleMeta(
            id="a1",
            source="hand.txt",
            language="nb",
            published=date(2026, 1, 2),
            authors=["A", "B"],
        ),
        text=text,
        organisations=[
            Organisation(
                name="Brekkvold Kraft AS",
                aliases=["Brekkvold"],
                kind="company",
                places=[PlaceRef(name="Tønsberg", county="Vestfold", evidence=ev("Tønsberg"))],
                sdgs=[own_goal],
                mentions=[ev("Brekkvold Kraft AS"), ev("brekkvold")],
            )
        ],
        people=[
            Person(
                name="Kari Lie",
                organisation="brekkvold",
                quotes=[Quote(text="Vi satser på sol.", evidence=ev("Vi satser på sol."))],
                mentions=[ev("Kari Lie")],
            ),
            Person(name="Ola Nordmann", organisation="Ukjent AS", mentions=[ev("Ola Nordmann")]),
        ],
        sdgs=[],  # the article list lacks the organisation's goal
    )
    (rows,) = list(table_rows([profile]))
    assert set(rows) == set(TABLE_NAMES)
    for table in TABLES:
        for row in rows[table.name]:
            assert tuple(row) == table.column_names, table.name
    assert rows["articles"][0]["published"] == date(2026, 1, 2)
    assert rows["articles"][0]["authors"] == "A; B"
    kari, ola = rows["people"]
    assert kari["org_id"] == "a1/org1" and kari["organisation"] == "brekkvold"
    assert ola["org_id"] is None and ola["organisation"] == "Ukjent AS"
    (claim,) = rows["sdg_claims"]
    assert claim["org_id"] == "a1/org1" and claim["organisation_listed"] is True
    assert (claim["evidence_text"], claim["evidence_start"]) == ("mål 7", text.index("mål 7"))
    (place,) = rows["places"]
    assert place["place_id"] == "a1/org1/place1" and place["org_id"] == "a1/org1"
    assert place["evidence_text"] == "Tønsberg" and place["kind"] is None
    assert [(m["entity"], m["org_id"], m["person_id"]) for m in rows["mentions"]] == [
        ("organisation", "a1/org1", None),
        ("organisation", "a1/org1", None),
        ("person", None, "a1/person1"),
        ("person", None, "a1/person2"),
    ]
    assert rows["quotes"][0]["person_id"] == "a1/person1"

    # the same profile through the database: dates as ISO text, booleans as 0/1, keys hold
    folder = tmp_path / "out"
    folder.mkdir()
    write_profile(folder, profile)
    connection = sqlite3.connect(export_sqlite(folder, tmp_path / "one.sqlite"))
    assert connection.execute("SELECT published FROM articles").fetchone() == ("2026-01-02",)
    assert connection.execute("SELECT organisation_listed FROM sdg_claims").fetchone() == (1,)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()


def test_a_second_profile_of_an_article_is_reported_and_left_out(profiles):
    reported = []
    batches = list(table_rows([profiles[0], profiles[1], profiles[0]], duplicate=reported.append))
    assert [b["articles"][0]["article_id"] for b in batches] == [
        profiles[0].article.id,
        profiles[1].article.id,
    ]
    assert reported == [profiles[0]]


def test_the_schema_documents_every_column():
    schema = "\n".join(sqlite_schema())
    for table in TABLES:
        assert table.doc
        for column in table.columns:
            assert column.doc and f"-- {column.doc}" in schema, (table.name, column.name)


# --- the command line -------------------------------------------------------------------


def test_cli_writes_each_format_to_its_default_place(out_dir, tmp_path, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    for profile in iter_profiles(out_dir):
        write_profile(folder, profile)
    assert cli.main(["export", str(folder), "--format", "sqlite"]) == 0
    database = folder / "export" / "profiles.sqlite"
    assert f"sqlite written to {database}" in capsys.readouterr().out
    connection = sqlite3.connect(database)
    assert connection.execute("SELECT COUNT(*) FROM articles").fetchone() == (3,)
    connection.close()
    pytest.importorskip("pyarrow.parquet", reason="pip install -e '.[parquet]'")
    assert cli.main(["export", str(folder), "--format", "parquet"]) == 0
    parquet = folder / "export" / "parquet"
    assert sorted(p.name for p in parquet.iterdir()) == sorted(f"{n}.parquet" for n in TABLE_NAMES)
    assert cli.main(["export", str(folder), "--format", "csv", "--excel"]) == 0
    assert (folder / "export" / "profiles.csv").read_bytes().startswith(b"\xef\xbb\xbfarticle_id;")
    assert (
        (folder / "export" / "tables" / "sdg_claims.csv")
        .read_bytes()
        .startswith(b"\xef\xbb\xbfclaim_id;")
    )
    assert cli.main(["export", str(folder), "--format", "sqlite", "--excel"]) == 1
    assert "--excel applies to --format csv only" in capsys.readouterr().err


def test_missing_pyarrow_is_one_line_and_exit_2(out_dir, tmp_path, capsys, monkeypatch):
    # None in sys.modules makes ``import pyarrow`` raise ImportError, as on a machine without it
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    dest = tmp_path / "parquet"
    assert cli.main(["export", str(out_dir), "--format", "parquet", "--dest", str(dest)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.err.startswith("pipeline export: --format parquet needs pyarrow")
    assert "pip install" in captured.err
    assert not dest.exists()


@pytest.mark.parametrize("fmt", ["sqlite", "parquet", "csv"])
def test_a_failed_export_leaves_the_old_files_and_no_half_ones(out_dir, tmp_path, monkeypatch, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow.parquet", reason="pip install -e '.[parquet]'")
    dest = (
        tmp_path
        / "export"
        / {"sqlite": "profiles.sqlite", "parquet": "parquet", "csv": "x.csv"}[fmt]
    )
    argv = ["export", str(out_dir), "--format", fmt, "--dest", str(dest)]
    assert cli.main(argv) == 0

    def snapshot() -> dict[str, bytes]:
        root = tmp_path / "export"
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    before = snapshot()
    assert len(before) >= (1 if fmt == "sqlite" else len(TABLES))
    real = export.table_rows

    def failing(profiles, *args, **kwargs):
        batches = real(profiles, *args, **kwargs)
        yield next(batches)
        raise OSError("No space left on device (simulated)")

    monkeypatch.setattr(export, "table_rows", failing)
    assert cli.main(argv) == 1
    assert snapshot() == before  # the old files, byte for byte, and no temporary ones

    fresh = tmp_path / "fresh" / dest.name
    assert cli.main(["export", str(out_dir), "--format", fmt, "--dest", str(fresh)]) == 1
    assert not (tmp_path / "fresh").exists()  # not even the folders it made for it
