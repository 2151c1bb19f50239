"""The shipped pipeline is a plain spaCy pipeline: ``spacy.load`` in a fresh process gives the
same entities, span groups and profiles as ``load_pipeline``; the components declare what
they need and write, and ``nlp.evaluate`` scores them; one wiring admits every article."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.training import Example

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.nlp import load_pipeline, shipped_model_path
from pipeline.options import Limits, RunOptions
from pipeline.org_candidates import SPAN_KEY as CANDIDATES
from pipeline.parse import parse_text
from pipeline.people import SPAN_KEY as PEOPLE
from pipeline.run import ForeignLanguage, article_doc, process_text

TEXT = (
    "Grønnbygg AS i Drammen bidrar til bærekraftsmål 7 og 13.\n\n"
    "– Vi kutter utslippene, sier daglig leder Kari Hansen i Grønnbygg AS.\n\n"
    "Ordfører Per Olsen i Drammen kommune er fornøyd. Han stemte på Frp."
)

# A text of the project's own: a company introduced by its trade, a public body, a fact box
# and a heading over question-and-answer items.
CANDIDATE_TEXT = """Tre bedrifter i Hallingdal satser grønt

Verkstedbedriften Fjellsveis AS i Gol har fått ny kontrakt, og Nesbyen kommune er fornøyd.

Fakta

Bedrift: Nordbakst AS

Bransje: Bakeri

Sted: Nesbyen

Fjellsveis:

Om hovedformålet med å delta i nettverket: Vi vil kutte utslipp.

Om bærekraftsmål: Vi jobber med bærekraftsmål 7.
"""

# A text of the project's own: a speaker named after a speech verb with title and company,
# a dash quote that goes on in the next paragraph, a speaker in apposition named again by
# surname alone.
PEOPLE_TEXT = (
    "Solfjord Energi AS bygger et nytt solkraftverk i Lyngdal.\n\n"
    "– Vi vil levere strøm til hele bygda, sier daglig leder Ingrid Solbakken i Solfjord "
    "Energi AS.\n\n"
    "– Arbeidet starter i mai.\n\n"
    "Tore Lindeberg, rådgiver i Lyngdal kommune, sier at kommunen er glad for prosjektet.\n\n"
    "Lindeberg mener prosjektet gir nye arbeidsplasser."
)

# Runs in a new interpreter: only spaCy and the package's entry points know the factories.
FRESH = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
doc = nlp(sys.argv[2])
from pipeline.parse import parse_text
from pipeline.run import article_doc, profile_article
article = parse_text(sys.argv[2], source="t.txt")
profile = profile_article(article, nlp)
article_doc = nlp(article_doc(article, nlp))
candidates = article_doc.spans.get("org_candidates", [])
people = article_doc.spans.get("people", [])
print(json.dumps({
    "pipes": nlp.pipe_names,
    "ents": [(e.start_char, e.end_char, e.label_) for e in doc.ents],
    "spans": {k: [(s.start_char, s.end_char, s.label_) for s in v] for k, v in doc.spans.items()},
    "candidates": [
        (s.start_char, s.end_char, s.label_, s._.org_name, s._.org_industry, s._.org_places)
        for s in candidates
    ],
    "people": [
        (s.start_char, s.end_char, s.label_, s._.person_name, s._.person_title)
        + (s._.person_organisation, s._.person_organisation_start, s._.person_mention)
        + (s._.person_mentions, s._.person_quotes, s._.person_role_rule, s._.person_party)
        for s in people
    ],
    "profile": profile.model_dump(mode="json", exclude={"created_at"}),
}))
"""


