"""Raw-text JSONL for ``spacy pretrain``: one ``{"text": ...}`` record a sentence.

NoReC (``../shared/norec/norec.txt.xz``, one sentence a line) is read by path; its
texts are CC BY-NC 4.0, so the output goes to ``assets/`` (gitignored) and only the
pretrained weights derived from it ship. Lines shorter than ``--min-words`` words
(titles, ratings, bylines) are skipped: the cloze objective learns little from them.
``--max-words`` takes the corpus from the start up to that many words, so the length of
one pretraining epoch can be chosen by the time at hand.

Nynorsk. NoReC is bokmål but for 1 to 2 percent, and a tok2vec pretrained on it alone
lost nynorsk dev F in three runs. ``--nynorsk-repeat N`` finds NoReC's nynorsk
reviews anywhere in the corpus (a sentence whose neighbourhood of ``WINDOW`` lines
either side has clearly more nynorsk than bokmål function words, from
``assets_src/written_standard_markers.json``) and writes each of their sentences N
times. ``--extra FILE.spacy`` adds the sentences of a NorNE training file (the model's
own training text, never dev), ``--extra-repeat`` times. The records are shuffled
(``--seed``) because ``spacy pretrain`` reads them in order.

Usage: python scripts/norec_jsonl.py ../../shared/norec/norec.txt.xz assets/norec.pretrain.jsonl
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import sys
from itertools import accumulate
from pathlib import Path

MARKERS = Path(__file__).resolve().parent.parent / "assets_src" / "written_standard_markers.json"
WINDOW = 15
# A neighbourhood is nynorsk when it has at least this many nynorsk markers and
# more than NYNORSK_RATIO times as many as bokmål ones (reviews quote other text).
MIN_NYNORSK = 6
NYNORSK_RATIO = 3


def read_lines(source: Path) -> list[list[str]]:
    opener = lzma.open if source.suffix == ".xz" else open
    with opener(source, "rt", encoding="utf8") as lines:
        return [line.split() for line in lines]


def nynorsk_lines(lines: list[list[str]]) -> set[int]:
    """Indexes of the lines that sit inside a nynorsk review."""
    markers = json.loads(MARKERS.read_text(encoding="utf8"))
    nynorsk, bokmal = set(markers["nynorsk"]), set(markers["bokmal"])
    nn_sums = list(accumulate((sum(w.lower() in nynorsk for w in ws) for ws in lines), initial=0))
    nb_sums = list(accumulate((sum(w.lower() in bokmal for w in ws) for ws in lines), initial=0))
    found = set()
    for i in range(len(lines)):
        lo, hi = max(0, i - WINDOW), min(len(lines), i + WINDOW + 1)
        n_nn, n_nb = nn_sums[hi] - nn_sums[lo], nb_sums[hi] - nb_sums[lo]
        if n_nn >= MIN_NYNORSK and n_nn > NYNORSK_RATIO * n_nb:
            found.add(i)
    return found


def extra_sentences(path: Path) -> list[str]:
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("nb").vocab
    return [doc.text for doc in DocBin().from_disk(path).get_docs(vocab)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--min-words", type=int, default=5)
    parser.add_argument("--max-words", type=int, default=0, help="0: the whole corpus")
    parser.add_argument("--nynorsk-repeat", type=int, default=0, help="0: NoReC in order only")
    parser.add_argument("--extra", type=Path, action="append", default=[])
    parser.add_argument("--extra-repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    lines = read_lines(args.source)
    nynorsk = nynorsk_lines(lines) if args.nynorsk_repeat else set()
    records: list[str] = []
    n_words = n_nynorsk = 0
    for i in sorted(nynorsk):
        if len(lines[i]) >= args.min_words:
            records += [" ".join(lines[i])] * args.nynorsk_repeat
            n_nynorsk += len(lines[i]) * args.nynorsk_repeat
    n_extra = 0
    for path in args.extra:
        for text in extra_sentences(path):
            records += [text] * args.extra_repeat
            n_extra += len(text.split()) * args.extra_repeat
    n_words = n_nynorsk + n_extra
    for i, words in enumerate(lines):
        if args.max_words and n_words >= args.max_words:
            break
        if len(words) < args.min_words or i in nynorsk:
            continue
        records.append(" ".join(words))
        n_words += len(words)
    if args.nynorsk_repeat or args.extra:
        random.Random(args.seed).shuffle(records)

    args.target.parent.mkdir(parents=True, exist_ok=True)
    with open(args.target, "w", encoding="utf8") as out:
        for text in records:
            out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    print(
        f"{len(records):,} sentences, {n_words:,} words ({n_nynorsk:,} from NoReC's nynorsk "
        f"reviews, {n_extra:,} from {len(args.extra)} extra files) -> {args.target}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
