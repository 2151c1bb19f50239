"""The organisation draft and the name helpers every step shares: which sources named it,
trimming a candidate to its name, what is no name, where a name stands as a whole word,
and when two names are forms of one ("Holzweiler" / "Holzweiler Items")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models import OrganisationKind
from pipeline.entities import WEB_DOMAINS
from pipeline.geography import lookup_place
from pipeline.rules import RuleSet

INTRO, TAIL, PUBLIC, HEADING, MODEL = range(5)  # naming sources, strongest first


@dataclass
class OrgDraft:
    name: str
    source: int
    first: int
    kind: OrganisationKind
    industry: str | None = None
    industry_span: tuple[int, int] | None = None
    aliases: list[str] = field(default_factory=list)
    described_places: list[tuple[str, int, int]] = field(default_factory=list)  # from a description
    found_by: str = "entities"  # the candidate rule, "relation_proposal" or "entities"
    kind_rule: str | None = None  # the rule that typed it, when not the one that found it

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


def skip_name(name: str, rules: RuleSet) -> bool:
    words = name.split()
    if len(words) >= 3 and words[0] in ("Det", "Den") and words[1][:1].isupper():
        return False  # "Det Norske Veritas", "Den Norske Opera": the article opens the name
    return (
        words[0] in rules.org["not_organisations"]
        or len(name) < 2
        or not any(c.isalpha() for c in name)
        or "\n" in name  # "Eidskog\n\nFABRIKK": a name never runs across lines
        or _DATED.search(name)
        is not None  # "Kommune-NM 2018", "Vestland 2020-2024": an event, a plan
    )


#: A name that ends in a year or a span of years names an event or a plan, not a body.
_DATED = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?$")


def opens_sentence(text: str, at: int) -> bool:
    """True at the text's start, after a sentence's end, a colon, a dash or a quote, or at
    a line's start."""
    before = text[:at].rstrip(" \t")
    return not before or before[-1] in '.!?:;\n«"–—-'


def _drop_place_before_og(name: str) -> str:
    """ "Stord og Skjelvik Sjømat" is a place and a company: keep the company."""
    head, sep, tail = name.partition(" og ")
    return tail if sep and lookup_place(head) else name


def trim_name(name: str, rules: RuleSet, opens_sentence: bool = True) -> str:
    """The name without an organisation noun the sentence opens with ("Bedriften Goodtech"),
    cut at the first word that is a known function word. ``opens_sentence``: False where the
    name stands inside a sentence, where a capitalised noun is the name's own first word
    ("i Kysthotellet Rørvik AS")."""
    name = _drop_place_before_og(name)
    words = name.split()
    # "IT-selskapet X", "Ålesundbedrifta X" describe X anywhere; "Kysthotellet X" is a name
    opens_sentence = opens_sentence or "-" in words[0] or _place_compound(words[0], rules)
    definite_ending = words[0].lower().endswith(tuple(rules.org["definite_business_endings"]))
    if opens_sentence and len(words) > 2 and definite_ending:
        words = words[1:]  # "Støperiet Halden Metallstøperi AS" at the start of a sentence
    heads = tuple(rules.org["org_head_nouns"] + rules.org["name_prefix_nouns"])
    while opens_sentence and len(words) > 1 and words[0].lower().endswith(heads):
        words = words[1:]
    name = " ".join(words)
    stop = set(rules.org["not_organisations"])
    extensions = set(rules.org["name_extensions"])
    legal = set(rules.org["legal_suffixes"])
    for i, word in enumerate(words[1:], start=1):
        rest = words[i + 1 :]
        if word in stop and not (word in extensions and set(rest) <= legal and len(rest) <= 1):
            return " ".join(words[:i])  # but "Energi Norge", "Telenor Norge AS" end in "Norge"
    return name


def _place_compound(word: str, rules: RuleSet) -> bool:
    """ "Ålesundbedrifta", "Tromsøselskapet": a known place joined to an organisation noun."""
    lowered = word.lower()
    heads = rules.org["org_head_nouns"] + rules.org["definite_business_endings"]
    return any(
        lowered.endswith(head) and lookup_place(word[: len(word) - len(head)]) is not None
        for head in heads
        if len(word) - len(head) >= 2
    )


def word_positions(text: str, word: str) -> list[int]:
    """Where ``word`` stands as a whole word (str.find first: compiling a pattern per name
    cost more than the rest of the extraction)."""
    found, at = [], text.find(word)
    while at >= 0:
        end = at + len(word)
        left_ok = at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "-")
        right_ok = end == len(text) or not text[end].isalnum()
        if left_ok and right_ok:
            found.append(at)
        at = text.find(word, end)
    return found


_WEB_DOMAIN = re.compile(rf"(?:{'|'.join(re.escape(d) for d in WEB_DOMAINS)})$")


def _tokens(name: str) -> list[str]:
    """Lower-case words; a web shop's domain is no part of its name ("Dyrekassen.no")."""
    return _WEB_DOMAIN.sub("", name.lower()).split()


def names_related(a: str, b: str) -> bool:
    """True when one name is the other or a word-prefix of it ("Holzweiler" / "Holzweiler Items"),
    or the other with its last noun in the definite form ("Stranda Sogelag" / "Stranda
    Sogelaget", as a sentence says "leiaren for Stranda Sogelaget")."""
    ta, tb = _tokens(a), _tokens(b)
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return long_[: len(short)] == short or _definite_of_each_other(ta, tb)


#: The endings a noun takes in the definite singular: "laget", "klubben", "stiftinga".
_DEFINITE_SINGULAR = ("et", "en", "a")
_SHORTEST_NOUN = 4


def _definite_of_each_other(ta: list[str], tb: list[str]) -> bool:
    if len(ta) != len(tb) or len(ta) < 2 or ta[:-1] != tb[:-1]:
        return False
    bare, definite = sorted((ta[-1], tb[-1]), key=len)
    if len(bare) < _SHORTEST_NOUN:
        return False  # "AS" / "ASA": two legal forms, not a noun and its definite form
    return any(definite == bare + ending for ending in _DEFINITE_SINGULAR)
