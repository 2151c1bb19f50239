"""Tests for the shipped NorNE pipeline (pipeline/resources/nb_norne_sm) and its
training recipe (training/scripts)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
import spacy
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "pipeline" / "resources" / "nb_norne_sm"
SCRIPTS = ROOT / "training" / "scripts"
NORNE = ROOT.parent / "shared" / "norne"

LABELS = {"PER", "ORG", "GPE_LOC", "GPE_ORG", "LOC", "PROD", "EVT", "DRV", "MISC"}


def _load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def nlp():
    # Plain spacy.load: the shipped model uses built-in factories only.
    return spacy.load(MODEL_DIR)


def test_meta_and_pipeline(nlp):
    assert nlp.lang == "nb"
    assert nlp.meta["name"] == "norne_sm"
    assert nlp.meta["version"] == "0.4.0"
    for name in ("ner", "trainable_lemmatizer", "morphologizer", "sentencizer", "parser"):
        assert name in nlp.pipe_names
    assert set(nlp.get_pipe("ner").labels) == LABELS


def test_model_size_budget():
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size <= 40 * 1024 * 1024


def test_floret_vectors_from_norec_are_shipped_and_named(nlp):
    assert nlp.vocab.vectors.mode == "floret"
    assert nlp.vocab.vectors.shape[1] > 0
    # floret: a word never seen in training still has a vector (from its character n-grams)
    assert nlp.vocab["Fjordlaksbedriftene"].has_vector
    sources = " ".join(str(source) for source in nlp.meta.get("sources", []))
    assert "NoReC" in sources


def test_bokmaal_entities(nlp):
    doc = nlp("Konsernsjef Anders Opedal sier at Equinor vil åpne et nytt kontor i Stavanger.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Stavanger", "GPE_LOC") in ents
    assert ("Anders Opedal", "PER") in ents
    assert [t.pos_ for t in doc if t.text in {"Equinor", "Stavanger"}] == ["PROPN", "PROPN"]
    doc = nlp("Telenor og DNB har inngått en avtale med Statkraft i Oslo.")
    assert {(e.text, e.label_) for e in doc.ents} >= {
        ("Telenor", "ORG"),
        ("DNB", "ORG"),
        ("Statkraft", "ORG"),
        ("Oslo", "GPE_LOC"),
    }


def test_the_pipeline_corrects_a_company_the_model_does_not_know():
    # 0.3.0 reads "Equinor" (a name from 2018, after NorNE's texts) as a person here; the
    # listed-company fact of pipeline_entities makes it the organisation it is.
    from pipeline.nlp import load_pipeline

    doc = load_pipeline()(
        "Konsernsjef Anders Opedal sier at Equinor vil åpne et kontor i Stavanger."
    )
    assert [s.text for s in doc.spans["org_mentions"]] == ["Equinor"]


def test_lemmas_of_inflected_nouns(nlp):
    doc = nlp("Bilene sto parkert foran husene til lærerne.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["Bilene"].lower() == "bil"
    assert lemmas["husene"] == "hus"
    assert lemmas["lærerne"] == "lærer"


def test_nynorsk_sentence(nlp):
    doc = nlp("Statoil opna eit nytt kontor i Bergen i fjor, seier Jonas Gahr Støre.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Bergen", "GPE_LOC") in ents
    assert ("Jonas Gahr Støre", "PER") in ents
    assert len(list(doc.sents)) == 1


SAMPLE = """\
# newdoc id = test_0001
# sent_id = test_0001-1
# text = - Equinor ( tidligere Statoil ) åpner kontor i " Nord-Norge " , sier Ola Nordmann .
1\t-\t$-\t<strek>\t<strek>\t_\t5\tIP\t_\tname=O
2\tEquinor\tEquinor\tsubst\tsubst\tprop\t5\tSUBJ\t_\tname=B-ORG
3\t(\t$(\t<parentes-beg>\t<parentes-beg>\t_\t5\tIP\t_\tname=O
4\ttidligere\ttidlig\tadj\tadj\tkomp\t5\tATR\t_\tname=O
5\tStatoil\tStatoil\tsubst\tsubst\tprop\t2\tAPP\t_\tname=B-ORG
6\t)\t$)\t<parentes-slutt>\t<parentes-slutt>\t_\t5\tIP\t_\tname=O
7\tåpner\tåpne\tverb\tverb\tpres\t0\tFINV\t_\tname=O
8\tkontor\tkontor\tsubst\tsubst\tappell|nøyt|ub|ent\t7\tDOBJ\t_\tname=O
9\ti\ti\tprep\tprep\t_\t7\tADV\t_\tname=O
10\t"\t$"\t<anf>\t<anf>\t_\t11\tIP\t_\tname=O
11\tNord-Norge\tNord-Norge\tsubst\tsubst\tprop\t9\tPUTFYLL\t_\tname=B-GPE_LOC
12\t"\t$"\t<anf>\t<anf>\t_\t11\tIP\t_\tname=O
13\t,\t$,\t<komma>\t<komma>\t_\t7\tIK\t_\tname=O
14\tsier\tsi\tverb\tverb\tpres\t7\tFINV\t_\tname=O
15\tOla\tOla\tsubst\tsubst\tprop\t14\tSUBJ\t_\tname=B-PER
16\tNordmann\tNordmann\tsubst\tsubst\tprop\t15\tFLAT\t_\tname=I-PER
17\t.\t$.\tclb\tclb\t<punkt>\t7\tIP\t_\tname=O

