"""Precision and recall of register matching on name variants, against an invented register.

    python benchmarks/registry_matching.py [--background 50000] [--show-errors]

Builds an offline index from an invented register: a background of random organisations
plus target organisations, decoys that share a target's first word, same-named pairs in two
municipalities and branches (sub-units). Then looks up name variants as a news text writes
them (suffixes, case, "og"/"&", short forms, branches, a place or an industry given) and
names not in the register, each with the organisation number it should link to, or none
where no reader could tell which one is meant. Prints P (correct links / links made) and R
(correct links / linkable names) overall and per kind of variant. The issue's bar: P >= 0.98
and R >= 0.90.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pipeline.registry import import_register, open_registry
from pipeline.registry.synthetic import (
    MUNICIPALITIES,
    entity,
    org_numbers,
    random_entities,
    sub_unit,
    write_bulk_file,
)

# Name parts the background never uses, so which targets are unique is known.
TARGET_HEADS = "Alv Brage Dugg Frost Gyro Hegg Ild Juv Kjerr Mjølk Nøkk Olde Pil Ravn Sild Tjern Ulv Ørn".split()
TARGET_TAILS = "stø ro glimt stig skjær".split()
INDUSTRIES = [
    ("energi", "Energi"),
    ("transport", "Transport"),
    ("data", "Data"),
    ("sjømat", "Sjømat"),
]
FORMS = ["AS", "ASA", "AS", "SA"]
PLACE_OF = {"BÆRUM": "Fornebu", "OSLO": "Oslo", "BERGEN": "Bergen", "TRONDHEIM": "Trondheim"}


@dataclass(frozen=True)
class Case:
    text: str
    kind: str
    gold: str | None  # the organisation number meant, or None when no one can tell
    places: tuple[str, ...] = ()
    industry: str | None = None


def build(folder: Path, background: int) -> tuple[Path, list[Case]]:
    numbers = org_numbers(92_000_000)
    records, branches, cases = [], [], []
    words = [h + t for h, t in itertools.product(TARGET_HEADS, TARGET_TAILS)]
    targets, homonyms, decoys, negatives = words[:50], words[50:66], words[66:76], words[76:84]
    same_town = words[84:90]
    for i, word in enumerate(targets):
        industry, industry_word = INDUSTRIES[i % len(INDUSTRIES)]
        form = FORMS[i % len(FORMS)]
        middle = "Bygg og Anlegg" if i % 5 == 0 else industry_word
        name = f"{word} {middle} {form}".upper()
        town = MUNICIPALITIES[i % len(MUNICIPALITIES)]
        number = next(numbers)
        records.append(entity(number, name, form=form, municipality=town, industry=industry))
        cases += _variants(word, middle, form, number, town)
        if i % 3 == 0:
            branch_town = MUNICIPALITIES[(i + 5) % len(MUNICIPALITIES)]
            branches.append(
                sub_unit(next(numbers), f"{name} AVD {branch_town[0]}", number, branch_town)
            )
            cases.append(Case(f"{word} {middle} avd. {branch_town[0].title()}", "branch", number))
    for word in decoys:
        # two organisations start with the same word: the word alone names neither
        first, second = next(numbers), next(numbers)
        records.append(entity(first, f"{word.upper()} ENERGI AS", industry="energi"))
        records.append(entity(second, f"{word.upper()} DATA AS", industry="data"))
        cases.append(Case(word, "short form, two candidates", None))
        cases.append(Case(f"{word} Energi", "suffix", first))
    towns = list(PLACE_OF)
    for i, word in enumerate(homonyms):
        a_town, b_town = towns[i % 4], towns[(i + 1) % 4]
        name = f"{word.upper()} TRANSPORT AS"
        a, b = next(numbers), next(numbers)
        records.append(entity(a, name, municipality=_town(a_town), industry="transport"))
        records.append(entity(b, name, municipality=_town(b_town), industry="transport"))
        text = f"{word} Transport"
        cases.append(Case(text, "same name, no place", None))
        cases.append(Case(text, "same name, place", a, places=(PLACE_OF[a_town],)))
        cases.append(Case(text, "same name, place", b, places=(PLACE_OF[b_town],)))
    for word in same_town:
        # one name, one town, two industries: the profile's industry tells them apart
        name = f"{word.upper()} AS"
        energy, fish = next(numbers), next(numbers)
        records.append(entity(energy, name, municipality=_town("BERGEN"), industry="energi"))
        records.append(entity(fish, name, municipality=_town("BERGEN"), industry="sjømat"))
        cases.append(Case(word, "same name and town, no industry", None, places=("Bergen",)))
        cases.append(Case(word, "same name and town, industry", energy, ("Bergen",), "energi"))
        cases.append(Case(word, "same name and town, industry", fish, ("Bergen",), "sjømat"))
    for word in negatives:
        cases.append(Case(f"{word} Media", "not registered", None))
        cases.append(Case(f"{word} Energi", "not registered", None))
    entities_file = folder / "enheter.json.gz"
    background_records = random_entities(background, seed=11)
    write_bulk_file(entities_file, itertools.chain(records, background_records))
    sub_units_file = folder / "underenheter.json.gz"
    write_bulk_file(sub_units_file, branches)
    db = folder / "register.db"
    import_register(entities_file, db, sub_units=sub_units_file)
    return db, cases


def _variants(word: str, middle: str, form: str, number: str, town) -> list[Case]:
    name = f"{word} {middle}"
    variants = [
        Case(f"{name} {form}".upper(), "registered name", number),
        Case(name, "suffix", number),
        Case(
            f"{name.lower()} {'a/s' if form == 'AS' else form.lower()}", "case and suffix", number
        ),
        Case(f"{word.upper()} {middle}", "case", number),
        Case(name, "with its place", number, places=(town[0].title(),)),
        Case(word, "short form", number),  # unique: a reader can tell, though we may not link
    ]
    if " og " in name:
        variants.append(Case(name.replace(" og ", " & ") + f" {form}", "og/&", number))
    return variants


def _town(name: str) -> tuple[str, str]:
    return next(m for m in MUNICIPALITIES if m[0] == name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--background", type=int, default=50_000)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, cases = build(Path(tmp), args.background)
        with open_registry(db) as registry:
            started = time.perf_counter()
            results = [
                (case, registry.link(case.text, case.places, case.industry)) for case in cases
            ]
            seconds = time.perf_counter() - started
    print(f"{len(cases)} look-ups in {seconds:.2f} s ({len(cases) / seconds:,.0f} a second)")
    return report(results, args.show_errors)


def report(results, show_errors: bool) -> int:
    per_kind: dict[str, list[int]] = defaultdict(
        lambda: [0, 0, 0, 0]
    )  # cases, links, right, linkable
    for case, link in results:
        row = per_kind[case.kind]
        row[0] += 1
        row[3] += case.gold is not None
        if link.status_of_lookup == "linked":
            row[1] += 1
            row[2] += link.org_number == case.gold
        wrong = link.status_of_lookup == "linked" and link.org_number != case.gold
        missed = case.gold is not None and link.org_number != case.gold
        if show_errors and (wrong or missed):
            print(
                f"  {'WRONG' if wrong else 'missed'}: {case} -> {link.status_of_lookup} {link.reason or link.name}"
            )
    print(f"{'variant':32} {'names':>5} {'linked':>6} {'right':>5} {'linkable':>8}")
    for kind, (n, links, right, linkable) in sorted(per_kind.items()):
        print(f"{kind:32} {n:5d} {links:6d} {right:5d} {linkable:8d}")
    n, links, right, linkable = (sum(r[i] for r in per_kind.values()) for i in range(4))
    precision = right / links if links else 1.0
    recall = right / linkable if linkable else 1.0
    print(f"\n{n} names, {linkable} linkable, {links} linked, {right} right")
    print(f"P = {precision:.3f}  R = {recall:.3f}  (bar: P >= 0.98, R >= 0.90)")
    return 0 if precision >= 0.98 and recall >= 0.90 else 1


if __name__ == "__main__":
    sys.exit(main())
