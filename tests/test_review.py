"""pipeline/review/ and pipeline/decisions.py: the HTML report (parsed with BeautifulSoup and
opened in Chromium), the review decisions it saves, and applying and scoring them."""

from __future__ import annotations

import importlib.util
import json
import shutil
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from models import Evidence, Profile, ReviewDecision, SdgMention
from pipeline.aggregate import merge_profiles
from pipeline.cli import main
from pipeline.decisions import (
    DECISION_SCHEMA,
    apply_to_profile,
    evaluate,
    match_decisions,
    read_decisions,
    review_items,
    sdg_claims,
)
from pipeline.review import (
    MATRIX_ROWS,
    PAGE_SIZE,
    Highlight,
    article_sdgs_card,
    render_report,
    segments,
    write_report,
)
from pipeline.run import run_batch
from pipeline.write import iter_profiles, write_profile
from tests.conftest import CORPUS, ROOT

AGGREGATE_CASE = ROOT / "tests" / "data" / "aggregate"
CHROMIUM = Path("/usr/bin/chromium")
# Flags for a sandboxed CI container: no GPU, no sandbox, nothing that phones home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE_NAME = '<b onmouseover="x">missing</b>.txt'  # a failed input whose name is markup

# An article written for these tests. The pipeline reads "Selskapet" as an organisation (wrong),
# "Fjellbu Lakk" as a person (it is a company) and finds two goals of Leirvik Sveis AS. The
# emoji are one character to Python and two to JavaScript: offsets must still agree.
STORD = """Verft på Stord satser på havvind 🌊

Leirvik Sveis AS på Stord har fått en stor kontrakt på fundamenter til havvind. Selskapet er en sveiseleverandør med 80 ansatte.

– Vi jobber med bærekraftsmål 7 og 9 🌊, sier daglig leder Marit Økland i Leirvik Sveis.

Arbeidet gjøres sammen med Fjellbu Lakk, som lakkerer stålet i Sagvåg. Stålet kjøpes fra kvernhuset, og boltene kommer fra smia til smeden Ola Tvedt.

Stord kommune er fornøyd med avtalen.
"""
SELECTED = "sier daglig leder Marit Økland i Leirvik Sveis"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("review-out")
    hostile = out.parent / HOSTILE_NAME
    result = run_batch([str(AGGREGATE_CASE), str(hostile)], out, report=lambda line: None)
    assert len(result.errors) == 1  # the missing file, shown in the report's error table
    return out


@pytest.fixture(scope="module")
def page_html(out_dir) -> str:
    return write_report(out_dir, out_dir / "report.html").read_text("utf-8")


@pytest.fixture(scope="module")
def soup(page_html) -> BeautifulSoup:
    """The report as the browser shows it with every article: each inert article block parsed
    in place (the script inserts them a page at a time)."""
    return expanded(BeautifulSoup(page_html, "html.parser"))


def expanded(soup: BeautifulSoup) -> BeautifulSoup:
    for block in soup.select('script[type="text/x-article"]'):
        block.replace_with(BeautifulSoup(block.string or "", "html.parser"))
    return soup


def test_text_is_highlighted_by_kind(soup):
    orgs = {s.get_text() for s in soup.select("span.hl.hl-org")}
    assert {"Brekkvold Kraft AS", "Tindvik Mekaniske"} <= orgs
    assert soup.select("span.hl.hl-place") and soup.select("span.hl.hl-person")
    # an evidence span may be cut into several flat pieces where other highlights overlap it
    explicit = "".join(s.get_text() for s in soup.select("span.hl-sdg-explicit"))
    assert "14, Livet i havet" in explicit


def test_highlights_are_flat_and_keep_the_text_intact(out_dir, soup):
    for profile in iter_profiles(out_dir):
        text = soup.select_one(f"#article-{profile.article.id} .article-text")
        assert text.get_text() == profile.text  # escaped and unescaped back, nothing lost
        spans = text.select("span.hl")
        assert not any(s.select("span.hl") for s in spans), "highlights must not nest"
        bounds = [(int(s["data-start"]), int(s["data-end"])) for s in spans]
        assert all(end <= start for (_, end), (start, _) in pairwise(bounds))


def test_every_piece_of_text_carries_its_offsets(out_dir, soup):
    """A selection in the browser maps back to profile.text through these offsets: the pieces
    tile the text exactly, each holding the characters between its offsets."""
    for profile in iter_profiles(out_dir):
        pieces = soup.select_one(f"#article-{profile.article.id} .article-text").find_all(
            recursive=False
        )
        assert {p.name for p in pieces} == {"span"}
        bounds = [(int(p["data-start"]), int(p["data-end"])) for p in pieces]
        assert bounds[0][0] == 0 and bounds[-1][1] == len(profile.text)
        assert all(end == start for (_, end), (start, _) in pairwise(bounds))
        for piece, (start, end) in zip(pieces, bounds, strict=True):
            assert piece.get_text() == profile.text[start:end]


