"""ORG augmentation with real Norwegian company names (issue 17).

The model reads company names it never saw in NorNE as people or places
("Salmar", "Sognekraft" as PER, "Maritech", "Brunvoll" as GPE_LOC). NorNE's ORG
entities are mostly parties, government bodies, clubs and media, so companies are few.
``norne.org_names.v1`` replaces, in a fraction of the training sentences that hold an
ORG entity, each ORG span by a company name from ``assets_src/company_names.txt``
(public facts: names only; one-word names the place-name gazetteer lists, such as
"Tomra" or "Bama", are left out), sometimes with a legal suffix ("AS", "ASA"). The rest of
the sentence and its annotation (entities, UPOS, lemmas, sentence starts, dependency
tree) are kept; the new tokens come from the pipeline's own tokenizer, are PROPN (NUM for
digits) with the form as lemma; in the tree the new name's first token takes the place of
the old span's root (its head and label, and the dependents from outside the span), the
others attach to it as ``FLAT`` (NDT's relation inside names), and a genitive ORG ("Telenors", "FNs", "Senators'") keeps its genitive on
the new name ("Salmars", "Hennig-Olsen Is'"; lemma without it, as NorNE writes it).
Optionally a small share of sentences is lower-cased (spaCy's lower-case augmenter).

Use: ``spacy train ... --code scripts/augment.py`` with

    [corpora.train.augmenter]
    @augmenters = "norne.org_names.v1"
    level = 0.3

This module imports ``gazetteer`` so that its callback (``norne.prepare_nlp.v1``) is
registered too: ``spacy train`` takes a single ``--code`` file. The augmenter only runs
when the training corpus is read; ``spacy.load`` of the trained model does not need it.

``python scripts/augment.py corpus/train/nob-train.spacy`` prints a few augmented
sentences (a check, nothing is written).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import gazetteer  # noqa: E402,F401  (registers norne.prepare_nlp.v1 for --code)
import spacy  # noqa: E402
from convert_norne import reaches_root  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.training.augment import make_lowercase_variant  # noqa: E402

DEFAULT_NAMES = Path(__file__).resolve().parent.parent / "assets_src" / "company_names.txt"
LEGAL_SUFFIXES = ("AS", "ASA")


def read_names(path: Path | str) -> list[str]:
    names: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                names.append(line)
    if not names:
        raise ValueError(f"no company names in {path}")
    return sorted(set(names))  # order-independent of the file, deterministic


def _genitive(span) -> str:
    """The genitive ending of an ORG span's last token: "s", "'" or ""."""
    last = span[-1]
    text, lemma = last.text, last.lemma_
    if len(text) > 1 and lemma and text != lemma:
        if text == lemma + "s":
            return "s"
        if text == lemma + "'" or text == lemma + "'s":
            return text[len(lemma) :]
    return ""


def _add_genitive(word: str, ending: str) -> str:
    if not ending:
        return word
    if word[-1:].lower() in ("s", "x", "z"):
        return word + "'"
    return word + "s"


