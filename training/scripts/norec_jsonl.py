"""NoReC as raw-text JSONL for ``spacy pretrain``: one ``{"text": ...}`` record a sentence.

NoReC (``../shared/norec/norec.txt.xz``, one sentence a line) is read by path; its
texts are CC BY-NC 4.0, so the output goes to ``assets/`` (gitignored) and only the
pretrained weights derived from it ship. Lines shorter than ``--min-words`` words
(titles, ratings, bylines) are skipped: the cloze objective learns little from them.
``--max-words`` takes the corpus from the start up to that many words, so the length of
one pretraining epoch can be chosen by the time at hand.

Usage: python scripts/norec_jsonl.py ../../shared/norec/norec.txt.xz assets/norec.pretrain.jsonl
"""

from __future__ import annotations

import argparse
import json
import lzma
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--min-words", type=int, default=5)
    parser.add_argument("--max-words", type=int, default=0, help="0: the whole corpus")
    args = parser.parse_args()

    args.target.parent.mkdir(parents=True, exist_ok=True)
    n_records = n_words = 0
    opener = lzma.open if args.source.suffix == ".xz" else open
    with (
        opener(args.source, "rt", encoding="utf8") as lines,
        open(args.target, "w", encoding="utf8") as out,
    ):
        for line in lines:
            words = line.split()
            if len(words) < args.min_words:
                continue
            out.write(json.dumps({"text": " ".join(words)}, ensure_ascii=False) + "\n")
            n_records += 1
            n_words += len(words)
            if args.max_words and n_words >= args.max_words:
                break
    print(f"{n_records:,} sentences, {n_words:,} words -> {args.target}", file=sys.stderr)


if __name__ == "__main__":
    main()
