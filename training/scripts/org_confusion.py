"""ORG figures and confusions per genre (newspaper vs other) on a NorNE dev file.

Sentences of ``*-dev-ud.conllu`` are matched to their source document through the
NDT-form file beside it (``*-dev.conllu``, ``# newdoc id``); documents whose id starts
with ap/db/bt/st/vg/kk + digit are newspaper text (as in ../shared/tools/norne_docs.py),
the rest (parliament, government reports, blogs) "other". Strict character spans as in
``evaluate_ner.py``. The confusion table counts gold ORG spans predicted with exactly the
same span but another label, and predicted ORG spans that are gold spans of another label.

Usage: python scripts/org_confusion.py MODEL ../../shared/norne/nob-dev-ud.conllu
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from evaluate_ner import prf, read_ud  # noqa: E402

NEWS = re.compile(r"(ap|db|bt|st|vg|kk)\d")


def doc_ids(ndt_path: Path) -> dict[str, str]:
    """sentence key (its tokens without spaces) -> newdoc id"""
    out: dict[str, str] = {}
    doc, toks = "", []
    with open(ndt_path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# newdoc id = "):
                doc = line.split("= ", 1)[1].strip()
            elif not line.strip():
                if toks:
                    out["".join(toks).replace(" ", "")] = doc
                toks = []
            elif not line.startswith("#"):
                toks.append(line.split("\t")[1])
    if toks:
        out["".join(toks).replace(" ", "")] = doc
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model")
    parser.add_argument("data", type=Path)
    parser.add_argument("--label", default="ORG")
    args = parser.parse_args()
    import gazetteer  # noqa: F401  (model-best names its callback)
    import spacy

    nlp = spacy.load(args.model)
    gold = read_ud(args.data)
    ids = doc_ids(args.data.with_name(args.data.name.replace("-ud", "")))
    label = args.label
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    as_other: dict[str, Counter] = {}
    from_other: dict[str, Counter] = {}
    unmatched = 0
    for sent, doc in zip(gold, nlp.pipe([s.text for s in gold], batch_size=256), strict=True):
        key = "".join(sent.text.split())
        doc_id = ids.get(key)
        unmatched += doc_id is None
        genre = "newspaper" if doc_id and NEWS.match(doc_id) else "other"
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        g = {e for e in sent.ents if e[2] == label}
        p = {e for e in pred if e[2] == label}
        for gen in (genre, "all"):
            tp[gen] += len(g & p)
            n_gold[gen] += len(g)
            n_pred[gen] += len(p)
            pred_by_span = {(s, e): lab for s, e, lab in pred}
            gold_by_span = {(s, e): lab for s, e, lab in sent.ents}
            for s, e, _ in g:
                lab = pred_by_span.get((s, e), "(no exact span)")
                if lab != label:
                    as_other.setdefault(gen, Counter())[lab] += 1
            for s, e, _ in p:
                lab = gold_by_span.get((s, e), "(no exact span)")
                if lab != label:
                    from_other.setdefault(gen, Counter())[lab] += 1
    print(f"Model: {args.model}  data: {args.data}  ({unmatched} sentences without a document id)")
    for gen in ("newspaper", "other", "all"):
        p, r, f = prf(tp[gen], n_pred[gen], n_gold[gen])
        print(
            f"{gen:10s} {label} P {p:.3f} R {r:.3f} F {f:.3f}  gold {n_gold[gen]} pred {n_pred[gen]}"
        )
        print(
            f"{'':10s} gold {label} predicted as: {dict(as_other.get(gen, Counter()).most_common())}"
        )
        print(
            f"{'':10s} predicted {label} that are gold: {dict(from_other.get(gen, Counter()).most_common())}"
        )


if __name__ == "__main__":
    main()
