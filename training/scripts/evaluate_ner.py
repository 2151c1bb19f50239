"""Evaluate a spaCy pipeline on a NorNE UD-style file (``*-dev-ud.conllu``).

Each ``# text =`` sentence goes through the model's own tokenizer; entities are
compared as exact character spans with their label (strict). Gold spans are
rebuilt from the tokens and ``SpaceAfter=No``. Also reports lemma and UPOS
accuracy (on gold tokens whose character span the model's tokenizer reproduces)
and the whole pipeline's speed in one process.

Usage:
    python training/scripts/evaluate_ner.py MODEL_PATH /work/shared/norne/nob-dev-ud.conllu
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

Span = tuple[int, int, str]


class GoldToken(NamedTuple):
    start: int
    end: int
    lemma: str
    upos: str


class GoldSentence(NamedTuple):
    text: str
    tokens: list[GoldToken]
    ents: set[Span]


def _char_offsets(text: str, forms: list[str], space_after: list[bool]) -> list[tuple[int, int]]:
    """Character offsets of the tokens in ``text``: from SpaceAfter, else by search."""
    rebuilt = "".join(f + (" " if sp else "") for f, sp in zip(forms, space_after, strict=True))
    offsets: list[tuple[int, int]] = []
    if rebuilt.rstrip() == text:
        pos = 0
        for form, sp in zip(forms, space_after, strict=True):
            offsets.append((pos, pos + len(form)))
            pos += len(form) + (1 if sp else 0)
        return offsets
    pos = 0
    for form in forms:
        found = text.find(form, pos)
        if found < 0:
            raise ValueError(f"token {form!r} not found in {text!r}")
        offsets.append((found, found + len(form)))
        pos = found + len(form)
    return offsets


def read_ud(path: Path) -> list[GoldSentence]:
    sentences: list[GoldSentence] = []
    text: str | None = None
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        forms = [r[1] for r in rows]
        misc = [dict(p.split("=", 1) for p in r[9].split("|") if "=" in p) for r in rows]
        space_after = [m.get("SpaceAfter") != "No" for m in misc]
        sent_text = (
            text
            if text is not None
            else "".join(
                f + (" " if sp else "") for f, sp in zip(forms, space_after, strict=True)
            ).rstrip()
        )
        offsets = _char_offsets(sent_text, forms, space_after)
        tokens = [
            GoldToken(s, e, r[1] if r[2].startswith("$") and len(r[2]) > 1 else r[2], r[3])
            for (s, e), r in zip(offsets, rows, strict=True)
        ]
        ents: set[Span] = set()
        cur: list | None = None
        for (s, e), m in zip(offsets, misc, strict=True):
            tag = m.get("name", "O")
            if tag.startswith("B-") or (
                tag.startswith("I-") and (cur is None or cur[2] != tag[2:])
            ):
                if cur:
                    ents.add(tuple(cur))
                cur = [s, e, tag[2:]]
            elif tag.startswith("I-") and cur is not None:
                cur[1] = e
            else:
                if cur:
                    ents.add(tuple(cur))
                cur = None
        if cur:
            ents.add(tuple(cur))
        sentences.append(GoldSentence(sent_text, tokens, ents))

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# text ="):
                text = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line.strip():
                flush()
                rows, text = [], None
            else:
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                rows.append(cols)
    flush()
    return sentences


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(model: str, data: Path, batch_size: int = 256) -> dict:
    import spacy

    # Training outputs (model-best) name the gazetteer callback in their config;
    # shipped models do not, and load with spaCy alone.
    sys.path.insert(0, str(Path(__file__).parent))
    import gazetteer  # noqa: F401

    nlp = spacy.load(model)
    gold = read_ud(data)
    texts = [s.text for s in gold]
    list(nlp.pipe(texts[:200], batch_size=batch_size))  # warm-up
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    elapsed = time.perf_counter() - t0
    n_words = sum(len(doc) for doc in docs)

    tp: Counter = Counter()
    n_pred: Counter = Counter()
    n_gold: Counter = Counter()
    lemma_ok = pos_ok = n_aligned = n_gold_tokens = 0
    has_lemma = any(p in nlp.pipe_names for p in ("trainable_lemmatizer", "lemmatizer"))
    for sent, doc in zip(gold, docs, strict=True):
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        for label in {e[2] for e in pred | sent.ents}:
            p = {e for e in pred if e[2] == label}
            g = {e for e in sent.ents if e[2] == label}
            tp[label] += len(p & g)
            n_pred[label] += len(p)
            n_gold[label] += len(g)
        by_span = {(t.idx, t.idx + len(t.text)): t for t in doc}
        for gt in sent.tokens:
            n_gold_tokens += 1
            tok = by_span.get((gt.start, gt.end))
            if tok is None:
                continue
            n_aligned += 1
            lemma_ok += tok.lemma_ == gt.lemma
            pos_ok += tok.pos_ == gt.upos

    per_label = {}
    for label in sorted(n_gold | n_pred):
        p, r, f = prf(tp[label], n_pred[label], n_gold[label])
        per_label[label] = {
            "p": p,
            "r": r,
            "f": f,
            "n_gold": n_gold[label],
            "n_pred": n_pred[label],
        }
    p, r, f = prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return {
        "model": model,
        "data": str(data),
        "sentences": len(gold),
        "ents_p": p,
        "ents_r": r,
        "ents_f": f,
        "per_label": per_label,
        "token_alignment": n_aligned / n_gold_tokens,
        "lemma_acc": lemma_ok / n_aligned if has_lemma else None,
        "pos_acc": pos_ok / n_aligned,
        "words": n_words,
        "seconds": elapsed,
        "words_per_second": n_words / elapsed,
        "pipeline": nlp.pipe_names,
    }


def print_report(res: dict) -> None:
    print(f"Model: {res['model']}  pipeline: {res['pipeline']}")
    print(f"Data:  {res['data']}  ({res['sentences']} sentences, {res['words']} words)")
    print(f"{'label':<10}{'P':>8}{'R':>8}{'F':>8}{'gold':>7}{'pred':>7}")
    for label, s in res["per_label"].items():
        print(f"{label:<10}{s['p']:8.3f}{s['r']:8.3f}{s['f']:8.3f}{s['n_gold']:7d}{s['n_pred']:7d}")
    print(f"{'ALL':<10}{res['ents_p']:8.3f}{res['ents_r']:8.3f}{res['ents_f']:8.3f}")
    print(f"Token alignment with gold: {res['token_alignment']:.4f}")
    if res["lemma_acc"] is not None:
        print(f"Lemma accuracy (aligned tokens): {res['lemma_acc']:.4f}")
    print(f"UPOS accuracy (aligned tokens): {res['pos_acc']:.4f}")
    print(
        f"Speed: {res['words_per_second']:,.0f} words/s "
        f"({res['words']} words in {res['seconds']:.2f}s, one process, batch 256)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="path of a spaCy pipeline (nlp.to_disk directory)")
    parser.add_argument("data", type=Path, help="NorNE *-dev-ud.conllu file")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--output", type=Path, default=None, help="also write JSON here")
    args = parser.parse_args()
    res = evaluate(args.model, args.data, args.batch_size)
    print_report(res)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
