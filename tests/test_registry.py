"""The offline register: organisation numbers, name keys, the bulk import and matching."""

from __future__ import annotations

import gzip
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.registry import (
    BulkFileError,
    RegisterLink,
    RegistryError,
    import_register,
    kind_from_form,
    normalise_name,
    open_registry,
    org_numbers_in,
    valid_org_number,
)
from pipeline.registry.synthetic import org_numbers
from tests.registry_data import N, write_register_files


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    folder = tmp_path_factory.mktemp("register")
    entities_file, sub_units_file = write_register_files(folder)
    db = folder / "register.db"
    stats = import_register(entities_file, db, sub_units=sub_units_file)
    assert (stats.entities, stats.sub_units, stats.skipped) == (14, 3, 2)
    with open_registry(db) as registry:
        yield registry


# -- organisation numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "number, valid",
    [
        ("974760673", True),  # the check digit of the register's own published example
        ("974 760 673", True),
        ("974760674", False),
        ("97476067", False),
        ("9747606730", False),
        ("abcdefghi", False),
        ("", False),
    ],
)
def test_valid_org_number(number, valid):
    assert valid_org_number(number) is valid


def test_generated_numbers_all_pass_the_check_digit():
    numbers = org_numbers(81_000_000)
    assert all(valid_org_number(next(numbers)) for _ in range(1000))


def test_org_numbers_in_text_need_a_label_and_a_valid_check_digit():
    text = (
        "Selskapet (org.nr. 974 760 673) og Orgnr: 974760674 (feil), telefon 974 760 673, "
        "organisasjonsnummer 974760673 igjen."
    )
    assert org_numbers_in(text) == ["974760673"]


# -- names and forms ------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, registered",
    [
        ("Fjordlys Energi", "FJORDLYS ENERGI AS"),
        ("fjordlys energi a/s", "FJORDLYS ENERGI AS"),
        ("Fjordlys Energi A.S.", "Fjordlys Energi ASA"),
        ("Sjøbris Bygg & Anlegg", "SJØBRIS BYGG OG ANLEGG AS"),
        ("Fjordlys Energi avd. Tromsø", "FJORDLYS ENERGI AS AVD TROMSØ"),
        ("Vinmonopolet", "AS VINMONOPOLET"),
        ("Sjøbris-Energi", "SJØBRIS ENERGI AS"),
    ],
)
def test_names_meet_after_normalising(written, registered):
    assert normalise_name(written) == normalise_name(registered)


def test_normalising_keeps_æøå_and_a_lone_legal_word():
    assert normalise_name("Ås AS") != normalise_name("As AS")
    assert normalise_name("AS") == "as"


@pytest.mark.parametrize(
    "form, kind",
    [
        ("AS", "company"),
        ("ASA", "company"),
        ("ENK", "company"),
        ("NUF", "company"),
        ("KOMM", "public_body"),
        ("STAT", "public_body"),
        ("ORGL", "public_body"),
        ("IKS", "public_body"),
        ("FLI", "other"),
        ("STI", "other"),
        ("XYZ", None),
        (None, None),
    ],
)
def test_kind_from_form(form, kind):
    assert kind_from_form(form) == kind


# -- import ---------------------------------------------------------------------------


def test_import_builds_a_full_text_index(register):
    connection = sqlite3.connect(register.db)
    hits = connection.execute(
        "SELECT count(*) FROM unit_names WHERE unit_names MATCH 'stjernevik'"
    ).fetchone()
    assert hits == (2,)
    assert register.meta["complete"] == "1"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b'{"organisasjonsnummer": "974760673"}', "not a JSON array"),
        (
            b'[{"organisasjonsnummer": "974760673", "navn": "X AS"}, {"navn"',
            "not a complete JSON array",
        ),
        (b"[]", "no entities"),
        (b"\x1f\x8b\x08\x00garbage", "broken gzip"),
    ],
)
def test_a_bad_bulk_file_leaves_no_index(tmp_path, content, message):
    bad = tmp_path / "enheter.json"
    bad.write_bytes(content)
    db = tmp_path / "register.db"
    with pytest.raises(BulkFileError, match=message):
        import_register(bad, db)
    assert list(tmp_path.iterdir()) == [bad]


def test_a_truncated_gzip_keeps_the_previous_index(tmp_path, register):
    whole = gzip.compress(b'[{"organisasjonsnummer": "974760673", "navn": "X AS"}]' * 1)
    cut = tmp_path / "enheter.json.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    db = tmp_path / "register.db"
    db.write_bytes(register.db.read_bytes())
    with pytest.raises(BulkFileError):
        import_register(cut, db)
    assert open_registry(db).link("Fjordlys Energi").org_number == N["fjordlys"]


