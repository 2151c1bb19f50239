"""The decision from candidates to a link, shared by the offline and the online register.

It never guesses: one organisation left after the tie-breaks is linked; more than one is
ambiguous and listed; a near match (a short form of a longer registered name) links only
when no other organisation's name starts the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.registry.model import RegisterCandidate, RegisterLink, Unit, linked, not_linked
from pipeline.registry.names import name_tokens

SCORES = {"exact": 1.0, "normalised": 0.95, "branch": 0.9}
TIE_BREAK_FACTOR = {"place": 0.95, "industry": 0.9}
NEAR_MIN_SHARE = 0.4  # a short form must be at least this share of the registered name
NEAR_MIN_CHARS = 4
MAX_CANDIDATES = 5

# Words that say what or where an organisation is, not which: a short form made only of
# them ("Energi", "Norsk Bygg") names no one in particular.
GENERIC_WORDS = frozenset(
    """norsk norske norges noreg norge den det de og i på av for til
    energi kraft bygg anlegg transport eiendom holding invest gruppen group service
    consult konsult data it media sjømat fisk bank finans handel helse kommune
    fylkeskommune avdeling stiftelsen foreningen forening lag senter""".split()
)

# Industry words of the profile -> NACE divisions (first two digits of naeringskode1.kode).
INDUSTRY_DIVISIONS = {
    "energi": ("35", "06", "09", "19"),
    "kraft": ("35",),
    "olje": ("06", "09", "19"),
    "bygg": ("41", "42", "43", "71"),
    "anlegg": ("42", "43"),
    "transport": ("49", "50", "51", "52", "53"),
    "shipping": ("50", "52"),
    "sjømat": ("03", "10", "46"),
    "fisk": ("03", "10"),
    "havbruk": ("03",),
    "bank": ("64",),
    "finans": ("64", "65", "66"),
    "forsikring": ("65",),
    "eiendom": ("68", "41"),
    "it": ("62", "63", "58"),
    "teknologi": ("62", "63", "26", "72"),
    "data": ("62", "63"),
    "media": ("58", "59", "60", "63"),
    "handel": ("45", "46", "47"),
    "helse": ("86", "87", "88", "21"),
    "landbruk": ("01", "02"),
    "reiseliv": ("55", "56", "79"),
    "utdanning": ("85",),
    "industri": tuple(f"{d:02d}" for d in range(10, 34)),
    "telekom": ("61",),
    "rådgivning": ("69", "70", "71", "74"),
}


@dataclass
class _Organisation:
    """Same-named units gathered under the legal entity they belong to."""

    unit: Unit
    methods: set[str] = field(default_factory=set)
    branch: Unit | None = None
    municipalities: set[str] = field(default_factory=set)
    share: float = 1.0  # near matches: how much of the registered name the text wrote


def decide_exact(
    name: str,
    units: Iterable[Unit],
    parent_of: Callable[[str], Unit | None],
    places: Iterable[str] = (),
    industry: str | None = None,
) -> RegisterLink | None:
    """The link for units whose normalised name equals the text's, or None when there are
    none (the caller then tries near matches)."""
    found = _organisations(name, units, parent_of)
    if not found:
        return None
    return _choose(list(found.values()), places, industry)


def decide_near(
    name: str,
    units: Iterable[Unit],
    parent_of: Callable[[str], Unit | None],
    truncated: bool = False,
) -> RegisterLink:
    """The link for a short form: units whose normalised name starts with the text's words.
    Linked only when one organisation has such a name, the short form is specific and is a
    fair share of the full name; ambiguous when several have; else not found."""
    tokens = name_tokens(name)
    wanted = " ".join(tokens)
    starting = [u for u in units if u.norm == wanted or u.norm.startswith(wanted + " ")]
    found = _organisations(name, starting, parent_of, method="fts")
    for organisation in found.values():
        organisation.share = 0.0
    for unit in starting:  # an organisation's best-fitting name: its own, or a branch's
        if (organisation := found.get(_legal_number(unit))) is not None:
            organisation.share = max(organisation.share, len(wanted) / len(unit.norm))
    choices = list(found.values())
    if not choices:
        return not_linked("not_found", f"no registered name starts with {wanted!r}")
    if len(choices) > 1 or truncated:
        return _ambiguous(choices, "several registered names start with the same words")
    only = choices[0]
    if len(wanted) < NEAR_MIN_CHARS or all(t in GENERIC_WORDS for t in tokens):
        return _ambiguous(choices, "the short form is too general to link")
    if only.share < NEAR_MIN_SHARE:
        return _ambiguous(choices, "the short form is too small a part of the registered name")
    return _link(only, "fts", _score(only))


def places_as_municipalities(places: Iterable[str]) -> set[str]:
    """The places as the register writes municipalities (casefolded): each place itself,
    and the municipality a locality lies in ("Lysaker" -> "bærum")."""
    found = set()
    for place in places:
        if place and place.strip():
            found.add(" ".join(place.split()).casefold())
            if (home := _municipality_of(place)) is not None:
                found.add(home.casefold())
    return found


def industry_matches(industry: str | None, unit: Unit) -> bool:
    """True when the profile's industry word fits the unit's NACE code or its text."""
    if not industry or not (unit.nace_code or unit.nace_text):
        return False
    division = (unit.nace_code or "")[:2]
    nace_words = name_tokens(unit.nace_text or "")
    for word in name_tokens(industry):
        if division and division in INDUSTRY_DIVISIONS.get(word, ()):
            return True
        stem = word[:5]
        if len(stem) >= 4 and any(w.startswith(stem) for w in nace_words):
            return True
    return False


def _organisations(
    name: str,
    units: Iterable[Unit],
    parent_of: Callable[[str], Unit | None],
    method: str | None = None,
) -> dict[str, _Organisation]:
    found: dict[str, _Organisation] = {}
    written = " ".join(name.split()).casefold()
    for unit in units:
        legal = unit if unit.parent is None else parent_of(unit.parent)
        if legal is None:
            continue  # a sub-unit whose parent is not in the register: nothing to link
        organisation = found.setdefault(legal.org_number, _Organisation(legal))
        if unit.municipality:
            organisation.municipalities.add(unit.municipality.casefold())
        if unit.parent is not None:
            organisation.branch = organisation.branch or unit
            organisation.methods.add(method or "branch")
        elif method:
            organisation.methods.add(method)
        else:
            organisation.methods.add("exact" if unit.name.casefold() == written else "normalised")
    return found


def _choose(
    choices: list[_Organisation], places: Iterable[str], industry: str | None
) -> RegisterLink:
    if len(choices) > 1 and any(not c.unit.deleted for c in choices):
        choices = [c for c in choices if not c.unit.deleted]  # the living one is meant
    if len(choices) == 1:
        return _link(choices[0])
    wanted_places = places_as_municipalities(places)
    in_place = [c for c in choices if c.municipalities & wanted_places]
    if len(in_place) == 1:
        return _link(in_place[0], tie_break="place")
    narrowed = in_place or choices
    in_industry = [c for c in narrowed if industry_matches(industry, c.unit)]
    if len(in_industry) == 1:
        return _link(in_industry[0], tie_break="industry")
    return _ambiguous(narrowed, f"{len(narrowed)} registered organisations have this name")


def _link(
    organisation: _Organisation,
    method: str | None = None,
    score: float | None = None,
    tie_break: str | None = None,
) -> RegisterLink:
    method = method or _best_method(organisation.methods)
    score = SCORES.get(method, 0.8) if score is None else score
    if tie_break:
        score *= TIE_BREAK_FACTOR[tie_break]
    branch = organisation.branch
    return linked(
        organisation.unit,
        method,
        score,
        tie_break=tie_break,
        branch_org_number=branch.org_number if branch is not None and method == "branch" else None,
    )


def _best_method(methods: set[str]) -> str:
    return max(methods, key=lambda m: SCORES.get(m, 0.0))


def _ambiguous(choices: list[_Organisation], reason: str) -> RegisterLink:
    ranked = sorted(choices, key=lambda c: (-_score(c), c.unit.name, c.unit.org_number))
    candidates = tuple(
        RegisterCandidate(
            org_number=c.unit.org_number,
            name=c.unit.name,
            municipality=c.unit.municipality,
            score=round(_score(c), 3),
        )
        for c in ranked[:MAX_CANDIDATES]
    )
    return not_linked("ambiguous", reason, candidates=candidates)


def _score(organisation: _Organisation) -> float:
    """How well the text's name fits: by method, and a short form by its share of the name."""
    method = _best_method(organisation.methods)
    return SCORES.get(method, 0.6 + 0.3 * organisation.share)


def _legal_number(unit: Unit) -> str:
    return unit.parent or unit.org_number


@lru_cache(maxsize=4096)
def _municipality_of(place: str) -> str | None:
    from pipeline.geography import lookup_place  # the project's own place facts

    try:
        facts = lookup_place(place)
    except (OSError, RuntimeError, ValueError):
        return None  # place facts unavailable: the place is compared as written
    return facts.municipality if facts is not None else None
