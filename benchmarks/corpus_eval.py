"""Score the pipeline against the corpus's hand-checked expectations, field by field.

    python benchmarks/corpus_eval.py [--corpus DIR] [--model blank:nb] [--diff]

DIR holds articles and DIR/expected/<stem>.json; the default is the bundled corpus/.
benchmarks/data/heldout/ is a second set, written by someone who had not seen the rules:
the honest measure of how the rules generalise.

Prints precision / recall / F1 over (article, value) pairs for companies, company places,
explicit company SDGs, industries, people (with title and organisation, stated or guessed;
people_stated: stated only), public bodies and
article places, and with --diff every missing (-) and extra (+) value.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from pipeline.fetch import read_input
from pipeline.nlp import describe, load_pipeline
from pipeline.run import parse_raw, profile_article

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def gold_and_found(profile, expected) -> dict[str, tuple[set, set]]:
    companies = {o.name: o for o in profile.organisations if o.kind == "company"}
    gold_companies = {c["name"]: c for c in expected["companies"]}
    pairs = {
        "companies": (set(gold_companies), set(companies)),
        "company_places": (
            {(c, p) for c, g in gold_companies.items() for p in g["places"]},
            {(c, p.name) for c, o in companies.items() for p in o.places},
        ),
        "company_sdgs": (
            {(c, n) for c, g in gold_companies.items() for n in g["sdgs"]},
            {(c, s.number) for c, o in companies.items() for s in o.sdgs if s.method == "explicit"},
        ),
        "industries": (
            {(c, g["industry"]) for c, g in gold_companies.items() if g["industry"]},
            {
                (c, o.industry)
                for c, o in companies.items()
                if o.industry and gold_companies.get(c, {}).get("industry")
            },
        ),
        # The expected files give the employer a reader infers ("Borgvarme Energi AS ...
        # Administrerende direktør Morten Skjolden sier at selskapet ..."), so "people" takes
        # the guess where nothing is stated; "people_stated" holds the profile to what it states.
        "people": (
            {(p["name"], p["title"], p["organisation"], p["quotes"]) for p in expected["people"]},
            {
                (p.name, p.title, p.organisation or p.organisation_guess, len(p.quotes))
                for p in profile.people
            },
        ),
        "people_stated": (
            {(p["name"], p["title"], p["organisation"], p["quotes"]) for p in expected["people"]},
            {(p.name, p.title, p.organisation, len(p.quotes)) for p in profile.people},
        ),
        "public_bodies": (
            set(expected["public_bodies"]),
            {o.name for o in profile.organisations if o.kind == "public_body"},
        ),
        "places": (
            {(p["name"], p["municipality"], p["county"]) for p in expected["places"]},
            {
                (p.name, p.municipality, p.county)
                for p in profile.places
                if p.kind in ("municipality", "locality")
            },
        ),
        "article_sdgs": (
            set(expected["article_sdgs"]),
            {
                s.number
                for s in profile.sdgs
                if s.method == "explicit" and s.organisation not in companies
            },
        ),
    }
    return pairs


def score(corpus: Path, nlp, diff: bool = False) -> dict[str, tuple[float, float, float, int]]:
    """Field -> (precision, recall, F1, gold count) over the articles of a corpus folder."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, gold, found
    articles = corpus / "articles" if (corpus / "articles").is_dir() else corpus
    for path in sorted(p for p in articles.iterdir() if p.suffix in (".txt", ".html")):
        expected = json.loads((corpus / "expected" / f"{path.stem}.json").read_text("utf-8"))
        article = parse_raw(read_input(str(path)))
        profile = profile_article(article, nlp)
        for field, (gold, found) in gold_and_found(profile, expected).items():
            t = totals[field]
            t[0] += len(gold & found)
            t[1] += len(gold)
            t[2] += len(found)
            if diff and gold != found:
                missing, extra = sorted(gold - found, key=str), sorted(found - gold, key=str)
                print(f"{path.stem} {field}: -{missing} +{extra}")
    figures = {}
    for field, (tp, gold, found) in totals.items():
        p = tp / found if found else 1.0
        r = tp / gold if gold else 1.0
        figures[field] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, gold)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--diff", action="store_true")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    nlp = load_pipeline(args.model)
    figures = score(args.corpus, nlp, args.diff)
    print(f"model: {describe(nlp)}; corpus: {args.corpus}")
    print(f"{'field':16} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for field, (p, r, f, gold) in figures.items():
        print(f"{field:16} {p:6.3f} {r:6.3f} {f:6.3f} {gold:5d}")


if __name__ == "__main__":
    main()
