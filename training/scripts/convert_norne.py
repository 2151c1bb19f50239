"""Convert NorNE (NDT-column CoNLL) to spaCy DocBin with natural spacing.

The NorNE train/dev files separate every token by whitespace. The withheld test
split is natural text (``# text =`` + ``SpaceAfter=No``), so we rebuild the
spacing here (``detokenize``), and every token keeps its gold entity tag, lemma,
a UPOS tag mapped from the NDT part of speech (``ndt_to_upos``) and its place in
the NDT dependency tree: ``token.head`` from HEAD and ``token.dep_`` from DEPREL,
the NDT label kept exactly as written (upper case: ``SUBJ``, ``DOBJ``, ``ATR``,
``PUTFYLL``, ``FINV`` ...). The sentence root (HEAD 0) is its own head with the
label ``ROOT`` (spaCy's convention; its NDT label, e.g. ``FINV`` or ``FRAG``, is
dropped). A sentence whose HEAD column is missing or not a valid tree keeps no
parse, only the sentence start (as before).

Usage:
    python scripts/convert_norne.py INPUT.conllu [INPUT2.conllu ...] OUTPUT.spacy
    python scripts/convert_norne.py nob-dev.conllu - --check-ud nob-dev-ud.conllu
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "»", "%", "…", "”", "'s"}
NO_SPACE_AFTER = {"(", "[", "{", "«", "“"}
STRAIGHT_QUOTES = {'"', "'"}

# UD tags the copula and modals AUX; "ha"/"bli"/"få"/"verte" are AUX only as
# auxiliaries, which needs the parse: they follow the next word's participle.
AUX_LEMMAS = {"være", "vere", "kunne", "skulle", "ville", "vilje", "måtte", "burde"}
AUX_IF_PARTICIPLE = {"ha", "bli", "verte", "få"}
NUMBER_WORDS = {
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "sju",
    "syv",
    "åtte",
    "ni",
    "ti",
    "elleve",
    "tolv",
    "tretten",
    "fjorten",
    "femten",
    "seksten",
    "sytten",
    "atten",
    "nitten",
    "tjue",
    "tjuge",
    "tretti",
    "førti",
    "femti",
    "seksti",
    "sytti",
    "åtti",
    "nitti",
    "hundre",
    "tusen",
    "million",
    "millioner",
    "milliard",
    "milliarder",
    "null",
    "halvannen",
    "halvanna",
}
PUNCT_POS = {"clb", "<komma>", "<anf>", "<strek>", "<parentes-beg>", "<parentes-slutt>"}


class Token(NamedTuple):
    form: str
    lemma: str
    pos: str
    feats: str
    ent: str  # IOB tag, e.g. "B-ORG" or "O"
    head: int | None = None  # HEAD column: 1-based index of the head, 0 for the root
    deprel: str = ""  # DEPREL column as written (NDT: "SUBJ", "DOBJ", ...)


class Sentence(NamedTuple):
    sent_id: str
    tokens: list[Token]
    text: str | None = None  # the UD files' "# text =" line


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Yield sentences from a NorNE CoNLL file (NDT or UD columns)."""
    tokens: list[Token] = []
    sent_id = ""
    text = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("# text ="):
                text = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if tokens:
                    yield Sentence(sent_id, tokens, text)
                    tokens, text = [], None
            else:
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                misc = cols[9] if len(cols) > 9 else "_"
                ent = "O"
                for part in misc.split("|"):
                    if part.startswith("name="):
                        ent = part[5:]
                head = int(cols[6]) if len(cols) > 7 and cols[6].isdigit() else None
                deprel = cols[7] if len(cols) > 7 and cols[7] != "_" else ""
                tokens.append(Token(cols[1], cols[2], cols[3], cols[5], ent, head, deprel))
    if tokens:
        yield Sentence(sent_id, tokens, text)


def detokenize(forms: Sequence[str]) -> list[bool]:
    """Return, for each token, whether a space follows it in natural text."""
    n = len(forms)
    spaces = [True] * n
    quote_open = {q: False for q in STRAIGHT_QUOTES}
    for i, form in enumerate(forms):
        nxt = forms[i + 1] if i + 1 < n else None
        if form in NO_SPACE_AFTER:
            spaces[i] = False
        if nxt is not None and (nxt in NO_SPACE_BEFORE or re.fullmatch(r"[.,:;!?…]+", nxt)):
            spaces[i] = False
        if form == '"':
            if not quote_open['"']:  # opening quote: glue to the next token
                spaces[i] = False
                quote_open['"'] = True
            else:  # closing quote: glue to the previous token
                if i > 0:
                    spaces[i - 1] = False
                quote_open['"'] = False
        # "-" glued inside hyphenated coordinations like "Nord- og Sør-Norge" stays
        # attached to its first part in the source; standalone dashes stay spaced.
    if n:
        spaces[-1] = False
    return spaces


