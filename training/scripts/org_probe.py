"""A small probe of company names in made-up news sentences (issue 17).

Each template is filled with company names; the probe counts how often the model tags
the name exactly as ORG, and what it reads it as otherwise. Two sets of names: some that
``assets_src/company_names.txt`` lists (the augmenter has trained on them) and some
real Norwegian companies it does not list (held out), so the second set shows whether
the augmentation generalises beyond memorising the list. The sentences are written for
this probe; no corpus text.

Usage: python scripts/org_probe.py MODEL [MODEL ...]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import gazetteer  # noqa: E402,F401  (model-best names its callback)

TEMPLATES = [
    "{} har sagt opp 40 ansatte ved anlegget i Florø.",
    "Aksjen til {} steg 4 prosent på Oslo Børs tirsdag.",
    "Konsernsjef Kari Nordmann i {} sier at resultatet var svakere enn ventet.",
    "– Vi har ingen planer om å flytte hovedkontoret, sier kommunikasjonssjef Ola Hansen i {}.",
    "{} kjøper konkurrenten for 1,2 milliarder kroner.",
    "Kommunen har inngått en ny avtale med {} om levering av strøm.",
    "I fjor fikk {} et overskudd på 300 millioner kroner.",
    "Det var {} som vant anbudet, ifølge Sunnmørsposten.",
]
IN_LIST = ["Equinor", "Salmar", "Sognekraft", "Brunvoll", "Maritech", "Hennig-Olsen Is",
           "Mowi", "Kongsberg Gruppen", "Tine", "Nortura"]  # fmt: skip
HELD_OUT = ["Salmon Evolution", "Andfjord Salmon", "Gigante Salmon", "Nekkar", "Bewi",
            "Arribatec", "Smartcraft", "Elmera", "Helgeland Sparebank", "Norsk Kylling"]  # fmt: skip


def probe(nlp, names: list[str]) -> tuple[float, Counter]:
    texts, spans = [], []
    for template in TEMPLATES:
        for name in names:
            text = template.format(name)
            start = text.index(name)
            texts.append(text)
            spans.append((start, start + len(name)))
    hits, confusions = 0, Counter()
    for doc, (start, end) in zip(nlp.pipe(texts), spans, strict=True):
        labels = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
        label = labels.get((start, end))
        if label == "ORG":
            hits += 1
        else:
            confusions[label or "(no exact span)"] += 1
    return hits / len(texts), confusions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", nargs="+")
    args = parser.parse_args()
    import spacy

    for model in args.models:
        nlp = spacy.load(model)
        for title, names in (("listed", IN_LIST), ("held out", HELD_OUT)):
            share, confusions = probe(nlp, names)
            n = len(TEMPLATES) * len(names)
            print(
                f"{model}  {title:8s} ORG exact {share:.3f} of {n}  otherwise: {dict(confusions.most_common())}"
            )
        doc = nlp(
            "Sognekraft og Salmar investerer i Sogndal, sier direktør Kari Nordmann i Equinor."
        )
        print("   ", [(e.text, e.label_) for e in doc.ents])


if __name__ == "__main__":
    main()
