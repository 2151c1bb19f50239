"""pipeline/export.py: CSV one row per organisation per article; JSONL one profile a line."""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys

import pytest

from models import PlaceRef, Profile
from pipeline import cli_review
from pipeline.export import CSV_COLUMNS, export_csv, export_jsonl, place_label
from pipeline.run import run_batch
from pipeline.write import SCHEMA_FILE, iter_profiles
from tests.conftest import ROOT

AGGREGATE_CASE = ROOT / "tests" / "data" / "aggregate"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("export-out")
    result = run_batch([str(AGGREGATE_CASE)], out, report=lambda line: None)
    assert result.ok, result.errors
    return out


@pytest.fixture(scope="module")
def rows(out_dir, tmp_path_factory) -> list[dict[str, str]]:
    dest = export_csv(out_dir, tmp_path_factory.mktemp("csv") / "organisations.csv")
    with dest.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        return list(reader)


def test_one_row_per_organisation_per_article(out_dir, rows):
    expected = [(p.article.id, o.name) for p in iter_profiles(out_dir) for o in p.organisations]
    assert [(r["article_id"], r["organisation"]) for r in rows] == expected


def test_row_values_of_a_company(out_dir, rows):
    (row,) = [r for r in rows if r["organisation"] == "Brekkvold Kraft AS"]
    profile = next(p for p in iter_profiles(out_dir) if p.article.id == row["article_id"])
    org = next(o for o in profile.organisations if o.name == "Brekkvold Kraft AS")
    assert row["article_title"] == profile.article.title
    assert row["source"].endswith("brekkvold-nettverk.txt")
    assert row["published"] == ""  # unknown for these plain-text articles
    assert row["kind"] == "company"
    assert row["industry"] == "energi"
    assert row["aliases"] == "; ".join(org.aliases)
    assert row["places"] == "Tønsberg (Tønsberg, Vestfold)"
    assert row["sdgs_explicit"] == "7; 13"
    assert row["statements"] == str(len(org.statements))
    assert row["people"] == "Siri Holmegård"


def test_people_belong_to_their_own_organisation_only(rows):
    people = {r["organisation"]: r["people"] for r in rows}
    assert people["Tindvik Mekaniske"] == "Jon Eriksrud"
    assert "Jon Eriksrud" not in people["Brekkvold Kraft"]


def test_jsonl_lines_validate_and_schema_lies_next_to_them(out_dir, tmp_path):
    dest = export_jsonl(out_dir, tmp_path / "export" / "profiles.jsonl")
    profiles = [Profile.model_validate_json(line) for line in dest.read_text("utf-8").splitlines()]
    assert profiles == list(iter_profiles(out_dir))
    assert (dest.parent / SCHEMA_FILE).is_file()


def test_place_label_shows_only_known_parts():
    assert place_label(PlaceRef(name="Lysaker", municipality="Bærum", county="Akershus")) == (
        "Lysaker (Bærum, Akershus)"
    )
    assert place_label(PlaceRef(name="Oslo", county="Oslo")) == "Oslo (Oslo)"
    assert place_label(PlaceRef(name="Sverige")) == "Sverige"


def _parse(argv: list[str]):
    parser = argparse.ArgumentParser(prog="pipeline")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("schema")
    cli_review.add_commands(commands)
    return parser.parse_args(argv)


def test_cli_commands(out_dir, tmp_path, capsys):
    assert cli_review.dispatch(_parse(["schema"])) is None  # not ours: the caller goes on
    dest = tmp_path / "rows.csv"
    assert (
        cli_review.dispatch(
            _parse(["export", str(out_dir), "--format", "csv", "--dest", str(dest)])
        )
        == 0
    )
    assert dest.read_text("utf-8").startswith(",".join(CSV_COLUMNS))
    assert cli_review.dispatch(_parse(["export", str(out_dir), "--format", "jsonl"])) == 0
    assert (out_dir / "export" / "profiles.jsonl").is_file()
    assert cli_review.dispatch(_parse(["aggregate", str(out_dir)])) == 0
    assert (out_dir / "companies.json").is_file()
    assert cli_review.dispatch(_parse(["review", str(out_dir)])) == 0
    assert (out_dir / "report.html").is_file()
    assert cli_review.dispatch(_parse(["review", str(tmp_path / "nowhere")])) == 2


def test_review_export_aggregate_do_not_import_spacy():
    code = (
        "import sys, pipeline.cli_review, pipeline.review, pipeline.export, pipeline.aggregate; "
        "print('spacy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr


def test_excel_csv_holds_the_same_rows_with_bom_semicolons_and_crlf(out_dir, rows, tmp_path):
    dest = export_csv(out_dir, tmp_path / "excel.csv", excel=True)
    data = dest.read_bytes()
    assert data.startswith("\ufeff".encode("utf-8") + b"article_id;article_title;")
    assert data.count(b"\r\n") == len(rows) + 1  # header + one line a row, no bare LF
    assert data.count(b"\n") == data.count(b"\r\n")
    with dest.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.DictReader(handle, delimiter=";")) == rows
    assert "ø".encode() in data  # non-ASCII letters reach the file as UTF-8


def test_excel_flag_is_for_csv_only(out_dir, tmp_path, capsys):
    argv = ["export", str(out_dir), "--format", "jsonl", "--excel"]
    assert cli_review.dispatch(_parse(argv)) == 1
    assert "--excel applies to --format csv only" in capsys.readouterr().err
    dest = tmp_path / "x.csv"
    argv = ["export", str(out_dir), "--format", "csv", "--excel", "--dest", str(dest)]
    assert cli_review.dispatch(_parse(argv)) == 0
    assert dest.read_bytes().startswith(b"\xef\xbb\xbfarticle_id;")