def test_every_card_link_points_at_a_highlight(soup):
    links = soup.select(".cards a.ev, .sdg-matrix a.ev")
    assert links
    for link in links:
        target = soup.find(id=link["href"][1:])
        assert target is not None and "hl" in target["class"], link
        assert int(target["data-start"]) == int(link["data-start"])


def test_every_reviewable_value_has_controls(out_dir, soup):
    """The report's controls are exactly the values a decision can name (field, span, value)."""
    for profile in iter_profiles(out_dir):
        section = soup.select_one(f"#article-{profile.article.id}")
        shown = sorted(
            (
                rv["data-field"],
                int(rv["data-start"]) if rv.has_attr("data-start") else None,
                int(rv["data-end"]) if rv.has_attr("data-end") else None,
                rv.get("data-value"),
            )
            for rv in section.select(".rv")
        )
        assert shown == sorted(item.key for item in review_items(profile)), profile.article.id
        fields = {key[0] for key in shown}
        assert {"organisation", "organisation.kind", "place", "person", "sdg"} <= fields
        assert section.select_one(".add-bar button.add[data-field=organisation]")


def test_explicit_and_theme_goals_look_different(soup):
    assert soup.select(".cards a.sdg-chip.sdg-explicit")
    assert soup.select_one(".legend .hl-sdg-explicit") and soup.select_one(".legend .hl-sdg-theme")


def test_matrix_has_a_row_per_merged_company_and_17_goals(soup):
    matrix = soup.select_one("table.sdg-matrix")
    assert [th.get_text() for th in matrix.select("thead th")][1:] == [str(n) for n in range(1, 18)]
    rows = {tr.th.get_text().split(" (")[0]: tr for tr in matrix.select("tbody tr")}
    assert set(rows) == {"Brekkvold Kraft AS", "Tindvik Fisk", "Tindvik Mekaniske"}
    cells = rows["Brekkvold Kraft AS"].select("td")
    assert "cell-explicit" in cells[7 - 1]["class"] and "cell-none" in cells[1 - 1]["class"]


def test_overview_counts_and_escaped_errors(soup):
    counts = {tr.th.get_text(): tr.td.get_text() for tr in soup.select("table.counts tr")}
    assert counts["Artikler"] == "3"
    assert counts["Selskaper (slått sammen på tvers av artikler)"] == "3"
    assert counts["Mislykkede inndata"] == "1"
    error_cells = [td.get_text() for td in soup.select("table.errors td")]
    assert any(HOSTILE_NAME in cell for cell in error_cells)
    assert not soup.find("b", attrs={"onmouseover": True}), "markup in data must be escaped"


def test_interface_is_in_norwegian(soup):
    assert soup.html["lang"] == "nb"
    labels = soup.select_one("#filters").get_text()
    for word in ("Søk", "Organisasjon", "Type", "Bærekraftsmål", "Sted", "Artikkel"):
        assert word in labels
    assert "Lagre vurderinger" in soup.select_one("#toolbar").get_text()
    org_rows = [th.get_text() for th in soup.select(".org-card .facts th")]
    assert "Type" in org_rows and "Bransje" in org_rows
    assert not [row for row in org_rows if "(" in row], "no English field codes beside the labels"
    kinds = [span.get_text() for span in soup.select(".org-card .facts .kind")]
    assert kinds and set(kinds) <= {"selskap", "offentlig organ", "annen"}
    # the profile's codes only in tooltips, never as visible text
    cards = soup.select(".card")
    assert cards
    visible = " ".join(c.get_text() for c in cards)
    visible += " ".join(o.get_text() for o in soup.select("#f-kind option"))
    for code in ("public_body", "municipality", "former_county", "expectations:", "purpose:"):
        assert code not in visible, code


def test_report_is_self_contained(page_html):
    soup = BeautifulSoup(page_html, "html.parser")
    assert not soup.select("link, img, iframe, script[src]") and not soup.find_all(src=True)
    code = [s for s in soup.select("script") if not s.get("type")]
    assert len(code) == 1 and soup.select("style")
    assert "http://" not in code[0].string and "https://" not in code[0].string
    # the data blocks are inert: JSON or ready HTML, never run
    assert {s["type"] for s in soup.select("script[type]")} == {
        "application/json",
        "text/x-article",
    }


