"""Industries and places read from the words that describe an organisation: the industry a
compound's first part names ("reiselivsbedriften" -> "reiseliv"), a business noun's
("gjenvinningsbedrift" -> "gjenvinning"), a name's own trade word ("Kløfta Gartneri AS"),
and the known places a description names after i/på/ved. Shared by the candidate rules
(``pipeline_org_candidates``) and by the sections that describe a company (``extract``)."""

from __future__ import annotations

import re

from pipeline.geography import lookup_place_in
from pipeline.organisations.names import OrgDraft
from pipeline.organisations.places import split_places
from pipeline.rules import RuleSet
from pipeline.text import CAP_WORD

# A compound's first part often ends in a linking s ("reiselivsbedriften", "avfallsselskapet");
# words whose own form ends in s ("kles", "hus", "gass") keep it.
_LINKING_S = re.compile(r"(?<=[^aeiouyæøås])s$")


def normalise_industry(raw: str) -> str | None:
    """'Digitaliserings-, robotiserings- og elektrifiserings' -> 'digitalisering, robotisering og elektrifisering'."""
    # lower case, but acronyms ("IT-selskapet") keep their capitals
    text = " ".join(w if w.rstrip(",-").isupper() else w.lower() for w in raw.split()).strip(" ,-")
    if not text:
        return None
    parts = re.split(r"(-,?\s+og\s+|-,\s+|-\s+)", text)
    words = []
    for part in parts:
        if part.strip().startswith("-"):
            words.append(", " if "," in part and "og" not in part else " og ")
        else:
            words.append(_LINKING_S.sub("", part) if len(part) > 4 else part)
    return "".join(words).replace(" ,", ",").strip()


# "i Tønsberg og Larvik", "i Østre Toten": each listed place may have two words
_DESCRIPTION_PLACES = re.compile(
    rf"\b(?:i|på|ved)\s+(?P<places>{CAP_WORD}(?:[ ]{CAP_WORD})?(?:(?:\s*,\s*|\s+og\s+){CAP_WORD}(?:[ ]{CAP_WORD})?)*)"
)


def _known_place(
    text: str, place: str, start: int, end: int, rules: RuleSet
) -> tuple[str, int, int] | None:
    """The place if the gazetteer (or the article itself) knows it; else its first word
    ("Oslo" of "Oslo Sentrum")."""
    if lookup_place_in(text, place, rules):
        return place, start, end
    head = place.split(" ", 1)[0]
    if head != place and lookup_place_in(text, head, rules):
        return head, start, start + len(head)
    return None


def describe_with(
    text: str,
    draft: OrgDraft,
    noun: str,
    rest: str,
    noun_start: int,
    rest_start: int,
    rules: RuleSet,
) -> None:
    """Industry and places from a description of the company whose noun is a business noun."""
    if not noun.lower().endswith(tuple(rules.org["business_nouns"])):
        return
    if draft.industry is None:
        draft.industry = industry_of_noun(noun.lower(), rules)
        draft.industry_span = (noun_start, noun_start + len(noun)) if draft.industry else None
    draft.described_places += description_places(text, rest, rest_start, rules)


def description_places(
    text: str, description: str, base: int, rules: RuleSet
) -> list[tuple[str, int, int]]:
    """The known places a description names after i/på/ved, with their text positions."""
    found = []
    for places in _DESCRIPTION_PLACES.finditer(description):
        start = base + places.start("places")
        for place, p_start, p_end, _ in split_places(places.group("places"), start, True):
            if known := _known_place(text, place, p_start, p_end, rules):
                found.append(known)
    return found


_LINKING_E = re.compile(r"([bdfgklmnprstv])\1e$")  # "bygge(firma)" -> "bygg"


def industry_of_noun(noun: str, rules: RuleSet) -> str | None:
    """'gjenvinningsbedrift' -> 'gjenvinning', 'elektrofirma' -> 'elektro', 'trykkeri' -> 'trykkeri'."""
    for head in sorted(rules.org["industry_heads"], key=len, reverse=True):
        if noun.endswith(head) and len(noun) - len(head) >= 3:
            stem = noun[: -len(head)].rstrip("-")
            return _LINKING_E.sub(r"\1\1", normalise_industry(stem) or stem)
    return noun


def industry_from_name(text: str, draft: OrgDraft, rules: RuleSet) -> None:
    """ "Kabelvåg Kaffebrenneri AS", "Kløfta Gartneri AS": the name says the trade."""
    legal = set(rules.org["legal_suffixes"])
    words = [w for w in draft.name.split() if w not in legal]
    if len(words) < 2:
        return
    last = words[-1]
    tails = {t for t in rules.org["name_tail_nouns"] if " " not in t} | set(
        rules.org["name_trade_words"]
    )
    if last.lower().endswith("eri") or last.lower() in tails:
        at = text.find(draft.name)
        if at >= 0:
            start = at + draft.name.index(last)
            draft.industry, draft.industry_span = last.lower(), (start, start + len(last))
