"""Word and token tests the passes share: common nouns in compounds and inflected forms,
where a sentence starts, what may stand in a name, the place-name gazetteer."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from pipeline.doc_text import text_of

# definite and plural endings of Norwegian nouns (bokmål and nynorsk)
_INFLECTIONS = ("en", "et", "ene", "ane", "ar", "er", "ne", "a")
DEFINITE_ENDINGS = ("en", "et", "ene", "ane")  # "Aksjen", "Selskapet", "Aksjene"
#: The same with the feminine "-a" ("bedrifta", "Skiforeninga"), for a word that is no
#: sentence's first: a definite form describes or names a body, never a name's plain word.
DEFINITE_FORMS = (*DEFINITE_ENDINGS, "a")
WEB_DOMAINS = (".no", ".com", ".se", ".dk", ".net", ".org", ".io")  # "Dyrekassen.no"
NOT_NAME_LABELS = {"EVT", "PROD", "MISC", "DRV"}  # NorNE's labels that no person has
NOT_IN_NAMES = {"VERB", "AUX", "ADV", "ADP", "PRON", "DET", "SCONJ", "CCONJ", "PART"}
_SENTENCE_OPENERS = {"«", '"', "“", "–", "—", "-", ":", "'", "»"}


def is_inflected_compound(word: str, common_words: frozenset[str]) -> bool:
    """True for a compound whose last part is a common noun in a definite or plural form:
    "vegbevilgningene" (bevilgning + ene), "hodeskaden" (skade + n)."""
    word = word.lower()
    if not word.endswith(_INFLECTIONS):
        return False
    if any(word[i:] in common_words for i in range(3, len(word) - 3)):
        return True
    ending = next(e for e in sorted(_INFLECTIONS, key=len, reverse=True) if word.endswith(e))
    stem = word[: -len(ending)]
    return any(stem[i:] in common_words for i in range(3, len(stem) - 3))


def is_compound_of_common_word(word: str, common_words: frozenset[str]) -> bool:
    """True when a word ends in a common word of four letters or more ("hestekjøtt")."""
    word = word.lower()
    return any(word[i:] in common_words for i in range(3, len(word) - 3))


def starts_sentence(token: Token) -> bool:
    """True at a sentence's or a block's first word (after an opening quote or dash too)."""
    if token.is_sent_start or token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    return previous.text in _SENTENCE_OPENERS or previous.is_space or "\n" in previous.whitespace_


def named_once(span: Span) -> bool:
    """True when the article writes the name once (however often the model tagged it); a
    genitive ("Statkrafts") counts as another mention."""
    return text_of(span.doc).count(span.text) <= 1


def replacing(spans: list[Span], added: list[Span]) -> list[Span]:
    """``spans`` without those that overlap one of ``added``, plus ``added``."""
    kept = [s for s in spans if not any(s.start < a.end and a.start < s.end for a in added)]
    return kept + added


def token_mask(doc: Doc, spans: Iterable[Span]) -> bytearray:
    """One byte per token of ``doc``, 1 where one of ``spans`` covers it."""
    mask = bytearray(len(doc))
    for span in spans:
        mask[span.start : span.end] = b"\x01" * len(span)
    return mask


def is_name_word(token: Token) -> bool:
    """A word that may stand in a name: capitalised or an acronym, letters only."""
    return token.is_alpha and (token.is_title or token.is_upper)


def is_capitalised_word(token: Token) -> bool:
    """A word of a company's name in market news: capitalised, inner capitals and hyphens
    allowed ("BioMarine", "Höegh")."""
    return token.text[:1].isupper() and token.text.replace("-", "").isalpha()


def lemma_is_common_noun(token: Token) -> bool:
    """The lemmatizer gives a capitalised word a lower-case lemma when it reads it as an
    inflected common noun ("Verftet" -> "verft"); names keep their capital."""
    return token.text[:1].isupper() and token.lemma_[:1].islower() and not token.text.isupper()


def is_place_name_text(text: str) -> bool:
    from pipeline.geography import lookup_place

    return lookup_place(text) is not None


def is_place_name(token: Token) -> bool:
    from pipeline.geography import lookup_place  # the project's gazetteer (facts, not the model)

    return token.norm_.startswith("gaz_") or lookup_place(token.text) is not None


def opens_with_other_name(word: str, known_orgs: frozenset[str]) -> bool:
    """True when the first word of a would-be person's name is a listed organisation or (in
    the genitive) a place: "Jyllands-Posten Jon Helt", "Kasakhstans London"."""
    bare = word[:-1] if word.endswith("s") else word
    return word in known_orgs or (bare != word and (bare in known_orgs or is_place_name_text(bare)))
