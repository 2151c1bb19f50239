"""Tokenise NoReC for floret: one sentence a line, tokens separated by single spaces.

The tokens are those of spaCy's ``nb`` tokenizer (as the trained pipeline's, without
the party-name exceptions that ``gazetteer.prepare_nlp`` drops), and their case is
kept: spaCy looks floret vectors up by ``token.text`` (``ORTH``), so the vector
table is trained on exactly the strings it will be asked for.

NoReC's texts are CC BY-NC 4.0: the output goes to ``assets/`` (gitignored) and is
never committed; only vectors derived from it ship.

Usage: python scripts/prepare_norec.py ../../shared/norec/norec.txt.xz assets/norec.tok.txt
"""

from __future__ import annotations

import argparse
import lzma
import sys
from collections.abc import Iterator
from pathlib import Path

import spacy

DROPPED_EXCEPTIONS = ("Ap.", "Frp.", "Sp.")  # as in scripts/gazetteer.py


def read_lines(path: Path) -> Iterator[str]:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf8") as f:
        for line in f:
            line = " ".join(line.split())
            if line:
                yield line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument(
        "--lowercase", action="store_true", help="lowercase (then init vectors with --attr LOWER)"
    )
    args = parser.parse_args()

    nlp = spacy.blank("nb")
    rules = {k: v for k, v in nlp.tokenizer.rules.items() if k not in DROPPED_EXCEPTIONS}
    nlp.tokenizer.rules = rules
    args.target.parent.mkdir(parents=True, exist_ok=True)
    n_lines = n_tokens = 0
    with open(args.target, "w", encoding="utf8") as out:
        for doc in nlp.tokenizer.pipe(read_lines(args.source), batch_size=2000):
            tokens = [t.text for t in doc if not t.is_space]
            if not tokens:
                continue
            line = " ".join(tokens)
            out.write((line.lower() if args.lowercase else line) + "\n")
            n_lines += 1
            n_tokens += len(tokens)
            if n_lines % 200_000 == 0:
                print(f"{n_lines:,} lines, {n_tokens:,} tokens", file=sys.stderr)
    print(f"Wrote {args.target}: {n_lines:,} lines, {n_tokens:,} tokens")


if __name__ == "__main__":
    main()