class OrgNameAugmenter:
    def __init__(
        self,
        names: list[str],
        level: float,
        span_level: float,
        suffix_level: float,
        lower_level: float,
        keep_original: bool = False,
    ):
        self.names = names
        self.level = level
        self.span_level = span_level
        self.suffix_level = suffix_level
        self.lower_level = lower_level
        self.keep_original = keep_original
        self._tokenized: dict[str, tuple[list[str], list[bool]]] = {}

    def _tokens(self, nlp, name: str) -> tuple[list[str], list[bool]]:
        if name not in self._tokenized:
            doc = nlp.make_doc(name)
            self._tokenized[name] = ([t.text for t in doc], [bool(t.whitespace_) for t in doc])
        return self._tokenized[name]

    def _new_name(self, nlp, genitive: str) -> tuple[list[str], list[bool], list[str]]:
        """words, spaces (inside the name), lemmas"""
        name = random.choice(self.names)
        words, spaces = self._tokens(nlp, name)
        words, spaces = list(words), list(spaces)
        if random.random() < self.suffix_level and words[-1] not in LEGAL_SUFFIXES:
            words.append(random.choice(LEGAL_SUFFIXES))
            spaces[-1] = True
            spaces.append(False)
        lemmas = list(words)
        words[-1] = _add_genitive(words[-1], genitive)
        return words, spaces, lemmas

    def __call__(self, nlp, example: Example) -> Iterator[Example]:
        if self.lower_level and random.random() < self.lower_level:
            example = make_lowercase_variant(nlp, example)
        ref = example.reference
        orgs = [e for e in ref.ents if e.label_ == "ORG"]
        if not orgs or random.random() >= self.level:
            yield example
            return
        to_replace = {e.start: e for e in orgs if random.random() < self.span_level}
        if not to_replace:
            yield example
            return
        if self.keep_original:
            yield example
        has_pos = ref.has_annotation("POS")
        has_lemma = ref.has_annotation("LEMMA")
        has_sents = ref.has_annotation("SENT_START")
        has_dep = ref.has_annotation("DEP")
        old_to_new: dict[int, int] = {}  # old token index -> new index (a span: its first token)
        old_heads: list[int] = []  # per new token: old head index, or -1 = the new name's first
        deps: list[str] = []
        words: list[str] = []
        spaces: list[bool] = []
        pos: list[str] = []
        lemmas: list[str] = []
        sent_starts: list[bool | None] = []
        ents: list[str] = []
        i = 0
        while i < len(ref):
            span = to_replace.get(i)
            if span is None:
                tok = ref[i]
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))
                pos.append(tok.pos_ or "")
                lemmas.append(tok.lemma_)
                sent_starts.append(tok.is_sent_start)
                ents.append(
                    f"{tok.ent_iob_}-{tok.ent_type_}" if tok.ent_type_ else tok.ent_iob_ or "O"
                )
                old_to_new[i] = len(words) - 1
                old_heads.append(tok.head.i)
                deps.append(tok.dep_)
                i += 1
                continue
            first = len(words)
            for k in range(span.start, span.end):
                old_to_new[k] = first
            root = span.root
            new_words, new_spaces, new_lemmas = self._new_name(nlp, _genitive(span))
            new_spaces[-1] = bool(span[-1].whitespace_)
            for j, (w, sp, lem) in enumerate(zip(new_words, new_spaces, new_lemmas, strict=True)):
                words.append(w)
                spaces.append(sp)
                pos.append("NUM" if w.isdigit() else "PROPN")
                lemmas.append(lem)
                sent_starts.append(span[0].is_sent_start if j == 0 else False)
                ents.append("B-ORG" if j == 0 else "I-ORG")
                if j == 0:  # the span root's head (itself if it is the sentence root)
                    old_heads.append(root.head.i if root.head.i != root.i else span.start)
                    deps.append(root.dep_)
                else:
                    old_heads.append(-(first + 1))  # marker: attach to the new first token
                    deps.append("FLAT")
            i = span.end
        heads: list[int] | None = None
        if has_dep:
            heads = [old_to_new[h] if h >= 0 else -h - 1 for h in old_heads]
            if not reaches_root(heads):
                heads = None  # keep the rest of the annotation, not the parse
        doc = Doc(
            nlp.vocab,
            words=words,
            spaces=spaces,
            pos=pos if has_pos else None,
            lemmas=lemmas if has_lemma else None,
            sent_starts=sent_starts if has_sents and heads is None else None,
            heads=heads,
            deps=deps if heads is not None else None,
            ents=ents,
        )
        yield Example(nlp.make_doc(doc.text), doc)


@spacy.registry.augmenters("norne.org_names.v1")
def create_org_names_augmenter(
    level: float = 0.3,
    span_level: float = 1.0,
    suffix_level: float = 0.15,
    lower_level: float = 0.0,
    names_path: str | None = None,
    keep_original: bool = False,
) -> Callable[..., Iterator[Example]]:
    """level: share of ORG-bearing training sentences whose ORG spans are replaced;
    span_level: share of the ORG spans replaced in such a sentence; suffix_level: share
    of new names given "AS"/"ASA"; lower_level: share of all sentences lower-cased;
    names_path: the company list (default assets_src/company_names.txt); keep_original:
    yield the unchanged sentence too (adds the variant instead of replacing the sentence)."""
    names = read_names(names_path or DEFAULT_NAMES)
    places = gazetteer.build_gazetteer()  # a one-word name that is a listed place is left out
    names = [n for n in names if " " in n or n not in places]
    return OrgNameAugmenter(names, level, span_level, suffix_level, lower_level, keep_original)


if __name__ == "__main__":
    from spacy.tokens import DocBin

    path = sys.argv[1] if len(sys.argv) > 1 else "corpus/train/nob-train.spacy"
    nlp = spacy.blank("nb")
    gazetteer.drop_party_exceptions(nlp)
    random.seed(0)
    augment = create_org_names_augmenter(level=1.0, suffix_level=0.3)
    shown = 0
    for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
        if not any(e.label_ == "ORG" for e in doc.ents):
            continue
        for eg in augment(nlp, Example(nlp.make_doc(doc.text), doc)):
            ref = eg.reference
            print(ref.text)
            print("   ", [(e.text, e.label_) for e in ref.ents])
            print("   ", [(t.text, t.pos_, t.lemma_) for t in ref if t.ent_type_ == "ORG"])
            print(
                "   ",
                [(t.text, t.dep_, t.head.i) for t in ref]
                if ref.has_annotation("DEP")
                else "no parse",
            )
            print("    tokens aligned 1:1:", len(eg.predicted) == len(ref))
        shown += 1
        if shown >= 12:
            break
