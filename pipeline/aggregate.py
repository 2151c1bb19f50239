"""Aggregate: the same organisation across articles, merged into one ``CompanyProfile``.

Two sightings (one organisation in one article) are the same organisation when

1. they share a full name, case-insensitively and ignoring a trailing legal form
   ("Fjordfôr AS" = "Fjordfôr"), or, for companies, a trailing country word
   ("Fjellbris Norge" = "Fjellbris"); or
2. both are companies and one's full name is a word prefix of the other's
   ("Holzweiler" / "Holzweiler Items", "GKN Aerospace" / "GKN Aerospace Norway"), and the
   shorter one extends exactly ONE other group: "Nordvik" next to both "Nordvik Havbruk" and
   "Nordvik Mekaniske" stays on its own, and the two never meet because neither of their
   full names is a prefix of the other.

Short aliases that are only the first words of the article's own full name ("Nordvik" for
"Nordvik Havbruk") are NOT used as keys: the extractor derives them from the name, so they
say nothing across articles and would glue companies sharing a first word together.

Prefix matching is for companies only: public bodies differ exactly by their qualifier
("Statsforvalteren i Agder" vs "Statsforvalteren i Rogaland", "NAV" vs "NAV Agder").

No spaCy here: this reads finished profiles.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models import (
    CompanyPlace,
    CompanyProfile,
    CompanySdg,
    Organisation,
    Profile,
    SdgBacking,
)
from models.facts import facts
from pipeline.write import atomic_write_lines, atomic_write_text, iter_profiles

COMPANIES_JSON = "companies.json"
COMPANIES_JSONL = "companies.jsonl"
COMPANY_SCHEMA = "company.schema.json"  # one item of companies.json / one line of companies.jsonl

NameKey = tuple[str, ...]

# Trailing words that name the legal form or the country branch, not the organisation.
_LEGAL_FORMS = {"as", "asa", "sa", "ans", "da", "ba", "ks", "nuf"}
_COUNTRY_WORDS = {"norge", "noreg", "norway"}
_WORD = re.compile(r"[^\W_]+(?:[-'&][^\W_]+)*")


def aggregate(out_dir: Path, *, write: bool = True) -> list[CompanyProfile]:
    """Merge the organisations of every profile in ``out_dir``; write companies.json(l) too."""
    companies = merge_profiles(iter_profiles(out_dir))
    if write:
        write_companies(out_dir, companies)
    return companies


def merge_profiles(profiles: Iterable[Profile]) -> list[CompanyProfile]:
    sightings = [Sighting(p, o) for p in _oldest_first(profiles) for o in p.organisations]
    groups = group_sightings(sightings)
    companies = [build_company(group) for group in groups]
    _make_ids_unique(companies)
    return sorted(companies, key=lambda c: (c.name.casefold(), c.id))


def write_companies(out_dir: Path, organisations: list[CompanyProfile]) -> Path:
    """companies.json(l): the merged organisations that are companies; organisations.json(l):
    all of them (public bodies and others too), in the same shape."""
    companies = [c for c in organisations if "company" in c.kinds]
    for name, items in (("companies", companies), ("organisations", organisations)):
        data = [c.model_dump(mode="json") for c in items]
        atomic_write_text(
            out_dir / f"{name}.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        )
        atomic_write_lines(out_dir / f"{name}.jsonl", (c.model_dump_json() for c in items))
    path = out_dir / COMPANIES_JSON
    schema = CompanyProfile.json_schema(COMPANY_SCHEMA)
    atomic_write_text(
        out_dir / COMPANY_SCHEMA, json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    )
    return path


# --- matching -------------------------------------------------------------------------


@dataclass(frozen=True)
class Sighting:
    """One organisation as one article describes it."""

    profile: Profile
    org: Organisation

    @property
    def is_company(self) -> bool:
        return self.org.kind == "company"


def name_key(name: str, *, company: bool) -> NameKey:
    """Lower-cased words without a trailing legal form (and, for companies, country word)."""
    words = tuple(w.casefold() for w in _WORD.findall(name))
    droppable = _LEGAL_FORMS | (_COUNTRY_WORDS if company else set())
    while len(words) > 1 and words[-1] in droppable:
        words = words[:-1]
    return words


def full_name_keys(sighting: Sighting) -> set[NameKey]:
    """The name and every alias that is not just the first words of the name."""
    own = name_key(sighting.org.name, company=sighting.is_company)
    keys = {own}
    for alias in sighting.org.aliases:
        key = name_key(alias, company=sighting.is_company)
        if key and not is_word_prefix(key, own):
            keys.add(key)
    return {k for k in keys if k}


def is_word_prefix(short: NameKey, long: NameKey) -> bool:
    """True when ``short`` is the first words of ``long`` (and shorter)."""
    return len(short) < len(long) and long[: len(short)] == short


def compatible(a: NameKey, b: NameKey) -> bool:
    return a == b or is_word_prefix(a, b) or is_word_prefix(b, a)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(b)] = self.find(a)

    def groups(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            found[self.find(i)].append(i)
        return dict(found)


def identities(org: Organisation) -> set[NameKey]:
    """The values that identify the organisation across articles, as keys: its
    organisation number when the register linked it (the facts declared ``identifies``)."""
    return {
        ("#" + fact.name, str(value))
        for fact in facts(Organisation)
        if fact.fact.identifies and (value := fact.value(org)) is not None
    }


def _keys_with_identity(sightings: list[Sighting]) -> list[set[NameKey]]:
    """Each sighting's name keys and identity keys. Equal identities join sightings whatever
    their names ("Hydro", "Norsk Hydro ASA"); a name that two identities share (one name, two
    companies in two municipalities) joins only sightings of the same identity, and a
    sighting of it without one joins neither."""
    names = [full_name_keys(s) for s in sightings]
    ids = [identities(s.org) for s in sightings]
    identities_of: dict[NameKey, set[NameKey]] = defaultdict(set)
    for own, ident in zip(names, ids, strict=True):
        for key in own:
            identities_of[key] |= ident
    keyed = []
    for i, (own, ident) in enumerate(zip(names, ids, strict=True)):
        keys = set(ident)
        for key in own:
            if len(identities_of[key]) < 2:
                keys.add(key)
            else:  # the name alone says nothing: qualify it by the identity, or by nothing
                keys |= {(*sorted(ident)[0], *key)} if ident else {("#unsure", str(i), *key)}
        keyed.append(keys)
    return keyed


def group_sightings(sightings: list[Sighting]) -> list[list[Sighting]]:
    """Sightings of the same organisation together, in first-seen order: by organisation
    number first, then by name."""
    keys = _keys_with_identity(sightings)
    uf = _UnionFind(len(sightings))
    _join_same_names(uf, keys)
    _join_prefix_names(uf, sightings, keys)
    groups = sorted(uf.groups().values(), key=min)
    return [[sightings[i] for i in members] for members in groups]


def _join_same_names(uf: _UnionFind, keys: list[set[NameKey]]) -> None:
    first_with_key: dict[NameKey, int] = {}
    for i, own in enumerate(keys):
        for key in own:
            uf.union(first_with_key.setdefault(key, i), i)


def _join_prefix_names(uf: _UnionFind, sightings: list[Sighting], keys: list[set[NameKey]]) -> None:
    """Join each company group to the one group whose names extend its own; repeat until stable.

    Repeat because a join can make another short name unambiguous ("GKN" next to
    "GKN Aerospace" and "GKN Aerospace Defence" once those two are one).
    """
    while True:
        group_keys = _company_group_keys(uf, sightings, keys)
        joined = False
        for short, long in _unambiguous_extensions(group_keys):
            a, b = uf.find(short), uf.find(long)
            # Re-check against what earlier joins of this pass made of the two groups.
            if a != b and _extends(group_keys[a], group_keys[b]):
                uf.union(b, a)  # b stays the root
                group_keys[b] |= group_keys.pop(a)
                joined = True
        if not joined:
            return


def _company_group_keys(
    uf: _UnionFind, sightings: list[Sighting], keys: list[set[NameKey]]
) -> dict[int, set[NameKey]]:
    groups = uf.groups()
    return {
        root: set().union(*(keys[i] for i in members))
        for root, members in groups.items()
        if any(sightings[i].is_company for i in members)
    }


def _unambiguous_extensions(group_keys: dict[int, set[NameKey]]) -> list[tuple[int, int]]:
    """(short, long) pairs where ``long`` is the only group extending ``short``."""
    # A name can only extend names with the same first word: compare within those buckets.
    by_first_word: dict[str, set[int]] = defaultdict(set)
    for root, own in group_keys.items():
        for key in own:
            by_first_word[key[0]].add(root)
    joins = []
    for short in sorted(group_keys):
        candidates = set().union(*(by_first_word[k[0]] for k in group_keys[short])) - {short}
        partners = [g for g in sorted(candidates) if _extends(group_keys[short], group_keys[g])]
        if len(partners) == 1:
            joins.append((short, partners[0]))
    return joins


def _extends(short: set[NameKey], long: set[NameKey]) -> bool:
    """Some name of ``long`` continues a name of ``short``, and no two names contradict."""
    some_prefix = any(is_word_prefix(s, t) for s in short for t in long)
    return some_prefix and all(compatible(s, t) for s in short for t in long)


# --- building the merged profile ------------------------------------------------------


def build_company(group: list[Sighting]) -> CompanyProfile:
    orgs = [s.org for s in group]
    published = [s.profile.article.published for s in group if s.profile.article.published]
    main_name = _main_name(orgs)
    return CompanyProfile(
        id=slug(main_name),
        name=main_name,
        names=_unique_casefold(n for o in orgs for n in [o.name, *o.aliases]),
        **_merged_facts(orgs),
        places=_merge_places(group),
        sdgs=_merge_sdgs(group),
        statements=sum(len(o.statements) for o in orgs),
        first_seen=min(published, default=None),
        last_seen=max(published, default=None),
        article_ids=list(dict.fromkeys(s.profile.article.id for s in group)),
    )


def _merged_facts(orgs: list[Organisation]) -> dict[str, list]:
    """Each declared fact's values across the organisation's articles, by its merge rule."""
    merged = {}
    for fact in facts(Organisation):
        if fact.fact.merge and fact.fact.merged_as:
            values = [v for o in orgs if (v := fact.value(o)) is not None]
            merged[fact.fact.merged_as] = MERGE_RULES[fact.fact.merge](values)
    return merged


def _main_name(orgs: list[Organisation]) -> str:
    """The full name used most; on a tie the longer (more complete) one, then the first seen."""
    counts = Counter(o.name for o in orgs)
    order = {name: i for i, name in reversed(list(enumerate(o.name for o in orgs)))}
    return max(counts, key=lambda n: (counts[n], len(n), -order[n]))


def _merge_places(group: list[Sighting]) -> list[CompanyPlace]:
    merged: dict[tuple[str, str | None, str | None], CompanyPlace] = {}
    for sighting in group:
        article_id = sighting.profile.article.id
        for place in sighting.org.places:
            key = (place.name.casefold(), place.municipality, place.county)
            found = merged.setdefault(
                key,
                CompanyPlace(
                    name=place.name,
                    municipality=place.municipality,
                    county=place.county,
                    former_county=place.former_county,
                    article_ids=[article_id],
                ),
            )
            if article_id not in found.article_ids:
                found.article_ids.append(article_id)
    return list(merged.values())


def _merge_sdgs(group: list[Sighting]) -> list[CompanySdg]:
    by_number: dict[int, CompanySdg] = {}
    for sighting in group:
        for mention in sighting.org.sdgs:
            backing = SdgBacking(
                article_id=sighting.profile.article.id,
                method=mention.method,
                evidence=mention.evidence,
            )
            goal = by_number.setdefault(
                mention.number,
                CompanySdg(number=mention.number, name=mention.name, methods=[], backing=[backing]),
            )
            if backing not in goal.backing:
                goal.backing.append(backing)
            goal.methods = sorted({*goal.methods, mention.method})
    return [by_number[n] for n in sorted(by_number)]


def _oldest_first(profiles: Iterable[Profile]) -> list[Profile]:
    """Dated articles by date, then undated ones; ties by id, so the order is stable."""
    return sorted(profiles, key=lambda p: (p.article.published or date.max, p.article.id))


def _unique_casefold(values: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return list(seen.values())


MERGE_RULES = {
    "sorted_set": lambda values: sorted(set(values)),
    "unique_casefold": _unique_casefold,
}


def slug(name: str) -> str:
    return "-".join(_WORD.findall(name.casefold())) or "organisation"


def _make_ids_unique(companies: list[CompanyProfile]) -> None:
    taken: Counter[str] = Counter()
    for company in companies:
        taken[company.id] += 1
        if taken[company.id] > 1:
            company.id = f"{company.id}-{taken[company.id]}"