def test_markup_in_the_data_stays_text_in_every_block(stord):
    """Titles and names reach the page in three places (HTML, the JSON index, the inert article
    blocks); "</script>" in any of them must not end a block or start a script."""
    profile = stord.model_copy(deep=True)
    profile.article.title = '</script><script>alert("x")</script><!--'
    profile.organisations[0].aliases.append("</SCRIPT><img src=x>")
    html = render_report([profile], merge_profiles([profile]), [])
    raw = BeautifulSoup(html, "html.parser")
    assert len([s for s in raw.select("script") if not s.get("type")]) == 1
    index = json.loads(raw.select_one("#report-index").string)
    assert index[0]["title"] == profile.article.title
    assert "</SCRIPT><img src=x>" in index[0]["orgs"]
    page = expanded(raw)
    assert page.select_one(".article h2").get_text() == profile.article.title
    assert not page.find("img")


def test_each_goal_of_the_article_is_shown_once_with_all_its_evidence(stord):
    """Goals the article itself names twice ("2 2 12 12" before) show once, with a link to
    every mention."""
    profile = stord.model_copy(deep=True)
    text = profile.text
    for number, words in ((7, "havvind"), (7, "7"), (9, "9"), (9, "havvind")):
        at = text.index(words)
        evidence = Evidence(start=at, end=at + len(words), text=words)
        profile.sdgs.append(SdgMention(number=number, name="x", method="theme", evidence=evidence))
    html = article_sdgs_card(profile.article.id, [c for c in sdg_claims(profile) if not c.owner])
    card = BeautifulSoup(html, "html.parser")
    chips = [a.get_text() for a in card.select("a.sdg-chip")]
    assert chips == ["7", "9"]
    for claim in card.select("li.claim"):
        assert len(claim.select(".more a.ev")) == 2  # both mentions, each linked


def test_overlapping_spans_are_cut_into_segments_with_all_their_kinds():
    spans = [
        Highlight(0, 10, "sdg-theme", "outer"),
        Highlight(0, 5, "sdg-theme", "inner"),
        Highlight(3, 8, "org", "crossing"),
    ]
    found = [(s.start, s.end, {h.label for h in s.covering}) for s in segments(12, spans)]
    assert found == [
        (0, 3, {"outer", "inner"}),
        (3, 5, {"outer", "inner", "crossing"}),
        (5, 8, {"outer", "crossing"}),
        (8, 10, {"outer"}),
    ]


# --- decisions: the model, applying, scoring, stale ones (no browser) ------------------


@pytest.fixture(scope="module")
def stord(nlp) -> Profile:
    from pipeline.parse import parse_text
    from pipeline.run import profile_article

    return profile_article(parse_text(STORD, source="stord.txt"), nlp)


NOW = datetime(2026, 11, 28, 19, 0, tzinfo=UTC)


def decide(
    profile: Profile,
    field: str,
    value: str | None,
    verdict: str,
    correction: str | None = None,
    nth: int = 0,
) -> ReviewDecision:
    """A decision about the (nth) value the report shows for (field, value) in ``profile``."""
    item = [i for i in review_items(profile) if (i.field, i.value) == (field, value)][nth]
    return ReviewDecision(
        article_id=profile.article.id,
        field=field,  # type: ignore[arg-type]
        value=value,
        evidence=item.evidence,
        verdict=verdict,  # type: ignore[arg-type]
        correction=correction,
        reviewer="Kari",
        time=NOW,
    )


def add(profile: Profile, field: str, words: str, value: str | None = None) -> ReviewDecision:
    """An added item: ``words`` selected in the text (the first place they occur)."""
    at = profile.text.index(words)
    return ReviewDecision(
        article_id=profile.article.id,
        field=field,  # type: ignore[arg-type]
        value=value or words,
        evidence=Evidence(start=at, end=at + len(words), text=words),
        verdict="added",
        reviewer="Kari",
        time=NOW,
    )


def test_the_pipeline_reads_the_test_article_as_the_tests_expect(stord):
    orgs = {o.name for o in stord.organisations}
    assert {"Leirvik Sveis AS", "Selskapet"} <= orgs and "Fjellbu Lakk" not in orgs
    assert {s.number for s in stord.sdgs} == {7, 9}


