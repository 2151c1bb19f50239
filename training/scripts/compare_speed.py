"""Words per second of several pipelines, measured alternately on the same text.

Speed on this machine drifts by 10-15 % with load and over a day, so one model measured
now and another an hour later are not comparable. This script loads every model once,
then times ``nlp.pipe`` over all ``# text`` sentences of a UD-style dev file (batch 256,
one process, whole pipeline, as ``evaluate_ner.py`` does) in rounds, model after model,
and prints each model's median and every round. Words are counted as ``evaluate_ner.py``
counts them (tokens), so the figures compare with its "Speed" line.

Usage: python scripts/compare_speed.py ../../shared/norne/nob-dev-ud.conllu MODEL [MODEL ...] --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path


def read_texts(path: Path) -> list[str]:
    prefix = "# text = "
    with open(path, encoding="utf8") as f:
        return [line[len(prefix) :].strip() for line in f if line.startswith(prefix)]


def words_per_second(nlp, texts: list[str], n_words: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    return n_words / (time.perf_counter() - start)


def main() -> None:
    import spacy

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("models", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    texts = read_texts(args.data)
    pipelines = {model: spacy.load(model) for model in args.models}
    # words as evaluate_ner.py counts them: the tokens of the (shared) tokenizer
    first = next(iter(pipelines.values()))
    n_words = sum(len(doc) for doc in first.tokenizer.pipe(texts))
    for nlp in pipelines.values():  # warm-up: first calls build caches
        words_per_second(nlp, texts[:200], 1)
    rounds: dict[str, list[float]] = {model: [] for model in args.models}
    for _ in range(args.rounds):
        for model, nlp in pipelines.items():
            rounds[model].append(words_per_second(nlp, texts, n_words))
    print(f"{len(texts)} sentences, {n_words} words; {args.rounds} rounds, alternating")
    for model, speeds in rounds.items():
        each = " ".join(f"{s:,.0f}" for s in speeds)
        print(f"{statistics.median(speeds):>8,.0f} words/s median  ({each})  {model}")


if __name__ == "__main__":
    main()
