"""Put a trained parser with its own tok2vec into another trained pipeline.

The parser of ``configs/parser_own_tok2vec_small.cfg`` reads the words through a tok2vec of
its own and the pipeline's static vectors, so it does not listen to the NER's tok2vec: it can
be taken, unchanged, into a pipeline whose NER was trained again, as long as both were
trained on the same vectors (``--paths.vectors`` of the NER run names the vectors the parser
was trained with; this script refuses pipelines whose vectors differ).

Usage: python scripts/add_parser.py NER_MODEL PARSER_MODEL OUT
(NER_MODEL: a ``ship_model.py`` output; PARSER_MODEL: any pipeline holding the parser, such as
the shipped ``pipeline/resources/nb_norne_sm``.) Then ``python -m pipeline.nlp OUT SHIPPED``
adds the tokenizer rules and the project's components.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[2]


def add_parser(ner_model: Path, parser_model: Path, out: Path) -> None:
    import spacy

    sys.path.insert(0, str(ROOT))
    from pipeline.nlp import load_pipeline  # the shipped pipeline needs the project's factories

    nlp = spacy.load(ner_model)
    source = load_pipeline(str(parser_model))
    mine, theirs = nlp.vocab.vectors, source.vocab.vectors
    if mine.shape != theirs.shape or not numpy.array_equal(mine.data, theirs.data):
        raise SystemExit("the two pipelines were trained on different vectors")
    after = "sentencizer" if "sentencizer" in nlp.pipe_names else nlp.pipe_names[-1]
    nlp.add_pipe("parser", source=source, after=after)
    nlp.meta["description"] = nlp.meta["description"].replace(
        "NER, UPOS, lemmas", "NER, UPOS, lemmas and NDT dependency parse"
    )
    nlp.to_disk(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ner_model", type=Path)
    parser.add_argument("parser_model", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    add_parser(args.ner_model, args.parser_model, args.out)


if __name__ == "__main__":
    main()