def test_a_decision_round_trips_and_is_strict(stord):
    decision = decide(stord, "organisation.industry", "sveis", "corrected", "sveiseindustri")
    line = decision.model_dump_json()
    again = ReviewDecision.model_validate_json(line)
    assert again == decision and again.model_dump_json() == line
    data = json.loads(line)
    assert set(data) == {
        "article_id",
        "field",
        "value",
        "evidence",
        "verdict",
        "correction",
        "reviewer",
        "time",
    }
    bad = [
        {"verdict": "corrected", "correction": None},  # a correction needs its value
        {"verdict": "wrong"},  # and only a correction takes one
        {"verdict": "maybe", "correction": None},
        {"field": "title"},
        {"surprise": 1},
        {"time": "2026-11-28T19:00:00"},  # no time zone
        {"reviewer": ""},
        {"evidence": {"start": "42", "end": 47, "text": "sveis"}},  # strict: no coercion
    ]
    for change in bad:
        with pytest.raises(ValidationError):
            ReviewDecision.model_validate_json(json.dumps({**data, **change}))
    sdg = json.loads(decide(stord, "sdg", "7", "correct").model_dump_json())
    with pytest.raises(ValidationError, match="1-17"):
        ReviewDecision.model_validate_json(json.dumps({**sdg, "value": "18"}))
    added = json.loads(add(stord, "organisation", "Fjellbu Lakk").model_dump_json())
    with pytest.raises(ValidationError, match="evidence"):
        ReviewDecision.model_validate_json(json.dumps({**added, "evidence": None}))
    with pytest.raises(ValidationError, match="added to"):
        ReviewDecision.model_validate_json(json.dumps({**added, "field": "person.title"}))


def test_the_decision_schema_is_exported(capsys):
    assert main(["schema", "decision"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "ReviewDecision"
    assert schema["$id"].endswith("/" + DECISION_SCHEMA)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]["verdict"]["enum"]) == {
        "correct",
        "wrong",
        "corrected",
        "added",
    }


def test_apply_removes_wrong_values_applies_corrections_and_inserts_added_items(stord):
    decisions = [
        decide(stord, "organisation", "Selskapet", "wrong"),
        decide(stord, "organisation", "Leirvik Sveis AS", "correct"),
        decide(stord, "organisation.industry", "sveis", "corrected", "sveiseindustri"),
        decide(stord, "organisation.kind", "public_body", "corrected", "other"),
        decide(stord, "person", "Fjellbu Lakk", "wrong"),
        decide(stord, "person.title", "daglig leder", "corrected", "dagleg leiar"),
        decide(stord, "sdg", "7", "corrected", "13"),
        decide(stord, "sdg.organisation", "Leirvik Sveis AS", "wrong"),  # of goal 7: the article's
        decide(stord, "sdg.organisation", "Leirvik Sveis AS", "corrected", "Stord kommune", nth=1),
        decide(stord, "place", "Sagvåg", "wrong"),
        add(stord, "organisation", "Fjellbu Lakk"),
        add(stord, "place", "Sagvåg", "Sagvåg"),  # the same span again: back, as added
        add(stord, "sdg", "havvind", "14"),
    ]
    fixed = apply_to_profile(stord, decisions)
    assert fixed is not stord and stord.organisations[1].name == "Selskapet"  # a copy
    orgs = {o.name: o for o in fixed.organisations}
    assert "Selskapet" not in orgs
    assert orgs["Leirvik Sveis AS"].industry == "sveiseindustri"
    assert orgs["Stord kommune"].kind == "other"
    fjellbu = orgs["Fjellbu Lakk"]
    assert fjellbu.kind == "company"
    assert [(m.start, m.end, m.text) for m in fjellbu.mentions] == [
        (STORD.index("Fjellbu Lakk"), STORD.index("Fjellbu Lakk") + 12, "Fjellbu Lakk")
    ]
    people = {p.name: p for p in fixed.people}
    assert "Fjellbu Lakk" not in people and people["Marit Økland"].title == "dagleg leiar"
    goals = {(s.number, s.organisation) for s in fixed.sdgs}
    assert goals == {(13, None), (9, "Stord kommune"), (14, None)}
    assert orgs["Leirvik Sveis AS"].sdgs == []
    assert [(s.number, s.organisation) for s in orgs["Stord kommune"].sdgs] == [
        (9, "Stord kommune")
    ]
    assert (
        fixed.model_dump_json()
        == Profile.model_validate_json(fixed.model_dump_json()).model_dump_json()
    )