def ndt_to_upos(tok: Token, nxt: Token | None) -> str:
    feats = set(tok.feats.split("|"))
    pos, lemma = tok.pos, tok.lemma.lower()
    if pos in PUNCT_POS:
        return "PUNCT"
    if pos == "subst":
        return "PROPN" if "prop" in feats else "NOUN"
    if pos == "verb":
        if lemma in AUX_LEMMAS:
            return "AUX"
        if lemma in AUX_IF_PARTICIPLE and nxt is not None and "perf-part" in nxt.feats:
            return "AUX"
        return "VERB"
    if pos == "adj":
        return "ADJ"
    if pos == "adv":
        return "PART" if lemma in {"ikke", "ikkje", "ei"} else "ADV"
    if pos == "prep":
        if lemma in {"her", "der"}:
            return "ADV"
        if lemma == "som" or (nxt is not None and nxt.pos == "inf-merke"):
            return "SCONJ"
        return "ADP"
    if pos == "konj":
        return "CCONJ"
    if pos == "sbu":
        return "PRON" if lemma == "som" else "SCONJ"
    if pos == "det":
        if "kvant" in feats and (tok.form[:1].isdigit() or lemma in NUMBER_WORDS):
            return "NUM"
        if "poss" in feats:
            return "PRON"
        return "DET"
    if pos == "pron":
        return "PRON"
    if pos == "inf-merke":
        return "PART"
    if pos == "interj":
        return "INTJ"
    if pos == "symb":
        return "SYM"
    if pos == "ukjent":
        return "X"
    return pos if pos.isupper() else "X"  # UD files already carry UPOS


def clean_lemma(tok: Token) -> str:
    """NDT writes punctuation lemmas as "$," etc.; use the form instead."""
    if tok.lemma.startswith("$") and len(tok.lemma) > 1:
        return tok.form
    return tok.lemma


ROOT_LABEL = "ROOT"


def tree(tokens: Sequence[Token]) -> tuple[list[int], list[str]] | None:
    """Absolute 0-based heads and labels of one sentence, or None if no valid tree.

    HEAD 0 becomes the token itself with the label ``ROOT``; other labels stay as
    written in the file. Exactly one root, every head in range, no cycle.
    """
    n = len(tokens)
    heads: list[int] = []
    deps: list[str] = []
    for i, t in enumerate(tokens):
        if t.head is None or t.head > n or (t.head != 0 and not t.deprel):
            return None
        if t.head == 0:
            heads.append(i)
            deps.append(ROOT_LABEL)
        else:
            heads.append(t.head - 1)
            deps.append(t.deprel)
    if sum(h == i for i, h in enumerate(heads)) != 1 or not reaches_root(heads):
        return None
    return heads, deps


def reaches_root(heads: list[int]) -> bool:
    """Every token reaches a root (its own head) within len(heads) steps: no cycle."""
    n = len(heads)
    for i in range(n):
        j, steps = i, 0
        while heads[j] != j:
            j = heads[j]
            steps += 1
            if steps > n:
                return False
    return True


def sentence_to_doc(nlp_vocab, sent: Sentence):
    from spacy.tokens import Doc

    forms = [t.form for t in sent.tokens]
    spaces = detokenize(forms)
    ents = []
    for t in sent.tokens:
        tag = t.ent
        if tag.startswith("I-") and (not ents or ents[-1] == "O"):
            tag = "B-" + tag[2:]
        ents.append(tag)
    poses = [
        ndt_to_upos(t, sent.tokens[i + 1] if i + 1 < len(sent.tokens) else None)
        for i, t in enumerate(sent.tokens)
    ]
    parse = tree(sent.tokens)
    # one rooted tree sets the sentence boundary itself; without one, mark the start only
    structure = (
        {"heads": parse[0], "deps": parse[1]}
        if parse is not None
        else {"sent_starts": [True] + [False] * (len(forms) - 1)}
    )
    return Doc(
        nlp_vocab,
        words=forms,
        spaces=spaces,
        ents=ents,
        lemmas=[clean_lemma(t) for t in sent.tokens],
        pos=poses,
        **structure,
    )


def convert(inputs: Iterable[Path], output: Path, n_sents: int = 1) -> int:
    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("nb")
    db = DocBin(store_user_data=False)
    count = 0
    for path in inputs:
        batch = []
        for sent in read_conllu(path):
            batch.append(sentence_to_doc(nlp.vocab, sent))
            if len(batch) == n_sents:
                db.add(Doc.from_docs(batch) if n_sents > 1 else batch[0])
                batch = []
            count += 1
        if batch:
            db.add(Doc.from_docs(batch) if len(batch) > 1 else batch[0])
    output.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(output)
    return count


def check_spacing(ndt_path: Path, ud_path: Path) -> tuple[int, int]:
    """Count dev sentences whose rebuilt text equals the UD file's ``# text``.

    Sentences are matched by their token sequence. Returns (exact, matched).
    """
    texts = {tuple(t.form for t in sent.tokens): sent.text for sent in read_conllu(ud_path)}
    exact = matched = 0
    for sent in read_conllu(ndt_path):
        forms = tuple(t.form for t in sent.tokens)
        if forms not in texts:
            continue
        matched += 1
        rebuilt = "".join(
            f + (" " if sp else "") for f, sp in zip(forms, detokenize(forms), strict=True)
        )
        exact += rebuilt == texts[forms]
    return exact, matched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="NorNE .conllu file(s)")
    parser.add_argument("output", type=Path, help="output .spacy file")
    parser.add_argument("--n-sents", type=int, default=1, help="sentences per Doc")
    parser.add_argument(
        "--check-ud",
        type=Path,
        default=None,
        help="UD-form file of the same sentences (*-dev-ud.conllu): report how often "
        "the rebuilt spacing equals its '# text' (nothing is written)",
    )
    args = parser.parse_args()
    if args.check_ud is not None:
        exact, matched = check_spacing(args.inputs[0], args.check_ud)
        print(
            f"Spacing rebuilt exactly for {exact}/{matched} sentences "
            f"({exact / max(matched, 1):.1%}) of {args.inputs[0]} vs {args.check_ud}"
        )
        return
    count = convert(args.inputs, args.output, args.n_sents)
    print(f"Wrote {count} sentences from {len(args.inputs)} file(s) to {args.output}")


if __name__ == "__main__":
    main()
