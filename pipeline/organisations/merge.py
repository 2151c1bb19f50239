"""One organisation from many drafts: drafts whose names are word-prefixes of each other or
that the article declares the same ("Næringslivets Hovedorganisasjon (NHO)") merge, the
strongest, fullest, earliest form naming them; and the longer and shorter forms of a name
the article uses become its aliases."""

from __future__ import annotations

import re

from pipeline.geography import lookup_place_in
from pipeline.organisations.names import HEADING, OrgDraft, names_related, skip_name
from pipeline.rules import RuleSet, per_rule_set
from pipeline.text import alternation

#: "NHO", "B&G", and the lower-case filler of "UiB", "HiOA" (a small letter before a capital).
_ACRONYM = r"[A-ZÆØÅ](?:[A-ZÆØÅ0-9&]|[a-zæøå](?=[A-ZÆØÅ])){1,9}"


def bracketed_short_names(text: str, drafts: list[OrgDraft]) -> set[frozenset[str]]:
    """Pairs of names the article declares the same: "Næringslivets Hovedorganisasjon (NHO)",
    "NVE (Norges vassdrags- og energidirektorat)". News introduces an acronym this way once
    and then uses it alone, so without the pair one organisation becomes two."""
    names = {d.name for d in drafts}
    pairs = set()
    for name in names:
        escaped = re.escape(name)
        for m in re.finditer(rf"(?<![\w-]){escaped}s?\s*\(\s*({_ACRONYM})\s*\)", text):
            if m.group(1) in names and m.group(1) != name:
                pairs.add(frozenset((name, m.group(1))))
        if re.fullmatch(_ACRONYM, name):
            for m in re.finditer(rf"(?<![\w-]){escaped}\s*\(\s*([^()\n]{{3,120}}?)\s*\)", text):
                if m.group(1) in names:
                    pairs.add(frozenset((name, m.group(1))))
    return pairs


def initialisms(drafts: list[OrgDraft], rules: RuleSet) -> set[frozenset[str]]:
    """Pairs of an acronym and the company name whose words' initials spell it ("B&G" of
    "Bertelsen & Garpestad AS", the legal form left out): news shortens a company's name
    this way without declaring it. Other bodies' acronyms ("SF", "NVE") are left to the
    brackets that declare them (``bracketed_short_names``); a party's acronym is never
    another name's initials."""
    parties = set(rules.entity.non_company_organisations.get("party", []))
    legal = set(rules.org["legal_suffixes"])
    acronyms = {
        d.name.replace("&", ""): d.name
        for d in drafts
        if re.fullmatch(_ACRONYM, d.name) and d.name not in parties
    }
    pairs = set()
    for draft in drafts:
        words = [w for w in draft.name.split() if w not in legal and w != "&"]
        if draft.kind != "company" or len(words) < 2 or not all(w[:1].isupper() for w in words):
            continue
        acronym = acronyms.get("".join(w[0] for w in words))
        if acronym is not None and acronym != draft.name:
            pairs.add(frozenset((draft.name, acronym)))
    return pairs


def merge_drafts(drafts: list[OrgDraft], same: set[frozenset[str]] = frozenset()) -> list[OrgDraft]:
    """Group drafts whose names are prefixes of each other or that ``same`` pairs; the
    strongest, earliest names the group."""

    def related(a: str, b: str) -> bool:
        return names_related(a, b) or frozenset((a, b)) in same

    groups: list[list[OrgDraft]] = []
    for draft in sorted(drafts, key=lambda d: (d.source, -len(d.name.split()), d.first)):
        home = next((g for g in groups if any(related(draft.name, d.name) for d in g)), None)
        if home is None:
            groups.append([draft])
        else:
            home.append(draft)
    merged = []
    for group in groups:
        lead = group[0]
        for other in group[1:]:
            for name in other.names():
                if name != lead.name and name not in lead.aliases:
                    lead.aliases.append(name)
            lead.described_places += other.described_places
            if lead.industry is None and other.industry:
                lead.industry, lead.industry_span = other.industry, other.industry_span
            if other.kind == "company" and other.source < HEADING and lead.kind == "other":
                lead.kind, lead.kind_rule = "company", other.kind_rule or other.found_by
        lead.first = min(d.first for d in group)
        merged.append(lead)
    return sorted(merged, key=lambda d: d.first)


def add_extended_names(text: str, draft: OrgDraft, rules: RuleSet) -> None:
    """'GKN Aerospace Norge' later in the text is the same organisation as 'GKN Aerospace'."""
    at = text.find(draft.name)
    while at >= 0:  # str.find first: most names are never extended, and it is cheap
        end = at + len(draft.name)
        m = _extension(rules).match(text, end)
        if m and (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "-")):
            if text[at : m.end()] not in draft.aliases:
                draft.aliases.append(text[at : m.end()])
        at = text.find(draft.name, end)


@per_rule_set
def _extension(rules: RuleSet) -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{alternation(rules.org['name_extensions'])})(?![\wæøå])")


def add_short_names(
    text: str, draft: OrgDraft, rules: RuleSet, taken: set[str] = frozenset()
) -> None:
    """A shorter form of the name used on its own later: "Fjordlys Energi" for "Fjordlys Energi AS".

    Only word-prefixes of the name count, and not when they are a place or a common word
    ("Viken" of "Viken fylkeskommune" is the county, not the council).
    """
    words = draft.name.split()
    for size in range(len(words) - 1, 0, -1):
        short = " ".join(words[:size])
        if (
            short in draft.aliases
            or skip_name(short, rules)
            or lookup_place_in(text, short, rules)
            or not short[0].isupper()
            or short in taken
        ):
            continue
        following = re.escape(words[size])
        if re.search(rf"(?<![\w-]){re.escape(short)}(?!\s+{following})(?=s?(?![\wæøå-]))", text):
            draft.aliases.append(short)