def test_decisions_match_a_later_run_or_are_stale(stord):
    """Matched by article id + field + span + value: what a later run no longer has is stale."""
    decisions = [
        decide(stord, "organisation", "Selskapet", "wrong"),
        decide(stord, "organisation", "Leirvik Sveis AS", "correct"),
        decide(stord, "person.title", "daglig leder", "corrected", "dagleg leiar"),
        add(stord, "organisation", "Fjellbu Lakk"),
    ]
    later = stord.model_copy(deep=True)  # a later run: the rule that made "Selskapet" is fixed
    later.organisations = [o for o in later.organisations if o.name != "Selskapet"]
    later.people[0].title = "dagleg leiar"  # and the title reads differently now
    matched, stale = match_decisions(later, decisions)
    assert [m.decision.value for m in matched] == ["Leirvik Sveis AS", "Fjellbu Lakk"]
    assert sorted(s.decision.value for s in stale) == ["Selskapet", "daglig leder"]
    assert all("no such value" in s.reason for s in stale)
    fixed = apply_to_profile(later, decisions)
    assert fixed.people[0].title == "dagleg leiar"
    assert "Fjellbu Lakk" in {o.name for o in fixed.organisations}
    # the same span with other text (the article was edited): stale, never applied
    moved = ReviewDecision.model_validate_json(
        decisions[1]
        .model_copy(update={"evidence": Evidence(start=0, end=16, text="Leirvik Sveis AS")})
        .model_dump_json()
    )
    assert [s.reason for s in match_decisions(stord, [moved])[1]] == [
        "the article text at the span has changed"
    ]


@pytest.fixture()
def stord_out(tmp_path, stord) -> Path:
    out = tmp_path / "out"
    write_profile(out, stord)
    return out


def write_decisions(path: Path, decisions: list[ReviewDecision], extra: list[str] = ()) -> Path:
    lines = [d.model_dump_json() for d in decisions]
    path.write_text("\n".join([*lines[:1], *extra, *lines[1:]]) + "\n", "utf-8")
    return path