def _fresh_process(path: Path | str, text: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", FRESH, str(path), text],
        capture_output=True,
        text=True,
        timeout=300,
        cwd="/",  # nothing from the checkout on the path but the installed package
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _in_process(nlp, text: str) -> dict:
    from pipeline.parse import parse_text
    from pipeline.run import profile_article

    doc = nlp(text)
    article = parse_text(text, source="t.txt")
    profile = profile_article(article, nlp)
    with_blocks = nlp(article_doc(article, nlp))
    candidates = with_blocks.spans.get(CANDIDATES, [])
    people = with_blocks.spans.get(PEOPLE, [])
    return json.loads(
        json.dumps(
            {
                "pipes": nlp.pipe_names,
                "ents": [(e.start_char, e.end_char, e.label_) for e in doc.ents],
                "spans": {
                    k: [(s.start_char, s.end_char, s.label_) for s in v]
                    for k, v in doc.spans.items()
                },
                "candidates": [
                    (s.start_char, s.end_char, s.label_, s._.org_name)
                    + (s._.org_industry, s._.org_places)
                    for s in candidates
                ],
                "people": [
                    (s.start_char, s.end_char, s.label_, s._.person_name, s._.person_title)
                    + (s._.person_organisation, s._.person_organisation_start)
                    + (s._.person_mention, s._.person_mentions, s._.person_quotes)
                    + (s._.person_role_rule, s._.person_party)
                    for s in people
                ],
                "profile": profile.model_dump(mode="json", exclude={"created_at"}),
            }
        )
    )


needs_model = pytest.mark.skipif(shipped_model_path() is None, reason="no shipped model here")


@needs_model
def test_spacy_load_in_a_fresh_process_gives_the_same_profile():
    fresh = _fresh_process(shipped_model_path(), TEXT)
    here = _in_process(load_pipeline(), TEXT)
    assert fresh["pipes"][-11:] == [
        "pipeline_entities",
        "pipeline_org_candidates",
        "pipeline_sdgs",
        "pipeline_goal_owners",
        "pipeline_person_roles",
        "pipeline_people",
        "pipeline_org_places",
        "pipeline_organisations",
        "pipeline_person_organisations",
        "pipeline_goal_attribution",
        "pipeline_places",
    ]
    assert fresh == here
    assert {o["name"] for o in fresh["profile"]["organisations"]} >= {"Grønnbygg AS"}


@needs_model
def test_the_shipped_config_holds_the_news_tokenizer():
    config = spacy.util.load_config(shipped_model_path() / "config.cfg")
    assert config["nlp"]["tokenizer"]["@tokenizers"] == "nyhetsprofil.news_tokenizer.v1"
    nlp = spacy.blank("nb", config={"nlp": {"tokenizer": config["nlp"]["tokenizer"]}})
    # the news rules come from the config alone: a name's digit keeps no full stop,
    # "Mek." stays inside a name, a party's name gives up its full stop
    assert [t.text for t in nlp("over Fjord1. Da")] == ["over", "Fjord1", ".", "Da"]
    assert "Mek." in [t.text for t in nlp("Larsnes Mek. Verksted")]
    assert [t.text for t in nlp("stemte på Frp.")][-2:] == ["Frp", "."]
    assert [t.text for t in nlp("(Frp).Han")] == ["(", "Frp", ")", ".", "Han"]
    # a title the entity rules write with its stop keeps it, capitalised or not
    assert [t.text for t in nlp("Adm. dir. i Fjordverft")][:2] == ["Adm.", "dir."]
    assert [t.text for t in spacy.load(shipped_model_path())("adm. dir. Kari")][:2] == [
        "adm.",
        "dir.",
    ]
    # the saved tokenizer holds its rules only: the vocab (and its vectors) is saved once
    saved = srsly.msgpack_loads((shipped_model_path() / "tokenizer").read_bytes())
    assert "vocab" not in saved


def test_a_saved_pipeline_carries_a_users_rules(tmp_path):
    """A user's rule file goes into the saved pipeline, and reaches the entities there."""
    packaged = json.loads(
        (Path(__file__).parents[1] / "pipeline/resources/entity_rules.json").read_text("utf-8")
    )
    rules = {r["id"]: r["words"] for r in packaged["rules"]}  # the plain form users write
    rules["known_companies"].append("Fjellfrukt")
    user_file = tmp_path / "my_rules.json"
    user_file.write_text(json.dumps(rules, ensure_ascii=False), "utf-8")
    nlp = spacy.blank("nb")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("pipeline_entities", config={"rules": str(user_file)})
    nlp.add_pipe("pipeline_sdgs")
    nlp.to_disk(tmp_path / "saved")
    user_file.unlink()  # the saved pipeline must not need it any more
    text = "Vi handler hos Fjellfrukt hver uke."
    fresh = _fresh_process(tmp_path / "saved", text)
    assert [text[s:e] for s, e, label in fresh["ents"] if label == "ORG"] == ["Fjellfrukt"]
    plain = spacy.blank("nb")
    plain.add_pipe("sentencizer")
    plain.add_pipe("pipeline_entities")
    assert [e.text for e in plain(text).ents] == []  # the packaged rules do not list it


def test_a_missing_shipped_model_is_one_line_and_exit_2(monkeypatch, tmp_path, capsys):
    import pipeline.nlp as nlp_module

    monkeypatch.setattr(nlp_module, "shipped_model_path", lambda: None)
    nlp_module._load_cached.cache_clear()
    try:
        with pytest.raises(PipelineError, match="shipped model .* missing"):
            load_pipeline()
        article = tmp_path / "a.txt"
        article.write_text(TEXT, "utf-8")
        assert main(["run", str(article), "--out", str(tmp_path / "out"), "-q"]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "missing" in err and "Traceback" not in err
    finally:
        nlp_module._load_cached.cache_clear()


def test_the_candidates_are_a_span_group_of_their_own():
    """``pipeline_org_candidates`` writes its own span group, each span with the rule that
    found it and the draft's values; the fact box and the heading come from the blocks the
    article's Doc carries. The entities and their span groups are left as they were."""
    nlp = load_pipeline("blank:nb")
    article = parse_text(CANDIDATE_TEXT, source="t.txt")
    doc = nlp(article_doc(article, nlp))
    found = [
        (s.label_, s._.org_name, s._.org_kind, s._.org_industry) for s in doc.spans[CANDIDATES]
    ]
    assert ("intro", "Fjellsveis AS", "company", "verksted") in found
    assert ("legal", "Fjellsveis AS", "company", None) in found  # the same place, its own values
    assert ("public", "Nesbyen kommune", "public_body", None) in found
    assert ("fact_box", "Nordbakst AS", "company", "bakeri") in found
    assert ("heading", "Fjellsveis AS", "company", None) in found  # "Fjellsveis:" in full
    box = next(s for s in doc.spans[CANDIDATES] if s.label_ == "fact_box")
    start = CANDIDATE_TEXT.index("Nesbyen\n")
    assert box.text == "Nordbakst AS" and box._.org_places == [("Nesbyen", start, start + 7)]
    heading = next(s for s in doc.spans[CANDIDATES] if s.label_ == "heading")
    assert heading.text == "Fjellsveis:" and heading._.org_aliases == ["Fjellsveis"]
    # a text alone shows no blocks: no fact box, no heading
    plain = nlp(CANDIDATE_TEXT)
    assert {s.label_ for s in plain.spans[CANDIDATES]} == {"intro", "legal", "public"}
    with nlp.select_pipes(disable=["pipeline_org_candidates"]):
        without = nlp(article_doc(article, nlp))
    assert [(e.start_char, e.end_char, e.label_) for e in without.ents] == [
        (e.start_char, e.end_char, e.label_) for e in doc.ents
    ]
    assert set(doc.spans) - set(without.spans) == {CANDIDATES}
    # the organisations are made from the candidates, and the places are what no
    # organisation's name holds: those groups change with them, no other
    for key in set(without.spans) - {"organisations", "places"}:
        spans = [(s.start_char, s.end_char, s.label_) for s in doc.spans[key]]
        assert spans == [(s.start_char, s.end_char, s.label_) for s in without.spans[key]]


def test_a_saved_pipeline_gives_the_same_candidates_and_profile(tmp_path):
    """``to_disk`` and a plain ``spacy.load`` in a fresh process: the same span group and
    the same profile as the pipeline it was saved from."""
    nlp = load_pipeline("blank:nb")
    nlp.to_disk(tmp_path / "saved")
    fresh = _fresh_process(tmp_path / "saved", CANDIDATE_TEXT)
    here = _in_process(nlp, CANDIDATE_TEXT)
    assert fresh == here
    assert "pipeline_org_candidates" in fresh["pipes"]
    assert {c[2] for c in fresh["candidates"]} >= {"intro", "public", "fact_box", "heading"}
    companies = {o["name"]: o for o in fresh["profile"]["organisations"] if o["kind"] == "company"}
    assert set(companies) == {"Fjellsveis AS", "Nordbakst AS"}
    assert companies["Nordbakst AS"]["industry"] == "bakeri"


def test_the_people_are_a_span_group_of_their_own():
    """``pipeline_people`` writes its own span group: one span per person where the rules
    found them, labelled with the rule, with the draft's values; the quotes come from the
    blocks the article's Doc carries. The extraction layer reads the people from the group
    alone, and the other span groups are left as they were."""
    nlp = load_pipeline("blank:nb")
    article = parse_text(PEOPLE_TEXT, source="t.txt")
    doc = nlp(article_doc(article, nlp))
    people = {s._.person_name: s for s in doc.spans[PEOPLE]}
    assert list(people) == ["Ingrid Solbakken", "Tore Lindeberg"]
    ingrid, tore = people["Ingrid Solbakken"], people["Tore Lindeberg"]
    assert (ingrid.text, ingrid.label_, ingrid._.person_title) == (
        "Ingrid Solbakken",
        "speech",
        "daglig leder",
    )
    org_start = PEOPLE_TEXT.index("Solfjord Energi AS.")
    assert (ingrid._.person_organisation, ingrid._.person_organisation_start) == (
        "Solfjord Energi AS",
        org_start,
    )
    quotes = [PEOPLE_TEXT[s:e] for s, e in ingrid._.person_quotes]
    assert quotes == ["Vi vil levere strøm til hele bygda", "Arbeidet starter i mai."]
    assert (tore.label_, tore._.person_title, tore._.person_organisation) == (
        "apposition",
        "rådgiver",
        "Lyngdal kommune",
    )
    assert tore._.person_quotes == []
    # a text alone shows no blocks: the same people, no quotes
    plain = nlp(PEOPLE_TEXT)
    assert [s._.person_name for s in plain.spans[PEOPLE]] == list(people)
    assert all(s._.person_quotes == [] for s in plain.spans[PEOPLE])
    with nlp.select_pipes(disable=["pipeline_people"]):
        without = nlp(article_doc(article, nlp))
    assert set(doc.spans) - set(without.spans) == {PEOPLE}
    for key in without.spans:
        spans = [(s.start_char, s.end_char, s.label_) for s in doc.spans[key]]
        assert spans == [(s.start_char, s.end_char, s.label_) for s in without.spans[key]]
    # a party in brackets after the name is the person's party, where it is written
    mayor_doc = nlp("Ordfører i Lyngdal kommune, Per Olsen (Sp), er fornøyd.")
    mayor = mayor_doc.spans[PEOPLE][0]
    assert (mayor.label_, mayor._.person_name, mayor._.person_title) == (
        "title_org_apposition",
        "Per Olsen",
        "ordfører",
    )
    assert (mayor._.person_organisation, mayor._.person_party) == (
        "Lyngdal kommune",
        ("Sp", (39, 41)),
    )
    from pipeline.extract import extract

    assert extract(article, without, model="test").people == []
    profile = extract(article, doc, model="test")
    assert [(p.name, p.title, p.organisation, len(p.quotes)) for p in profile.people] == [
        ("Ingrid Solbakken", "daglig leder", "Solfjord Energi AS", 2),
        ("Tore Lindeberg", "rådgiver", "Lyngdal kommune", 0),
    ]


@needs_model
def test_a_saved_pipeline_gives_the_same_people_and_profile(tmp_path):
    """The shipped pipeline saved with ``to_disk`` and loaded with a plain ``spacy.load`` in
    a fresh process: the same people span group (with the tree's title rule and the
    surname's mention) and the same profile."""
    nlp = load_pipeline()
    nlp.to_disk(tmp_path / "saved")
    fresh = _fresh_process(tmp_path / "saved", PEOPLE_TEXT)
    here = _in_process(nlp, PEOPLE_TEXT)
    assert fresh == here
    assert "pipeline_people" in fresh["pipes"]
    people = {p[3]: p for p in fresh["people"]}
    assert set(people) == {"Ingrid Solbakken", "Tore Lindeberg"}
    assert len(people["Tore Lindeberg"][8]) == 2  # "Lindeberg mener ..."
    assert [(p["name"], len(p["quotes"])) for p in fresh["profile"]["people"]] == [
        ("Ingrid Solbakken", 2),
        ("Tore Lindeberg", 0),
    ]


def test_components_declare_what_they_need_and_write():
    nlp = load_pipeline("blank:nb")
    names = ("pipeline_entities", "pipeline_sdgs", "pipeline_org_candidates")
    meta = {name: nlp.get_pipe_meta(name) for name in names}
    assert "doc.ents" in meta["pipeline_entities"].assigns
    assert "doc.spans" in meta["pipeline_entities"].assigns
    assert "token.is_sent_start" in meta["pipeline_entities"].requires
    assert meta["pipeline_sdgs"].assigns == ["doc.spans"]
    assert meta["pipeline_sdgs"].requires == ["token.is_sent_start"]
    assert "doc._.blocks" in meta["pipeline_org_candidates"].requires
    assert "doc.spans" in meta["pipeline_org_candidates"].assigns
    assert "span._.org_industry" in meta["pipeline_org_candidates"].assigns
    people = nlp.get_pipe_meta("pipeline_people")
    assert {"doc._.blocks", "span._.title", "doc._.we_statements"} <= set(people.requires)
    assert {"doc.spans", "span._.person_quotes", "span._.person_title"} <= set(people.assigns)
    names = nlp.pipe_names
    assert names.index("pipeline_person_roles") < names.index("pipeline_people")


def test_nlp_evaluate_scores_the_components():
    nlp = load_pipeline("blank:nb")
    text = "Daglig leder Kari Hansen i Grønnbygg AS jobber med bærekraftsmål 7."
    reference = nlp.make_doc(text)
    reference.ents = [reference.char_span(text.index("Grønnbygg"), text.index(" jobber"), "ORG")]
    start = text.index("7")
    goal = reference.char_span(start, start + 1, "SDG_7", alignment_mode="expand")
    reference.spans["sdg_explicit"] = [goal]
    scores = nlp.evaluate([Example(nlp.make_doc(text), reference)])
    assert scores["ents_r"] == 1.0  # the rules find the company without a model
    assert scores["spans_sdg_explicit_f"] == 1.0


def test_one_article_passes_the_same_checks_as_a_batch():
    english = (
        "The company said that it would build a new factory in the town this year, and "
        "that the workers who are there will be given new jobs when the old one closes."
    )
    with pytest.raises(ForeignLanguage, match="English"):
        process_text(english, model="blank:nb")
    forced = RunOptions(model="blank:nb", language="nb")
    assert process_text(english, model="blank:nb", options=forced).article.language == "nb"
    small = RunOptions(model="blank:nb", limits=Limits(max_chars=50))
    with pytest.raises(PipelineError, match="over the 50 limit"):
        process_text(TEXT, model="blank:nb", options=small)


@needs_model
def test_a_users_rule_file_changes_the_profile(tmp_path):
    """The profile is made with the rules the entities were made with: a name a user lists
    as a research body is no company in the profile (it was, with the packaged rules)."""
    text = (
        "Statkraft bygger et nytt kraftverk i Sogndal. Konsernsjef Ola Berg i Statkraft "
        "sier at de jobber med bærekraftsmål 7."
    )
    rules = json.loads(
        (Path(__file__).parents[1] / "pipeline/resources/entity_rules.json").read_text("utf-8")
    )
    words = {r["id"]: r["words"] for r in rules["rules"]}  # the record form, edited in place
    words["known_companies"].remove("Statkraft")
    words["non_company_organisations"]["research"].append("Statkraft")
    user_file = tmp_path / "my_rules.json"
    user_file.write_text(json.dumps(rules, ensure_ascii=False), "utf-8")

    packaged = load_pipeline()
    mine = spacy.load(
        shipped_model_path(), config={"components.pipeline_entities.rules": str(user_file)}
    )
    kinds = {}
    for label, nlp in (("packaged", packaged), ("mine", mine)):
        profile = _in_process(nlp, text)["profile"]
        kinds[label] = {o["name"]: o["kind"] for o in profile["organisations"]}
    assert kinds["packaged"]["Statkraft"] == "company"
    assert kinds["mine"]["Statkraft"] != "company"
    # and the packaged pipeline is unchanged afterwards: nothing leaks between pipelines
    assert _in_process(packaged, text)["profile"]["organisations"][0]["kind"] == "company"


@needs_model
def test_a_users_title_words_reach_the_components_that_read_the_tree(tmp_path):
    """A title a user adds to the entity rules is read by pipeline_person_roles too."""
    text = "Nytt skip\n\nKari Lie er sveisar i Havbruk Nord AS. Hun er glad for skipet."
    rules = json.loads(
        (Path(__file__).parents[1] / "pipeline/resources/entity_rules.json").read_text("utf-8")
    )
    words = {r["id"]: r["words"] for r in rules["rules"]}  # the record form, edited in place
    assert "sveisar" not in words["person_titles"]
    words["person_titles"].append("sveisar")
    user_file = tmp_path / "my_rules.json"
    user_file.write_text(json.dumps(rules, ensure_ascii=False), "utf-8")
    mine = spacy.load(
        shipped_model_path(), config={"components.pipeline_entities.rules": str(user_file)}
    )
    titles = {}
    for label, nlp in (("packaged", load_pipeline()), ("mine", mine)):
        profile = _in_process(nlp, text)["profile"]
        titles[label] = {p["name"]: p["title"] for p in profile["people"]}
    assert titles["packaged"].get("Kari Lie") is None
    assert titles["mine"]["Kari Lie"] == "sveisar"
