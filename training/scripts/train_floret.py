"""Train floret vectors (fastText with hashed subwords only) on tokenised text.

Writes the ``.floret`` table that ``spacy init vectors nb FILE DIR --mode floret``
reads. Every word gets a vector from its hashed whole word and 4-5 character
n-grams (``hashCount`` hashes each), so the table has a fixed size:
``bucket`` x ``dim`` floats, whatever the vocabulary.

Usage: python scripts/train_floret.py assets/norec.tok.txt assets/norec.floret --dim 64 --bucket 25000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--model", default="cbow", choices=["cbow", "skipgram"])
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--bucket", type=int, default=25000)
    parser.add_argument("--minn", type=int, default=4)
    parser.add_argument("--maxn", type=int, default=5)
    parser.add_argument("--hash-count", type=int, default=2)
    parser.add_argument("--min-count", type=int, default=10)
    parser.add_argument("--epoch", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    import floret

    start = time.time()
    model = floret.train_unsupervised(
        str(args.source),
        model=args.model,
        mode="floret",
        dim=args.dim,
        bucket=args.bucket,
        minn=args.minn,
        maxn=args.maxn,
        hashCount=args.hash_count,
        minCount=args.min_count,
        epoch=args.epoch,
        thread=args.threads,
        verbose=1,
    )
    args.target.parent.mkdir(parents=True, exist_ok=True)
    model.save_floret_vectors(str(args.target))
    print(f"Wrote {args.target} ({args.bucket} x {args.dim}) in {time.time() - start:.0f}s")


if __name__ == "__main__":
    main()
