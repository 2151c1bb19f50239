"""Where a real-page set's run loses its links: organisations' goals and people's employers.

    python benchmarks/blind_losses.py GOLD.json PROFILES_DIR [GOLD.json PROFILES_DIR ...]

``score_pages.py`` (``../shared/tools``, read by path) says how many links a run gets
right; this says why the others are lost, with the scorer's own matching, so the next
piece of work goes where the losses are:

- an organisation's goal: right; its organisation not named in the profile at all; the
  goal not read in the text; both found but not linked;
- a person's organisation: right; the person not found; a party (the profile gives it as
  ``party``); the organisation not found; another organisation given; found, not linked.

Each pair is a gold file in ``score_pages.py``'s format and the folder of profiles of
``pipeline run TEXTS --out PROFILES_DIR``. Prints one count per reason, summed over the
pairs. Exits 0 with a message when ``../shared`` is absent (a user's machine).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score_pages.py"

GOAL_REASONS = (
    "right",
    "organisation not named in the profile",
    "goal not read in the text",
    "both found, not linked",
)
EMPLOYER_REASONS = (
    "right",
    "person not found",
    "a party (the profile's party field)",
    "organisation not named in the profile",
    "another organisation given",
    "organisation found, not linked",
)


def load_scorer(path: Path = SCORER):
    """The shared scorer as a module: its matching decides what counts as the same name."""
    spec = importlib.util.spec_from_file_location("score_pages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def profiles_by_page(folder: Path) -> dict[str, dict]:
    """Each profile of the folder by its page's key (the source file's name without .txt)."""
    found = {}
    for path in folder.glob("*.json"):
        profile = json.loads(path.read_text(encoding="utf-8"))
        source = (profile.get("article") or {}).get("source")
        if source:
            found[Path(source).stem] = profile
    return found


def goal_losses(scorer, page: dict, profile: dict) -> Counter:
    reasons: Counter = Counter()
    read = {g["number"] for g in profile["sdgs"] if g["method"] == "explicit"}
    for name, goals in page.get("company_sdgs", {}).items():
        org = next((o for o in profile["organisations"] if scorer.gold_org_match(name, o)), None)
        linked = {g["number"] for g in (org or {}).get("sdgs", []) if g["method"] == "explicit"}
        for goal in goals:
            if goal in linked:
                reasons["right"] += 1
            elif org is None:
                reasons["organisation not named in the profile"] += 1
            elif goal not in read:
                reasons["goal not read in the text"] += 1
            else:
                reasons["both found, not linked"] += 1
    return reasons


def employer_losses(scorer, page: dict, profile: dict) -> Counter:
    reasons: Counter = Counter()
    named = page.get("companies", []) + page.get("public_bodies", []) + page.get("other_orgs", [])
    for name, value in page.get("people", {}).items():
        _title, employer = scorer.parse_person(value, named)
        if not employer:
            continue
        person = next((p for p in profile["people"] if scorer.person_match(name, p["name"])), None)
        given = (person or {}).get("organisation")
        if person is None:
            reasons["person not found"] += 1
        elif scorer.org_attr_ok(employer, given, named):
            reasons["right"] += 1
        elif person.get("party") and scorer.norm(person["party"]) == scorer.norm(employer):
            reasons["a party (the profile's party field)"] += 1
        elif not any(scorer.gold_org_match(employer, o) for o in profile["organisations"]):
            reasons["organisation not named in the profile"] += 1
        elif given:
            reasons["another organisation given"] += 1
        else:
            reasons["organisation found, not linked"] += 1
    return reasons


def losses(scorer, gold: dict, profiles: dict[str, dict]) -> tuple[Counter, Counter]:
    goals, employers = Counter(), Counter()
    for page in gold["pages"]:
        scorer.ALIASES.update(page.get("aliases", {}))
        profile = profiles.get(page["n"])
        if profile is None:
            continue
        goals += goal_losses(scorer, page, profile)
        employers += employer_losses(scorer, page, profile)
    return goals, employers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", help="GOLD.json PROFILES_DIR, one pair or more")
    args = parser.parse_args(argv)
    if len(args.pairs) % 2:
        parser.error("give each gold file with its folder of profiles")
    if not SCORER.exists():
        print(f"skipped: {SCORER} is absent (the scorer is read by path from ../shared)")
        return 0
    scorer = load_scorer()
    scorer.ALIASES = getattr(scorer, "ALIASES", {})
    goals, employers = Counter(), Counter()
    for gold_path, folder in zip(args.pairs[::2], args.pairs[1::2], strict=True):
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        more_goals, more_employers = losses(scorer, gold, profiles_by_page(Path(folder)))
        goals += more_goals
        employers += more_employers
    for title, counts, reasons in (
        ("organisations' goals", goals, GOAL_REASONS),
        ("people's organisations", employers, EMPLOYER_REASONS),
    ):
        print(f"{title}: {sum(counts.values())}")
        for reason in reasons:
            print(f"  {counts[reason]:5d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