def test_cli_import_prints_figures_and_fails_in_one_line(tmp_path, capsys):
    entities_file, sub_units_file = write_register_files(tmp_path)
    db = tmp_path / "out.db"
    assert (
        main(
            [
                "registry",
                "import",
                str(entities_file),
                "--db",
                str(db),
                "--subunits",
                str(sub_units_file),
            ]
        )
        == 0
    )
    assert "imported 14 entities and 3 sub-units" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "an array"}')
    assert main(["registry", "import", str(bad), "--db", str(tmp_path / "bad.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "bad.db").exists()


def test_cli_import_into_a_place_that_cannot_be_written_is_one_line(tmp_path, capsys):
    entities_file, _ = write_register_files(tmp_path)
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    assert main(["registry", "import", str(entities_file), "--db", str(blocker / "r.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_opening_a_missing_or_foreign_file_says_so(tmp_path):
    with pytest.raises(RegistryError, match="pipeline registry import"):
        open_registry(tmp_path / "nothing.db")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(RegistryError):
        open_registry(other)


# -- matching -------------------------------------------------------------------------


def _linked(link: RegisterLink, key: str, method: str | None = None) -> None:
    assert link.status_of_lookup == "linked", link
    assert link.org_number == N[key]
    if method:
        assert link.method == method


def test_exact_and_normalised_names_link_with_the_register_facts(register):
    link = register.link("FJORDLYS ENERGI AS")
    _linked(link, "fjordlys", "exact")
    assert (link.form, link.kind, link.nace_code, link.municipality) == (
        "AS",
        "company",
        "35.111",
        "BERGEN",
    )
    assert link.nace_text == "Produksjon av elektrisitet fra vannkraft"
    assert link.score == 1.0
    _linked(register.link("Fjordlys Energi"), "fjordlys", "normalised")
    _linked(register.link("Sjøbris Bygg & Anlegg"), "sjøbris", "normalised")


def test_a_branch_name_links_to_its_parent(register):
    link = register.link("Fjordlys Energi avd. Tromsø")
    _linked(link, "fjordlys", "branch")
    assert link.branch_org_number == N["tromsø_sub"]
    assert register.link("Kobberdal Verksted").status_of_lookup == "not_found"  # no parent


def test_same_name_in_two_places_needs_a_place(register):
    link = register.link("Nordvik Transport")
    assert link.status_of_lookup == "ambiguous" and link.org_number is None
    assert {c.org_number for c in link.candidates} == {N["nordvik_bergen"], N["nordvik_oslo"]}
    assert {c.municipality for c in link.candidates} == {"BERGEN", "OSLO"}
    bergen = register.link("Nordvik Transport", places=["Bergen"])
    _linked(bergen, "nordvik_bergen")
    assert bergen.tie_break == "place" and bergen.score < 1.0
    _linked(register.link("Nordvik Transport", places=["Majorstuen", "Oslo"]), "nordvik_oslo")
    assert register.link("Nordvik Transport", places=["Tromsø"]).status_of_lookup == "ambiguous"


def test_a_branch_place_counts_for_the_place_tie_break(register):
    # Fjordlys has a branch in Tromsø; a same-named place picks the organisation
    _linked(register.link("Fjordlys Energi", places=["Tromsø"]), "fjordlys")


def test_industry_breaks_a_tie_the_places_leave(register):
    assert register.link("Lyngheim", places=["Molde"]).status_of_lookup == "ambiguous"
    link = register.link("Lyngheim", places=["Molde"], industry="sjømat")
    _linked(link, "lyngheim_sjømat")
    assert link.tie_break == "industry"


def test_the_living_organisation_wins_over_a_deleted_namesake(register):
    _linked(register.link("Gullvik Eiendom"), "gullvik")
    deleted = register.by_number(N["gullvik_old"])
    assert deleted.deleted == "2019-05-02" and deleted.register_status == "deleted"


def test_status_flags_and_postal_municipality(register):
    link = register.link("Rødnes Handel")
    assert link.bankrupt and link.winding_up and link.register_status == "bankrupt"
    postal = register.link("Moseholm Rådgivning")
    assert postal.municipality == "TROMSØ" and postal.kind == "company"
    assert register.link("Bergen kommune").kind == "public_body"


def test_short_forms_link_only_when_specific_and_unique(register):
    _linked(register.link("Tindsund Sjømat"), "tindsund", "fts")
    assert 0.6 < register.link("Tindsund Sjømat").score < 0.9
    # two organisations start with the word: never a guess
    several = register.link("Stjernevik")
    assert several.status_of_lookup == "ambiguous" and len(several.candidates) == 2
    # unique, but a small part of the registered name
    assert register.link("Tindsund").status_of_lookup == "ambiguous"
    # not at the start of the name
    assert register.link("Sjømat Holding").status_of_lookup == "not_found"


@pytest.mark.parametrize("name", ["Kvitberg Media", "Fjordlys Energy", "Energi"])
def test_names_not_in_the_register_are_not_linked(register, name):
    assert register.link(name).status_of_lookup in ("not_found", "ambiguous")


def test_nothing_to_look_up(register):
    assert register.link("  ").status_of_lookup == "not_looked_up"
    assert register.link(" -- ").status_of_lookup == "not_looked_up"


def test_by_number(register):
    _linked(
        register.by_number(" ".join([N["sjøbris"][:3], N["sjøbris"][3:6], N["sjøbris"][6:]])),
        "sjøbris",
        "org_number",
    )
    branch = register.by_number(N["tromsø_sub"])
    _linked(branch, "fjordlys", "org_number")
    assert branch.branch_org_number == N["tromsø_sub"]
    assert register.by_number("974760674").status_of_lookup == "not_looked_up"
    assert register.by_number("974760673").status_of_lookup == "not_found"


def test_a_link_serialises(register):
    as_dict = register.link("Nordvik Transport").to_dict()
    assert as_dict["status_of_lookup"] == "ambiguous"
    assert len(as_dict["candidates"]) == 2 and as_dict["kind"] is None


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=60))
def test_any_text_gives_a_link_and_never_raises(register, text):
    link = register.link(text, places=[text], industry=text)
    assert link.status_of_lookup in ("linked", "ambiguous", "not_found", "not_looked_up")
    assert (link.org_number is not None) == (link.status_of_lookup == "linked")
    assert register.by_number(text).status_of_lookup in ("linked", "not_found", "not_looked_up")
