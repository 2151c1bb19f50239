"""Common-word lexicon from raw Norwegian text: word forms that are almost always written in
lower case where capitals carry meaning (inside a sentence, not at its start).

    python training/scripts/common_words.py ../shared/norec/norec.txt.xz pipeline/resources/common_words.txt

The pipeline's entity component uses the list to tell a capitalised common noun at the start of
a sentence ("Muligheten", "Oppslaget", which a NorNE-trained model often tags as a name) from a
name: a word that NoReC (17.5 million words of Norwegian newspaper reviews, one sentence a line)
writes in lower case in at least ``--share`` of its mid-sentence uses and at least ``--min-count``
times. Only word forms are written (a frequency-derived lexicon holds none of the texts).
"""

from __future__ import annotations

import argparse
import lzma
import re
from collections import Counter
from pathlib import Path

WORD = re.compile(r"[A-Za-zÆØÅæøåÄÖÜäöüÉéÈèÁáÓóÍí-]+")


def count(path: Path) -> tuple[Counter, Counter]:
    lower, capital = Counter(), Counter()
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            words = WORD.findall(line)
            for word in words[1:]:  # the first word of a sentence is capitalised anyway
                if word[0].islower():
                    lower[word] += 1
                elif word[0].isupper() and not word.isupper():
                    capital[word.lower()] += 1
    return lower, capital


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--share", type=float, default=0.9)
    args = parser.parse_args()
    lower, capital = count(args.corpus)
    words = sorted(
        word
        for word, n in lower.items()
        if n >= args.min_count and len(word) > 2 and n / (n + capital[word]) >= args.share
    )
    header = (
        "# Word forms NoReC writes in lower case in >= "
        f"{args.share:.0%} of mid-sentence uses (>= {args.min_count} uses); built by "
        "training/scripts/common_words.py. NoReC: Velldal et al., LREC 2018; texts CC BY-NC 4.0, "
        "derived lexicons free to use.\n"
    )
    args.output.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} common word forms -> {args.output}")


if __name__ == "__main__":
    main()
