"""Organisation candidates from fact boxes (rules ``fact_box``: "Bedrift: X" followed by
"Bransje: Y" and "Sted: A" lines; ``fact_line``: a box flattened into one block, "X AS
Bransje: bakeri Sted: Lillestrøm"). The blocks are the article's, as the Doc carries them
(``Doc._.blocks``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice

from models import Block
from pipeline.geography import lookup_place_in
from pipeline.organisations.names import TAIL, OrgDraft, skip_name
from pipeline.organisations.places import split_places
from pipeline.rules import RuleSet, per_rule_set
from pipeline.text import NAME, alternation


def _fact_key(keys: tuple[str, ...]) -> re.Pattern[str]:
    return _compiled_key(keys)


@lru_cache(maxsize=8)
def _compiled_key(keys: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{alternation(keys)})\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)


def fact_box_companies(
    text: str, blocks: list[Block], rules: RuleSet
) -> list[tuple[str, OrgDraft]]:
    """Fact boxes: "Bedrift: X" followed by "Bransje: Y", "Sted: A, B kommune" lines."""
    r = rules.org
    name_key, industry_key, place_key = (
        _fact_key(tuple(r["fact_box_name_keys"])),
        _fact_key(tuple(r["fact_box_industry_keys"])),
        _fact_key(tuple(r["fact_box_place_keys"])),
    )
    found: list[tuple[str, OrgDraft]] = []
    current: OrgDraft | None = None
    for index, block in enumerate(blocks):
        if (one_line := _fact_line(block.text, block.start, rules)) is not None:
            # "X AS Bransje: bakeri Sted: Lillestrøm Bærekraftsmål: 2"
            found.append(("fact_line", one_line))
            current = None
            continue
        named = name_key.match(block.text)
        under = ((b.text, b.start) for b in islice(blocks, index + 1, None))
        if named and (person := persons_box(under, rules)):
            # "Navn: Kari Lie" / "Stilling: ..." / "Arbeidsgiver: X": a person's box; the
            # employer is an organisation however the model read it
            current = None
            if "employer" in person and re.fullmatch(NAME, person["employer"][1]):
                at, name = person["employer"]
                found.append(("fact_box_employer", OrgDraft(name, TAIL, at, "company")))
        elif named and re.fullmatch(rf"{NAME}(?:\s+og\s+{NAME})?", named.group("value")):
            value, at = named.group("value"), block.start + named.start("value")
            current = OrgDraft(value, TAIL, at, "company")
            found.append(("fact_box", current))
        elif current is not None and (m := industry_key.match(block.text)):
            value = m.group("value").strip().rstrip(".")
            current.industry = value.lower() if len(value.split()) <= 3 else None
            start = block.start + m.start("value")
            current.industry_span = (start, start + len(value)) if current.industry else None
        elif current is not None and (m := place_key.match(block.text)):
            base = block.start + m.start("value")
            value = re.sub(
                r"\s+(?:kommune|kommunе)\b", lambda g: " " * len(g.group(0)), m.group("value")
            )
            for place, p_start, p_end, _ in split_places(value.replace(" i ", " , "), base, True):
                if lookup_place_in(text, place, rules):
                    current.described_places.append((place, p_start, p_end))
        elif ":" not in block.text[:30]:
            current = None  # the box ended
    return found


def persons_box(lines: Iterable[tuple[str, int]], rules: RuleSet) -> dict[str, tuple[int, str]]:
    """The facts a person's box gives in ``lines`` ((text, where it starts) each), the lines
    under its "Navn:" line, up to the first that is no "Key: value" line: {"title" or
    "employer": (where the value starts, the value)}. Empty when the box has neither key (a
    company's box)."""
    keys = {
        "title": _fact_key(tuple(rules.org["fact_box_title_keys"])),
        "employer": _fact_key(tuple(rules.org["fact_box_employer_keys"])),
    }
    facts: dict[str, tuple[int, str]] = {}
    for line, start in lines:
        if not line.strip():
            continue  # a blank line between the box's lines
        if ":" not in line[:30]:
            break
        for fact, key in keys.items():
            if (m := key.match(line)) is not None:
                facts.setdefault(fact, (start + m.start("value"), m.group("value").strip()))
    return facts


@per_rule_set
def _fact_line_patterns(rules: RuleSet) -> tuple[re.Pattern[str], re.Pattern[str]]:
    r = rules.org
    keys = (
        r["fact_box_industry_keys"]
        + r["fact_box_place_keys"]
        + [
            "Bærekraftsmål",
            "Berekraftsmål",
            "FN-mål",
            "Ansatte",
            "Tilsette",
            "Omsetning",
            "Etablert",
            "Nettside",
        ]
    )
    head = re.compile(rf"^(?P<name>{NAME}(?:\s+og\s+{NAME})?)\s+(?=(?:{alternation(keys)})\s*:)")
    field = re.compile(
        rf"(?P<key>{alternation(keys)})\s*:\s*(?P<value>.*?)(?=\s+(?:{alternation(keys)})\s*:|$)",
        re.S,
    )
    return head, field


def _fact_line(text: str, offset: int, rules: RuleSet) -> OrgDraft | None:
    """A fact box flattened into one block: the name, then "Key: value" pairs."""
    head, field = _fact_line_patterns(rules)
    m = head.match(text)
    if not m or skip_name(m.group("name"), rules):
        return None
    draft = OrgDraft(m.group("name"), TAIL, offset, "company")
    industry_keys = {k.lower() for k in rules.org["fact_box_industry_keys"]}
    place_keys = {k.lower() for k in rules.org["fact_box_place_keys"]}
    for f in field.finditer(text, m.end()):
        key, value, start = (
            f.group("key").lower(),
            f.group("value").strip(),
            offset + f.start("value"),
        )
        if key in industry_keys and 0 < len(value.split()) <= 3:
            draft.industry, draft.industry_span = value.lower(), (start, start + len(value))
        elif key in place_keys:
            cleaned = re.sub(r"\s+kommune\b", lambda g: " " * len(g.group(0)), value)
            for place, p_start, p_end, _ in split_places(
                cleaned.replace(" i ", " , "), start, True
            ):
                if lookup_place_in(text, place, rules):
                    draft.described_places.append((place, p_start, p_end))
    return draft