def test_apply_writes_beside_the_originals_and_evaluate_counts(tmp_path, stord, stord_out, capsys):
    original = (stord_out / f"{stord.article.id}.json").read_bytes()
    decisions = [
        decide(stord, "organisation", "Selskapet", "wrong"),
        decide(stord, "organisation", "Leirvik Sveis AS", "correct"),
        decide(stord, "organisation", "Stord kommune", "correct"),
        decide(stord, "organisation.industry", "sveis", "corrected", "sveiseindustri"),
        decide(stord, "person", "Marit Økland", "correct"),
        add(stord, "organisation", "Fjellbu Lakk"),
        add(stord, "person", "Ola Tvedt"),  # the pipeline has it: found, not missed
        ReviewDecision(  # an article this output does not hold: stale
            article_id="0000000000000000",
            field="place",
            value="Bergen",
            evidence=None,
            verdict="correct",
            reviewer="Kari",
            time=NOW,
        ),
    ]
    path = write_decisions(tmp_path / "vurderinger.jsonl", decisions)
    assert main(["review", str(stord_out), "--apply", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 stale" in out and "0000000000000000 place" in out
    assert (stord_out / f"{stord.article.id}.json").read_bytes() == original  # never touched
    reviewed = stord_out / "reviewed"
    fixed = Profile.model_validate_json((reviewed / f"{stord.article.id}.json").read_text())
    assert {o.name for o in fixed.organisations} == {
        "Leirvik Sveis AS",
        "Stord kommune",
        "Fjellbu Lakk",
    }
    assert (reviewed / "profiles.jsonl").exists() and (reviewed / "profile.schema.json").exists()
    assert json.loads((reviewed / DECISION_SCHEMA).read_text())["title"] == "ReviewDecision"
    assert list(iter_profiles(reviewed)) == [fixed]  # the schema files are no profiles

    result = evaluate(stord_out, path)
    org = result.fields["organisation"]
    assert (org.correct, org.wrong, org.corrected, org.added) == (2, 1, 0, 1)
    assert org.precision == pytest.approx(2 / 3) and org.recall == pytest.approx(2 / 3)
    person = result.fields["person"]
    assert (person.correct, person.found_now, person.added) == (1, 1, 0)
    assert result.fields["organisation.industry"].precision == 0.0
    assert len(result.stale) == 1

    assert main(["evaluate", str(stord_out), "--decisions", str(path)]) == 0
    printed = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()}
    assert printed["organisation"][1:] == ["2", "1", "0", "1", "0.67", "0.67"]
    assert printed["organisation.industry"][1:] == ["0", "0", "1", "-", "0.00", "-"]
    assert printed["all"][1:] == ["3", "1", "1", "1", "0.60", "0.80"]


def test_a_bad_line_is_named_and_the_rest_are_used(tmp_path, stord, stord_out, capsys):
    decisions = [
        decide(stord, "organisation", "Selskapet", "wrong"),
        decide(stord, "organisation", "Leirvik Sveis AS", "correct"),
    ]
    broken = ['{"article_id": "x"', json.dumps({"verdict": "correct"})]
    path = write_decisions(tmp_path / "d.jsonl", decisions, broken)
    read = read_decisions(path)
    assert len(read.decisions) == 2
    assert [e.split(": not a decision")[0] for e in read.errors] == [f"{path}:2", f"{path}:3"]
    assert main(["review", str(stord_out), "--apply", str(path)]) == 1
    captured = capsys.readouterr()
    assert f"{path}:2: not a decision" in captured.err and f"{path}:3:" in captured.err
    fixed = next(iter_profiles(stord_out / "reviewed"))
    assert "Selskapet" not in {o.name for o in fixed.organisations}  # the good lines applied
    assert main(["evaluate", str(stord_out), "--decisions", str(path)]) == 1
    assert "organisation" in capsys.readouterr().out


def test_a_missing_file_or_an_unwritable_folder_is_one_line_and_exit_2(
    tmp_path, stord, stord_out, capsys
):
    missing = tmp_path / "nowhere.jsonl"
    for argv in (
        ["review", str(stord_out), "--apply", str(missing)],
        ["evaluate", str(stord_out), "--decisions", str(missing)],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "cannot read the decisions file" in err and "nowhere" in err
    path = write_decisions(tmp_path / "d.jsonl", [decide(stord, "sdg", "9", "correct")])
    blocker = tmp_path / "a-file"
    blocker.write_text("", "utf-8")
    for dest in (blocker / "reviewed", stord_out):
        assert main(["review", str(stord_out), "--apply", str(path), "--reviewed", str(dest)]) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and str(dest) in err, err
    assert not (stord_out / "reviewed").exists()
    for argv in (
        ["review", str(stord_out), "--apply", str(path), "--html", str(tmp_path / "r.html")],
        ["review", str(stord_out), "--reviewed", str(tmp_path / "r")],
    ):
        assert main(argv) == 2
        assert capsys.readouterr().err.count("\n") == 1


# --- in a real browser ----------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip(f"{CHROMIUM} is absent: apt-get install -y chromium")
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("playwright is not installed: pip install playwright")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def corpus_profiles(tmp_path_factory) -> list[Profile]:
    out = tmp_path_factory.mktemp("corpus-out")
    run_batch([str(CORPUS)], out, report=lambda line: None)
    return list(iter_profiles(out))


def test_corpus_report_in_chromium(browser, tmp_path, corpus_profiles):
    out = tmp_path / "out"
    for profile in corpus_profiles:
        write_profile(out, profile)
    report = write_report(out, tmp_path / "report.html")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page_errors: list[str] = []
    page.on("pageerror", lambda err: page_errors.append(str(err)))
    page.goto(report.as_uri())

    assert page.locator("table.sdg-matrix").is_visible()
    assert page.locator("table.sdg-matrix tbody tr").count() >= 10
    assert page.locator(".article").count() == min(PAGE_SIZE, len(corpus_profiles))
    assert page.locator("span.hl-org").first.is_visible()
    assert page.locator("span.hl-sdg-explicit").count() > 0
    assert page.locator(".rv .rv-b").count() == 3 * page.locator(".rv").count()
    button = page.locator(".rv .rv-b").first.bounding_box()
    assert button["width"] >= 32 and button["height"] >= 32, button  # big enough to hit
    card = page.locator(".org-card").first
    card.screenshot(path=str(tmp_path / "card.png"))  # one article card, as a reviewer sees it
    assert (tmp_path / "card.png").stat().st_size > 1000
    assert card.bounding_box()["height"] < 1200  # empty fields hidden, not rows of dashes
    assert "–</td>" not in card.inner_html()

    # A link far down the page: its target must end up in view (in its scrolling pane) and flash.
    link = page.locator(".article").last.locator(".org-card a.sdg-chip").first
    target_id = link.get_attribute("href")[1:]
    link.click()
    page.wait_for_function(_IN_VIEW_AND_FLASHING, arg=target_id, timeout=5000)
    page.screenshot(path=str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 0

    # the matrix shows its first rows, the rest on request; a company's name filters to it
    companies = [c for c in merge_profiles(corpus_profiles) if "company" in c.kinds]
    rows = page.locator("table.sdg-matrix tbody tr")
    if len(companies) > MATRIX_ROWS:
        assert rows.count() == MATRIX_ROWS
        page.click("#matrix-more")
    assert rows.count() == len(companies)
    name = rows.last.locator("a.filter-org")
    company = name.inner_text()
    name.click()
    assert page.locator("#f-org").input_value() == company
    shown = page.locator(".article")
    assert 1 <= shown.count() < len(corpus_profiles)
    assert all(company in shown.nth(i).inner_text() for i in range(shown.count()))
    assert page_errors == []


def test_review_in_chromium_then_apply_and_evaluate(browser, tmp_path, stord, stord_out, capsys):
    """Mark a value wrong, correct another, add a missing company from selected text, save the
    decisions file; then apply it and score the run by it."""
    report = write_report(stord_out, tmp_path / "report.html")
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda err: page_errors.append(str(err)))
    page.goto(report.as_uri())
    article = page.locator(f"#article-{stord.article.id}")

    def control(field: str, value: str):
        return article.locator(f'.rv[data-field="{field}"][data-value="{value}"]')

    control("organisation", "Selskapet").locator("[data-verdict=wrong]").click()
    control("organisation", "Leirvik Sveis AS").locator("[data-verdict=correct]").click()
    control("organisation.industry", "sveis").locator("[data-verdict=corrected]").click()
    editor = control("organisation.industry", "sveis").locator(".rv-edit input")
    editor.fill("sveiseindustri")
    editor.press("Enter")
    assert "sveiseindustri" in control("organisation.industry", "sveis").inner_text()

    # the missing company: its name selected in the text (a real selection of a highlight)
    article.locator("span.hl-person", has_text="Fjellbu Lakk").first.select_text()
    article.locator("button.add[data-field=organisation]").click()
    assert "Fjellbu Lakk" in article.locator(".added").inner_text()
    # a goal from a selection across pieces of the text (plain text after an emoji, a person,
    # plain text, an organisation)
    page.evaluate(_SELECT_WORDS, [stord.article.id, SELECTED])
    article.locator(".add-sdg").fill("8")
    article.locator("button.add[data-field=sdg]").click()

    # saving needs a name; the decisions survive a reload (localStorage)
    page.click("#save")
    assert "Kontrollør" in page.locator("#save-status").inner_text()
    page.reload()
    article = page.locator(f"#article-{stord.article.id}")
    assert "is-wrong" in control("organisation", "Selskapet").get_attribute("class")
    assert page.locator("#decision-count").inner_text() == "5"
    page.fill("#reviewer", "Kari Nordmann")
    with page.expect_download() as download:
        page.click("#save")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    context.close()
    assert page_errors == []

    read = read_decisions(saved)
    assert read.errors == [] and len(read.decisions) == 5
    assert {d.reviewer for d in read.decisions} == {"Kari Nordmann"}
    goal = next(d for d in read.decisions if d.field == "sdg")
    at = STORD.index(SELECTED)
    evidence = (goal.evidence.start, goal.evidence.end, goal.evidence.text)
    assert evidence == (at, at + len(SELECTED), SELECTED)

    assert main(["review", str(stord_out), "--apply", str(saved)]) == 0
    capsys.readouterr()
    fixed = Profile.model_validate_json(
        (stord_out / "reviewed" / f"{stord.article.id}.json").read_text("utf-8")
    )
    orgs = {o.name: o for o in fixed.organisations}
    assert "Selskapet" not in orgs and orgs["Leirvik Sveis AS"].industry == "sveiseindustri"
    added = orgs["Fjellbu Lakk"]
    assert added.kind == "company" and added.mentions[0].text == "Fjellbu Lakk"
    assert fixed.text[added.mentions[0].start : added.mentions[0].end] == "Fjellbu Lakk"
    assert (8, None) in {(s.number, s.organisation) for s in fixed.sdgs}

    assert main(["evaluate", str(stord_out), "--decisions", str(saved)]) == 0
    output = capsys.readouterr().out
    printed = {line.split()[0]: line.split() for line in output.splitlines()}
    assert printed["organisation"][1:] == ["1", "1", "0", "1", "0.50", "0.50"]
    assert printed["organisation.industry"][1:] == ["0", "0", "1", "-", "0.00", "-"]
    assert printed["sdg"][1:] == ["0", "0", "0", "1", "-", "0.00"]
    assert printed["all"][1:] == ["1", "1", "1", "2", "0.33", "0.33"]
    assert "0 stale decision(s)" in output


def many_profiles(base: list[Profile], count: int) -> list[Profile]:
    """``count`` profiles made from the project's own by giving copies new ids and sources."""
    made = []
    for n in range(count):
        profile = base[n % len(base)].model_copy(deep=True)
        profile.article.id = f"{n:016x}"
        profile.article.source = f"generated/{n}.txt"
        made.append(profile)
    return made


def test_a_thousand_articles_open_as_fast_as_ten(browser, tmp_path, corpus_profiles):
    """The first page of a 1,000-article report builds no more DOM than a 10-article report's
    and reaches DOMContentLoaded within a bounded factor of its time (rendering every article
    up front fails both: ~100x the elements)."""
    sizes = {}
    for count in (10, 1000):
        profiles = many_profiles(corpus_profiles, count)
        path = tmp_path / f"report-{count}.html"
        path.write_text(render_report(profiles, merge_profiles(profiles), []), "utf-8")
        sizes[count] = path
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page_errors: list[str] = []
    page.on("pageerror", lambda err: page_errors.append(str(err)))
    measured = {}
    for count in (10, 1000, 10, 1000):  # twice each, the better time kept: less noise
        page.goto(sizes[count].as_uri())
        figures = page.evaluate(_FIRST_PAGE_FIGURES)
        old = measured.get(count)
        if old is None or figures["loaded"] < old["loaded"]:
            measured[count] = figures
    small, large = measured[10], measured[1000]
    assert small["articles"] == large["articles"] == PAGE_SIZE
    assert large["elements"] <= 1.3 * small["elements"], measured
    assert large["loaded"] <= max(20 * small["loaded"], 1500), measured
    assert large["loaded"] < 5000, measured

    # and the 1,000 are there: paging, filters and search reach every one
    assert "av 1000 artikler" in page.locator("#f-status").inner_text()
    page.locator("#pager-top .page-next").click()
    assert page.locator(".article").first.get_attribute("data-id") == f"{PAGE_SIZE:016x}"
    page.fill("#f-article", "generated/999.txt")
    page.wait_for_function("document.querySelectorAll('.article').length === 1")
    assert page.locator(".article").get_attribute("data-id") == f"{999:016x}"
    page.click("#f-reset")
    page.select_option("#f-sdg", "14")
    with_goal = sum(
        1 for p in many_profiles(corpus_profiles, 1000) if 14 in {s.number for s in p.sdgs}
    )
    assert f"av {with_goal} artikler" in page.locator("#f-status").inner_text()
    page.click("#f-reset")
    page.fill("#f-search", "Fjordfôr")
    page.wait_for_function("document.querySelector('#f-status').textContent.includes('filtrert')")
    assert page.locator(".article").count() == PAGE_SIZE
    assert "Fjordfôr" in page.locator(".article").first.inner_text()
    # a link to an article on another page (or one the filters hide) shows that article
    page.evaluate("id => { location.hash = '#article-' + id; }", f"{555:016x}")
    page.wait_for_selector(f".article[data-id='{555:016x}']", timeout=5000)
    assert page_errors == []


_FIRST_PAGE_FIGURES = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {loaded: nav.domContentLoadedEventEnd,
          elements: document.getElementsByTagName('*').length,
          articles: document.querySelectorAll('.article').length};
}"""

# Select the first occurrence of some words in an article's text, across whatever pieces hold them.
_SELECT_WORDS = """([id, words]) => {
  const pre = document.querySelector('#article-' + id + ' .article-text');
  const nodes = [];
  const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
  let node, text = '';
  while ((node = walker.nextNode())) { nodes.push([node, text.length]); text += node.data; }
  const at = text.indexOf(words), to = at + words.length;
  const find = (pos) => nodes.filter(([n, s]) => s <= pos && pos <= s + n.data.length)[0];
  const [startNode, startBase] = find(at);
  const [endNode, endBase] = nodes.filter(([n, s]) => s < to && to <= s + n.data.length)[0];
  const range = document.createRange();
  range.setStart(startNode, at - startBase);
  range.setEnd(endNode, to - endBase);
  const selection = getSelection();
  // resolve once the page has seen the change: the report keeps the last selection on
  // 'selectionchange', which fires after this script; clicking before it races it
  return new Promise((resolve) => {
    document.addEventListener('selectionchange', () => resolve(), { once: true });
    selection.removeAllRanges();
    selection.addRange(range);
  });
}"""

# True when the element is flashing and visible both in the window and in its scrolling pane.
_IN_VIEW_AND_FLASHING = """(id) => {
  const el = document.getElementById(id);
  if (!el || !el.classList.contains('flash')) return false;
  const box = el.getBoundingClientRect();
  const pane = el.closest('.text-pane').getBoundingClientRect();
  return box.top >= Math.max(0, pane.top) && box.bottom <= Math.min(window.innerHeight, pane.bottom);
}"""


def test_each_card_says_why_next_to_the_value(soup):
    """An organisation says which rule found it; a person's title and organisation say which
    rule gave them, as a tooltip beside the value."""
    found_by = [s["title"] for s in soup.select(".org-card h3 span.why")]
    assert found_by and all(t.startswith("funnet av: ") for t in found_by)
    rules = {s["title"] for s in soup.select("span.why") if s["title"].startswith("regel: ")}
    assert any(r in rules for r in ("regel: stated", "regel: nearest_of_kind", "regel: office"))
