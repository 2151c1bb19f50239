"""Places tied to an organisation: those its descriptions name, those written right after
its name ("(Oslo og Moss)", "i Øvre Eiker", ", som har kontorer i Tromsø"), else a home
place that opens its name; and where the article mentions it (its evidence)."""

from __future__ import annotations

import re
from functools import lru_cache

from models import Evidence, PlaceRef
from pipeline.geography import lookup_place, lookup_place_in
from pipeline.organisations.names import OrgDraft
from pipeline.rules import RuleSet
from pipeline.text import CAP_WORD, evidence

_PAREN = re.compile(r"\s*\((?P<inner>[^()\n]{1,160})\)")
# "på Krokskogen", "i Mo i Rana", "i Tønsberg og Larvik" -- but in "i Tønsberg og Stokke
# Bakeri" the second name begins the next company, not a place
_AT = re.compile(
    rf"\s+(?:på|i|ved|fra|frå)\s+(?P<place>{CAP_WORD}(?:\s+(?:og|i)\s+{CAP_WORD}(?![ ][A-ZÆØÅ]))?)"
)
# ", som har kontorer i Tromsø og Alta", ", som har anlegg i Solund og kontor i Førde"
_WHERE = re.compile(
    r",?\s+som\s+(?:har|driv|driver|holder\s+til|held\s+til|ligger|ligg|er\s+lokalisert)\s+(?:[a-zæøå]+\s+){0,2}?(?:i|på|ved)\s+(?P<places>[^.;:\n]{1,120})"
)
# "Gudbrandsdal Fjellmat AS med produksjon på Vinstra og Otta"
_WITH = re.compile(r"\s+med\s+(?:[a-zæøå]+\s+){1,2}(?:i|på|ved)\s+(?P<places>[^.;:\n]{1,120})")
_LEAD_IN = re.compile(r"^\s*(?:[a-zæøå]+\s+){0,2}(?:i|på|ved)\s+")
_LIST_SPLIT = re.compile(r",\s*|\s+og\s+|\s+samt\s+")
_LIST_NOISE = re.compile(
    r"\b(blant annet|mellom anna|m\.fl\.?|med flere|med fleire|mfl\.?|etc\.?|osv\.?)\b",
    re.IGNORECASE,
)


def mention_spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of any of the names (with an optional genitive s), longest names first."""
    return list(_mention_spans(text, tuple(sorted(set(names), key=len, reverse=True))))


@lru_cache(maxsize=2048)  # the extractors ask for the same organisation's mentions many times
def _mention_spans(text: str, names: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    for name in names:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?=s?(?![\wæøå]))", text):
            if not any(s <= m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
    return tuple(sorted(spans))


def places_of(text: str, draft: OrgDraft, rules: RuleSet) -> list[PlaceRef]:
    """The places of a draft: those its descriptions name, then those written right after its
    names; the home place that opens its name only when neither gives one."""
    places: list[PlaceRef] = []
    seen: set[str] = set()
    for name, start, stop in draft.described_places:
        facts = lookup_place_in(text, name, rules)
        if facts and name.lower() not in seen:
            seen.add(name.lower())
            places.append(
                PlaceRef(
                    name=name,
                    municipality=facts.municipality,
                    county=facts.county,
                    former_county=facts.former_county,
                    evidence=evidence(text, start, stop),
                )
            )
    for _, end in mention_spans(text, draft.names()):
        for name, start, stop, strict in _places_after(text, end):
            facts = lookup_place_in(text, name, rules)
            if (facts is None and strict) or name.lower() in seen:
                continue
            seen.add(name.lower())
            places.append(
                PlaceRef(
                    name=name,
                    municipality=facts.municipality if facts else None,
                    county=facts.county if facts else None,
                    former_county=facts.former_county if facts else None,
                    evidence=evidence(text, start, stop),
                )
            )
    if draft.kind == "company" and not places:
        places += _place_in_name(text, draft, rules)
    return places


def _place_in_name(text: str, draft: OrgDraft, rules: RuleSet) -> list[PlaceRef]:
    """'Kabelvåg Kaffebrenneri AS', 'Øvre Eiker Trelast AS': the genre names local firms
    after their home place, so a known place that opens the name is one of its places.
    The evidence is the name itself; the word must be followed by more of the name."""
    words = draft.name.split()
    for size in (2, 1):
        if len(words) <= size:
            continue
        place = " ".join(words[:size])
        facts = lookup_place_in(text, place, rules)
        if facts is None:
            continue
        spans = mention_spans(text, [draft.name])
        if not spans:
            return []
        start = spans[0][0]
        return [
            PlaceRef(
                name=place,
                municipality=facts.municipality,
                county=facts.county,
                former_county=facts.former_county,
                evidence=evidence(text, start, start + len(place)),
            )
        ]
    return []


def _places_after(text: str, end: int) -> list[tuple[str, int, int, bool]]:
    """Place names written right after an organisation's name: '(Oslo, Moss og Fredrikstad)', 'på Krokskogen'.

    The bool says whether the place must be known to the gazetteer: a parenthesis right after
    a name is the genre's way of saying where it is, so unknown names are kept there.
    """
    rest = text[end:]
    rest = rest[1:] if rest.startswith("s") and not rest[1:2].isalpha() else rest
    offset = end + (len(text[end:]) - len(rest))
    for pattern, group, strict in (
        (_PAREN, "inner", False),
        (_WHERE, "places", True),
        (_WITH, "places", True),
    ):
        m = pattern.match(rest)
        if m:
            return split_places(m.group(group), offset + m.start(group), strict)
    m = _AT.match(rest)
    if m:
        return split_places(_longer_place(rest, m), offset + m.start("place"), True)
    return []


_NEXT_CAP_WORD = re.compile(rf"[ ]{CAP_WORD}")


def _longer_place(rest: str, m: re.Match[str]) -> str:
    """'i Øvre Eiker', 'i Indre Fosen': a two-word place when the gazetteer knows it."""
    place = m.group("place")
    after = _NEXT_CAP_WORD.match(rest, m.end("place"))
    if " " not in place and after and lookup_place(place + after.group(0)):
        return place + after.group(0)
    return place


def split_places(chunk: str, base: int, strict: bool) -> list[tuple[str, int, int, bool]]:
    cleaned = _LIST_NOISE.sub(lambda m: " " * len(m.group(0)), chunk)
    found = []
    pos = 0
    for piece in _LIST_SPLIT.split(cleaned):
        at = cleaned.find(piece, pos)
        pos = at + len(piece)
        lead_in = _LEAD_IN.match(piece)  # "kontor i Førde" -> "Førde"
        if lead_in:
            at += lead_in.end()
            piece = piece[lead_in.end() :]
        name = piece.strip()
        if (
            " i " in name and lookup_place(name) is None
        ):  # "Moster i Bømlo": village and municipality
            head, _, tail = name.partition(" i ")
            start = base + at + (len(piece) - len(piece.lstrip()))
            found += [
                (head, start, start + len(head), strict),
                (tail, start + len(head) + 3, start + len(name), strict),
            ]
            continue
        if not name or not re.fullmatch(
            rf"{CAP_WORD}(?:\s+(?:og|i)\s+{CAP_WORD}|\s+{CAP_WORD})*", name
        ):
            continue
        start = base + at + (len(piece) - len(piece.lstrip()))
        found.append((name, start, start + len(name), strict))
    return found


def organisation_evidence(text: str, draft: OrgDraft) -> list[Evidence]:
    return [evidence(text, s, e) for s, e in mention_spans(text, draft.names())]