"""


def test_converter_rebuilds_spacing_and_entities(tmp_path):
    convert_norne = _load_script("convert_norne")
    src = tmp_path / "sample.conllu"
    src.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "sample.spacy"
    assert convert_norne.convert([src], out) == 1
    nlp = spacy.blank("nb")
    (doc,) = DocBin().from_disk(out).get_docs(nlp.vocab)
    assert (
        doc.text == '- Equinor (tidligere Statoil) åpner kontor i "Nord-Norge", sier Ola Nordmann.'
    )
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Equinor", "ORG"),
        ("Statoil", "ORG"),
        ("Nord-Norge", "GPE_LOC"),
        ("Ola Nordmann", "PER"),
    ]
    assert doc[3].lemma_ == "tidlig"
    assert doc[0].lemma_ == "-"  # NDT's "$-" punctuation lemma is replaced by the form
    assert [t.pos_ for t in doc[:3]] == ["PUNCT", "PROPN", "PUNCT"]
    assert doc[6].pos_ == "VERB"


def test_evaluator_reads_ud_spans():
    evaluate_ner = _load_script("evaluate_ner")
    offsets = evaluate_ner._char_offsets(
        "Hei, Oslo.", ["Hei", ",", "Oslo", "."], [False, True, False, False]
    )
    assert offsets == [(0, 3), (3, 4), (5, 9), (9, 10)]


@pytest.mark.skipif(not NORNE.is_dir(), reason="NorNE data not present at ../shared/norne")
def test_gold_gate_bokmaal_dev(nlp, tmp_path):
    """Pinned floor on the first 400 sentences of the natural-text bokmål dev set."""
    evaluate_ner = _load_script("evaluate_ner")
    lines, n = [], 0
    for line in (NORNE / "nob-dev-ud.conllu").read_text(encoding="utf-8").splitlines():
        lines.append(line)
        if not line.strip():
            n += 1
            if n == 400:
                break
    small = tmp_path / "nob-dev-ud-400.conllu"
    small.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = evaluate_ner.evaluate(str(MODEL_DIR), small)
    assert res["ents_f"] >= 0.70
    assert res["lemma_acc"] >= 0.95


def test_shipped_config_needs_no_project_code():
    """The shipped config names no training-time callback, so spacy.load works anywhere."""
    from spacy.util import load_config

    config = load_config(MODEL_DIR / "config.cfg", interpolate=False)
    for key in ("before_creation", "after_creation", "after_pipeline_creation"):
        assert config["nlp"][key] is None


def test_gazetteer_norms_survive_save_and_load(tmp_path):
    """The place gazetteer reaches the tok2vec as NORM through the vocab's lookups,
    which are saved with the model: a saved pipeline needs no project code."""
    pytest.importorskip("babel", reason="the gazetteer reads CLDR country names through Babel")
    gazetteer = _load_script("gazetteer")
    names = gazetteer.build_gazetteer()
    assert names["Tyskland"] == names["Noreg"] == "land"  # bokmål and nynorsk
    assert names["Bærum"] == "kommune"
    assert names["Viken"] == "fylke"
    assert "Man" not in names  # a listed name that is mostly a word at sentence start
    assert all(" " not in name for name in names)

    nlp = spacy.blank("nb")
    gazetteer.drop_party_exceptions(nlp)
    gazetteer.add_gazetteer_norms(nlp)
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    doc = loaded("Fra Bamako til Bærum i Tyskland, ikke til bærum.")
    norms = {t.text: t.norm_ for t in doc}
    assert norms["Bamako"] == "gaz_by"
    assert norms["Bærum"] == "gaz_kommune"
    assert norms["Tyskland"] == "gaz_land"
    assert norms["bærum"] == "bærum"  # exact case only: ordinary words keep their norm
    assert norms["Fra"] == "fra"
    # the sentence's full stop after a party name is split off, abbreviations keep theirs
    assert [t.text for t in loaded("Han stemte på Frp. Se jf. loven.")][3:7] == [
        "Frp",
        ".",
        "Se",
        "jf.",
    ]


def test_shipped_model_carries_the_gazetteer(nlp):
    """Place names the model may never have seen in training reach it as a gazetteer
    class (vocab lookups saved with the model), and it reads them as places."""
    doc = nlp("Selskapet har kontorer i Bamako, Tromsø og Tyskland.")
    norms = {t.text: t.norm_ for t in doc}
    assert norms["Bamako"] == "gaz_by"
    assert norms["Tromsø"] == "gaz_kommune"
    assert norms["Tyskland"] == "gaz_land"
    assert norms["kontorer"] == "kontorer"
    assert {e.text for e in doc.ents if e.label_ == "GPE_LOC"} >= {"Bamako", "Tromsø"}


def test_the_parser_reads_ndt_relations(nlp):
    """0.4.0's parser (its own tok2vec; the NER is 0.3.0's, frozen): the subject of a clause,
    an apposition, and a sentence boundary the sentencizer set are kept."""
    doc = nlp(
        "Grønnbygg bidrar til FNs mål for utvikling. Kari Hansen, dagleg leiar i Lie Mat AS, er nøgd."
    )
    deps = {t.text: (t.dep_, t.head.text) for t in doc}
    assert deps["Grønnbygg"] == ("SUBJ", "bidrar")
    assert deps["leiar"][0] == "APP"
    assert len(list(doc.sents)) == 2


def test_the_parser_goes_into_a_pipeline_trained_on_the_same_vectors_only(tmp_path):
    """``add_parser.py`` takes the shipped parser (its own tok2vec) into another trained
    pipeline; one trained on other vectors is refused, since the parser reads them."""
    add_parser = _load_script("add_parser")
    same = spacy.blank("nb")
    same.vocab.vectors.from_disk(MODEL_DIR / "vocab")  # the shipped floret table
    same.add_pipe("sentencizer")
    same.to_disk(tmp_path / "same")
    add_parser.add_parser(tmp_path / "same", MODEL_DIR, tmp_path / "out")
    nlp = spacy.load(tmp_path / "out")
    assert nlp.pipe_names == ["sentencizer", "parser"]
    assert nlp("Kari Lie leier Lie Bygg AS.").has_annotation("DEP")
    other = spacy.blank("nb")
    other.add_pipe("sentencizer")
    other.to_disk(tmp_path / "other")
    with pytest.raises(SystemExit, match="different vectors"):
        add_parser.add_parser(tmp_path / "other", MODEL_DIR, tmp_path / "refused")
