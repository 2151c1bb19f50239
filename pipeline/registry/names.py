"""Organisation names normalised for comparison: the text's "Fjordlys Energi" and the
register's "FJORDLYS ENERGI AS" become the same key, "fjordlys energi"."""

from __future__ import annotations

import re
import unicodedata

# Legal-form words that say how an organisation is organised, not which one it is.
LEGAL_SUFFIXES = frozenset(
    "as asa sa ba ans da nuf kf iks hf sf fkf ks ltd limited gmbh ab oy aps".split()
)

# Short forms the register and the press both use, written out so either spelling meets.
ABBREVIATIONS = {
    "avd": "avdeling",
    "avdelingen": "avdeling",
    "komm": "kommune",
    "kommunen": "kommune",
    "fylkeskommunen": "fylkeskommune",
    "brl": "borettslag",
    "borettslaget": "borettslag",
    "univ": "universitetet",
    "inst": "institutt",
    "forl": "forlag",
    "and": "og",
    "dept": "departement",
}

# Swedish, Danish and accented spellings seen in Norwegian names, folded to one form;
# æ, ø and å stay: "Ås" and "As" are different names.
_FOLD = str.maketrans({"ä": "æ", "ö": "ø", "é": "e", "è": "e", "ê": "e", "ü": "u", "á": "a"})

_A_SLASH_S = re.compile(r"\ba\s*/\s*s\b|\ba\.\s*s\.?(?=\s|$)")
_AMPERSAND = re.compile(r"[&+]")
_NOT_WORD = re.compile(r"[\W_]+")


def name_tokens(name: str) -> list[str]:
    """The words of a name, lowercased, "&" as "og", punctuation gone, abbreviations written
    out and legal suffixes dropped (at the end, at the start, and before "avdeling", where a
    branch's name repeats its parent's full name)."""
    text = unicodedata.normalize("NFKC", name).casefold().translate(_FOLD)
    text = _A_SLASH_S.sub(" as ", text)
    text = _AMPERSAND.sub(" og ", text)
    words = [ABBREVIATIONS.get(w, w) for w in _NOT_WORD.sub(" ", text).split()]
    return _without_legal_forms(words)


def normalise_name(name: str) -> str:
    """The comparison key of a name: ``name_tokens`` joined by single spaces."""
    return " ".join(name_tokens(name))


def _without_legal_forms(words: list[str]) -> list[str]:
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
    while len(words) > 1 and words[0] in LEGAL_SUFFIXES:
        words = words[1:]  # "AS Vinmonopolet"
    return [
        w
        for i, w in enumerate(words)
        if not (w in LEGAL_SUFFIXES and i + 1 < len(words) and words[i + 1] == "avdeling")
    ]


def contains_in_order(short: list[str], full: list[str]) -> bool:
    """True when the words of ``short`` appear in ``full`` side by side and in order
    ("fjordlys" in "fjordlys energi"), the shape of a short form of a name."""
    n = len(short)
    return any(full[i : i + n] == short for i in range(len(full) - n + 1))
