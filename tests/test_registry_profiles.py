"""Organisation numbers in the profile (issue 26): `pipeline run --registry DB` links each
organisation to an invented register, and the number reaches the tables and `aggregate`."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.nlp import shipped_model_path
from pipeline.options import RunOptions
from pipeline.registry import import_register
from pipeline.registry.synthetic import entity, org_numbers, write_bulk_file
from pipeline.run import process_text

pytestmark = pytest.mark.skipif(shipped_model_path() is None, reason="no shipped model here")

BERGEN, OSLO = ("BERGEN", "4601"), ("OSLO", "0301")
_numbers = org_numbers(92_000_000)
N = {key: next(_numbers) for key in ("fjordlys", "nordvik_bergen", "nordvik_oslo", "kommune")}


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    folder = tmp_path_factory.mktemp("register")
    bulk = folder / "enheter.json.gz"
    write_bulk_file(
        bulk,
        [
            entity(N["fjordlys"], "FJORDLYS ENERGI AS", municipality=BERGEN, industry="energi"),
            entity(N["nordvik_bergen"], "NORDVIK TRANSPORT AS", municipality=BERGEN),
            entity(N["nordvik_oslo"], "NORDVIK TRANSPORT AS", municipality=OSLO),
            entity(N["kommune"], "BERGEN KOMMUNE", form="KOMM", municipality=BERGEN),
        ],
    )
    db = folder / "register.db"
    import_register(bulk, db)
    return db


def _orgs(text: str, db) -> dict:
    profile = process_text(text, options=RunOptions(registry=str(db)))
    assert profile.registry == db.name
    return {o.name: o for o in profile.organisations}


def test_a_name_in_the_register_gets_its_number_form_and_industry(register):
    orgs = _orgs("Fjordlys Energi AS bygger ny solpark sammen med Bergen kommune.", register)
    entry = orgs["Fjordlys Energi AS"].register_entry
    assert (entry.lookup, entry.org_number, entry.form) == ("linked", N["fjordlys"], "AS")
    assert entry.status == "active" and entry.nace_code
    assert orgs["Bergen kommune"].register_entry.org_number == N["kommune"]
    assert orgs["Bergen kommune"].kind == "public_body"


def test_one_name_two_companies_is_ambiguous_with_candidates_and_no_number(register):
    orgs = _orgs("Nordvik Transport AS kjøper tre elektriske lastebiler.", register)
    entry = orgs["Nordvik Transport AS"].register_entry
    assert entry.lookup == "ambiguous" and entry.org_number is None
    assert {c.org_number for c in entry.candidates} == {N["nordvik_bergen"], N["nordvik_oslo"]}


def test_a_number_written_in_the_text_links_by_number(register):
    number = N["nordvik_oslo"]
    text = f"Nordvik Transport AS (org.nr. {number[:3]} {number[3:6]} {number[6:]}) vokser."
    entry = _orgs(text, register)["Nordvik Transport AS"].register_entry
    assert (entry.lookup, entry.org_number, entry.method) == ("linked", number, "org_number")


def test_without_a_register_no_look_up_is_made():
    profile = process_text("Fjordlys Energi AS bygger ny solpark.")
    assert profile.registry is None
    assert all(o.register_entry is None for o in profile.organisations)


def test_the_number_reaches_the_tables_and_aggregate_merges_by_it(register, tmp_path):
    texts = tmp_path / "in"
    texts.mkdir()
    (texts / "a.txt").write_text("Fjordlys Energi AS bygger ny solpark i Bergen.\n", "utf-8")
    (texts / "b.txt").write_text(
        "Fjordlys Energi AS (org.nr. {}) har fått ny sjef.\n".format(N["fjordlys"]), "utf-8"
    )
    out = tmp_path / "out"
    assert main(["run", str(texts), "--out", str(out), "-q", "--registry", str(register)]) == 0
    assert main(["export", str(out), "--format", "csv", "--dest", str(tmp_path / "o.csv")]) == 0
    wide = (tmp_path / "o.csv").read_text("utf-8-sig")
    assert "org_number" in wide.splitlines()[0] and N["fjordlys"] in wide
    assert main(["aggregate", str(out)]) == 0
    companies = json.loads((out / "companies.json").read_text("utf-8"))
    fjordlys = [c for c in companies if N["fjordlys"] in c["org_numbers"]]
    assert len(fjordlys) == 1 and len(fjordlys[0]["article_ids"]) == 2


def test_a_missing_register_is_one_line_and_exit_2(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Fjordlys Energi AS bygger.\n", "utf-8")
    code = main(
        [
            "run",
            str(tmp_path / "a.txt"),
            "--out",
            str(tmp_path / "o"),
            "--registry",
            str(tmp_path / "nope.db"),
        ]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "--registry" in err[0]
