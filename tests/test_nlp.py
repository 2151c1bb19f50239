"""Loading the spaCy pipeline: the shipped model by default, or a named one / a path."""

from __future__ import annotations

import spacy

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.nlp import describe, load_pipeline, shipped_model_path


def test_default_is_the_shipped_model_with_project_components():
    nlp = load_pipeline()
    assert "pipeline_sdgs" in nlp.pipe_names
    if shipped_model_path() is not None:
        assert "ner" in nlp.pipe_names
        assert describe(nlp).startswith("nb_norne_sm")


def test_a_saved_pipeline_loads_by_path(tmp_path):
    saved = spacy.blank("nb")
    saved.add_pipe("sentencizer")
    saved.to_disk(tmp_path / "my_model")
    nlp = load_pipeline(str(tmp_path / "my_model"))
    assert nlp.pipe_names == [
        "sentencizer",
        "pipeline_line_breaks",
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
    doc = nlp("Vi jobber med bærekraftsmål 7 og 13.")
    assert {s.label_ for s in doc.spans["sdg_explicit"]} == {"SDG_7", "SDG_13"}


def test_a_missing_official_model_is_a_clear_error(tmp_path, capsys):
    try:
        load_pipeline("nb_core_news_md")
    except PipelineError as err:
        assert "nb_core_news_md" in str(err) and "install" in str(err)
    else:  # the official model is installed on this machine: nothing to check
        return
    code = main(["run", "corpus", "--out", str(tmp_path), "--model", "nb_core_news_md"])
    assert code == 2
    assert "nb_core_news_md" in capsys.readouterr().err


def test_a_docs_text_is_built_once_and_equals_spacys():
    import spacy

    from pipeline.doc_text import text_of

    doc = spacy.blank("nb")("Grønnbygg AS i Drammen.\n\nKari Hansen sier ja.")
    first = text_of(doc)
    assert first == doc.text
    assert text_of(doc) is first
